import { useMemo, useState } from 'react';
import { INCIDENT_KINDS, INCIDENT_STATUSES } from '../../db/shared/vocabulary';
import type { Incident, IncidentInput } from '../../db/contract';
import { incidentClocks } from '../../db/shared/clocks';
import { COMMON_REGULATORS, INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS } from '../../db/shared/labels';
import { formatDate, formatNumber } from '../format';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { Field, useRevealFirstError } from './Field';
import { DateInput } from './DateInput';
import { Icon } from './Icon';
import { VendorPicker } from './VendorPicker';
import { useDialogFocus } from './useDialogFocus';

type Draft = Omit<IncidentInput, 'recordsAffected'> & { recordsAffected: string; otherRegulators: string };

function toDraft(incident: Incident | null, vendorId: number | null): Draft {
  if (!incident) {
    return { vendorId: vendorId ?? 0, title: '', kind: 'cyberattack', status: 'investigating', recordsAffected: '', categoryIds: [], regulators: [], otherRegulators: '' };
  }
  const { id: _id, vendorName: _n, categoryLabels: _l, clocks: _c, regulators, recordsAffected, ...fields } = incident;
  const common = regulators.filter((r) => (COMMON_REGULATORS as readonly string[]).includes(r));
  return { ...fields, regulators: common, otherRegulators: regulators.filter((r) => !common.includes(r)).join(', '), recordsAffected: recordsAffected === null ? '' : String(recordsAffected) };
}


