import type { AuditEntry } from '../../db/contract';
import { formatDateTime } from '../format';

/** Audit entries in words: a summary, when and by whom, and each field that changed with its before and after. */
export function HistoryList({ entries }: { entries: AuditEntry[] }) {
  return (
    <ol className="history" aria-label="Change history">
      {entries.map((entry) => (
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
  );
}
