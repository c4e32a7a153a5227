import { useMemo, useState } from 'react';
import { INCIDENT_KINDS, INCIDENT_STATUSES } from '../../db/shared/vocabulary';
import type { Incident } from '../../db/contract';
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS } from '../../db/shared/labels';
import { Icon } from '../components/Icon';
import { IncidentEditor } from '../components/IncidentEditor';
import { IncidentTable } from '../components/IncidentTable';
import { useApiQuery } from '../useApiQuery';
import { ExportMenu } from '../components/ExportMenu';
import { INCIDENT_ORDERS, incidentList, type IncidentCriteria, type IncidentOrder } from './incident-list';

const ALL: IncidentCriteria = { search: '', vendor: '', kind: '', status: '', year: '', order: 'newest' };

export function IncidentsView() {
  const [criteria, setCriteria] = useState<IncidentCriteria>(ALL);
  const set = (change: Partial<IncidentCriteria>) => setCriteria((c) => ({ ...c, ...change }));
  const [editing, setEditing] = useState<Incident | 'new' | null>(null);
  const all = useApiQuery('incidents:all', (api) => api.incidents.list({}));

  const years = useMemo(() => [...new Set((all.data ?? []).map((i) => (i.occurredFrom ?? i.weWereTold ?? '').slice(0, 4)).filter(Boolean))].sort().reverse(), [all.data]);
  const vendors = useMemo(() => [...new Set((all.data ?? []).map((i) => i.vendorName))].sort(), [all.data]);
  const shown = useMemo(() => incidentList(all.data ?? [], criteria), [all.data, criteria]);
  const filtered = JSON.stringify(criteria) !== JSON.stringify({ ...ALL, order: criteria.order });
  const reload = all.reload;

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Incidents</h2>
          <p className="muted">
            Breaches and outages at vendors and fourth parties{all.data ? ` · ${shown.length === all.data.length ? `${all.data.length}` : `${shown.length} of ${all.data.length}`} shown` : ''}.
          </p>
        </div>
        <div className="page__actions">
          <ExportMenu table="incidents" />
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            <Icon name="plus" size={16} /> Log incident
          </button>
        </div>
      </header>
      <div className="toolbar" role="search">
        <label className="search">
          <Icon name="search" size={16} />
          <span className="visually-hidden">Search incidents</span>
          <input type="search" placeholder="Search title, vendor, data, regulator" value={criteria.search} onChange={(e) => set({ search: e.target.value })} />
        </label>
        <label className="select-inline">
          <span>Vendor</span>
          <select value={criteria.vendor} onChange={(e) => set({ vendor: e.target.value })}>
            <option value="">All</option>
            {vendors.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>Kind</span>
          <select value={criteria.kind} onChange={(e) => set({ kind: e.target.value as IncidentCriteria['kind'] })}>
            <option value="">All</option>
            {INCIDENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {INCIDENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>Status</span>
          <select value={criteria.status} onChange={(e) => set({ status: e.target.value as IncidentCriteria['status'] })}>
            <option value="">All</option>
            {INCIDENT_STATUSES.map((st) => (
              <option key={st} value={st}>
                {INCIDENT_STATUS_LABELS[st]}
              </option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>Year</span>
          <select value={criteria.year} onChange={(e) => set({ year: e.target.value })}>
            <option value="">All</option>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>Order</span>
          <select value={criteria.order} onChange={(e) => set({ order: e.target.value as IncidentOrder })}>
            {Object.entries(INCIDENT_ORDERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button type="button" className="button button--ghost" onClick={() => set({ ...ALL, order: criteria.order })}>
            Clear
          </button>
        )}
      </div>
      {all.error && <p className="form-error">{all.error}</p>}
      {all.data && shown.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{all.data?.length ? 'No incidents match' : 'No incidents recorded'}</p>
          <p>Log what has already gone wrong at vendors and their suppliers: it raises their likelihood in the risk score.</p>
        </div>
      ) : (
        <IncidentTable incidents={shown} showVendor onOpen={setEditing} />
      )}
      {editing && (
        <IncidentEditor
          incident={editing === 'new' ? null : editing}
          vendorId={null}
          vendorName={null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </section>
  );
}
