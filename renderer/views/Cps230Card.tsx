import { useState } from 'react';
import type { Cps230Arrangement, CriticalOperation, ExportedFile, MethodInput, RoiFinding } from '../../db/contract';
import { MATERIAL_BASES, MATERIAL_BASIS_LABELS, NTSP_CATEGORIES, NTSP_CATEGORY_LABELS } from '../../db/shared/regulatory-codes';
import { DateInput } from '../components/DateInput';
import { CodeSelect } from '../components/CodeSelect';
import { Field } from '../components/Field';
import { downloadExported, runJob } from '../files';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { RoiFindings } from './RoiFindings';
import { RecordForm } from './RecordForm';
import { useRecordFocus, type RecordFocus } from './regulatory-focus';

type ArrangementInput = MethodInput<'cps230.saveArrangement'>['arrangement'];
type OperationInput = MethodInput<'cps230.saveOperation'>['operation'];

const arrangementInput = ({ contractId: _id, reference: _ref, vendorName: _name, ...fields }: Cps230Arrangement): ArrangementInput => fields;
const operationInput = ({ serviceId: _id, name: _name, criticality: _c, ...fields }: CriticalOperation): OperationInput => fields;
const nullable = (value: string) => value || null;

/** Saves a form's draft and puts the field messages of a refused save beside their fields. */
function useSave<T>(prefix: string, save: () => Promise<T>, onSaved: (saved: T) => void) {
  const notify = useApp((s) => s.notify);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const run = async () => {
    try {
      onSaved(await save());
      setErrors({});
    } catch (error) {
      const fields = fieldErrorsOf(error, prefix);
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };
  return { errors, setErrors, run };
}

/** A contract's CPS 230 fields: why it is material, offshoring, APRA's notifications (para 59), the NTSP exemption. */
function MaterialArrangementForm({ arrangements, onSaved, focus }: { arrangements: Cps230Arrangement[]; onSaved(): void; focus: RecordFocus | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [contractId, setContractId] = useState<number | null>(null);
  const [draft, setDraft] = useState<ArrangementInput | null>(null);
  const chosen = arrangements.find((a) => a.contractId === contractId);
  const set = (patch: Partial<ArrangementInput>) => setDraft((d) => d && { ...d, ...patch });
  const { errors, setErrors, run } = useSave(
    'arrangement',
    () => api.cps230.saveArrangement({ contractId: contractId!, arrangement: draft! }),
    (saved) => (notify(`Saved the CPS 230 fields of ${saved.reference}.`, 'success'), onSaved()),
  );
  const choose = (id: number) => {
    const found = arrangements.find((a) => a.contractId === id);
    setContractId(found ? id : null);
    setDraft(found ? arrangementInput(found) : null);
    setErrors({});
  };
  const formRef = useRecordFocus(focus, 'cps230Arrangement', choose);

  return (
    <>
      <Field label="Contract (CPS 230)">
        <select value={contractId ?? ''} onChange={(e) => choose(Number(e.target.value))} data-testid="cps230-contract">
          <option value="">Choose a contract…</option>
          {arrangements.map((a) => (
            <option key={a.contractId} value={a.contractId}>
              {a.reference} · {a.vendorName}
              {a.materialBasis ? ' · material' : ''}
            </option>
          ))}
        </select>
      </Field>
      {chosen && draft && (
        <RecordForm formRef={formRef} label={`CPS 230 fields of ${chosen.reference}`} saveLabel="Save CPS 230 fields" onSave={run}>
          <Field label="Material arrangement" error={errors.materialBasis} hint="Not material: left out of the register" wide>
            <CodeSelect value={draft.materialBasis} values={MATERIAL_BASES} labels={MATERIAL_BASIS_LABELS} empty="Not material" onChange={(materialBasis) => set({ materialBasis })} />
          </Field>
          <Field label="APRA notified (para 59(a))" error={errors.apraNotifiedOn} hint="Within 20 business days of entering into or materially changing it">
            <DateInput value={draft.apraNotifiedOn ?? null} onChange={(v) => set({ apraNotifiedOn: v })} />
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={draft.offshoring ?? false} onChange={(e) => set({ offshoring: e.target.checked })} /> Offshoring arrangement
          </label>
          <Field label="APRA consulted on the offshoring (para 59(b))" error={errors.offshoringConsultedOn} hint="Before entering into it">
            <DateInput value={draft.offshoringConsultedOn ?? null} onChange={(v) => set({ offshoringConsultedOn: v })} />
          </Field>
          <Field label="Non-traditional service provider" error={errors.ntspCategory} hint="A category listed in the Attachment to CPS 230">
            <CodeSelect value={draft.ntspCategory} values={NTSP_CATEGORIES} labels={NTSP_CATEGORY_LABELS} empty="None" onChange={(ntspCategory) => set({ ntspCategory })} />
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={draft.ntspStandardTerms ?? false} onChange={(e) => set({ ntspStandardTerms: e.target.checked })} /> Standardised terms, or no formal agreement
          </label>
          <p className="muted small regulatory-form__note">
            {draft.ntspCategory && draft.ntspStandardTerms ? 'Exempt from the contractual requirements (paras 54–58); every other requirement applies.' : 'Not exempt: the exemption needs a listed category and standardised terms (or no formal agreement).'}
          </p>
        </RecordForm>
      )}
    </>
  );
}

/** A business service as a CPS 230 critical operation, with its tolerance levels. */
function CriticalOperationForm({ operations, onSaved, focus }: { operations: CriticalOperation[]; onSaved(): void; focus: RecordFocus | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [serviceId, setServiceId] = useState<number | null>(null);
  const [draft, setDraft] = useState<OperationInput | null>(null);
  const chosen = operations.find((o) => o.serviceId === serviceId);
  const set = (patch: Partial<OperationInput>) => setDraft((d) => d && { ...d, ...patch });
  const { errors, setErrors, run } = useSave(
    'operation',
    () => api.cps230.saveOperation({ serviceId: serviceId!, operation: draft! }),
    (saved) => (notify(`Saved “${saved.name}”.`, 'success'), onSaved()),
  );
  const choose = (id: number) => {
    const found = operations.find((o) => o.serviceId === id);
    setServiceId(found ? id : null);
    setDraft(found ? operationInput(found) : null);
    setErrors({});
  };
  const formRef = useRecordFocus(focus, 'criticalOperation', choose);

  return (
    <>
      <Field label="Business service">
        <select value={serviceId ?? ''} onChange={(e) => choose(Number(e.target.value))} data-testid="cps230-service">
          <option value="">Choose a service…</option>
          {operations.map((o) => (
            <option key={o.serviceId} value={o.serviceId}>
              {o.name}
              {o.criticalOperation ? ' · critical operation' : ''}
            </option>
          ))}
        </select>
      </Field>
      {chosen && draft && (
        <RecordForm formRef={formRef} label={`Critical operation ${chosen.name}`} saveLabel="Save critical operation" onSave={run}>
          <label className="checkbox">
            <input type="checkbox" checked={draft.criticalOperation} onChange={(e) => set({ criticalOperation: e.target.checked })} /> A critical operation
          </label>
          <Field label="Maximum period of disruption (hours)" error={errors.maxOutageHours} hint="The service’s maximum tolerable outage">
            <input inputMode="decimal" value={draft.maxOutageHours ?? ''} onChange={(e) => set({ maxOutageHours: e.target.value === '' ? null : Number(e.target.value) })} />
          </Field>
          <Field label="Extent of data loss" error={errors.dataLossTolerance}>
            <input value={draft.dataLossTolerance ?? ''} maxLength={300} onChange={(e) => set({ dataLossTolerance: nullable(e.target.value) })} />
          </Field>
          <Field label="Minimum service level" error={errors.minServiceLevel}>
            <input value={draft.minServiceLevel ?? ''} maxLength={300} onChange={(e) => set({ minServiceLevel: nullable(e.target.value) })} />
          </Field>
        </RecordForm>
      )}
    </>
  );
}

/** The APRA CPS 230 register of material service providers: its fields, its checks and the workbook for a reference date. */
export function Cps230Card({ focus, onOpen }: { focus: RecordFocus | null; onOpen(finding: RoiFinding): void }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const arrangements = useApiQuery('regulatory:cps230-arrangements', (a) => a.cps230.arrangements({}));
  const operations = useApiQuery('regulatory:cps230-operations', (a) => a.cps230.operations({}));
  const [referenceDate, setReferenceDate] = useState<string | null>(new Date().toISOString().slice(0, 10));
  const [busy, setBusy] = useState(false);
  const [findings, setFindings] = useState<RoiFinding[] | null>(null);

  const check = async () => {
    try {
      setFindings(await api.cps230.lint({ referenceDate }));
    } catch (error) {
      notify(messageOf(error));
    }
  };
  // Every check is a warning (db/regulatory/cps230-lint.ts says why): the export runs them and goes ahead.
  const exportWorkbook = async () => {
    setBusy(true);
    try {
      const warnings = await api.cps230.lint({ referenceDate });
      setFindings(warnings);
      const file = await runJob<ExportedFile>(api, () => api.cps230.export({ referenceDate })).result;
      const where = await downloadExported(file);
      if (where) notify(warnings.length ? `${where} It has ${warnings.length} warnings, listed under it.` : where, 'success');
    } catch (error) {
      notify(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="cps230-title">
      <h3 id="cps230-title">APRA CPS 230 register of material service providers</h3>
      <p className="muted small">Material arrangements, their providers and fourth parties, and the critical operations they support with their tolerance levels, as an Excel workbook for APRA (para 51).</p>
      {(arrangements.error || operations.error) && <p role="alert">{arrangements.error ?? operations.error}</p>}
      <div className="regulatory-columns">
        <div>
          <h4>Material arrangements</h4>
          <MaterialArrangementForm arrangements={arrangements.data ?? []} onSaved={arrangements.reload} focus={focus} />
        </div>
        <div>
          <h4>Critical operations</h4>
          <CriticalOperationForm operations={operations.data ?? []} onSaved={operations.reload} focus={focus} />
        </div>
      </div>
      <div className="regulatory-form">
        <Field label="Reference date (CPS 230)" hint="Arrangements in force on this date">
          <DateInput value={referenceDate} onChange={setReferenceDate} />
        </Field>
        <div className="regulatory-form__actions">
          <button type="button" className="button" onClick={() => void check()} data-testid="cps230-lint">
            Check CPS 230 register
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void exportWorkbook()} data-testid="cps230-export">
            {busy ? 'Exporting…' : 'Export CPS 230 workbook'}
          </button>
        </div>
      </div>
      {findings && (
        <>
          <p role="status">{findings.length === 0 ? 'No findings.' : `${findings.length} warnings: none stops the export.`}</p>
          {findings.length > 0 && <p className="muted small">Choose a record to open it at the field to fix.</p>}
          <RoiFindings findings={findings} testId="cps230-findings" onOpen={onOpen} />
        </>
      )}
    </section>
  );
}
