import { useState } from 'react';
import type { Arrangement, Branch, LegalEntity, MethodInput, RoiExport, RoiFinding } from '../../db/contract';
import { ARRANGEMENT_FIELD, ARRANGEMENT_TYPES, ARRANGEMENT_TYPE_LABELS, ENTITY_TYPES, ENTITY_TYPE_LABELS, HIERARCHIES, HIERARCHY_LABELS, ICT_SERVICE_TYPES, ICT_SERVICE_TYPE_LABELS, PARENT_CODE_FIELD, PROVIDER_CODE_FIELD } from '../../db/shared/regulatory-codes';
import { roiFindingsCsv, roiFindingsFileName } from '../../db/shared/roi-findings';
import { DateInput } from '../components/DateInput';
import { CodeSelect } from '../components/CodeSelect';
import { Field } from '../components/Field';
import { JobEnded, download, downloadExported, runJob } from '../files';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { Cps230Card } from './Cps230Card';
import { ArrangementAssessmentFields } from './ArrangementAssessmentFields';
import { BranchesCard } from './RoiBranchesCard';
import { RoiFindings } from './RoiFindings';
import { RoiImportCard } from './RoiImportCard';
import { FunctionCard, ProviderCard } from './RoiRecordCards';
import { RecordForm } from './RecordForm';
import { useRecordFocus, type RecordFocus } from './regulatory-focus';
import './regulatory.css';

/** S01–S19 with their names, as the form offers them. */
const ICT_SERVICE_TYPE_CHOICES = Object.fromEntries(ICT_SERVICE_TYPES.map((s) => [s, `${s} · ${ICT_SERVICE_TYPE_LABELS[s]}`])) as Record<(typeof ICT_SERVICE_TYPES)[number], string>;

type EntityInput = MethodInput<'legalEntities.save'>['entity'];
type ArrangementInput = MethodInput<'arrangements.save'>['arrangement'];

const EMPTY_ENTITY: EntityInput = { lei: '', name: '', country: '', entityType: 'x12', hierarchy: 'x53', parentLei: '', competentAuthority: '', currency: '', maintainsRegister: false };
const nullable = (value: string) => value || null;

