import { useEffect, useState } from 'react';
import { SERVICE_TYPES, VENDOR_STATUSES, type VendorRow, type VendorSortColumn } from '../../db/contract';
import { SERVICE_TYPE_LABELS, STATUS_LABELS } from '../../db/shared/labels';
import { DISCARD_QUESTION } from '../App';
import { Icon } from '../components/Icon';
import { daysUntil, formatCountry, formatDate, formatMoney } from '../format';
import { useApp } from '../store';
import { VENDOR_PAGE_SIZE } from '../store/vendors';
import { VendorEditor } from './VendorEditor';

/** Optional columns are hidden while the vendor panel is open. */
const COLUMNS: { key: VendorSortColumn; label: string; numeric?: boolean; optional?: boolean }[] = [
  { key: 'name', label: 'Vendor' },
  { key: 'serviceType', label: 'Service type' },
  { key: 'status', label: 'Status' },
  { key: 'tier', label: 'Tier', numeric: true },
  { key: 'hqCountry', label: 'HQ', optional: true },
  { key: 'owner', label: 'Owner', optional: true },
  { key: 'annualSpend', label: 'Annual spend', numeric: true, optional: true },
  { key: 'nextReviewDue', label: 'Next review' },
];

const columnClass = (column: { numeric?: boolean; optional?: boolean }) =>
  [column.numeric && 'num', column.optional && 'col-optional'].filter(Boolean).join(' ') || undefined;

function ReviewDue({ date }: { date: string | null }) {
  if (!date) return <span className="muted">—</span>;
  const days = daysUntil(date);
  return (
    <span className={days < 0 ? 'due due--overdue' : days <= 90 ? 'due due--soon' : 'due'}>
      {formatDate(date)}
      {days < 0 && <span className="badge badge--danger">overdue</span>}
    </span>
  );
}

function VendorTableRow({ row, selected, onOpen }: { row: VendorRow; selected: boolean; onOpen: (id: number) => void }) {
  return (
    <tr
      className={selected ? 'is-selected' : undefined}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onOpen(row.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(row.id);
        }
      }}
    >
      <td>
        <span className="cell-title">{row.name}</span>
        {row.legalName && row.legalName !== row.name && <span className="cell-sub">{row.legalName}</span>}
      </td>
      <td>{SERVICE_TYPE_LABELS[row.serviceType]}</td>
      <td>
        <span className={`pill pill--${row.status}`}>{STATUS_LABELS[row.status]}</span>
      </td>
      <td className="num">{row.tier}</td>
      <td className="col-optional" title={formatCountry(row.hqCountry)}>
        {row.hqCountry ?? '—'}
      </td>
      <td className="col-optional">{row.owner ?? <span className="muted">—</span>}</td>
      <td className="num col-optional">{formatMoney(row.annualSpend, row.spendCurrency)}</td>
      <td>
        <ReviewDue date={row.nextReviewDue} />
      </td>
    </tr>
  );
}

export function RegisterView() {
  const query = useApp((s) => s.vendorQuery);
  const page = useApp((s) => s.vendorPage);
  const loading = useApp((s) => s.vendorsLoading);
  const selected = useApp((s) => s.selectedVendor);
  const setQuery = useApp((s) => s.setVendorQuery);
  const select = useApp((s) => s.selectVendor);
  const unsaved = useApp((s) => s.unsavedChanges);
  const vendorCount = useApp((s) => s.register?.vendorCount ?? 0);
  const [search, setSearch] = useState(query.search);

  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => setQuery({ search }), 120);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  const open = (next: number | 'new') => {
    if (next !== selected && (!unsaved || window.confirm(DISCARD_QUESTION))) select(next);
  };

  const sortBy = (key: VendorSortColumn) =>
    setQuery({ sortBy: key, sortDir: query.sortBy === key && query.sortDir === 'asc' ? 'desc' : 'asc' });

  const filtered = query.search !== '' || query.statuses.length > 0 || query.serviceTypes.length > 0;
  const rows = page?.rows ?? [];

  return (
    <section className={`page page--split${selected !== null ? ' has-panel' : ''}`}>
      <div className="page__primary">
        <header className="page__header">
          <div>
            <h2>Register</h2>
            <p className="muted" data-testid="vendor-count">
              {page ? `${page.total.toLocaleString()} of ${vendorCount.toLocaleString()} vendors` : 'Loading vendors…'}
            </p>
          </div>
          <button type="button" className="button button--primary" onClick={() => open('new')}>
            <Icon name="plus" size={16} /> Add vendor
          </button>
        </header>

        <div className="toolbar" role="search">
          <label className="search">
            <Icon name="search" size={16} />
            <span className="visually-hidden">Search vendors</span>
            <input
              type="search"
              placeholder="Search name, legal name, owner or LEI"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          <label className="select-inline">
            <span>Status</span>
            <select
              value={query.statuses[0] ?? ''}
              onChange={(e) => setQuery({ statuses: e.target.value ? [e.target.value as (typeof VENDOR_STATUSES)[number]] : [] })}
            >
              <option value="">All</option>
              {VENDOR_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="select-inline">
            <span>Type</span>
            <select
              value={query.serviceTypes[0] ?? ''}
              onChange={(e) =>
                setQuery({ serviceTypes: e.target.value ? [e.target.value as (typeof SERVICE_TYPES)[number]] : [] })
              }
            >
              <option value="">All</option>
              {SERVICE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {SERVICE_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          {loading && <span className="muted toolbar__status">Updating…</span>}
        </div>

        {page && rows.length === 0 ? (
          <div className="empty-state" data-testid="vendors-empty">
            {filtered ? (
              <>
                <p className="empty-state__title">No vendors match</p>
                <p>Try another search, or clear the filters.</p>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setSearch('');
                    setQuery({ search: '', statuses: [], serviceTypes: [] });
                  }}
                >
                  Clear search and filters
                </button>
              </>
            ) : (
              <>
                <p className="empty-state__title">This register has no vendors yet</p>
                <p>Start with the vendors that hold the most customer data: contact centres, chat providers, payment gateways.</p>
                <button type="button" className="button button--primary" onClick={() => open('new')}>
                  <Icon name="plus" size={16} /> Add the first vendor
                </button>
              </>
            )}
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Vendors" aria-rowcount={page?.total}>
              <thead>
                <tr>
                  {COLUMNS.map((column) => {
                    const active = query.sortBy === column.key;
                    return (
                      <th
                        key={column.key}
                        className={columnClass(column)}
                        aria-sort={active ? (query.sortDir === 'asc' ? 'ascending' : 'descending') : 'none'}
                      >
                        <button type="button" className="sort" onClick={() => sortBy(column.key)}>
                          {column.label}
                          <span className={`sort__arrow${active ? ' is-active' : ''}`} aria-hidden="true">
                            <Icon name={active && query.sortDir === 'desc' ? 'arrowDown' : 'arrowUp'} size={12} />
                          </span>
                        </button>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <VendorTableRow key={row.id} row={row} selected={row.id === selected} onOpen={open} />
                ))}
              </tbody>
            </table>
            {page && page.total > rows.length && (
              <p className="table-note muted">
                Showing the first {VENDOR_PAGE_SIZE.toLocaleString()} of {page.total.toLocaleString()}. Search or filter to narrow the
                list.
              </p>
            )}
          </div>
        )}
      </div>
      {selected !== null && <VendorEditor key={String(selected)} selection={selected} />}
    </section>
  );
}
