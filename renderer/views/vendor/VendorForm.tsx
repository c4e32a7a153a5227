import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { SERVICE_TYPES, SUBSTITUTABILITY, TIERS, VENDOR_STATUSES } from '../../../db/shared/vocabulary';
import { vendorFieldsOf, type Vendor, type VendorFields, type VendorInput } from '../../../db/contract';
import { COUNTRY_CODES, countryName } from '../../../db/shared/countries';
import { SERVICE_TYPE_LABELS, STATUS_LABELS, SUBSTITUTABILITY_LABELS, TIER_LABELS } from '../../../db/shared/labels';
import { DISCARD_QUESTION } from '../../App';
import { useApiQuery } from '../../useApiQuery';
import { Field } from '../../components/Field';
import { DateInput } from '../../components/DateInput';
import { VendorPicker } from '../../components/VendorPicker';
import { useApi, useApp } from '../../store';
import { fieldErrorsOf, messageOf } from '../../store/ui';
import { focusField } from '../regulatory-focus';

/** The form's own representation: text where the user types, so nothing they typed is lost to parsing. */
type FormValues = Omit<VendorFields, 'annualSpend' | 'people'> & { annualSpend: string; people: string };

const EMPTY: FormValues = {
  name: '',
  legalName: null,
  lei: null,
  abn: null,
  acn: null,
  otherIdentifier: null,
  hqCountry: null,
  ultimateParentId: null,
  serviceType: 'other',
  status: 'active',
  tier: 3,
  owner: null,
  website: null,
  annualSpend: '',
  people: '',
  spendCurrency: null,
  substitutability: null,
  exitPlan: false,
  direct: true,
  lastAssessed: null,
  nextReviewDue: null,
  notes: null,
};

function toForm(vendor: Vendor): FormValues {
  const fields = vendorFieldsOf(vendor);
  return {
    ...fields,
    annualSpend: fields.annualSpend === null ? '' : fields.annualSpend.toLocaleString('en-US'),
    people: fields.people === null ? '' : fields.people.toLocaleString('en-US'),
  };
}

/** Parses "4,200,000" or "4 200 000.50"; undefined when the text is not a number. */
function parseAmount(text: string): number | null | undefined {
  const compact = text.replace(/[\s,_]/g, '');
  if (compact === '') return null;
  const value = Number(compact);
  return Number.isFinite(value) ? value : undefined;
}

const countryOptions = [...COUNTRY_CODES].map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name));
const currencyOptions = Intl.supportedValuesOf('currency');

