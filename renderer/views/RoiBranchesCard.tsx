import { useState } from 'react';
import type { Branch, LegalEntity, MethodInput } from '../../db/contract';
import { BRANCH_FIELD } from '../../db/shared/regulatory-codes';
import { Field } from '../components/Field';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { RecordForm } from './RecordForm';
import { useRecordFocus, type RecordFocus } from './regulatory-focus';

type BranchInput = MethodInput<'branches.save'>['branch'];

/** The branches of our legal entities (DORA RoI B_01.03): the list, and one form to add or change a branch. */
export function BranchesCard({ branches, entities, onSaved, focus }: { branches: Branch[]; entities: LegalEntity[]; onSaved(): void; focus: RecordFocus | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [editing, setEditing] = useState<{ id?: number; branch: BranchInput } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<BranchInput>) => setEditing((e) => e && { ...e, branch: { ...e.branch, ...patch } });
  const edit = (found: Branch | undefined) => {
    setErrors({});
    setEditing(found ? { id: found.id, branch: { entityId: found.entityId, code: found.code, name: found.name, country: found.country } } : null);
  };
  const formRef = useRecordFocus(focus, 'branch', (id) => edit(branches.find((b) => b.id === id)));
  const headOffice = (id: number) => entities.find((e) => e.id === id)?.name ?? '';

  const save = async () => {
    if (!editing) return;
    try {
      const saved = await api.branches.save(editing);
      notify(`Saved the branch “${saved.name}”.`, 'success');
      setEditing(null);
      setErrors({});
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'branch');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };
  const remove = async (branch: Branch) => {
    try {
      await api.branches.delete({ id: branch.id });
      notify(`Deleted the branch “${branch.name}”.`, 'success');
      if (editing?.id === branch.id) setEditing(null);
      onSaved();
    } catch (error) {
      notify(messageOf(error));
    }
  };

  const branch = editing?.branch;
  return (
    <section className="card" aria-labelledby="branches-title">
      <h3 id="branches-title">Branches</h3>
      <p className="muted small">The branches of our legal entities (B_01.03), each under its head office with its own identification code. A contract’s form says which branches use it.</p>
      <table className="table" data-testid="branches">
        <thead>
          <tr>
            <th>Name</th>
            <th>Code</th>
            <th>Head office</th>
            <th>Country</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {branches.map((b) => (
            <tr key={b.id}>
              <td>{b.name}</td>
              <td className="mono">{b.code}</td>
              <td>{headOffice(b.entityId)}</td>
              <td>{b.country}</td>
              <td className="regulatory-row-actions">
                <button type="button" className="button button--ghost" aria-label={`Edit ${b.name}`} onClick={() => edit(b)}>
                  Edit
                </button>
                <button type="button" className="button button--ghost" aria-label={`Delete ${b.name}`} onClick={() => void remove(b)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {branches.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No branch yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {!branch ? (
        <button type="button" className="button" disabled={entities.length === 0} onClick={() => (setErrors({}), setEditing({ branch: { entityId: entities[0]?.id ?? 0, code: '', name: '', country: '' } }))}>
          Add a branch
        </button>
      ) : (
        <RecordForm formRef={formRef} label={editing.id ? 'Edit branch' : 'New branch'} saveLabel="Save branch" onSave={save} onCancel={() => setEditing(null)} className="regulatory-form--branch">
          <Field label={BRANCH_FIELD.entityId} required error={errors.entityId}>
            <select value={branch.entityId} onChange={(e) => set({ entityId: Number(e.target.value) })}>
              {entities.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={BRANCH_FIELD.code} required error={errors.code} hint="The branch’s LEI, or a code we use for it">
            <input value={branch.code} maxLength={100} onChange={(e) => set({ code: e.target.value })} />
          </Field>
          <Field label={BRANCH_FIELD.name} required error={errors.name}>
            <input value={branch.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field label={BRANCH_FIELD.country} required error={errors.country} hint="Two-letter code, e.g. DE">
            <input value={branch.country ?? ''} maxLength={2} onChange={(e) => set({ country: e.target.value })} />
          </Field>
        </RecordForm>
      )}
      {entities.length === 0 && <p className="muted small">Add our legal entities first: a branch belongs to one.</p>}
    </section>
  );
}
