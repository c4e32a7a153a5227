import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SERVICE_TYPES, TIERS, VENDOR_STATUSES } from '../../db/shared/vocabulary';
import type { AppCommands, SavedView, VendorFilter, VendorRow, VendorSortColumn } from '../../db/contract';
import { COUNTRY_CODES, countryName } from '../../db/shared/countries';
import { SERVICE_TYPE_LABELS, STATUS_LABELS, TIER_LABELS } from '../../db/shared/labels';
import { Icon } from '../components/Icon';
import { DueDate } from '../components/DueDate';
import { formatCompact, formatCountry, formatDate, formatMoney } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { NO_FILTER, VENDOR_PAGE_SIZE } from '../store/vendors';
import { useApiQuery } from '../useApiQuery';
import { FilterMenu, Menu } from '../components/Menu';
import { BulkEditDialog } from './BulkEditDialog';
import { WelcomePanel } from './WelcomePanel';
import { ExportMenu } from '../components/ExportMenu';

const ROW_HEIGHT = 48;
/** The grid scrolls as a whole (so the focusable grid is the scrolling region) under a sticky header row. */
const headHeight = (grid: HTMLElement) => (grid.querySelector('.grid-table__head') as HTMLElement | null)?.offsetHeight ?? 0;
const OVERSCAN = 8;

interface Column {
  key: VendorSortColumn;
  label: string;
  width: string;
  /** Shown until the user hides it (Columns menu); the vendor's name is always shown. */
  shownByDefault?: boolean;
  numeric?: boolean;
  title?: string;
  cell(row: VendorRow): ReactNode;
}

const COLUMNS: Column[] = [
  {
    key: 'name',
    label: 'Vendor',
    width: 'minmax(220px, 2.2fr)',
    cell: (row) => (
      <>
        <span className="cell-title">
          {row.name}
          {!row.direct && <span className="tag">fourth party</span>}
        </span>
        <span className="cell-sub">{row.legalName ?? (row.hqCountry ? countryName(row.hqCountry) : '')}</span>
      </>
    ),
  },
  { key: 'serviceType', label: 'Service type', width: 'minmax(130px, 1.2fr)', shownByDefault: true, cell: (row) => SERVICE_TYPE_LABELS[row.serviceType] },
  { key: 'status', label: 'Status', width: '108px', shownByDefault: true, cell: (row) => <span className={`pill pill--${row.status}`}>{STATUS_LABELS[row.status]}</span> },
  { key: 'tier', label: 'Tier', width: '48px', shownByDefault: true, numeric: true, cell: (row) => row.tier },
  {
    key: 'people',
    label: 'People',
    width: '88px',
    shownByDefault: true,
    numeric: true,
    title: 'Distinct people whose data the vendor holds; ≥ when not entered (its largest data category)',
    cell: (row) => (row.people ? `${row.peopleEntered ? '' : '≥ '}${formatCompact(row.people)}` : '—'),
  },
  { key: 'exposure', label: 'Exposure', width: '88px', shownByDefault: true, numeric: true, title: 'Weighted exposure: Σ people × category weight, over data categories', cell: (row) => (row.exposure ? formatCompact(row.exposure) : '—') },
  {
    key: 'incidentCount',
    label: 'Incidents',
    width: '96px',
    shownByDefault: true,
    numeric: true,
    title: 'Incidents recorded, and the most recent',
    cell: (row) =>
      row.incidentCount ? (
        <span title={`Most recent: ${formatDate(row.lastIncident)}`}>
          {row.incidentCount} <span className="muted">· {row.lastIncident?.slice(0, 4)}</span>
        </span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  { key: 'fourthParties', label: '4th parties', width: '88px', shownByDefault: true, numeric: true, title: 'Vendors this one depends on', cell: (row) => row.fourthParties || <span className="muted">—</span> },
  { key: 'nextDue', label: 'Next due', width: '132px', shownByDefault: true, title: 'Next review or contract notice deadline', cell: (row) => <DueDate date={row.nextDue} /> },
  { key: 'owner', label: 'Owner', width: 'minmax(140px, 1fr)', cell: (row) => row.owner ?? <span className="muted">—</span> },
  { key: 'hqCountry', label: 'HQ country', width: 'minmax(120px, 1fr)', cell: (row) => formatCountry(row.hqCountry) },
  { key: 'annualSpend', label: 'Annual spend', width: '120px', numeric: true, cell: (row) => formatMoney(row.annualSpend, row.spendCurrency) },
  { key: 'nextReviewDue', label: 'Next review', width: '120px', cell: (row) => formatDate(row.nextReviewDue) },
  { key: 'updatedAt', label: 'Updated', width: '120px', cell: (row) => formatDate(row.updatedAt.slice(0, 10)) },
];

const OPTIONAL_COLUMNS = COLUMNS.filter((c) => c.key !== 'name');
const DEFAULT_COLUMNS = OPTIONAL_COLUMNS.filter((c) => c.shownByDefault).map((c) => c.key);
const COLUMNS_KEY = 'vrr.register.columns';
/** The tick-box column, and the smallest width of a column given as minmax(…px, …) or …px. */
const SELECT_WIDTH = 44;
const minWidth = (width: string) => Number(/(\d+)px/.exec(width)?.[1] ?? 80);

function readColumns(): VendorSortColumn[] {
  try {
    const stored = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(stored)) return OPTIONAL_COLUMNS.filter((c) => stored.includes(c.key)).map((c) => c.key);
  } catch {
    // A damaged preference falls back to the default columns.
  }
  return DEFAULT_COLUMNS;
}

const countryOptions = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) })).sort((a, b) => a.label.localeCompare(b.label));

