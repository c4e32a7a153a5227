import { DateInput } from '../components/DateInput';
import { useState } from 'react';
import type { HistoryFilter } from '../../db/contract';
import { ExportMenu } from '../components/ExportMenu';
import { HistoryList } from '../components/HistoryList';
import { useApiQuery } from '../useApiQuery';

const PAGE = 100;
const WHAT: [string, string][] = [
  ['', 'Everything'],
  ['vendor', 'Vendors'],
  ['holding', 'Data holdings'],
  ['service', 'Services'],
  ['service_vendor', 'Service links'],
  ['dependency', 'Fourth-party links'],
  ['contract', 'Contracts'],
  ['incident', 'Incidents'],
  ['review', 'Reviews'],
  ['data_category', 'Data categories'],
  ['scoring_settings', 'Scoring settings'],
];

/** The register's whole history, for an auditor: filtered by what, who and when, and exported as it is shown. */
export function HistoryView() {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [limit, setLimit] = useState(PAGE);
  const set = (change: Partial<HistoryFilter>) => {
    setFilter((f) => Object.fromEntries(Object.entries({ ...f, ...change }).filter(([, v]) => v)) as HistoryFilter);
    setLimit(PAGE);
  };
  const people = useApiQuery('history:people', (api) => api.audit.people({}));
  const history = useApiQuery(`history:${JSON.stringify(filter)}:${limit}`, (api) => api.audit.list({ ...filter, limit }));
  const entries = history.data ?? [];

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>History</h2>
          <p className="muted">Every change to the register: who changed what, when, with the values before and after.</p>
        </div>
        <div className="page__actions">
          <ExportMenu table="history" filter={filter} />
        </div>
      </header>
      <div className="toolbar" role="search">
        <label className="select-inline">
          <span>What</span>
          <select value={filter.entity ?? ''} onChange={(e) => set({ entity: e.target.value || undefined })}>
            {WHAT.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>Who</span>
          <select value={filter.actor ?? ''} onChange={(e) => set({ actor: e.target.value || undefined })}>
            <option value="">Everyone</option>
            {people.data?.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>From</span>
          <DateInput value={filter.from} onChange={(v) => set({ from: v ?? undefined })} aria-label="From" />
        </label>
        <label className="select-inline">
          <span>To</span>
          <DateInput value={filter.to} onChange={(v) => set({ to: v ?? undefined })} aria-label="To" />
        </label>
      </div>
      {history.error && <p className="form-error">{history.error}</p>}
      <div className="card">
        {history.data && entries.length === 0 && <p className="muted">No changes match.</p>}
        <HistoryList entries={entries} />
        {entries.length === limit && limit < 500 && (
          <button type="button" className="button" onClick={() => setLimit((l) => Math.min(500, l + PAGE))}>
            Show more
          </button>
        )}
        {entries.length === 500 && <p className="muted small">The 500 most recent changes that match are shown; the export holds them all.</p>}
      </div>
    </section>
  );
}
