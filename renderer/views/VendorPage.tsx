import { useState, type KeyboardEvent } from 'react';
import type { Vendor } from '../../db/contract';
import { SERVICE_TYPE_LABELS, STATUS_LABELS, TIER_LABELS } from '../../db/shared/labels';
import { DISCARD_QUESTION } from '../App';
import { Icon } from '../components/Icon';
import { formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { ContractsTab } from './vendor/ContractsTab';
import { DependenciesTab } from './vendor/DependenciesTab';
import { HistoryTab } from './vendor/HistoryTab';
import { HoldingsTab } from './vendor/HoldingsTab';
import { IncidentsTab } from './vendor/IncidentsTab';
import { ReviewsTab } from './vendor/ReviewsTab';
import { ScoreTab } from './vendor/ScoreTab';
import { ServicesTab } from './vendor/ServicesTab';
import { VendorForm } from './vendor/VendorForm';

const TABS = [
  ['overview', 'Overview'],
  ['holdings', 'Data held'],
  ['services', 'Services supported'],
  ['dependencies', 'Depends on / Used by'],
  ['contracts', 'Contracts'],
  ['incidents', 'Incidents'],
  ['score', 'Why this score'],
  ['reviews', 'Reviews'],
  ['history', 'History'],
] as const;
type Tab = (typeof TABS)[number][0];

export function VendorPage() {
  const selection = useApp((s) => s.selectedVendor);
  const openVendor = useApp((s) => s.openVendor);
  const setView = useApp((s) => s.setView);
  const unsaved = useApp((s) => s.unsavedChanges);
  const [tab, setTab] = useState<Tab>('overview');
  /** Set when the vendor was just created: the page points to what to record next. */
  const [created, setCreated] = useState<number | null>(null);
  const vendorId = typeof selection === 'number' ? selection : null;
  const query = useApiQuery(`vendor:${vendorId}`, (api) => (vendorId === null ? Promise.resolve(null) : api.vendors.get({ id: vendorId })));
  const vendor = query.data;

  const confirm = useApp((s) => s.confirm);
  const back = async (discarded = false) => {
    if (discarded || !unsaved || (await confirm(DISCARD_QUESTION))) setView('register');
  };
  const switchTab = async (next: Tab) => {
    if (next !== tab && (!unsaved || (await confirm(DISCARD_QUESTION)))) {
      setTab(next);
      // The pointer to the next step has done its work once the user moves on.
      setCreated(null);
    }
  };
  // ARIA tabs: arrow keys, Home and End move to a tab and open it; focus follows.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1 + TABS.length, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const [next] = TABS[moves[event.key]! % TABS.length]!;
    void switchTab(next).then(() => document.getElementById(`vendor-tab-${next}`)?.focus());
  };

  if (selection === null) return null;
  if (query.error && !vendor) {
    return (
      <section className="page">
        <button type="button" className="link-button" onClick={() => void back()}>
          ← Register
        </button>
        <p className="form-error" role="alert">
          {query.error}
        </p>
      </section>
    );
  }
  if (vendorId !== null && !vendor) return <section className="page muted">Loading…</section>;

  return (
    <section className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <button type="button" className="link-button" onClick={() => void back()}>
          Register
        </button>
        <span aria-hidden="true">/</span>
        <span>{vendor?.name ?? 'New vendor'}</span>
      </nav>
      <header className="page__header">
        <div>
          <h2>{vendor?.name ?? 'New vendor'}</h2>
          {vendor && (
            <p className="vendor-meta">
              <span className={`pill pill--${vendor.status}`}>{STATUS_LABELS[vendor.status]}</span>
              <span>{SERVICE_TYPE_LABELS[vendor.serviceType]}</span>
              <span>{TIER_LABELS[vendor.tier]}</span>
              {!vendor.direct && <span className="tag">fourth party</span>}
              {vendor.ultimateParentName && <span>Group: {vendor.ultimateParentName}</span>}
              <span className="muted small">
                Changed {formatDateTime(vendor.updatedAt)} · version {vendor.version}
              </span>
            </p>
          )}
        </div>
        {vendor && <DeleteVendor vendor={vendor} />}
      </header>

      {vendor && created === vendor.id && (
        <div className="callout" role="status">
          <p>
            <strong>“{vendor.name}” is in the register.</strong> Next, record the customer data it holds: that is what its exposure, the concentration figures and its
            risk score are computed from.
          </p>
          <div className="actions">
            <button type="button" className="button button--primary button--small" onClick={() => void switchTab('holdings')}>
              Record the data it holds
            </button>
            <button type="button" className="button button--small" onClick={() => void switchTab('services')}>
              Services it supports
            </button>
            <button type="button" className="button button--small" onClick={() => void switchTab('dependencies')}>
              Who it depends on
            </button>
          </div>
        </div>
      )}

      {vendor && (
        <div className="tabs" role="tablist" aria-label="Vendor sections">
          {TABS.map(([id, label], index) => (
            <button
              key={id}
              id={`vendor-tab-${id}`}
              type="button"
              role="tab"
              aria-selected={tab === id}
              aria-controls="vendor-tabpanel"
              tabIndex={tab === id ? 0 : -1}
              className="tab"
              onClick={() => void switchTab(id)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {label}
            </button>
          ))}
        </div>
      )}

      <div role={vendor ? 'tabpanel' : undefined} id={vendor ? 'vendor-tabpanel' : undefined} aria-labelledby={vendor ? `vendor-tab-${tab}` : undefined}>
        {(!vendor || tab === 'overview') && (
          <VendorForm
            key={vendor ? `${vendor.id}:${vendor.version}` : 'new'}
            vendor={vendor}
            onSaved={(saved) => {
              if (vendor) return query.reload();
              setCreated(saved.id);
              openVendor(saved.id);
            }}
            onClose={(discarded) => void back(discarded)}
          />
        )}
        {vendor && tab === 'holdings' && <HoldingsTab vendor={vendor} />}
        {vendor && tab === 'services' && <ServicesTab vendor={vendor} />}
        {vendor && tab === 'dependencies' && <DependenciesTab vendor={vendor} />}
        {vendor && tab === 'contracts' && <ContractsTab vendor={vendor} />}
        {vendor && tab === 'incidents' && <IncidentsTab vendor={vendor} />}
        {vendor && tab === 'score' && <ScoreTab vendor={vendor} />}
        {vendor && tab === 'reviews' && <ReviewsTab vendor={vendor} />}
        {vendor && tab === 'history' && <HistoryTab vendor={vendor} />}
      </div>
    </section>
  );
}

/** Delete asks first, and says what else would go with the vendor. */
function DeleteVendor({ vendor }: { vendor: Vendor }) {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const offerUndo = useApp((s) => s.offerUndo);
  const notify = useApp((s) => s.notify);
  const setView = useApp((s) => s.setView);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const refreshRegisterInfo = useApp((s) => s.refreshRegisterInfo);
  const setUnsaved = useApp((s) => s.setUnsavedChanges);

  const remove = async () => {
    try {
      const usage = await api.vendors.usage({ id: vendor.id });
      if (usage.groupMembers > 0) {
        notify(`“${vendor.name}” is the ultimate parent of ${usage.groupMembers} vendor(s). Give them another parent first.`);
        return;
      }
      const parts = [
        [usage.holdings, 'data holding'],
        [usage.services, 'service link'],
        [usage.dependsOn + usage.usedBy, 'fourth-party link'],
        [usage.contracts, 'contract'],
        [usage.incidents, 'incident'],
        [usage.reviews, 'review'],
      ]
        .filter(([n]) => (n as number) > 0)
        .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`);
      const question = parts.length
        ? `Delete “${vendor.name}” together with its ${parts.join(', ')}? Everything deleted stays in the audit history.`
        : `Delete “${vendor.name}”? It stays in the audit history.`;
      if (!(await confirm({ title: `Delete “${vendor.name}”?`, message: question, confirmLabel: 'Delete vendor', danger: true }))) return;
      const { undo } = await api.vendors.delete({ id: vendor.id, version: vendor.version, dependents: parts.length ? 'delete' : 'refuse' });
      setUnsaved(false);
      offerUndo(`Deleted “${vendor.name}”${parts.length ? ` and its ${parts.join(', ')}` : ''}.`, undo);
      reloadVendors();
      void refreshRegisterInfo();
      setView('register');
    } catch (error) {
      notify(messageOf(error));
    }
  };

  return (
    <button type="button" className="button button--danger-ghost" onClick={() => void remove()}>
      <Icon name="close" size={16} /> Delete vendor
    </button>
  );
}
