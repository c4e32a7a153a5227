import { useState } from 'react';
import type { DueItem } from '../../db/contract';
import { formatDate } from '../format';
import { useApp } from '../store';
import { useApiQuery } from '../useApiQuery';
import { ExportMenu } from '../components/ExportMenu';
import { ListPager } from '../components/ListPager';

const days = (n: number) => `${n.toLocaleString('en')} day${n === 1 ? '' : 's'}`;

/** Items a group shows at once: a register of 100,000 vendors has tens of thousands of dates in 90 days. */
const DUE_PAGE = 100;

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
      {due.loading && <p className="muted">Reading what is due…</p>}
      {GROUPS.map(([title, test]) => {
        const items = (due.data ?? []).filter(test);
        return items.length === 0 ? null : <DueGroup key={title} title={title} items={items} onOpen={openVendor} />;
      })}
    </section>
  );
}

/** One group of due items, a page at a time. */
function DueGroup({ title, items, onOpen }: { title: string; items: DueItem[]; onOpen(vendorId: number): void }) {
  const [page, setPage] = useState({ offset: 0, search: '' });
  const offset = page.offset < items.length ? page.offset : 0;
  return (
    <div className="card">
      <h3>
        {title} <span className="muted">({items.length.toLocaleString('en')})</span>
      </h3>
      <ul className="due-list">
        {items.slice(offset, offset + DUE_PAGE).map((item) => (
          <li key={`${item.kind}:${item.vendorId}:${item.date}:${item.detail}`}>
            <span className={`due-list__date${item.daysLeft < 0 ? ' text-danger' : ''}`}>{formatDate(item.date)}</span>
            <button type="button" className="link-button" onClick={() => onOpen(item.vendorId)}>
              {item.vendorName}
            </button>
            <span className="muted">{item.detail}</span>
            <span className={`due-list__days${item.daysLeft < 0 ? ' text-danger' : ''}`}>
              {item.daysLeft < 0 ? `${days(-item.daysLeft)} overdue` : item.daysLeft === 0 ? 'today' : `in ${days(item.daysLeft)}`}
            </span>
          </li>
        ))}
      </ul>
      <ListPager label={title.toLowerCase()} page={{ ...page, offset }} pageSize={DUE_PAGE} total={items.length} onPage={setPage} />
    </div>
  );
}
