import { useState } from 'react';
import { DEPENDENCY_PAGE, type Dependency, type DependencyList, type Vendor } from '../../../db/contract';
import { Icon } from '../../components/Icon';
import { ListPager, ListSearch, type PageState } from '../../components/ListPager';
import { VendorPicker } from '../../components/VendorPicker';
import { useApi, useApp } from '../../store';
import { fieldErrorsOf, messageOf } from '../../store/ui';
import { useApiQuery } from '../../useApiQuery';

const FIRST_PAGE: PageState = { offset: 0, search: '' };

interface ListProps {
  title: string;
  empty: string;
  rows: Dependency[];
  total: number;
  page: PageState;
  onPage(next: PageState): void;
  nameOf(d: Dependency): string;
  idOf(d: Dependency): number;
  onRemove(d: Dependency): void;
}

function DependencyList({ title, empty, rows, total, page, onPage, nameOf, idOf, onRemove }: ListProps) {
  const openVendor = useApp((s) => s.openVendor);
  return (
    <div className="card">
      <div className="card__header card__header--row">
        <h3>
          {title} <span className="muted small">({total.toLocaleString('en')})</span>
        </h3>
        <ListSearch label={title} page={page} pageSize={DEPENDENCY_PAGE} total={total} onPage={onPage} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">{page.search ? `No name here contains “${page.search}”.` : empty}</p>
      ) : (
        <ul className="link-list">
          {rows.map((d) => (
            <li key={d.id}>
              <button type="button" className="link-button" onClick={() => openVendor(idOf(d))}>
                {nameOf(d)}
              </button>
              {d.description && <span className="muted small"> — {d.description}</span>}
              <button type="button" className="icon-button" aria-label={`Remove the link to ${nameOf(d)}`} onClick={() => onRemove(d)}>
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <ListPager label={title} page={page} pageSize={DEPENDENCY_PAGE} total={total} onPage={onPage} />
    </div>
  );
}

export function DependenciesTab({ vendor }: { vendor: Vendor }) {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const offerUndo = useApp((s) => s.offerUndo);
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  // Each list is read a page at a time (a provider may stand behind tens of thousands of vendors).
  const [pages, setPages] = useState<Record<DependencyList, PageState>>({ dependsOn: FIRST_PAGE, usedBy: FIRST_PAGE, chain: FIRST_PAGE });
  const pageOf = (list: DependencyList) => ({ page: pages[list], onPage: (next: PageState) => setPages((all) => ({ ...all, [list]: next })) });
  const deps = useApiQuery(`dependencies:${vendor.id}:${JSON.stringify(pages)}`, (a) => a.dependencies.forVendor({ vendorId: vendor.id, ...pages }));
  const [supplierId, setSupplierId] = useState<number | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async () => {
    if (supplierId === null) return setError('Choose the vendor this one depends on.');
    try {
      await api.dependencies.add({ vendorId: vendor.id, supplierId, description });
      setSupplierId(null);
      setPickerKey((k) => k + 1);
      setDescription('');
      setError(null);
      deps.reload();
      reloadVendors();
    } catch (e) {
      setError(Object.values(fieldErrorsOf(e, '') ?? {})[0] ?? messageOf(e));
    }
  };
  // A supplier not yet in the register is created in place, as a fourth party (no contract with us), and linked at
  // once: choosing it says what the user wants, and a created but unlinked vendor would be left behind.
  const addFourthParty = {
    label: (name: string) => `Add “${name}” as a fourth party`,
    run: async (name: string) => {
      const created = await api.vendors.create({ vendor: { name, direct: false } });
      await api.dependencies.add({ vendorId: vendor.id, supplierId: created.id, description });
      notify(`Added “${created.name}” as a fourth party that ${vendor.name} depends on: complete its details on its page when you have them.`, 'success');
      // Cleared after the picker has taken its choice, so the form is ready for the next supplier.
      setTimeout(() => {
        setSupplierId(null);
        setPickerKey((k) => k + 1);
        setDescription('');
        setError(null);
      });
      deps.reload();
      reloadVendors();
      return created;
    },
  };
  const remove = async (d: Dependency) => {
    if (!(await confirm({ title: 'Remove this link?', message: `“${d.vendorName} depends on ${d.supplierName}” leaves the register.`, confirmLabel: 'Remove link', danger: true }))) return;
    try {
      offerUndo(`Removed the link “${d.vendorName} depends on ${d.supplierName}”.`, (await api.dependencies.remove({ id: d.id })).undo);
      deps.reload();
      reloadVendors();
    } catch (e) {
      notify(messageOf(e));
    }
  };

  const data = deps.data;
  return (
    <div className="stack">
      <div className="two-columns">
        <DependencyList
          title={`${vendor.name} depends on`}
          empty="No suppliers recorded. Add the sub-processors and subcontractors it relies on."
          rows={data?.dependsOn ?? []}
          total={data?.totals.dependsOn ?? 0}
          {...pageOf('dependsOn')}
          nameOf={(d) => d.supplierName}
          idOf={(d) => d.supplierId}
          onRemove={(d) => void remove(d)}
        />
        <DependencyList
          title={`Used by`}
          empty="None of our vendors depends on this one."
          rows={data?.usedBy ?? []}
          total={data?.totals.usedBy ?? 0}
          {...pageOf('usedBy')}
          nameOf={(d) => d.vendorName}
          idOf={(d) => d.vendorId}
          onRemove={(d) => void remove(d)}
        />
      </div>
      <div className="card">
        <h3>Add a supplier</h3>
        <div className="inline-form">
          <div className={`field${error ? ' field--invalid' : ''}`}>
            <label htmlFor="supplier-picker">Depends on</label>
            <VendorPicker
              key={pickerKey}
              id="supplier-picker"
              value={supplierId}
              initialName={null}
              excludeId={vendor.id}
              placeholder="Type to find the supplier, or a new name"
              create={addFourthParty}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'supplier-error' : undefined}
              onChange={(id) => {
                setSupplierId(id);
                setError(null);
              }}
            />
            {error && (
              <p className="field__error" role="alert" id="supplier-error">
                {error}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="supplier-description">For what</label>
            <input id="supplier-description" value={description} placeholder="e.g. card gateway, hosting" onChange={(e) => setDescription(e.target.value)} />
          </div>
          <button type="button" className="button button--primary" onClick={() => void add()}>
            Add supplier
          </button>
        </div>
      </div>
      <div className="card">
        <div className="card__header card__header--row">
          <h3>
            Supply chain <span className="muted small">({(data?.totals.chain ?? 0).toLocaleString('en')})</span>
          </h3>
          <ListSearch label="the supply chain" pageSize={DEPENDENCY_PAGE} total={data?.totals.chain ?? 0} {...pageOf('chain')} />
        </div>
        {data && data.chain.length === 0 ? (
          <p className="muted">{pages.chain.search ? `No name in the chain contains “${pages.chain.search}”.` : 'No fourth parties behind this vendor.'}</p>
        ) : (
          <table className="table" aria-label="Supply chain">
            <thead>
              <tr>
                <th>Rank</th>
                <th>Vendor</th>
                <th>Reached through</th>
              </tr>
            </thead>
            <tbody>
              {data?.chain.map((link) => (
                <tr key={link.vendorId}>
                  <td>{`${link.rank + 2}th party`}</td>
                  <td className="cell-title">{link.vendorName}</td>
                  <td className="muted">{link.via ?? 'its own supplier'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ListPager label="the supply chain" pageSize={DEPENDENCY_PAGE} total={data?.totals.chain ?? 0} {...pageOf('chain')} />
      </div>
    </div>
  );
}
