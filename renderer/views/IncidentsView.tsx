import { useMemo, useState } from 'react';
import { INCIDENT_KINDS, type Incident, type IncidentKind } from '../../db/contract';
import { INCIDENT_KIND_LABELS } from '../../db/shared/labels';
import { Icon } from '../components/Icon';
import { IncidentEditor } from '../components/IncidentEditor';
import { IncidentTable } from '../components/IncidentTable';
import { useApiQuery } from '../useApiQuery';
import { ExportMenu } from '../components/ExportMenu';

export function IncidentsView() {
  const [kind, setKind] = useState<IncidentKind | ''>('');
  const [year, setYear] = useState('');
  const [vendorFilter, setVendorFilter] = useState('');
  const [editing, setEditing] = useState<Incident | 'new' | null>(null);
  const all = useApiQuery('incidents:all', (api) => api.incidents.list({}));
  const incidents = useApiQuery(`incidents:${kind}:${year}`, (api) => api.incidents.list({ kinds: kind ? [kind] : [], year: year ? Number(year) : undefined }));

  const years = useMemo(() => [...new Set((all.data ?? []).map((i) => (i.occurredFrom ?? i.weWereTold ?? '').slice(0, 4)).filter(Boolean))].sort().reverse(), [all.data]);
  const vendors = useMemo(() => [...new Set((all.data ?? []).map((i) => i.vendorName))].sort(), [all.data]);
  const shown = (incidents.data ?? []).filter((i) => !vendorFilter || i.vendorName === vendorFilter);

  const reload = () => {
    all.reload();
    incidents.reload();
  };

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Incidents</h2>
          <p className="muted">Breaches and outages at vendors and fourth parties, most recent first.</p>
        </div>
        <div className="page__actions">
          <ExportMenu table="incidents" />
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            <Icon name="plus" size={16} /> Log incident
          </button>
        </div>
      </header>
      <div className="toolbar">
        <label className="select-inline">
          <span>Vendor</span>
          <select value={vendorFilter} onChange={(e) => setVendorFilter(e.target.value)}>
            <option value="">All</option>
            {vendors.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as IncidentKind | '')}>
            <option value="">All</option>
            {INCIDENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {INCIDENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="select-inline">
          <span>Year</span>
          <select value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">All</option>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
      </div>
      {incidents.error && <p className="form-error">{incidents.error}</p>}
      {incidents.data && shown.length === 0 ? (
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