/** The vendor's own fields. `vendor` is null for a new vendor. */
export function VendorForm({ vendor, onSaved, onClose }: { vendor: Vendor | null; onSaved(vendor: Vendor): void; onClose(discarded?: boolean): void }) {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const refreshRegisterInfo = useApp((s) => s.refreshRegisterInfo);
  const setUnsaved = useApp((s) => s.setUnsavedChanges);

  const [baseline, setBaseline] = useState<FormValues>(vendor ? toForm(vendor) : EMPTY);
  const [values, setValues] = useState<FormValues>(baseline);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Counts refused saves; each one brings the first field with a message into view. */
  const [refusals, setRefusals] = useState(0);
  // Opened from a regulatory finding: the cursor goes to the field it names, once.
  const focusRequest = useApp((s) => s.vendorFocusField);
  const clearFocusRequest = useApp((s) => s.clearVendorFocusField);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!vendor || !focusRequest || !formRef.current) return;
    focusField(formRef.current, focusRequest);
    clearFocusRequest();
  }, [vendor, focusRequest, clearFocusRequest]);

  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(baseline), [values, baseline]);
  useEffect(() => {
    setUnsaved(dirty);
    return () => setUnsaved(false);
  }, [dirty, setUnsaved]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (refusals === 0) return;
    const invalid = document.querySelector<HTMLElement>('.vendor-form [aria-invalid="true"]');
    invalid?.focus();
    invalid?.scrollIntoView({ block: 'center' });
  }, [refusals]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
  };
  const text = (key: keyof FormValues) => ({
    value: (values[key] as string | null) ?? '',
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
  });

  const cancel = async () => {
    if (!dirty) return onClose();
    if (await confirm(DISCARD_QUESTION)) {
      setValues(baseline);
      setErrors({});
      setFormError(null);
      // The edits were let go just now: leaving must not ask again.
      if (!vendor) onClose(true);
    }
  };

  const scoring = useApiQuery('settings:scoring', (api) => api.settings.scoring({}));
  const reportingCurrency = scoring.data?.reportingCurrency ?? 'AUD';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmount(values.annualSpend);
    if (amount === undefined) {
      setErrors({ annualSpend: 'Enter the annual spend as a number, for example 250,000.' });
      setRefusals((n) => n + 1);
      return;
    }
    const people = parseAmount(values.people);
    if (people === undefined || (people !== null && !Number.isInteger(people))) {
      setErrors({ people: 'Enter the number of distinct people as a whole number, for example 6,000,000.' });
      setRefusals((n) => n + 1);
      return;
    }
    // A spend without a currency is in the reporting currency, as the field says.
    const spendCurrency = values.spendCurrency?.trim() || (amount !== null ? reportingCurrency : null);
    const input: VendorInput = { ...values, annualSpend: amount, people, spendCurrency };
    setBusy(true);
    setFormError(null);
    try {
      const saved = vendor
        ? await api.vendors.update({ id: vendor.id, version: vendor.version, vendor: input })
        : await api.vendors.create({ vendor: input });
      setBaseline(toForm(saved));
      setValues(toForm(saved));
      setErrors({});
      setUnsaved(false);
      notify(`Saved “${saved.name}”.`, 'success');
      reloadVendors();
      void refreshRegisterInfo();
      onSaved(saved);
    } catch (error) {
      const fields = fieldErrorsOf(error, 'vendor');
      if (fields) {
        setErrors(fields);
        setRefusals((n) => n + 1);
        const count = Object.keys(fields).length;
        setFormError(count === 1 ? 'One field needs attention before this vendor can be saved.' : `${count} fields need attention before this vendor can be saved.`);
      } else {
        setFormError(messageOf(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="vendor-form" onSubmit={(e) => void save(e)} noValidate>
      <div className="form-columns">
        <fieldset className="card">
          <legend>Identity</legend>
          <div className="grid">
            <Field label="Name" required error={errors.name} wide>
              <input {...text('name')} autoFocus={!vendor} maxLength={200} />
            </Field>
            <Field label="Legal name" error={errors.legalName} wide>
              <input {...text('legalName')} />
            </Field>
            <Field label="LEI" error={errors.lei} hint="20 characters, ISO 17442">
              <input {...text('lei')} spellCheck={false} autoCapitalize="characters" />
            </Field>
            <Field label="ABN" error={errors.abn}>
              <input {...text('abn')} inputMode="numeric" />
            </Field>
            <Field label="ACN" error={errors.acn}>
              <input {...text('acn')} inputMode="numeric" />
            </Field>
            <Field label="Other identifier" error={errors.otherIdentifier}>
              <input {...text('otherIdentifier')} />
            </Field>
            <Field label="Country of HQ" error={errors.hqCountry}>
              <select {...text('hqCountry')}>
                <option value="">Not recorded</option>
                {countryOptions.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Website" error={errors.website}>
              <input {...text('website')} type="url" placeholder="https://" />
            </Field>
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>Classification</legend>
          <div className="grid">
            <Field label="Service type" error={errors.serviceType}>
              <select {...text('serviceType')}>
                {SERVICE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {SERVICE_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Status" error={errors.status}>
              <select {...text('status')}>
                {VENDOR_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Tier" error={errors.tier}>
              <select value={values.tier} onChange={(e) => set('tier', Number(e.target.value) as FormValues['tier'])}>
                {TIERS.map((t) => (
                  <option key={t} value={t}>
                    {TIER_LABELS[t]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Substitutability" error={errors.substitutability}>
              <select value={values.substitutability ?? ''} onChange={(e) => set('substitutability', (e.target.value || null) as FormValues['substitutability'])}>
                <option value="">Not assessed</option>
                {SUBSTITUTABILITY.map((s) => (
                  <option key={s} value={s}>
                    {SUBSTITUTABILITY_LABELS[s]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Ultimate parent" error={errors.ultimateParentId} hint="The group this vendor belongs to" wide>
              <VendorPicker
                value={values.ultimateParentId}
                initialName={vendor?.ultimateParentName ?? null}
                excludeId={vendor?.id ?? null}
                placeholder="None — type to find the parent vendor"
                onChange={(id) => set('ultimateParentId', id)}
              />
            </Field>
            <label className="checkbox field--wide">
              <input type="checkbox" checked={values.exitPlan} onChange={(e) => set('exitPlan', e.target.checked)} />
              An exit plan exists
            </label>
            <label className="checkbox field--wide">
              <input type="checkbox" checked={!values.direct} onChange={(e) => set('direct', !e.target.checked)} />
              Fourth party only: we have no contract with this vendor
            </label>
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>Relationship</legend>
          <div className="grid">
            <Field label="Owner" error={errors.owner} hint="Who in the organisation answers for this vendor" wide>
              <input {...text('owner')} />
            </Field>
            <Field label="Annual spend" error={errors.annualSpend}>
              <input {...text('annualSpend')} inputMode="decimal" placeholder="0" />
            </Field>
            <Field label="Currency" error={errors.spendCurrency}>
              <input {...text('spendCurrency')} list="currency-codes" placeholder={`${reportingCurrency} if left empty`} maxLength={3} />
            </Field>
            <Field
              label="Distinct people whose data it holds"
              error={errors.people}
              hint={vendor && vendor.largestCategory > 0 ? `At least ${vendor.largestCategory.toLocaleString()} (its largest data category) when left empty` : 'Counted as its largest data category when left empty'}
              wide
            >
              <input {...text('people')} inputMode="numeric" placeholder="Not known" />
            </Field>
            <Field label="Last assessed" error={errors.lastAssessed}>
              <DateInput value={values.lastAssessed} onChange={(v) => set('lastAssessed', v)} />
            </Field>
            <Field label="Next review due" error={errors.nextReviewDue}>
              <DateInput value={values.nextReviewDue} onChange={(v) => set('nextReviewDue', v)} />
            </Field>
            <Field label="Notes" error={errors.notes} wide>
              <textarea {...text('notes')} rows={4} />
            </Field>
          </div>
          <datalist id="currency-codes">
            {currencyOptions.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </fieldset>
      </div>

      <div className="form-footer">
        {formError && (
          <p className="footer-error" role="alert">
            {formError}
          </p>
        )}
        <span className="spacer" />
        {dirty && <span className="muted small">Unsaved changes</span>}
        <button type="button" className="button" onClick={cancel} disabled={busy || (!dirty && vendor !== null)}>
          {vendor ? 'Discard changes' : 'Cancel'}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || (!dirty && vendor !== null)}>
          {busy ? 'Saving…' : vendor ? 'Save changes' : 'Add vendor'}
        </button>
      </div>
    </form>
  );
}
