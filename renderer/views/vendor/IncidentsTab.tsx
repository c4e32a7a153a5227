import { useState } from 'react';
import type { Incident, Vendor } from '../../../db/contract';
import { Icon } from '../../components/Icon';
import { IncidentEditor } from '../../components/IncidentEditor';
import { IncidentTable } from '../../components/IncidentTable';
import { useApiQuery } from '../../useApiQuery';

export function IncidentsTab({ vendor }: { vendor: Vendor }) {
  const incidents = useApiQuery(`incidents:${vendor.id}`, (api) => api.incidents.list({ vendorId: vendor.id }));
  const [editing, setEditing] = useState<Incident | 'new' | null>(null);
  return (
    <div className="card">
      <div className="card__header card__header--row">
        <h3>Incidents at {vendor.name}</h3>
        <button type="button" className="button button--small" onClick={() => setEditing('new')}>
          <Icon name="plus" size={14} /> Log incident
        </button>
      </div>
      {incidents.data?.length === 0 ? <p className="muted">No incidents recorded at this vendor.</p> : <IncidentTable incidents={incidents.data ?? []} showVendor={false} onOpen={setEditing} />}
      {editing && (
        <IncidentEditor
          incident={editing === 'new' ? null : editing}
          vendorId={vendor.id}
          vendorName={vendor.name}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            incidents.reload();
          }}
        />
      )}
    </div>
  );
}
