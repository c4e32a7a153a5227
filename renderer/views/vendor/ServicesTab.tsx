import { useState } from 'react';
import { RELIANCES } from '../../../db/shared/vocabulary';
import type { Reliance, Vendor } from '../../../db/contract';
import { CRITICALITY_LABELS, RELIANCE_LABELS } from '../../../db/shared/labels';
import { Icon } from '../../components/Icon';
import { useApi, useApp } from '../../store';
import { messageOf } from '../../store/ui';
import { useApiQuery } from '../../useApiQuery';

export function ServicesTab({ vendor }: { vendor: Vendor }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const linked = useApiQuery(`services-for:${vendor.id}`, (a) => a.services.forVendor({ vendorId: vendor.id }));
  const services = useApiQuery('services', (a) => a.services.list({}));
  const [serviceId, setServiceId] = useState('');
  const [reliance, setReliance] = useState<Reliance>('material');

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      linked.reload();
    } catch (error) {
      notify(messageOf(error));
    }
  };
  const available = (services.data ?? []).filter((s) => !linked.data?.some((l) => l.serviceId === s.id));

  return (
    <div className="card">
      <div className="card__header">
        <h3>Services this vendor supports</h3>
        <p className="muted small">Reliance: full (the service stops without it), material, or low.</p>
      </div>
      <table className="table table--form" aria-label="Services supported">
        <thead>
          <tr>
            <th>Service</th>
            <th>Criticality</th>
            <th>Reliance</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {linked.data?.map((link) => (
            <tr key={link.serviceId}>
              <td className="cell-title">{link.serviceName}</td>
              <td>
                <span className={`pill pill--${link.criticality}`}>{CRITICALITY_LABELS[link.criticality]}</span>
              </td>
              <td>
                <select
                  aria-label={`Reliance on ${vendor.name} for ${link.serviceName}`}
                  value={link.reliance}
                  onChange={(e) => void run(() => api.services.link({ serviceId: link.serviceId, vendorId: vendor.id, reliance: e.target.value as Reliance }))}
                >
                  {RELIANCES.map((r) => (
                    <option key={r} value={r}>
                      {RELIANCE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="actions">
                <button type="button" className="icon-button" aria-label={`Unlink ${link.serviceName}`} onClick={() => void run(() => api.services.unlink({ serviceId: link.serviceId, vendorId: vendor.id }))}>
                  <Icon name="close" size={16} />
                </button>
              </td>
            </tr>
          ))}
          {linked.data?.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Not linked to any service yet.
              </td>
            </tr>
          )}
          <tr className="add-row">
            <td colSpan={2}>
              <select aria-label="Service to link" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                <option value="">{services.data?.length === 0 ? 'No services yet: add them in Services' : 'Choose a service…'}</option>
                {available.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <select aria-label="Reliance" value={reliance} onChange={(e) => setReliance(e.target.value as Reliance)}>
                {RELIANCES.map((r) => (
                  <option key={r} value={r}>
                    {RELIANCE_LABELS[r]}
                  </option>
                ))}
              </select>
            </td>
            <td className="actions">
              <button
                type="button"
                className="button button--small button--primary"
                disabled={!serviceId}
                onClick={() =>
                  void run(async () => {
                    await api.services.link({ serviceId: Number(serviceId), vendorId: vendor.id, reliance });
                    setServiceId('');
                  })
                }
              >
                Link
              </button>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
