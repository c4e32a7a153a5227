import { useState } from 'react';
import type { MethodInput, RegisterFunction, RoiProvider } from '../../db/contract';
import { IDENTIFIER_TYPES, IDENTIFIER_TYPE_LABELS, LEVELS } from '../../db/shared/regulatory-codes';
import { DateInput } from '../components/DateInput';
import { CodeSelect } from '../components/CodeSelect';
import { Field } from '../components/Field';
import { VendorPicker } from '../components/VendorPicker';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { RecordForm } from './RecordForm';
import { useRecordFocus, type RecordFocus } from './regulatory-focus';

type FunctionInput = MethodInput<'functions.save'>['fn'];
const functionInput = ({ serviceId: _id, name: _name, criticality: _c, ...fields }: RegisterFunction): FunctionInput => fields;
const hoursOf = (text: string) => (text === '' ? null : Number(text));
const LEVEL_LABELS = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/** A business service as a DORA function (B_06.01): identifier, licensed activity, RTO, RPO, impact, date assessed. */
export function FunctionCard({ focus }: { focus: RecordFocus | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const functions = useApiQuery('regulatory:functions', (a) => a.functions.list({}));
  const [serviceId, setServiceId] = useState<number | null>(null);
  const [draft, setDraft] = useState<FunctionInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const chosen = functions.data?.find((f) => f.serviceId === serviceId);
  const set = (patch: Partial<FunctionInput>) => setDraft((d) => d && { ...d, ...patch });
  const choose = (id: number) => {
    const found = functions.data?.find((f) => f.serviceId === id);
    setServiceId(found ? id : null);
    setDraft(found ? functionInput(found) : null);
    setErrors({});
  };
  const formRef = useRecordFocus(focus, 'service', choose);
  const save = async () => {
    try {
      const saved = await api.functions.save({ serviceId: serviceId!, fn: draft! });
      notify(`Saved the function fields of “${saved.name}”.`, 'success');
      setErrors({});
      functions.reload();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'fn');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  return (
    <section className="card" aria-labelledby="functions-title">
      <h3 id="functions-title">Functions (business services)</h3>
      <p className="muted small">Each business service is a DORA function (B_06.01); its criticality is the service’s own.</p>
      <Field label="Service">
        <select value={serviceId ?? ''} onChange={(e) => choose(Number(e.target.value))} data-testid="function-service">
          <option value="">Choose a service…</option>
          {(functions.data ?? []).map((f) => (
            <option key={f.serviceId} value={f.serviceId}>
              {f.functionCode ? `${f.functionCode} · ` : ''}
              {f.name}
            </option>
          ))}
        </select>
      </Field>
      {chosen && draft && (
        <RecordForm formRef={formRef} label={`Function fields of ${chosen.name}`} saveLabel="Save function fields" onSave={save}>
          <Field label="Function identifier" error={errors.functionCode} hint="e.g. F1">
            <input value={draft.functionCode ?? ''} maxLength={50} onChange={(e) => set({ functionCode: e.target.value || null })} />
          </Field>
          <Field label="Licensed activity" error={errors.licensedActivity} hint="Annex IV code, e.g. x163">
            <input value={draft.licensedActivity ?? ''} maxLength={50} onChange={(e) => set({ licensedActivity: e.target.value || null })} />
          </Field>
          <Field label="RTO (hours)" error={errors.rtoHours}>
            <input inputMode="decimal" value={draft.rtoHours ?? ''} onChange={(e) => set({ rtoHours: hoursOf(e.target.value) })} />
          </Field>
          <Field label="RPO (hours)" error={errors.rpoHours}>
            <input inputMode="decimal" value={draft.rpoHours ?? ''} onChange={(e) => set({ rpoHours: hoursOf(e.target.value) })} />
          </Field>
          <Field label="Impact of discontinuing" error={errors.discontinuingImpact}>
            <CodeSelect value={draft.discontinuingImpact} values={LEVELS} labels={LEVEL_LABELS} empty="Not assessed" onChange={(discontinuingImpact) => set({ discontinuingImpact })} />
          </Field>
          <Field label="Date criticality was last assessed" error={errors.criticalityAssessedOn}>
            <DateInput value={draft.criticalityAssessedOn ?? null} onChange={(v) => set({ criticalityAssessedOn: v })} />
          </Field>
        </RecordForm>
      )}
    </section>
  );
}

type ProviderInput = MethodInput<'providers.save'>['provider'];

/** A vendor as an RoI provider (B_05.01): the type of its other identifier and its type of person; its identifiers themselves are on its page. */
export function ProviderCard({ focus }: { focus: RecordFocus | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const openVendor = useApp((s) => s.openVendor);
  const [vendorId, setVendorId] = useState<number | null>(null);
  const provider = useApiQuery(`regulatory:provider:${vendorId}`, (a) => (vendorId === null ? Promise.resolve(null) : a.providers.get({ vendorId })));
  const [draft, setDraft] = useState<{ vendorId: number; provider: ProviderInput } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRecordFocus(focus, 'vendor', (id) => (setVendorId(id), setDraft(null)));
  const shown: RoiProvider | null = provider.data && provider.data.vendorId === vendorId ? provider.data : null;
  const values: ProviderInput = draft?.vendorId === vendorId ? draft.provider : { otherIdentifierType: shown?.otherIdentifierType ?? null, personType: shown?.personType ?? 'legal' };
  const set = (patch: Partial<ProviderInput>) => vendorId !== null && setDraft({ vendorId, provider: { ...values, ...patch } });
  const save = async () => {
    try {
      await api.providers.save({ vendorId: vendorId!, provider: values });
      notify(`Saved the provider fields of “${shown?.name ?? ''}”.`, 'success');
      setErrors({});
      provider.reload();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'provider');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  return (
    <section className="card" aria-labelledby="providers-title">
      <h3 id="providers-title">Providers’ identifiers</h3>
      <p className="muted small">How a vendor is identified in the Register of Information (B_05.01): its LEI, else another identifier with its type, else its ACN.</p>
      <Field label="Vendor">
        <VendorPicker value={vendorId} initialName={shown?.name ?? null} excludeId={null} placeholder="Type a vendor’s name" onChange={(id) => (setVendorId(id), setDraft(null), setErrors({}))} />
      </Field>
      {shown && (
        <RecordForm
          formRef={formRef}
          label={`Provider fields of ${shown.name}`}
          saveLabel="Save provider fields"
          onSave={save}
          actions={
            <button type="button" className="button button--ghost" onClick={() => openVendor(shown.vendorId)}>
              Edit identifiers on {shown.name}’s page
            </button>
          }
        >
          <dl className="regulatory-identifiers">
            <dt>LEI</dt>
            <dd>{shown.lei ? <span className="mono">{shown.lei}</span> : 'None'}</dd>
            <dt>Other identifier</dt>
            <dd>{shown.otherIdentifier ? <span className="mono">{shown.otherIdentifier}</span> : 'None'}</dd>
            <dt>ACN</dt>
            <dd>{shown.acn ? <span className="mono">{shown.acn}</span> : 'None'}</dd>
          </dl>
          <Field label="Type of the other identifier" error={errors.otherIdentifierType} hint={shown.otherIdentifier ? undefined : 'The vendor has no other identifier yet'}>
            <CodeSelect value={values.otherIdentifierType} values={IDENTIFIER_TYPES} labels={IDENTIFIER_TYPE_LABELS} onChange={(otherIdentifierType) => set({ otherIdentifierType })} />
          </Field>
          <Field label="Type of person" error={errors.personType}>
            <select value={values.personType ?? 'legal'} onChange={(e) => set({ personType: e.target.value as ProviderInput['personType'] })}>
              <option value="legal">Legal person</option>
              <option value="individual">Individual acting in a business capacity</option>
            </select>
          </Field>
        </RecordForm>
      )}
    </section>
  );
}
