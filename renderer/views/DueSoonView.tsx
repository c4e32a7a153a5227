import type { DueItem } from '../../db/contract';
import { formatDate } from '../format';
import { useApp } from '../store';
import { useApiQuery } from '../useApiQuery';
import { ExportMenu } from '../components/ExportMenu';

const GROUPS: [string, (d: DueItem) => boolean][] = [
  ['Overdue', (d) => d.daysLeft < 0],
  ['Next 30 days', (d) => d.daysLeft >= 0 && d.daysLeft <= 30],
  ['31 to 90 days', (d) => d.daysLeft > 30],
];

export function DueSoonView() {
  const openVendor = useApp((s) => s.openVendor);
  const due = useApiQuery('due', (api) => api.register.dueSoon({ withinDays: 90 }));
  return (
    <section className="page page--narrow">
      <header className="page__header">
        <div>
          <h2>Due soon</h2>
          <p className="muted">Contract notice deadlines (end date − notice period) and vendor reviews in the next 90 days, overdue first.</p>
        </div>
        <ExportMenu table="dueSoon" />
      </header>
      {due.data?.length === 0 && (
        <div className="empty-state">
          <p className="empty-state__title">Nothing due in the next 90 days</p>
          <p>Record contracts with their notice periods, and review dates on vendors, to see them here.</p>
        </div>
      )}
      {GROUPS.map(([title, test]) => {
        const items = (due.data ?? []).filter(test);
        if (items.length === 0) return null;
        return (
          <div key={title} className="card">
            <h3>
              {title} <span className="muted">({items.length})</span>
            </h3>
            <ul className="due-list">
              {items.map((item) => (
                <li key={`${item.kind}:${item.vendorId}:${item.date}:${item.detail}`}>
                  <span className={`due-list__date${item.daysLeft < 0 ? ' text-danger' : ''}`}>{formatDate(item.date)}</span>
                  <button type="button" className="link-button" onClick={() => openVendor(item.vendorId)}>
                    {item.vendorName}
                  </button>
                  <span className="muted">{item.detail}</span>
                  <span className={`due-list__days${item.daysLeft < 0 ? ' text-danger' : ''}`}>
                    {item.daysLeft < 0 ? `${-item.daysLeft} days overdue` : item.daysLeft === 0 ? 'today' : `in ${item.daysLeft} days`}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
