import type { Vendor } from '../../../db/contract';
import { formatDateTime } from '../../format';
import { useApiQuery } from '../../useApiQuery';

/** Every change touching this vendor, in words: names instead of ids, labels instead of codes. */
export function HistoryTab({ vendor }: { vendor: Vendor }) {
  const history = useApiQuery(`history:${vendor.id}:${vendor.version}`, (api) => api.audit.list({ vendorId: vendor.id, limit: 200 }));
  return (
    <div className="card">
      <h3>History</h3>
      {history.data?.length === 0 && <p className="muted">No changes recorded.</p>}
      <ol className="history" aria-label="Change history">
        {history.data?.map((entry) => (
          <li key={entry.id} className="history__entry">
            <p className="history__title">
              <strong>{entry.summary}</strong>
              <span className="muted small">
                {formatDateTime(entry.at)} · {entry.actor}
              </span>
            </p>
            <table className="history__changes">
              <tbody>
                {entry.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{c.label}</th>
                    <td className="history__before">{entry.action === 'create' ? '' : (c.before ?? '—')}</td>
                    <td className="history__arrow">{entry.action === 'update' ? '→' : ''}</td>
                    <td className="history__after">{entry.action === 'delete' ? '' : (c.after ?? '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
    </div>
  );
}