/** Our own legal entities (DORA RoI B_01.01 and B_01.02): the list and one form to add or change an entity. */
function LegalEntitiesCard({ entities, onSaved, focus }: { entities: LegalEntity[]; onSaved(): void; focus: RecordFocus | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [editing, setEditing] = useState<{ id?: number; entity: EntityInput } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<EntityInput>) => setEditing((e) => e && { ...e, entity: { ...e.entity, ...patch } });
  const formRef = useRecordFocus(focus, 'legalEntity', (id) => {
    const found = entities.find((e) => e.id === id);
    setErrors({});
    setEditing(found ? { id, entity: { ...found } } : null);
  });

  const save = async () => {
    if (!editing) return;
    try {
      const saved = await api.legalEntities.save(editing);
      notify(`Saved “${saved.name}”.`, 'success');
      setEditing(null);
      setErrors({});
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'entity');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  const entity = editing?.entity;
  return (
    <section className="card" aria-labelledby="legal-entities-title">
      <h3 id="legal-entities-title">Our legal entities</h3>
      <p className="muted small">The entities in the register’s scope, each with its LEI; one of them maintains the register and files it.</p>
      <table className="table" data-testid="legal-entities">
        <thead>
          <tr>
            <th>Name</th>
            <th>LEI</th>
            <th>Country</th>
            <th>Type</th>
            <th>Maintains the register</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {entities.map((e) => (
            <tr key={e.id}>
              <td>{e.name}</td>
              <td className="mono">{e.lei}</td>
              <td>{e.country}</td>
              <td>{ENTITY_TYPE_LABELS[e.entityType]}</td>
              <td>{e.maintainsRegister ? 'Yes' : ''}</td>
              <td>
                <button type="button" className="button button--ghost" onClick={() => (setErrors({}), setEditing({ id: e.id, entity: { ...e } }))}>
                  Edit
                </button>
              </td>
            </tr>
          ))}
          {entities.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No legal entity yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {!entity ? (
        <button type="button" className="button" onClick={() => (setErrors({}), setEditing({ entity: EMPTY_ENTITY }))}>
          Add a legal entity
        </button>
      ) : (
        <RecordForm formRef={formRef} label={editing.id ? 'Edit legal entity' : 'New legal entity'} saveLabel="Save entity" onSave={save} onCancel={() => setEditing(null)}>
          <Field label="Name" required error={errors.name}>
            <input value={entity.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field label="LEI" required error={errors.lei} hint="20 characters (ISO 17442)">
            <input value={entity.lei ?? ''} maxLength={30} onChange={(e) => set({ lei: e.target.value })} />
          </Field>
          <Field label="Country" required error={errors.country} hint="Two-letter code, e.g. IE">
            <input value={entity.country ?? ''} maxLength={2} onChange={(e) => set({ country: e.target.value })} />
          </Field>
          <Field label="Type of entity" error={errors.entityType}>
            <select value={entity.entityType} onChange={(e) => set({ entityType: e.target.value as EntityInput['entityType'] })}>
              {ENTITY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {ENTITY_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Place in the group" error={errors.hierarchy}>
            <select value={entity.hierarchy} onChange={(e) => set({ hierarchy: e.target.value as EntityInput['hierarchy'] })}>
              {HIERARCHIES.map((h) => (
                <option key={h} value={h}>
                  {HIERARCHY_LABELS[h]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="LEI of the direct parent" error={errors.parentLei}>
            <input value={entity.parentLei ?? ''} maxLength={30} onChange={(e) => set({ parentLei: nullable(e.target.value) })} />
          </Field>
          <Field label="Competent authority" error={errors.competentAuthority}>
            <input value={entity.competentAuthority ?? ''} maxLength={200} onChange={(e) => set({ competentAuthority: nullable(e.target.value) })} />
          </Field>
          <Field label="Currency of its accounts" error={errors.currency} hint="ISO 4217, e.g. EUR">
            <input value={entity.currency ?? ''} maxLength={3} onChange={(e) => set({ currency: nullable(e.target.value) })} />
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={entity.maintainsRegister ?? false} onChange={(e) => set({ maintainsRegister: e.target.checked })} /> Maintains the register (files it)
          </label>
        </RecordForm>
      )}
    </section>
  );
}

const arrangementInput = ({ contractId: _id, reference: _ref, vendorName: _name, intraGroupEntityId: _entity, ...fields }: Arrangement): ArrangementInput => fields;

/** The arrangements an intra-group arrangement is linked to (B_02.03): the list, and a select to add one. */
function LinkedArrangements({ arrangement, arrangements, entities, linkedIds, error, onChange }: { arrangement: Arrangement; arrangements: Arrangement[]; entities: LegalEntity[]; linkedIds: number[]; error?: string; onChange(ids: number[]): void }) {
  const provider = entities.find((e) => e.id === arrangement.intraGroupEntityId);
  const linked = linkedIds.map((id) => arrangements.find((a) => a.contractId === id)).filter((a): a is Arrangement => a !== undefined);
  const others = arrangements.filter((a) => a.contractId !== arrangement.contractId && !linkedIds.includes(a.contractId));
  return (
    <fieldset className="regulatory-form__entities regulatory-form__links">
      <legend>Intra-group links (B_02.03)</legend>
      <p className="muted small regulatory-form__note">
        {provider
          ? `Intra-group: ${arrangement.vendorName}’s LEI is that of our entity ${provider.name}, which provides it (B_03.03). Link it to the contracts ${provider.name} holds with its own providers (B_02.03).`
          : `Not intra-group: an arrangement is intra-group when its provider’s LEI is that of one of our legal entities.`}
      </p>
      {linked.length > 0 && (
        <ul className="regulatory-links">
          {linked.map((a) => (
            <li key={a.contractId}>
              <span>
                {a.reference} · {a.vendorName}
              </span>
              <button type="button" className="button button--ghost" aria-label={`Unlink ${a.reference}`} onClick={() => onChange(linkedIds.filter((id) => id !== a.contractId))}>
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field label={ARRANGEMENT_FIELD.linkedIds} error={error}>
        <select value="" onChange={(e) => e.target.value && onChange([...linkedIds, Number(e.target.value)])}>
          <option value="">Link a contract…</option>
          {others.map((a) => (
            <option key={a.contractId} value={a.contractId}>
              {a.reference} · {a.vendorName}
            </option>
          ))}
        </select>
      </Field>
    </fieldset>
  );
}

/** The RoI fields of one contract (B_02.01, B_02.02, B_03.01, B_04.01), the entities and branches using it, its links (B_02.03), and the assessment of its service (B_07.01). */
function ArrangementCard({ arrangements, entities, branches, onSaved, focus }: { arrangements: Arrangement[]; entities: LegalEntity[]; branches: Branch[]; onSaved(): void; focus: RecordFocus | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [contractId, setContractId] = useState<number | null>(null);
  const [draft, setDraft] = useState<ArrangementInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const chosen = arrangements.find((a) => a.contractId === contractId);
  const set = (patch: Partial<ArrangementInput>) => setDraft((d) => d && { ...d, ...patch });
  const uses = (entityId: number) => draft?.usingEntities?.some((u) => u.entityId === entityId) ?? false;
  const viaBranch = (branchId: number) => draft?.usingBranches?.includes(branchId) ?? false;
  const branchesOf = (entityId: number) => branches.filter((b) => b.entityId === entityId);

  const choose = (id: number) => {
    const found = arrangements.find((a) => a.contractId === id);
    setContractId(found ? id : null);
    setDraft(found ? arrangementInput(found) : null);
    setErrors({});
  };
  const formRef = useRecordFocus(focus, 'contract', choose);
  const save = async () => {
    if (contractId === null || !draft) return;
    try {
      const saved = await api.arrangements.save({ contractId, arrangement: draft });
      notify(`Saved the Register of Information fields of ${saved.reference}.`, 'success');
      setErrors({});
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'arrangement');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  return (
    <section className="card" aria-labelledby="arrangements-title">
      <h3 id="arrangements-title">Contracts in the Register of Information</h3>
      <Field label="Contract">
        <select value={contractId ?? ''} onChange={(e) => choose(Number(e.target.value))}>
          <option value="">Choose a contract…</option>
          {arrangements.map((a) => (
            <option key={a.contractId} value={a.contractId}>
              {a.reference} · {a.vendorName}
            </option>
          ))}
        </select>
      </Field>
      {chosen && draft && (
        <RecordForm formRef={formRef} label={`Register of Information fields of ${chosen.reference}`} saveLabel="Save contract fields" onSave={save}>
          <Field label="Type of arrangement" error={errors.arrangementType}>
            <CodeSelect value={draft.arrangementType} values={ARRANGEMENT_TYPES} labels={ARRANGEMENT_TYPE_LABELS} onChange={(arrangementType) => set({ arrangementType })} />
          </Field>
          <Field label="Overarching arrangement" error={errors.overarchingId}>
            <select value={draft.overarchingId ?? ''} onChange={(e) => set({ overarchingId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">None</option>
              {arrangements
                .filter((a) => a.contractId !== contractId)
                .map((a) => (
                  <option key={a.contractId} value={a.contractId}>
                    {a.reference}
                  </option>
                ))}
            </select>
          </Field>
          <Field label="ICT service type" error={errors.ictServiceType}>
            <CodeSelect value={draft.ictServiceType} values={ICT_SERVICE_TYPES} labels={ICT_SERVICE_TYPE_CHOICES} onChange={(ictServiceType) => set({ ictServiceType })} />
          </Field>
          <Field label="Governing law (country)" error={errors.governingLaw}>
            <input value={draft.governingLaw ?? ''} maxLength={2} onChange={(e) => set({ governingLaw: nullable(e.target.value) })} />
          </Field>
          <Field label="Provider’s notice period (days)" error={errors.providerNoticeDays} hint="Ours is the contract’s notice period">
            <input inputMode="numeric" value={draft.providerNoticeDays ?? ''} onChange={(e) => set({ providerNoticeDays: e.target.value === '' ? null : Number(e.target.value) })} />
          </Field>
          <Field label="Country of provision" error={errors.provisionCountry}>
            <input value={draft.provisionCountry ?? ''} maxLength={2} onChange={(e) => set({ provisionCountry: nullable(e.target.value) })} />
          </Field>
          <Field label="Country of processing" error={errors.processingCountry}>
            <input value={draft.processingCountry ?? ''} maxLength={2} onChange={(e) => set({ processingCountry: nullable(e.target.value) })} />
          </Field>
          <fieldset className="regulatory-form__entities">
            <legend>Entities using it (each signed it)</legend>
            {entities.length === 0 && <p className="muted small">Add our legal entities first.</p>}
            {entities.map((e) => (
              <label key={e.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={uses(e.id)}
                  onChange={(event) =>
                    set(
                      event.target.checked
                        ? { usingEntities: [...(draft.usingEntities ?? []), { entityId: e.id, signed: true }] }
                        : { usingEntities: (draft.usingEntities ?? []).filter((u) => u.entityId !== e.id), usingBranches: (draft.usingBranches ?? []).filter((b) => !branchesOf(e.id).some((own) => own.id === b)) },
                    )
                  }
                />{' '}
                {e.name}
              </label>
            ))}
            {errors.usingEntities && <p className="field__error">{errors.usingEntities}</p>}
          </fieldset>
          {entities.some((e) => uses(e.id) && branchesOf(e.id).length > 0) && (
            <fieldset className="regulatory-form__entities">
              <legend>{ARRANGEMENT_FIELD.usingBranches} (each through its head office)</legend>
              {entities
                .filter((e) => uses(e.id))
                .flatMap((e) => branchesOf(e.id))
                .map((b) => (
                  <label key={b.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={viaBranch(b.id)}
                      onChange={(event) => set({ usingBranches: event.target.checked ? [...(draft.usingBranches ?? []), b.id] : (draft.usingBranches ?? []).filter((id) => id !== b.id) })}
                    />{' '}
                    {b.name} <span className="mono muted">{b.code}</span>
                  </label>
                ))}
              {errors.usingBranches && <p className="field__error">{errors.usingBranches}</p>}
            </fieldset>
          )}
          <LinkedArrangements arrangement={chosen} arrangements={arrangements} entities={entities} linkedIds={draft.linkedIds ?? []} error={errors.linkedIds} onChange={(linkedIds) => set({ linkedIds })} />
          <ArrangementAssessmentFields draft={draft} errors={errors} set={set} />
        </RecordForm>
      )}
    </section>
  );
}

/** The linter's findings and the export of the DORA RoI package for a reference date. */
function RoiExportCard({ onOpen }: { onOpen(finding: RoiFinding): void }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [referenceDate, setReferenceDate] = useState<string | null>(`${new Date().getFullYear() - 1}-12-31`);
  const [level, setLevel] = useState<'IND' | 'CON'>('IND');
  const [findings, setFindings] = useState<RoiFinding[] | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async () => {
    try {
      setFindings(await api.roi.lint({ referenceDate, level }));
      setExported(null);
    } catch (error) {
      notify(messageOf(error));
    }
  };
  const exportPackage = async () => {
    setBusy(true);
    try {
      const file = await runJob<RoiExport>(api, () => api.roi.export({ referenceDate, level })).result;
      const where = await downloadExported(file);
      if (where) notify(file.findings.length ? `${where} ${file.findings.length} warnings go with it: save the findings report beside it.` : where, 'success');
      // The warnings it was exported with, for the report beside the package.
      setFindings(file.findings);
      setExported(file.fileName);
    } catch (error) {
      const refused = error instanceof JobEnded ? (error.status.error?.details?.findings as RoiFinding[] | undefined) : undefined;
      if (refused) setFindings(refused);
      setExported(null);
      notify(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const saveReport = async () => {
    if (!findings) return;
    const where = await download(new Blob([roiFindingsCsv(findings)], { type: 'text/csv' }), roiFindingsFileName(exported ?? `Register of Information ${referenceDate ?? ''}`));
    if (where) notify(where, 'success');
  };
  const blocking = findings?.filter((f) => f.severity === 'blocking').length ?? 0;

  return (
    <section className="card" aria-labelledby="roi-title">
      <h3 id="roi-title">DORA Register of Information</h3>
      <p className="muted small">The plain-csv report package of the EBA DORA 4.0 taxonomy. It is checked first; a finding that would make the regulator reject it stops the export.</p>
      <div className="regulatory-form">
        <Field label="Reference date" hint="31 December of the year reported">
          <DateInput value={referenceDate} onChange={setReferenceDate} />
        </Field>
        <Field label="Level">
          <select value={level} onChange={(e) => setLevel(e.target.value as 'IND' | 'CON')}>
            <option value="IND">Individual</option>
            <option value="CON">Consolidated</option>
          </select>
        </Field>
        <div className="regulatory-form__actions">
          <button type="button" className="button" onClick={() => void check()} data-testid="roi-lint">
            Check
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void exportPackage()} data-testid="roi-export">
            {busy ? 'Exporting…' : 'Export package'}
          </button>
        </div>
      </div>
      {findings && (
        <>
          <div className="regulatory-findings__head">
            <p role="status">
              {exported ? `Exported ${exported}. ` : ''}
              {findings.length === 0 ? 'No findings.' : `${blocking} blocking, ${findings.length - blocking} warnings.`}
            </p>
            {findings.length > 0 && (
              <button type="button" className="button" onClick={() => void saveReport()} data-testid="roi-findings-report">
                Save the findings report (CSV)
              </button>
            )}
          </div>
          {findings.length > 0 && <p className="muted small">Choose a record to open it at the field to fix.</p>}
          <RoiFindings findings={findings} testId="roi-findings" onOpen={onOpen} />
        </>
      )}
    </section>
  );
}

/** Regulatory registers: our legal entities, the contracts' RoI fields, the DORA RoI check and export, and the APRA CPS 230 register. */
export function RegulatoryView() {
  const entities = useApiQuery('regulatory:entities', (api) => api.legalEntities.list({}));
  const arrangements = useApiQuery('regulatory:arrangements', (api) => api.arrangements.list({}));
  const branches = useApiQuery('regulatory:branches', (api) => api.branches.list({}));
  const openVendor = useApp((s) => s.openVendor);
  const [focus, setFocus] = useState<RecordFocus | null>(null);
  // A provider's identifiers are kept here (its identifier type) and on its page; any other vendor field is on its page.
  const open = (finding: RoiFinding) => {
    if (!finding.target) return;
    const identifiers = finding.field === PROVIDER_CODE_FIELD || finding.field.startsWith(PARENT_CODE_FIELD) || ['EUID', 'v8817', 'v8823'].includes(finding.rule);
    if (finding.target.kind === 'vendor' && !identifiers) openVendor(finding.target.id, finding.field);
    else setFocus({ target: finding.target, field: finding.field });
  };
  return (
    <section className="page regulatory">
      <header className="page__header">
        <div>
          <h2>Regulatory registers</h2>
          <p className="muted">What the DORA Register of Information and the APRA CPS 230 register need beyond the register, their checks and their exports.</p>
        </div>
      </header>
      {(entities.error || arrangements.error || branches.error) && <p role="alert">{entities.error ?? arrangements.error ?? branches.error}</p>}
      <RoiExportCard onOpen={open} />
      {/* An entity's LEI decides which arrangements are intra-group, so the contracts are read again with it. */}
      <LegalEntitiesCard entities={entities.data ?? []} onSaved={() => (entities.reload(), arrangements.reload())} focus={focus} />
      <BranchesCard branches={branches.data ?? []} entities={entities.data ?? []} onSaved={branches.reload} focus={focus} />
      <ArrangementCard arrangements={arrangements.data ?? []} entities={entities.data ?? []} branches={branches.data ?? []} onSaved={arrangements.reload} focus={focus} />
      <FunctionCard focus={focus} />
      <ProviderCard focus={focus} />
      <RoiImportCard />
      <Cps230Card focus={focus} onOpen={open} />
    </section>
  );
}