/** The incident form, in a drawer: where and what happened, the clocks, the data exposed and who was told. */
export function IncidentEditor({ incident, vendorId, vendorName, onClose, onSaved }: { incident: Incident | null; vendorId: number | null; vendorName: string | null; onClose(): void; onSaved(): void }) {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const offerUndo = useApp((s) => s.offerUndo);
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const categories = useApiQuery('categories', (a) => a.categories.list({}));
  const [draft, setDraft] = useState<Draft>(() => toDraft(incident, vendorId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRevealFirstError<HTMLFormElement>(errors);
  const [formError, setFormError] = useState<string | null>(null);
  const clocks = useMemo(
    () => incidentClocks({ occurredFrom: draft.occurredFrom ?? null, vendorDetected: draft.vendorDetected ?? null, weWereTold: draft.weWereTold ?? null, contained: draft.contained ?? null }),
    [draft.occurredFrom, draft.vendorDetected, draft.weWereTold, draft.contained],
  );

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
    // The form-wide message goes with the edit that answers it; the next save says again what still needs attention.
    setFormError(null);
  };
  const text = (key: 'title' | 'sourceUrl' | 'description' | 'recordsAffected' | 'otherRegulators') => ({
    value: (draft[key] as string | null | undefined) ?? '',
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value }),
  });

  const save = async () => {
    const records = draft.recordsAffected.replace(/[\s,]/g, '');
    if (records !== '' && !/^-?\d+(\.\d+)?$/.test(records)) return setErrors({ recordsAffected: 'Enter the number of people affected, or leave it empty if unknown.' });
    const { otherRegulators, ...fields } = draft;
    const regulators = [...(draft.regulators ?? []), ...otherRegulators.split(',').map((r) => r.trim()).filter(Boolean)];
    try {
      await api.incidents.save({ id: incident?.id, incident: { ...fields, regulators, recordsAffected: records === '' ? null : Number(records) } });
      notify(`Saved the incident “${draft.title.trim()}”.`, 'success');
      reloadVendors();
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'incident');
      if (fields) {
        setErrors(fields);
        setFormError('Some fields need attention.');
      } else setFormError(messageOf(error));
    }
  };

  const remove = async () => {
    if (!incident || !(await confirm({ title: 'Delete this incident?', message: `“${incident.title}” leaves the register and no longer counts in its vendor's likelihood.`, confirmLabel: 'Delete incident', danger: true }))) return;
    try {
      offerUndo(`Deleted the incident “${incident.title}”.`, (await api.incidents.delete({ id: incident.id })).undo);
      reloadVendors();
      onSaved();
    } catch (error) {
      setFormError(messageOf(error));
    }
  };

  const dialog = useDialogFocus<HTMLElement>(onClose);
  const toggle = <T,>(list: T[] | undefined, item: T) => (list?.includes(item) ? list.filter((x) => x !== item) : [...(list ?? []), item]);

  return (
    <div className="drawer-backdrop">
      <aside ref={dialog} className="drawer" role="dialog" aria-modal="true" aria-label={incident ? 'Edit incident' : 'Log an incident'}>
        <form
          ref={form}
          className="drawer__form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="panel__header">
            <h3>{incident ? 'Edit incident' : 'Log an incident'}</h3>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              <Icon name="close" />
            </button>
          </div>
          <div className="panel__body">
            <fieldset>
              <legend>What happened</legend>
              <div className="grid">
                <Field label="Where it happened (vendor or fourth party)" required error={errors.vendorId} wide>
                  <VendorPicker value={draft.vendorId || null} initialName={incident?.vendorName ?? vendorName} excludeId={null} placeholder="Type to find the vendor" onChange={(id) => set({ vendorId: id ?? 0 })} />
                </Field>
                <Field label="Title" required error={errors.title} wide>
                  <input {...text('title')} autoFocus />
                </Field>
                <Field label="Kind" error={errors.kind}>
                  <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
                    {INCIDENT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {INCIDENT_KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Status" error={errors.status}>
                  <select value={draft.status} onChange={(e) => set({ status: e.target.value as Draft['status'] })}>
                    {INCIDENT_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {INCIDENT_STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="People affected" error={errors.recordsAffected}>
                  <input inputMode="numeric" placeholder="Unknown" {...text('recordsAffected')} />
                </Field>
              </div>
            </fieldset>
            <fieldset>
              <legend>Clocks</legend>
              <div className="grid">
                <Field label="Occurred from" error={errors.occurredFrom}>
                  <DateInput withTime value={draft.occurredFrom} onChange={(v) => set({ occurredFrom: v })} />
                </Field>
                <Field label="Occurred to" error={errors.occurredTo}>
                  <DateInput withTime value={draft.occurredTo} onChange={(v) => set({ occurredTo: v })} />
                </Field>
                <Field label="Vendor detected" error={errors.vendorDetected}>
                  <DateInput withTime value={draft.vendorDetected} onChange={(v) => set({ vendorDetected: v })} />
                </Field>
                <Field label="Contained" error={errors.contained}>
                  <DateInput withTime value={draft.contained} onChange={(v) => set({ contained: v })} />
                </Field>
                <Field label="We were told" error={errors.weWereTold} hint="When we became aware: starts the OAIC and GDPR clocks">
                  <DateInput withTime value={draft.weWereTold} onChange={(v) => set({ weWereTold: v })} />
                </Field>
              </div>
              <dl className="clocks" aria-label="Derived figures">
                <div>
                  <dt>Vendor notification lag</dt>
                  <dd>{clocks.notificationLagDays === null ? '—' : `${formatNumber(clocks.notificationLagDays)} days`}</dd>
                </div>
                <div>
                  <dt>Time to contain</dt>
                  <dd>{clocks.daysToContain === null ? '—' : `${formatNumber(clocks.daysToContain)} days`}</dd>
                </div>
                <div>
                  <dt>OAIC assessment due (30 days)</dt>
                  <dd>{formatDate(clocks.oaicAssessmentDue)}</dd>
                </div>
                <div>
                  <dt>GDPR / CPS 234 (72 hours)</dt>
                  <dd>{formatDate(clocks.gdprDeadline)}</dd>
                </div>
              </dl>
            </fieldset>
            <fieldset>
              <legend>Data exposed</legend>
              <div className="check-grid">
                {categories.data?.map((c) => (
                  <label key={c.id} className="checkbox checkbox--light">
                    <input type="checkbox" checked={draft.categoryIds?.includes(c.id) ?? false} onChange={() => set({ categoryIds: toggle(draft.categoryIds, c.id) })} />
                    {c.label}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend>Regulators notified</legend>
              <div className="check-row">
                {COMMON_REGULATORS.map((r) => (
                  <label key={r} className="checkbox checkbox--light">
                    <input type="checkbox" checked={draft.regulators?.includes(r) ?? false} onChange={() => set({ regulators: toggle(draft.regulators, r) })} />
                    {r}
                  </label>
                ))}
              </div>
              <Field label="Others (comma-separated)" error={errors.regulators}>
                <input {...text('otherRegulators')} />
              </Field>
            </fieldset>
            <fieldset>
              <legend>Source and description</legend>
              <div className="grid">
                <Field label="Source link" error={errors.sourceUrl} wide>
                  <input type="url" placeholder="https://" {...text('sourceUrl')} />
                </Field>
                <Field label="Description" error={errors.description} wide>
                  <textarea rows={5} {...text('description')} />
                </Field>
              </div>
            </fieldset>
          </div>
          <div className="panel__footer">
            {formError && (
              <p className="footer-error" role="alert">
                {formError}
              </p>
            )}
            {incident && (
              <button type="button" className="button button--danger-ghost" onClick={() => void remove()}>
                Delete
              </button>
            )}
            <span className="spacer" />
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary">
              {incident ? 'Save incident' : 'Log incident'}
            </button>
          </div>
        </form>
      </aside>
    </div>
  );
}
