import type { AuditEntry, Vendor } from '../../../db/contract';
import { formatDateTime } from '../../format';
import { useApiQuery } from '../../useApiQuery';

const ENTITY_LABELS: Record<string, string> = {
  vendor: 'Vendor',
  holding: 'Data holding',
  service_vendor: 'Service link',
  dependency: 'Fourth-party link',
  contract: 'Contract',
  incident: 'Incident',
  review: 'Review',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString();
  return String(value);
}

/** "weWereTold" → "We were told". */
function fieldLabel(field: string): string {
  const words = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The fields that differ between two audited images (all fields for a creation or deletion). */
function changes(entry: AuditEntry): { field: string; before: unknown; after: unknown }[] {
  const fields = new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]);
  return [...fields]
    .filter((f) => JSON.stringify(entry.before?.[f] ?? null) !== JSON.stringify(entry.after?.[f] ?? null))
    .map((field) => ({ field, before: entry.before?.[field], after: entry.after?.[field] }));
}

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
              <strong>
                {ENTITY_LABELS[entry.entity] ?? entry.entity} {entry.action === 'create' ? 'added' : entry.action === 'delete' ? 'deleted' : 'changed'}
              </strong>
              <span className="muted small">
                {formatDateTime(entry.at)} · {entry.actor}
              </span>
            </p>
            <table className="history__changes">
              <tbody>
                {changes(entry).map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{fieldLabel(c.field)}</th>
                    <td className="history__before">{entry.action === 'create' ? '' : show(c.before)}</td>
                    <td className="history__arrow">{entry.action === 'update' ? '→' : ''}</td>
                    <td className="history__after">{entry.action === 'delete' ? '' : show(c.after)}</td>
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