const INCIDENT_OPTIONS = [
  { value: true, label: 'Some' },
  { value: false, label: 'None' },
];
const REVIEW_OPTIONS = [
  { value: 'overdue' as const, label: 'Overdue' },
  { value: 'unscheduled' as const, label: 'No date set' },
];

const filterOf = ({ sortBy: _s, sortDir: _d, ...filter }: VendorFilter & { sortBy: unknown; sortDir: unknown }): VendorFilter => filter;
const isFiltered = (f: VendorFilter) => JSON.stringify(f) !== JSON.stringify(NO_FILTER);

/** Saved views: apply one, save the current filters, sort and columns under a name, or delete one. */
function ViewsMenu({ current, onApply }: { current: SavedView; onApply(view: SavedView): void }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const views = useApiQuery('views', (a) => a.views.list({}));
  const [naming, setNaming] = useState<string | null>(null);
  const save = async (name: string) => {
    try {
      await api.views.save({ view: { ...current, name } });
      setNaming(null);
      views.reload();
      notify(`Saved the view “${name.trim()}”.`, 'success');
    } catch (error) {
      notify(messageOf(error));
    }
  };
  const remove = async (name: string) => {
    try {
      await api.views.delete({ name });
      views.reload();
    } catch (error) {
      notify(messageOf(error));
    }
  };
  if (naming !== null) {
    return (
      <form
        className="inline-form views-name"
        onSubmit={(e) => {
          e.preventDefault();
          if (naming.trim()) void save(naming);
        }}
      >
        <input aria-label="Name of the view" placeholder="Name this view" value={naming} maxLength={80} autoFocus onChange={(e) => setNaming(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setNaming(null)} />
        <button type="submit" className="button button--small button--primary" disabled={!naming.trim()}>
          Save view
        </button>
        <button type="button" className="button button--small" onClick={() => setNaming(null)}>
          Cancel
        </button>
      </form>
    );
  }
  const saved = views.data ?? [];
  return (
    <Menu
      label="Views"
      align="left"
      items={[
        ...saved.map((view) => ({ label: `Show “${view.name}”`, onSelect: () => onApply(view), testId: `view-${view.name}` })),
        { label: 'Save the current view…', onSelect: () => setNaming(''), testId: 'view-save' },
        ...saved.map((view) => ({ label: `Delete “${view.name}”`, onSelect: () => void remove(view.name) })),
      ]}
    />
  );
}

export function RegisterView({ commands }: { commands: AppCommands | null }) {
  const api = useApi();
  const query = useApp((s) => s.vendorQuery);
  const total = useApp((s) => s.vendorTotal);
  const pages = useApp((s) => s.vendorPages);
  const setQuery = useApp((s) => s.setVendorQuery);
  const loadPage = useApp((s) => s.loadVendorPage);
  const openVendor = useApp((s) => s.openVendor);
  const selection = useApp((s) => s.vendorSelection);
  const setSelection = useApp((s) => s.setVendorSelection);
  const notify = useApp((s) => s.notify);
  const vendorCount = useApp((s) => s.register?.vendorCount ?? 0);
  const [search, setSearch] = useState(query.search);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);
  const [shownColumns, setShownColumns] = useState<VendorSortColumn[]>(readColumns);
  const [editing, setEditing] = useState(false);
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const attachScroller = useCallback((element: HTMLDivElement | null) => {
    scroller.current = element;
    setScrollElement(element);
  }, []);

  const columns = useMemo(() => COLUMNS.filter((c) => c.key === 'name' || shownColumns.includes(c.key)), [shownColumns]);
  const gridTemplate = `${SELECT_WIDTH}px ${columns.map((c) => c.width).join(' ')}`;
  // Below this width the table scrolls sideways, the tick box and the vendor's name staying in view.
  const tableWidth = SELECT_WIDTH + columns.reduce((sum, c) => sum + minWidth(c.width), 0);
  const chooseColumns = (keys: VendorSortColumn[]) => {
    setShownColumns(keys);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(keys));
  };

  // Search as you type: each keystroke asks for the first page only.
  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => setQuery({ search }), 30);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  useEffect(() => {
    if (!scrollElement) return;
    // The rows' viewport: the scroller less its sticky header.
    const observer = new ResizeObserver(() => setViewport(scrollElement.clientHeight - headHeight(scrollElement)));
    observer.observe(scrollElement);
    return () => observer.disconnect();
  }, [scrollElement]);

  const count = total ?? 0;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (count === 0) return;
    for (let page = Math.floor(first / VENDOR_PAGE_SIZE); page <= Math.floor(last / VENDOR_PAGE_SIZE); page++) {
      if (!pages[page]) void loadPage(page);
    }
  }, [first, last, count, pages, loadPage]);

  const visible = useMemo(() => {
    const rows: { index: number; row: VendorRow | undefined }[] = [];
    for (let index = first; index <= last; index++) rows.push({ index, row: pages[Math.floor(index / VENDOR_PAGE_SIZE)]?.[index % VENDOR_PAGE_SIZE] });
    return rows;
  }, [first, last, pages]);

  const selected = useMemo(() => new Set(selection), [selection]);
  const toggle = (id: number) => setSelection(selected.has(id) ? selection.filter((s) => s !== id) : [...selection, id]);
  const filter = filterOf(query);
  const allSelected = count > 0 && selection.length >= count;
  const selectAll = async () => {
    if (allSelected) return setSelection([]);
    try {
      setSelection(await api.vendors.ids(filter));
    } catch (error) {
      notify(messageOf(error));
    }
  };

  // A new column sorts numbers largest first and text A to Z; a second click reverses.
  const sortBy = (column: Column) =>
    setQuery({
      sortBy: column.key,
      sortDir: query.sortBy === column.key ? (query.sortDir === 'asc' ? 'desc' : 'asc') : column.numeric ? 'desc' : 'asc',
    });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    const element = scroller.current;
    if (!element) return;
    const top = next * ROW_HEIGHT;
    const height = element.clientHeight - headHeight(element);
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + height - ROW_HEIGHT) element.scrollTop = top - height + 2 * ROW_HEIGHT;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: count - 1 };
    const row = pages[Math.floor(active / VENDOR_PAGE_SIZE)]?.[active % VENDOR_PAGE_SIZE];
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter') {
      if (row) openVendor(row.id);
    } else if (event.key === ' ') {
      event.preventDefault();
      if (row) toggle(row.id);
    }
  };

  const filtered = isFiltered(filter);
  const applyFilter = (next: VendorFilter) => {
    setSearch(next.search);
    setQuery(next);
  };
  const clear = () => applyFilter(NO_FILTER);
  const applyView = (view: SavedView) => {
    applyFilter(view.filter);
    setQuery({ sortBy: view.sortBy, sortDir: view.sortDir });
    if (view.columns.length) chooseColumns(view.columns);
  };

  if (vendorCount === 0 && total === 0 && !filtered) return <WelcomePanel commands={commands} onAdd={() => openVendor('new')} />;

  return (
    <section className="page page--fill">
      <header className="page__header">
        <div>
          <h2>Register</h2>
          <p className="muted" data-testid="vendor-count">
            {total === null ? 'Loading vendors…' : filtered ? `${count.toLocaleString()} of ${vendorCount.toLocaleString()} vendors` : `${count.toLocaleString()} vendors`}
          </p>
        </div>
        <div className="page__actions">
          <ViewsMenu current={{ name: '', filter, sortBy: query.sortBy, sortDir: query.sortDir, columns: shownColumns }} onApply={applyView} />
          <FilterMenu label="Columns" summary={`${shownColumns.length + 1} of ${COLUMNS.length}`} value={shownColumns} options={OPTIONAL_COLUMNS.map((c) => ({ value: c.key, label: c.label }))} onChange={chooseColumns} />
          <ExportMenu table="vendors" filter={filter} />
          <button type="button" className="button button--primary" onClick={() => openVendor('new')}>
            <Icon name="plus" size={16} /> Add vendor
          </button>
        </div>
      </header>

      <div className="toolbar" role="search">
        <label className="search">
          <Icon name="search" size={16} />
          <span className="visually-hidden">Search vendors</span>
          <input type="search" placeholder="Search name, LEI, country…" title="Searches name, legal name, owner, LEI, notes, HQ and storage countries, and services" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <FilterMenu label="Status" value={query.statuses} options={VENDOR_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} onChange={(statuses) => setQuery({ statuses })} />
        <FilterMenu label="Type" value={query.serviceTypes} options={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t] }))} onChange={(serviceTypes) => setQuery({ serviceTypes })} />
        <FilterMenu label="Tier" value={query.tiers} options={TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] }))} onChange={(tiers) => setQuery({ tiers })} />
        <FilterMenu label="HQ" value={query.countries} options={countryOptions} onChange={(countries) => setQuery({ countries })} />
        <FilterMenu label="Stored in" value={query.storageCountries} options={countryOptions} onChange={(storageCountries) => setQuery({ storageCountries })} />
        <FilterMenu label="Incidents" single value={query.hasIncidents === null ? [] : [query.hasIncidents]} options={INCIDENT_OPTIONS} onChange={([v]) => setQuery({ hasIncidents: v ?? null })} />
        <FilterMenu label="Review" single value={query.review ? [query.review] : []} options={REVIEW_OPTIONS} onChange={([v]) => setQuery({ review: v ?? null })} />
        {filtered && (
          <button type="button" className="button button--ghost" onClick={clear}>
            Clear
          </button>
        )}
      </div>

      {selection.length > 0 && (
        <div className="selection-bar" role="region" aria-label="Selected vendors">
          <strong data-testid="selection-count">{selection.length.toLocaleString()} selected</strong>
          <button type="button" className="button button--small button--primary" onClick={() => setEditing(true)}>
            Edit selected…
          </button>
          {!allSelected && (
            <button type="button" className="button button--small" onClick={() => void selectAll()}>
              Select all {count.toLocaleString()} shown
            </button>
          )}
          <button type="button" className="button button--small button--ghost" onClick={() => setSelection([])}>
            Clear selection
          </button>
        </div>
      )}
      {editing && <BulkEditDialog ids={selection} onClose={() => setEditing(false)} />}

      {total === 0 ? (
        <div className="empty-state" data-testid="vendors-empty">
          <p className="empty-state__title">No vendors match</p>
          <p>Try another search, or clear the filters.</p>
          <button type="button" className="button" onClick={clear}>
            Clear search and filters
          </button>
        </div>
      ) : (
        <div
          className="grid-table"
          role="grid"
          aria-label="Vendors"
          aria-multiselectable="true"
          aria-rowcount={count + 1}
          aria-colcount={columns.length + 1}
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-activedescendant={count ? `vendor-row-${active}` : undefined}
          ref={attachScroller}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <div className="grid-table__head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: gridTemplate, minWidth: tableWidth }}>
            <div role="columnheader" className="cell--sticky cell--select">
              <input type="checkbox" aria-label={allSelected ? 'Clear the selection' : `Select all ${count.toLocaleString()} vendors shown`} checked={allSelected} onChange={() => void selectAll()} />
            </div>
            {columns.map((column) => {
              const sorted = query.sortBy === column.key;
              return (
                <div
                  key={column.key}
                  role="columnheader"
                  className={`${column.numeric ? 'num' : ''}${column.key === 'name' ? ' cell--sticky cell--name' : ''}`}
                  aria-sort={sorted ? (query.sortDir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  title={column.title}
                >
                  <button type="button" className="sort" onClick={() => sortBy(column)}>
                    {column.label}
                    <span className={`sort__arrow${sorted ? ' is-active' : ''}`} aria-hidden="true">
                      <Icon name={sorted && query.sortDir === 'desc' ? 'arrowDown' : 'arrowUp'} size={12} />
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
          <div className="grid-table__body" role="rowgroup" data-testid="vendor-rows">
            <div role="none" style={{ height: count * ROW_HEIGHT, position: 'relative', minWidth: tableWidth }}>
              {visible.map(({ index, row }) => (
                <div
                  key={index}
                  id={`vendor-row-${index}`}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-selected={row ? selected.has(row.id) : false}
                  className={`grid-table__row${index === active ? ' is-active' : ''}${row && selected.has(row.id) ? ' is-selected' : ''}${row ? '' : ' is-loading'}`}
                  style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: gridTemplate, minWidth: tableWidth }}
                  onClick={(e) => {
                    setActive(index);
                    if (row && !(e.target as HTMLElement).closest('.cell--select')) openVendor(row.id);
                  }}
                >
                  <div role="gridcell" className="cell--sticky cell--select">
                    {row && <input type="checkbox" tabIndex={-1} aria-label={`Select ${row.name}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />}
                  </div>
                  {columns.map((column) => (
                    <div key={column.key} role="gridcell" className={`${column.numeric ? 'num' : ''}${column.key === 'name' ? ' cell--sticky cell--name' : ''}`}>
                      {row ? column.cell(row) : null}
                    </div>
                  ))}
                </div>
              ))}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
