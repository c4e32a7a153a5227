import { useState } from 'react';
import type { Contract, Vendor } from '../../../db/contract';
import { DueDate } from '../../components/DueDate';
import { Field, useRevealFirstError } from '../../components/Field';
import { DateInput } from '../../components/DateInput';
import { Icon } from '../../components/Icon';
import { formatDate, formatMoney } from '../../format';
import { useApi, useApp } from '../../store';
import { fieldErrorsOf, messageOf } from '../../store/ui';
import { useApiQuery } from '../../useApiQuery';

interface Draft {
  id?: number;
  reference: string;
  startDate: string;
  endDate: string;
  noticeDays: string;
  annualValue: string;
  currency: string;
}

const EMPTY: Draft = { reference: '', startDate: '', endDate: '', noticeDays: '', annualValue: '', currency: '' };

const toDraft = (c: Contract): Draft => ({
  id: c.id,
  reference: c.reference,
  startDate: c.startDate ?? '',
  endDate: c.endDate ?? '',
  noticeDays: c.noticeDays === null ? '' : String(c.noticeDays),
  annualValue: c.annualValue === null ? '' : String(c.annualValue),
  currency: c.currency ?? '',
});

const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(/[\s,]/g, '')));

export function ContractsTab({ vendor }: { vendor: Vendor }) {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const offerUndo = useApp((s) => s.offerUndo);
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const contracts = useApiQuery(`contracts:${vendor.id}`, (a) => a.contracts.list({ vendorId: vendor.id }));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRevealFirstError<HTMLFormElement>(errors);

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...(d ?? EMPTY), ...patch }));
    setErrors({});
  };

  const save = async () => {
    if (!draft) return;
    const noticeDays = number(draft.noticeDays);
    const annualValue = number(draft.annualValue);
    if (noticeDays !== null && Number.isNaN(noticeDays)) return setErrors({ noticeDays: 'Enter the notice period in days.' });
    if (annualValue !== null && Number.isNaN(annualValue)) return setErrors({ annualValue: 'Enter the annual value as a number.' });
    try {
      await api.contracts.save({
        id: draft.id,
        contract: { vendorId: vendor.id, reference: draft.reference, startDate: draft.startDate, endDate: draft.endDate, noticeDays, annualValue, currency: draft.currency },
      });
      setDraft(null);
      contracts.reload();
      reloadVendors();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'contract');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  const remove = async (c: Contract) => {
    if (!(await confirm({ title: `Delete contract ${c.reference}?`, message: 'The contract and its notice deadline leave the register; the audit history keeps them.', confirmLabel: 'Delete contract', danger: true }))) return;
    try {
      offerUndo(`Deleted contract ${c.reference}.`, (await api.contracts.delete({ id: c.id })).undo);
      contracts.reload();
      reloadVendors();
    } catch (error) {
      notify(messageOf(error));
    }
  };

  const text = (key: keyof Omit<Draft, 'id'>) => ({ value: draft?.[key] ?? '', onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value }) });

  return (
    <div className="stack">
      <div className="card">
        <div className="card__header card__header--row">
          <h3>Contracts</h3>
          <button type="button" className="button button--small" onClick={() => setDraft(EMPTY)}>
            <Icon name="plus" size={14} /> Add contract
          </button>
        </div>
        {contracts.data?.length === 0 ? (
          <p className="muted">No contracts recorded.</p>
        ) : (
          <table className="table" aria-label="Contracts">
            <thead>
              <tr>
                <th>Reference</th>
                <th>Start</th>
                <th>End</th>
                <th className="num">Notice</th>
                <th>Notice deadline</th>
                <th className="num">Annual value</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {contracts.data?.map((c) => (
                <tr key={c.id}>
                  <td className="cell-title">{c.reference}</td>
                  <td>{formatDate(c.startDate)}</td>
                  <td>{formatDate(c.endDate)}</td>
                  <td className="num">{c.noticeDays === null ? '—' : `${c.noticeDays} days`}</td>
                  <td>
                    <DueDate date={c.noticeDeadline} />
                  </td>
                  <td className="num">{formatMoney(c.annualValue, c.currency)}</td>
                  <td className="actions">
                    <button type="button" className="button button--small" onClick={() => setDraft(toDraft(c))}>
                      Edit
                    </button>
                    <button type="button" className="icon-button" aria-label={`Delete ${c.reference}`} onClick={() => void remove(c)}>
                      <Icon name="close" size={16} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {draft && (
        <form
          ref={form}
          className="card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h3>{draft.id ? `Edit ${draft.reference}` : 'New contract'}</h3>
          <div className="grid grid--3">
            <Field label="Reference" required error={errors.reference}>
              <input {...text('reference')} autoFocus />
            </Field>
            <Field label="Start" error={errors.startDate}>
              <DateInput value={draft.startDate} onChange={(v) => set({ startDate: v ?? '' })} />
            </Field>
            <Field label="End" error={errors.endDate}>
              <DateInput value={draft.endDate} onChange={(v) => set({ endDate: v ?? '' })} />
            </Field>
            <Field label="Notice period (days)" error={errors.noticeDays}>
              <input inputMode="numeric" {...text('noticeDays')} />
            </Field>
            <Field label="Annual value" error={errors.annualValue}>
              <input inputMode="decimal" {...text('annualValue')} />
            </Field>
            <Field label="Currency" error={errors.currency}>
              <input list="currency-codes-contract" maxLength={3} placeholder="AUD" {...text('currency')} />
            </Field>
          </div>
          <datalist id="currency-codes-contract">
            {Intl.supportedValuesOf('currency').map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <div className="form-footer">
            <span className="spacer" />
            <button type="button" className="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="submit" className="button button--primary">
              Save contract
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
