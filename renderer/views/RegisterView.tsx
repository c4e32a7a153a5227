import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SERVICE_TYPES, TIERS, VENDOR_STATUSES, type AppCommands, type VendorRow, type VendorSortColumn } from '../../db/contract';
import { COUNTRY_CODES, countryName } from '../../db/shared/countries';
import { SERVICE_TYPE_LABELS, STATUS_LABELS, TIER_LABELS } from '../../db/shared/labels';
import { Icon } from '../components/Icon';
import { DueDate } from '../components/DueDate';
import { formatCompact, formatDate } from '../format';
import { useApp } from '../store';
import { VENDOR_PAGE_SIZE } from '../store/vendors';
import { WelcomePanel } from './WelcomePanel';
import { ExportMenu } from '../components/ExportMenu';

const ROW_HEIGHT = 52;
/** The grid scrolls as a whole (so the focusable grid is the scrolling region) under a sticky header row. */
const headHeight = (grid: HTMLElement) => (grid.querySelector('.grid-table__head') as HTMLElement | null)?.offsetHeight ?? 0;
const OVERSCAN = 8;

interface Column {
  key: VendorSortColumn;
  label: string;
  width: string;
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
  { key: 'serviceType', label: 'Service type', width: 'minmax(130px, 1.2fr)', cell: (row) => SERVICE_TYPE_LABELS[row.serviceType] },
  { key: 'status', label: 'Status', width: '108px', cell: (row) => <span className={`pill pill--${row.status}`}>{STATUS_LABELS[row.status]}</span> },
  { key: 'tier', label: 'Tier', width: '48px', numeric: true, cell: (row) => row.tier },
  {
    key: 'people',
    label: 'People',
    width: '88px',
    numeric: true,
    title: 'Distinct people whose data the vendor holds; ≥ when not entered (its largest data category)',
    cell: (row) => (row.people ? `${row.peopleEntered ? '' : '≥ '}${formatCompact(row.people)}` : '—'),
  },
  { key: 'exposure', label: 'Exposure', width: '88px', numeric: true, title: 'Weighted exposure: Σ people × category weight, over data categories', cell: (row) => (row.exposure ? formatCompact(row.exposure) : '—') },
  {
    key: 'incidentCount',
    label: 'Incidents',
    width: '96px',
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
  { key: 'fourthParties', label: '4th parties', width: '88px', numeric: true, title: 'Vendors this one depends on', cell: (row) => row.fourthParties || <span className="muted">—</span> },
  { key: 'nextDue', label: 'Next due', width: '132px', title: 'Next review or contract notice deadline', cell: (row) => <DueDate date={row.nextDue} /> },
];

const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

function MultiFilter<T extends string | number>({ label, value, options, onChange }: { label: string; value: T[]; options: { value: T; label: string }[]; onChange(next: T[]): void }) {
  return (
    <label className="select-inline">
      <span>{label}</span>
      <select
        value={value.length ? String(value[0]) : ''}
        onChange={(e) => {
          const chosen = options.find((o) => String(o.value) === e.target.value);
          onChange(chosen ? [chosen.value] : []);
        }}
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const countryOptions = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) })).sort((a, b) => a.label.localeCompare(b.label));

export function RegisterView({ commands }: { commands: AppCommands | null }) {
  const query = useApp((s) => s.vendorQuery);
  const total = useApp((s) => s.vendorTotal);
  const pages = useApp((s) => s.vendorPages);
  const setQuery = useApp((s) => s.setVendorQuery);
  const loadPage = useApp((s) => s.loadVendorPage);
  const openVendor = useApp((s) => s.openVendor);
  const vendorCount = useApp((s) => s.register?.vendorCount ?? 0);
  const [search, setSearch] = useState(query.search);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const attachScroller = useCallback((element: HTMLDivElement | null) => {
    scroller.current = element;
    setScrollElement(element);
  }, []);

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
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: count - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter') {
      const row = pages[Math.floor(active / VENDOR_PAGE_SIZE)]?.[active % VENDOR_PAGE_SIZE];
      if (row) openVendor(row.id);
    }
  };

  const filtered = query.search !== '' || query.statuses.length + query.serviceTypes.length + query.tiers.length + query.countries.length > 0;
  const clear = () => {
    setSearch('');
    setQuery({ search: '', statuses: [], serviceTypes: [], tiers: [], countries: [] });
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
          <ExportMenu table="vendors" filter={{ search: query.search, statuses: query.statuses, serviceTypes: query.serviceTypes, tiers: query.tiers, countries: query.countries }} />
          <button type="button" className="button button--primary" onClick={() => openVendor('new')}>
            <Icon name="plus" size={16} /> Add vendor
          </button>
        </div>
      </header>

      <div className="toolbar" role="search">
        <label className="search">
          <Icon name="search" size={16} />
          <span className="visually-hidden">Search vendors</span>
          <input type="search" placeholder="Search name, owner, LEI, country, service, notes" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <MultiFilter label="Status" value={query.statuses} options={VENDOR_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} onChange={(statuses) => setQuery({ statuses })} />
        <MultiFilter label="Type" value={query.serviceTypes} options={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t] }))} onChange={(serviceTypes) => setQuery({ serviceTypes })} />
        <MultiFilter label="Tier" value={query.tiers} options={TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] }))} onChange={(tiers) => setQuery({ tiers })} />
        <MultiFilter label="Country" value={query.countries} options={countryOptions} onChange={(countries) => setQuery({ countries })} />
        {filtered && (
          <button type="button" className="button button--ghost" onClick={clear}>
            Clear
          </button>
        )}
      </div>

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
          aria-rowcount={count + 1}
          aria-colcount={COLUMNS.length}
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-activedescendant={count ? `vendor-row-${active}` : undefined}
          ref={attachScroller}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <div className="grid-table__head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID_TEMPLATE }}>
            {COLUMNS.map((column) => {
              const sorted = query.sortBy === column.key;
              return (
                <div
                  key={column.key}
                  role="columnheader"
                  className={column.numeric ? 'num' : undefined}
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
            <div role="none" style={{ height: count * ROW_HEIGHT, position: 'relative' }}>
              {visible.map(({ index, row }) => (
                <div
                  key={index}
                  id={`vendor-row-${index}`}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-selected={index === active}
                  className={`grid-table__row${index === active ? ' is-active' : ''}${row ? '' : ' is-loading'}`}
                  style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: GRID_TEMPLATE }}
                  onClick={() => {
                    setActive(index);
                    if (row) openVendor(row.id);
                  }}
                >
                  {COLUMNS.map((column) => (
                    <div key={column.key} role="gridcell" className={column.numeric ? 'num' : undefined}>
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
