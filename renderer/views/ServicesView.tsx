import { useState } from 'react';
import { CRITICALITIES, RELIANCES } from '../../db/shared/vocabulary';
import type { Criticality, Reliance, Service, SinglePointOfFailure } from '../../db/contract';
import { CRITICALITY_LABELS, RELIANCE_LABELS, SUBSTITUTABILITY_LABELS } from '../../db/shared/labels';
import { Field } from '../components/Field';
import { Icon } from '../components/Icon';
import { VendorPicker } from '../components/VendorPicker';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { ExportMenu } from '../components/ExportMenu';

interface Draft {
  id?: number;
  name: string;
  criticality: Criticality;
  description: string;
  /** The maximum tolerable outage in hours, as typed (empty: not set). */
  maxOutageHours: string;
}

/** Links a vendor to a service from the service's own card. */
function LinkVendor({ service, onLinked }: { service: Service; onLinked(): void }) {
  const api = useApi();
  const [vendorId, setVendorId] = useState<number | null>(null);
  const [reliance, setReliance] = useState<Reliance>('full');
  const [pickerKey, setPickerKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const pickerId = `link-vendor-${service.id}`;
  const link = async () => {
    if (vendorId === null) return setError('Choose the vendor that supports this service.');
    try {
      await api.services.link({ serviceId: service.id, vendorId, reliance });
      setVendorId(null);
      setPickerKey((k) => k + 1);
      setError(null);
      onLinked();
    } catch (e) {
      setError(Object.values(fieldErrorsOf(e, '') ?? {})[0] ?? messageOf(e));
    }
  };
  return (
    <div className="inline-form service-card__link">
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={pickerId}>Link a vendor</label>
        <VendorPicker
          key={pickerKey}
          id={pickerId}
          value={vendorId}
          initialName={null}
          excludeId={null}
          placeholder="Type to find the vendor"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${pickerId}-error` : undefined}
          onChange={(id) => {
            setVendorId(id);
            setError(null);
          }}
        />
        {error && (
          <p className="field__error" role="alert" id={`${pickerId}-error`}>
            {error}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${pickerId}-reliance`}>Reliance</label>
        <select id={`${pickerId}-reliance`} value={reliance} onChange={(e) => setReliance(e.target.value as Reliance)}>
          {RELIANCES.map((r) => (
            <option key={r} value={r}>
              {RELIANCE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button" onClick={() => void link()}>
        Link
      </button>
    </div>
  );
}

/** How the engine reads a service that rests on one provider (method v2: direct, hidden in the chain, or unsupported). */
function singlePointText(p: SinglePointOfFailure): string {
  if (p.kind === 'unsupported') return 'no live vendor supports it';
  return p.kind === 'hidden' ? `all its vendors depend on ${p.provider!.name}` : `rests on ${p.provider!.name}`;
}

export function ServicesView() {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const offerUndo = useApp((s) => s.offerUndo);
  const notify = useApp((s) => s.notify);
  const openVendor = useApp((s) => s.openVendor);
  const services = useApiQuery('services', (a) => a.services.list({}));
  // Single points of failure as the scoring engine finds them, including those hidden in the vendors' chains.
  const score = useApiQuery('services:single-points', (a) => a.scoring.portfolio({}));
  const singlePoints = new Map((score.data?.singlePointsOfFailure ?? []).map((p) => [p.serviceId, p]));
  const reload = () => {
    services.reload();
    score.reload();
  };
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async () => {
    if (!draft) return;
    try {
      await api.services.save({ id: draft.id, service: { name: draft.name, criticality: draft.criticality, description: draft.description, maxOutageHours: draft.maxOutageHours.trim() === '' ? null : Number(draft.maxOutageHours) } });
      setDraft(null);
      reload();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'service');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };
  const remove = async (s: Service) => {
    const links = `${s.vendors.length} vendor link${s.vendors.length === 1 ? '' : 's'}`;
    if (!(await confirm({ title: `Delete the service “${s.name}”?`, message: `The service and its ${links} leave the register.`, confirmLabel: 'Delete service', danger: true }))) return;
    try {
      offerUndo(`Deleted the service “${s.name}” and its ${links}.`, (await api.services.delete({ id: s.id })).undo);
      reload();
    } catch (error) {
      notify(messageOf(error));
    }
  };

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Services</h2>
          <p className="muted">The business services (critical operations) and the vendors they rely on. Link vendors here or from each vendor’s page.</p>
        </div>
        <div className="page__actions">
          <ExportMenu table="services" />
          <button type="button" className="button button--primary" onClick={() => setDraft({ name: '', criticality: 'important', description: '', maxOutageHours: '' })}>
            <Icon name="plus" size={16} /> Add service
          </button>
        </div>
      </header>
      {draft && (
        <form
          className="card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h3>{draft.id ? `Edit ${draft.name}` : 'New service'}</h3>
          <div className="grid">
            <Field label="Name" required error={errors.name}>
              <input value={draft.name} autoFocus onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </Field>
            <Field label="Criticality" error={errors.criticality}>
              <select value={draft.criticality} onChange={(e) => setDraft({ ...draft, criticality: e.target.value as Criticality })}>
                {CRITICALITIES.map((c) => (
                  <option key={c} value={c}>
                    {CRITICALITY_LABELS[c]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Maximum tolerable outage (hours)" error={errors.maxOutageHours} hint="The CPS 230 tolerance level: scenarios flag an outage longer than this.">
              <input type="number" min="0" step="any" inputMode="decimal" value={draft.maxOutageHours} onChange={(e) => setDraft({ ...draft, maxOutageHours: e.target.value })} />
            </Field>
            <Field label="Description" error={errors.description} wide>
              <textarea rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
            </Field>
          </div>
          <div className="form-footer">
            <span className="spacer" />
            <button type="button" className="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="submit" className="button button--primary">
              Save service
            </button>
          </div>
        </form>
      )}
      {services.data?.length === 0 && !draft ? (
        <div className="empty-state">
          <p className="empty-state__title">No services yet</p>
          <p>Add the services customers depend on (contact centre, bookings, payments, …), then link the vendors that support each one.</p>
        </div>
      ) : (
        <div className="service-grid">
          {services.data?.map((s) => {
            const singlePoint = singlePoints.get(s.id);
            return (
              <article key={s.id} className="card service-card">
                <div className="card__header card__header--row">
                  <div>
                    <h3>{s.name}</h3>
                    <p className="vendor-meta">
                      <span className={`pill pill--${s.criticality}`}>{CRITICALITY_LABELS[s.criticality]}</span>
                      {s.maxOutageHours !== null && <span className="muted small">tolerates {s.maxOutageHours} h outage</span>}
                      {singlePoint && (
                        <span className={`badge${singlePoint.severity === 'high' ? ' badge--danger' : ''}`} title={`Single point of failure (${singlePoint.severity}): ${singlePointText(singlePoint)}`}>
                          single point of failure
                        </span>
                      )}
                    </p>
                  </div>
                  <div className="actions">
                    <button type="button" className="button button--small" onClick={() => setDraft({ id: s.id, name: s.name, criticality: s.criticality, description: s.description ?? '', maxOutageHours: s.maxOutageHours === null ? '' : String(s.maxOutageHours) })}>
                      Edit
                    </button>
                    <button type="button" className="icon-button" aria-label={`Delete ${s.name}`} onClick={() => void remove(s)}>
                      <Icon name="close" size={16} />
                    </button>
                  </div>
                </div>
                {s.description && <p className="muted small">{s.description}</p>}
                {singlePoint && <p className="small text-danger">Single point of failure: {singlePointText(singlePoint)}.</p>}
                {s.vendors.length === 0 ? (
                  <p className="muted">No vendors linked.</p>
                ) : (
                  <ul className="link-list">
                    {s.vendors.map((v) => (
                      <li key={v.vendorId}>
                        <button type="button" className="link-button" onClick={() => openVendor(v.vendorId)}>
                          {v.vendorName}
                        </button>
                        <span className="muted small">
                          {RELIANCE_LABELS[v.reliance]} reliance
                          {v.substitutability ? ` · ${SUBSTITUTABILITY_LABELS[v.substitutability].toLowerCase()}` : ''}
                          {v.exitPlan ? '' : ' · no exit plan'}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                <LinkVendor service={s} onLinked={reload} />
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
