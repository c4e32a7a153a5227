import { useRef, useState } from 'react';
import type { Holding, Vendor } from '../../../db/contract';
import { COUNTRY_CODES, countryName } from '../../../db/shared/countries';
import { Icon } from '../../components/Icon';
import { formatNumber } from '../../format';
import { useApi, useApp } from '../../store';
import { fieldErrorsOf, messageOf } from '../../store/ui';
import { useApiQuery } from '../../useApiQuery';

const countries = [...COUNTRY_CODES].sort((a, b) => countryName(a).localeCompare(countryName(b)));

/** "6,000,000" → 6000000; undefined when it is not a whole number as typed. */
function parseCount(text: string): number | undefined {
  const compact = text.replace(/[\s,_]/g, '');
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : undefined;
}

interface Draft {
  categoryId: string;
  records: string;
  storageCountry: string;
  encrypted: boolean;
  tokenised: boolean;
}

const EMPTY_DRAFT: Draft = { categoryId: '', records: '', storageCountry: '', encrypted: false, tokenised: false };

/** One holding as an editable row (or the add row when `holding` is undefined). */
function HoldingRow({ vendorId, holding, categories, onSaved }: { vendorId: number; holding?: Holding; categories: { id: number; label: string; weight: number }[]; onSaved(): void }) {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const offerUndo = useApp((s) => s.offerUndo);
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const initial: Draft = holding
    ? { categoryId: String(holding.categoryId), records: holding.records.toLocaleString('en-US'), storageCountry: holding.storageCountry ?? '', encrypted: holding.encrypted, tokenised: holding.tokenised }
    : EMPTY_DRAFT;
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const row = useRef<HTMLTableRowElement>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const weight = categories.find((c) => String(c.id) === draft.categoryId)?.weight;
  const records = parseCount(draft.records);

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors({});
  };

  const save = async () => {
    if (records === undefined) return setErrors({ records: 'Enter the number of people whose data of this category it holds, for example 250,000.' });
    try {
      await api.holdings.save({
        id: holding?.id,
        holding: { vendorId, categoryId: Number(draft.categoryId), records, storageCountry: draft.storageCountry || null, encrypted: draft.encrypted, tokenised: draft.tokenised },
      });
      if (!holding) {
        // The next holding is most often stored where this one is.
        setDraft({ ...EMPTY_DRAFT, storageCountry: draft.storageCountry });
        // Ready for the next one: the add row's first field.
        row.current?.querySelector('select')?.focus();
      }
      reloadVendors();
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'holding');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  const remove = async () => {
    if (!holding || !(await confirm({ title: `Remove “${holding.categoryLabel}”?`, message: `The vendor's holding of ${holding.categoryLabel.toLowerCase()} leaves the register, and its exposure with it.`, confirmLabel: 'Remove', danger: true }))) return;
    try {
      offerUndo(`Removed the holding of ${holding.categoryLabel.toLowerCase()}.`, (await api.holdings.delete({ id: holding.id })).undo);
      reloadVendors();
      onSaved();
    } catch (error) {
      notify(messageOf(error));
    }
  };

  const error = (field: string) =>
    errors[field] ? (
      <p className="field__error" role="alert" id={`holding-${holding?.id ?? 'new'}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `holding-${holding?.id ?? 'new'}-${field}-error` } : {});

  return (
    <tr
      ref={row}
      className={holding ? undefined : 'add-row'}
      onKeyDown={(e) => {
        // Enter in a field adds the row (or saves the row's edits), as in a spreadsheet.
        if (e.key !== 'Enter' || e.target instanceof HTMLButtonElement || (holding ? !dirty : !draft.categoryId || draft.records === '')) return;
        e.preventDefault();
        void save();
      }}
    >
      <td>
        <select aria-label="Data category" value={draft.categoryId} onChange={(e) => set({ categoryId: e.target.value })} {...described('categoryId')}>
          <option value="">Choose a category…</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        {error('categoryId')}
      </td>
      <td className="num">
        <input aria-label="People" className="num" inputMode="numeric" value={draft.records} placeholder="0" onChange={(e) => set({ records: e.target.value })} {...described('records')} />
        {error('records')}
      </td>
      <td>
        <select aria-label="Stored in" value={draft.storageCountry} onChange={(e) => set({ storageCountry: e.target.value })}>
          <option value="">Not recorded</option>
          {countries.map((code) => (
            <option key={code} value={code}>
              {countryName(code)}
            </option>
          ))}
        </select>
      </td>
      <td className="center">
        <input type="checkbox" aria-label="Encrypted" checked={draft.encrypted} onChange={(e) => set({ encrypted: e.target.checked })} />
      </td>
      <td className="center">
        <input type="checkbox" aria-label="Tokenised" checked={draft.tokenised} onChange={(e) => set({ tokenised: e.target.checked })} />
      </td>
      <td className="num muted">{weight ?? '—'}</td>
      <td className="num">{records !== undefined && weight !== undefined ? formatNumber(records * weight) : '—'}</td>
      <td className="actions">
        {holding ? (
          <>
            {dirty && (
              <button type="button" className="button button--small button--primary" onClick={() => void save()}>
                Save
              </button>
            )}
            <button type="button" className="icon-button" aria-label={`Remove ${holding.categoryLabel}`} onClick={() => void remove()}>
              <Icon name="close" size={16} />
            </button>
          </>
        ) : (
          <button type="button" className="button button--small button--primary" disabled={!draft.categoryId || draft.records === ''} onClick={() => void save()}>
            Add
          </button>
        )}
      </td>
    </tr>
  );
}

export function HoldingsTab({ vendor }: { vendor: Vendor }) {
  const holdings = useApiQuery(`holdings:${vendor.id}`, (api) => api.holdings.list({ vendorId: vendor.id }));
  const categories = useApiQuery('categories', (api) => api.categories.list({}));
  const list = holdings.data;
  const options = (categories.data ?? []).map((c) => ({ id: c.id, label: c.label, weight: c.weight }));

  return (
    <div className="card">
      <div className="card__header">
        <h3>Customer data held</h3>
        <p className="muted small">
          One row per data category: the number of people whose data of that category the vendor holds. Exposure = people × the category’s sensitivity weight
          (Settings → Data categories). {vendor.people !== null ? `Distinct people (entered): ${formatNumber(vendor.people)}.` : vendor.largestCategory > 0 ? `Distinct people: at least ${formatNumber(vendor.largestCategory)} (the largest category); enter the exact figure on the Overview tab.` : ''}
        </p>
      </div>
      {(holdings.error || categories.error) && <p className="form-error">{holdings.error ?? categories.error}</p>}
      <table className="table table--form" aria-label="Data held">
        <thead>
          <tr>
            <th>Data category</th>
            <th className="num">People</th>
            <th>Stored in</th>
            <th className="center">Encrypted</th>
            <th className="center">Tokenised</th>
            <th className="num">Weight</th>
            <th className="num">Exposure</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list?.rows.map((h) => <HoldingRow key={`${h.id}:${h.records}:${h.categoryId}:${h.storageCountry}:${h.encrypted}:${h.tokenised}`} vendorId={vendor.id} holding={h} categories={options} onSaved={holdings.reload} />)}
          {list && list.rows.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No customer data recorded yet. Add what this vendor holds, one category at a time.
              </td>
            </tr>
          )}
          <HoldingRow vendorId={vendor.id} categories={options} onSaved={holdings.reload} />
        </tbody>
        {list && list.rows.length > 0 && (
          <tfoot>
            <tr>
              <th>Total</th>
              <th className="num" data-testid="holdings-total-records" title="People × categories: a person counted once per category held">
                {formatNumber(list.totalRecords)} data items
              </th>
              <th colSpan={4} />
              <th className="num" data-testid="holdings-total-exposure">
                {formatNumber(list.totalExposure)}
              </th>
              <th />
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
