import { useState } from 'react';
import type { DataCategory } from '../../db/contract';
import { formatCompact } from '../format';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';

function CategoryRow({ category, onSaved }: { category: DataCategory; onSaved(): void }) {
  const api = useApi();
  const reloadVendors = useApp((s) => s.reloadVendors);
  const [weight, setWeight] = useState(String(category.weight));
  const [notifiable, setNotifiable] = useState(category.notifiable);
  const [error, setError] = useState<string | null>(null);
  const dirty = weight !== String(category.weight) || notifiable !== category.notifiable;
  const errorId = `category-${category.id}-error`;

  const save = async () => {
    const value = Number(weight.replace(',', '.'));
    if (weight.trim() === '' || Number.isNaN(value)) return setError('Enter a weight such as 1.5.');
    try {
      await api.categories.update({ id: category.id, label: category.label, weight: value, notifiable });
      setError(null);
      reloadVendors();
      onSaved();
    } catch (e) {
      setError(Object.values(fieldErrorsOf(e, '') ?? {})[0] ?? messageOf(e));
    }
  };

  return (
    <tr>
      <td>
        <span className="cell-title" title={`Code in imports and exports: ${category.code}`}>
          {category.label}
        </span>
      </td>
      <td className="num">
        <input
          className="num input-narrow"
          aria-label={`Weight of ${category.label}`}
          inputMode="decimal"
          value={weight}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setWeight(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <p className="field__error" role="alert" id={errorId}>
            {error}
          </p>
        )}
      </td>
      <td className="num muted">{category.defaultWeight ?? '—'}</td>
      <td className="center">
        <input type="checkbox" aria-label={`${category.label} makes a breach notifiable`} checked={notifiable} onChange={(e) => setNotifiable(e.target.checked)} />
      </td>
      <td className="num">{category.recordsHeld ? formatCompact(category.recordsHeld) : '—'}</td>
      <td className="num">{category.vendorsHolding || '—'}</td>
      <td className="actions">
        {dirty && (
          <button type="button" className="button button--small button--primary" onClick={() => void save()}>
            Save
          </button>
        )}
      </td>
    </tr>
  );
}

export function CategoriesCard() {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const categories = useApiQuery('categories', (a) => a.categories.list({}));
  const changed = (categories.data ?? []).some((c) => c.defaultWeight !== null && c.defaultWeight !== c.weight);

  const restore = async () => {
    if (!(await confirm({ title: 'Restore the default categories?', message: 'Put every default category back to its default label, weight and notifiable flag?', confirmLabel: 'Restore defaults', danger: true }))) return;
    try {
      await api.categories.restoreDefaults({});
      reloadVendors();
      categories.reload();
      notify('Default weights restored.', 'success');
    } catch (error) {
      notify(messageOf(error));
    }
  };

  return (
    <div className="card">
      <div className="card__header card__header--row">
        <div>
          <h3>Data categories</h3>
          <p className="muted small">Sensitivity weights after the ENISA breach-severity scale. Exposure = people × weight, so a weight change re-scores every vendor.</p>
        </div>
        <button type="button" className="button button--small" onClick={() => void restore()} disabled={!changed}>
          Restore defaults
        </button>
      </div>
      <table className="table table--form" aria-label="Data categories">
        <thead>
          <tr>
            <th>Category</th>
            <th className="num">Weight</th>
            <th className="num">Default</th>
            <th className="center">Notifiable</th>
            <th className="num" title="Σ over vendors: a person at two vendors counts twice">People held (all vendors)</th>
            <th className="num">Vendors</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {categories.data?.map((c) => <CategoryRow key={`${c.id}:${c.weight}:${c.notifiable}`} category={c} onSaved={categories.reload} />)}
        </tbody>
      </table>
    </div>
  );
}
