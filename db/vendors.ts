// Vendor queries. Every function takes the register first; writes run in one transaction with their audit entry.
import {
  ApiError,
  VENDOR_FIELD_NAMES,
  vendorFieldsOf,
  vendorFields,
  type MethodArgs,
  type Vendor,
  type VendorFields,
  type VendorFilter,
  vendorFilter,
  type VendorPage,
  type VendorRow,
  type VendorUsage,
} from './contract';
import { NEXT_DUE_KEY, NOTICE_DUE_OF } from './migrations/0150-next-due';
import { readSetting, writeSetting } from './settings';
import { SEARCH_INDEX_MATCH, searchIndexFor, searchPhrase } from './vendor-search';
import type { RegisterDb } from './connection';
import { recordAudit, type WriteContext } from './audit';
import { deleteContract, NOTICE_DEADLINE_SQL } from './contracts';
import { removeDependency } from './dependencies';
import { deleteAudited, likeContaining } from './entity';
import { COUNTRY_CODES, countryName } from './shared/countries';
import { deleteHolding } from './holdings';
import { deleteIncident } from './incidents';
import { REVIEW } from './reviews';
import { unlinkVendorEverywhere } from './services';

/** Contract field → column. The one place the two namings meet. */
export const VENDOR_COLUMN: Record<keyof VendorFields, string> = {
  name: 'name',
  legalName: 'legal_name',
  lei: 'lei',
  abn: 'abn',
  acn: 'acn',
  otherIdentifier: 'other_identifier',
  hqCountry: 'hq_country',
  ultimateParentId: 'ultimate_parent_id',
  serviceType: 'service_type',
  status: 'status',
  tier: 'tier',
  owner: 'owner',
  website: 'website',
  annualSpend: 'annual_spend',
  spendCurrency: 'spend_currency',
  substitutability: 'substitutability',
  exitPlan: 'exit_plan',
  direct: 'direct',
  people: 'people',
  lastAssessed: 'last_assessed',
  nextReviewDue: 'next_review_due',
  notes: 'notes',
};
const COLUMN = VENDOR_COLUMN;
const FIELDS = VENDOR_FIELD_NAMES;

/** Figures derived per vendor from its holdings, incidents, dependencies and contracts (correlated subqueries). */
const NOTICE_SQL = `(SELECT min(${NOTICE_DEADLINE_SQL}) FROM contracts c WHERE c.vendor_id = v.id AND c.end_date >= date('now'))`;
const DERIVED = {
  records_held: 'v.records_held',
  people: 'max(coalesce(v.people, 0), v.largest_category)',
  people_entered: 'v.people IS NOT NULL',
  exposure: 'v.exposure',
  incident_count: '(SELECT count(*) FROM incidents i WHERE i.vendor_id = v.id)',
  last_incident: '(SELECT max(coalesce(i.occurred_from, i.we_were_told)) FROM incidents i WHERE i.vendor_id = v.id)',
  fourth_parties: '(SELECT count(*) FROM dependencies d WHERE d.vendor_id = v.id)',
  next_due: `min(coalesce(v.next_review_due, ${NOTICE_SQL}), coalesce(${NOTICE_SQL}, v.next_review_due))`,
};

/** Sorting by a derived figure joins it for all vendors at once (faster than a subquery per vendor). */
const SORT_JOIN: Partial<Record<MethodArgs<'vendors.list'>['sortBy'], string>> = {
  incidentCount: 'SELECT vendor_id, count(*) AS k FROM incidents GROUP BY vendor_id',
  fourthParties: 'SELECT vendor_id, count(*) AS k FROM dependencies GROUP BY vendor_id',
};

const SORT_COLUMN: Record<MethodArgs<'vendors.list'>['sortBy'], string> = {
  name: 'v.name',
  serviceType: 'v.service_type',
  status: 'v.status',
  tier: 'v.tier',
  hqCountry: 'v.hq_country',
  owner: 'v.owner COLLATE NOCASE',
  annualSpend: 'v.annual_spend',
  recordsHeld: 'v.records_held',
  people: 'max(coalesce(v.people, 0), v.largest_category)',
  exposure: 'v.exposure',
  incidentCount: 'coalesce(sorted.k, 0)',
  fourthParties: 'coalesce(sorted.k, 0)',
  nextDue: DERIVED.next_due,
  nextReviewDue: 'v.next_review_due',
  updatedAt: 'v.updated_at',
};

/** The search and filters of a query, in one comparable string; NO_FILTER when there are none. */
const filterKey = (query: VendorFilter) => JSON.stringify(Object.keys(vendorFilter.shape).map((key) => query[key as keyof VendorFilter]));
const NO_FILTER = filterKey(vendorFilter.parse({}));

/** Sort keys whose column cannot be null. */
const NOT_NULL_SORTS: ReadonlySet<MethodArgs<'vendors.list'>['sortBy']> = new Set(['name', 'serviceType', 'status', 'tier', 'recordsHeld', 'people', 'exposure', 'incidentCount', 'fourthParties', 'updatedAt']);

type Row = Record<string, unknown>;

/** A vendor row's editable fields (flags stored as 0/1 become booleans). */
export function vendorFieldsFromRow(row: Row): VendorFields {
  const fields = Object.fromEntries(FIELDS.map((f) => [f, row[COLUMN[f]]])) as unknown as VendorFields;
  return { ...fields, exitPlan: row.exit_plan === 1, direct: row.direct === 1 };
}

function toVendor(row: Row, groupMembers: string[]): Vendor {
  return {
    ...vendorFieldsFromRow(row),
    id: row.id as number,
    largestCategory: row.largest_category as number,
    ultimateParentName: (row.parent_name as string | null) ?? null,
    groupMembers,
    version: row.version as number,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

function fieldError(field: keyof VendorFields, message: string): ApiError {
  return new ApiError('VALIDATION', message, { fields: { [`vendor.${field}`]: message } });
}

export function getVendor(db: RegisterDb, id: number): Vendor {
  const row = db
    .prepare(
      `SELECT v.*, p.name AS parent_name FROM vendors v
       LEFT JOIN vendors p ON p.id = v.ultimate_parent_id WHERE v.id = ?`,
    )
    .get(id) as Row | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'This vendor no longer exists in the register.');
  const members = db.prepare('SELECT name FROM vendors WHERE ultimate_parent_id = ? ORDER BY name').pluck().all(id) as string[];
  return toVendor(row, members);
}

/** The search over the vendor's own text, without the index. */
const OWN_TEXT_LIKE = `v.name LIKE :pattern ESCAPE '\\' OR v.legal_name LIKE :pattern ESCAPE '\\' OR v.owner LIKE :pattern ESCAPE '\\'
      OR v.lei LIKE :pattern ESCAPE '\\' OR v.notes LIKE :pattern ESCAPE '\\'`;

/** Country codes the search text names: a two-letter code exactly, or a longer text in the English name
 * ("Philippines" → PH). */
function countriesMatching(search: string): string[] {
  const text = search.trim().toLowerCase();
  if (text.length < 2) return [];
  if (text.length === 2) return COUNTRY_CODES.filter((code) => code.toLowerCase() === text);
  return COUNTRY_CODES.filter((code) => countryName(code).toLowerCase().includes(text));
}

/** The register view's search and filters as SQL over `vendors v`; shared by the list and the export. The search looks
 * in the name, legal name, owner, LEI, notes, the country of HQ and the storage countries (by code or name), and the
 * names of the services the vendor supports. */
export function vendorFilterSql(query: VendorFilter, searchIndex = false): { where: string; params: Record<string, unknown> } {
  const countries = countriesMatching(query.search);
  // Looked up in the search index when the caller has it for this search (searchIndexFor), else tested on each vendor.
  // Uncorrelated subqueries, evaluated once per search rather than once per vendor; the storage-country one only
  // when the text names a country.
  const where = `
    (:search = '' OR ${searchIndex ? SEARCH_INDEX_MATCH : OWN_TEXT_LIKE}
      OR v.id IN (SELECT sv.vendor_id FROM service_vendors sv JOIN services s ON s.id = sv.service_id WHERE s.name LIKE :pattern ESCAPE '\\')
      ${countries.length ? `OR v.hq_country IN (SELECT value FROM json_each(:searchCountries))
      OR v.id IN (SELECT h.vendor_id FROM holdings h WHERE h.storage_country IN (SELECT value FROM json_each(:searchCountries)))` : ''})
    AND (:statusCount = 0 OR v.status IN (SELECT value FROM json_each(:statuses)))
    AND (:typeCount = 0 OR v.service_type IN (SELECT value FROM json_each(:types)))
    AND (:tierCount = 0 OR v.tier IN (SELECT value FROM json_each(:tiers)))
    AND (:countryCount = 0 OR v.hq_country IN (SELECT value FROM json_each(:countries)))
    ${query.storageCountries.length ? 'AND v.id IN (SELECT h.vendor_id FROM holdings h WHERE h.storage_country IN (SELECT value FROM json_each(:storageCountries)))' : ''}
    ${query.hasIncidents === null ? '' : `AND v.id ${query.hasIncidents ? '' : 'NOT '}IN (SELECT i.vendor_id FROM incidents i)`}
    ${query.review === 'overdue' ? "AND v.next_review_due < :today AND v.status NOT IN ('exited', 'proposed')" : ''}
    ${query.review === 'unscheduled' ? 'AND v.next_review_due IS NULL' : ''}`;
  const params = {
    search: query.search,
    pattern: likeContaining(query.search),
    ...(searchIndex ? { phrase: searchPhrase(query.search) } : {}),
    ...(countries.length ? { searchCountries: JSON.stringify(countries) } : {}),
    statusCount: query.statuses.length,
    statuses: JSON.stringify(query.statuses),
    typeCount: query.serviceTypes.length,
    types: JSON.stringify(query.serviceTypes),
    tierCount: query.tiers.length,
    tiers: JSON.stringify(query.tiers),
    countryCount: query.countries.length,
    countries: JSON.stringify(query.countries.map((c) => c.toUpperCase())),
    ...(query.storageCountries.length ? { storageCountries: JSON.stringify(query.storageCountries.map((c) => c.toUpperCase())) } : {}),
    ...(query.review === 'overdue' ? { today: new Date().toISOString().slice(0, 10) } : {}),
  };
  return { where, params };
}

export function vendorIds(db: RegisterDb, filter: VendorFilter): number[] {
  const { where, params } = vendorFilterSql(filter, searchIndexFor(db, filter.search));
  return db.prepare(`SELECT v.id FROM vendors v WHERE ${where} ORDER BY v.name, v.id`).pluck().all(params) as number[];
}

const today = (db: RegisterDb) => db.prepare("SELECT date('now')").pluck().get() as string;
const noticeDueIsCurrent = (db: RegisterDb) => readSetting(db, 'noticeDueAsOf') === today(db);

/** Moves the kept notice deadlines (vendors.notice_due, migration 0150) on to today: only the vendors with a contract
 * that ended since they were last worked out change. Called when the register opens and after each write. */
export function refreshNoticeDue(db: RegisterDb): void {
  if (noticeDueIsCurrent(db)) return;
  db.transaction(() => {
    db.prepare(`UPDATE vendors SET notice_due = ${NOTICE_DUE_OF('vendors.id')} WHERE id IN (SELECT vendor_id FROM contracts WHERE end_date >= :asOf AND end_date < date('now'))`).run({
      asOf: readSetting(db, 'noticeDueAsOf') ?? '0000-01-01',
    });
    writeSetting(db, 'noticeDueAsOf', today(db));
  })();
}

export function listVendors(db: RegisterDb, query: MethodArgs<'vendors.list'>): VendorPage {
  const { where, params } = vendorFilterSql(query, searchIndexFor(db, query.search));
  const direction = query.sortDir === 'desc' ? 'DESC' : 'ASC';
  const sortJoin = SORT_JOIN[query.sortBy];
  // First the page of ids, read in order through the sort key's index where there is one and stopped at the page's
  // end (derived figures are computed for every vendor only when the sort needs them); then the figures of the rows
  // on the page. Keys that cannot be null need no NULLS LAST, which no index order gives.
  // Next due, soonest first, reads its index when the kept notice deadlines are of today (refreshNoticeDue).
  const nextDueIndexed = query.sortBy === 'nextDue' && direction === 'ASC' && noticeDueIsCurrent(db);
  const sortKey = nextDueIndexed ? NEXT_DUE_KEY.replace(/(next_review_due|notice_due)/g, 'v.$1') : SORT_COLUMN[query.sortBy];
  const nulls = NOT_NULL_SORTS.has(query.sortBy) || nextDueIndexed ? '' : ' NULLS LAST';
  const ids = db
    .prepare(
      `SELECT v.id FROM vendors v ${sortJoin ? `LEFT JOIN (${sortJoin}) sorted ON sorted.vendor_id = v.id` : ''}
       WHERE ${where}
       ORDER BY ${sortKey} ${direction}${nulls}, v.name, v.id LIMIT :limit OFFSET :offset`,
    )
    .pluck()
    .all({ ...params, limit: query.limit, offset: query.offset }) as number[];
  const position = new Map(ids.map((id, i) => [id, i]));
  const rows = (
    db
      .prepare(
        `SELECT v.id, v.name, v.legal_name, v.service_type, v.status, v.tier, v.hq_country, v.owner, v.annual_spend,
                v.spend_currency, v.next_review_due, v.direct, v.updated_at,
                ${Object.entries(DERIVED).map(([alias, sql]) => `${sql} AS ${alias}`).join(',\n                ')}
         FROM vendors v WHERE v.id IN (SELECT value FROM json_each(:ids))`,
      )
      .all({ ids: JSON.stringify(ids) }) as Row[]
  ).sort((a, b) => position.get(a.id as number)! - position.get(b.id as number)!);
  // A page that is not full ends the list, so it gives the count (a narrow search pays for one scan, not two).
  // Otherwise, unfiltered, the count is SQLite's count of the smallest index, not a test of every row.
  const unfiltered = filterKey(query) === NO_FILTER;
  const total =
    ids.length > 0 && ids.length < query.limit
      ? query.offset + ids.length
      : ((unfiltered ? db.prepare('SELECT count(*) FROM vendors').pluck().get() : db.prepare(`SELECT count(*) FROM vendors v WHERE ${where}`).pluck().get(params)) as number);
  return {
    total,
    rows: rows.map(
      (r): VendorRow => ({
        id: r.id as number,
        name: r.name as string,
        legalName: r.legal_name as string | null,
        serviceType: r.service_type as VendorRow['serviceType'],
        status: r.status as VendorRow['status'],
        tier: r.tier as VendorRow['tier'],
        hqCountry: r.hq_country as string | null,
        owner: r.owner as string | null,
        annualSpend: r.annual_spend as number | null,
        spendCurrency: r.spend_currency as string | null,
        nextReviewDue: r.next_review_due as string | null,
        direct: r.direct === 1,
        recordsHeld: r.records_held as number,
        people: r.people as number,
        peopleEntered: r.people_entered === 1,
        exposure: r.exposure as number,
        incidentCount: r.incident_count as number,
        lastIncident: r.last_incident as string | null,
        fourthParties: r.fourth_parties as number,
        nextDue: r.next_due as string | null,
        updatedAt: r.updated_at as string,
      }),
    ),
  };
}

/** Checks the rules that need the register: a unique name and a sound group (one level: member → ultimate parent). */
function checkVendor(db: RegisterDb, fields: VendorFields, id: number | null): void {
  const clash = db.prepare('SELECT name FROM vendors WHERE name = ? AND id IS NOT ?').pluck().get(fields.name, id) as string | undefined;
  if (clash !== undefined) throw fieldError('name', `A vendor named “${clash}” is already in the register (names ignore case).`);

  if (id !== null && fields.people !== null) {
    const largest = db.prepare('SELECT largest_category FROM vendors WHERE id = ?').pluck().get(id) as number;
    if (fields.people < largest) {
      throw fieldError('people', `It holds data of ${largest.toLocaleString('en')} people in one category: distinct people cannot be fewer.`);
    }
  }

  const parentId = fields.ultimateParentId;
  if (parentId === null) return;
  if (parentId === id) throw fieldError('ultimateParentId', 'A vendor cannot be its own ultimate parent.');
  const parent = db.prepare('SELECT name, ultimate_parent_id FROM vendors WHERE id = ?').get(parentId) as
    | { name: string; ultimate_parent_id: number | null }
    | undefined;
  if (!parent) throw fieldError('ultimateParentId', 'The chosen ultimate parent is no longer in the register.');
  if (parent.ultimate_parent_id !== null) {
    const top = db.prepare('SELECT name FROM vendors WHERE id = ?').pluck().get(parent.ultimate_parent_id) as string;
    throw fieldError('ultimateParentId', `“${parent.name}” belongs to the group of “${top}”: choose “${top}” as the ultimate parent.`);
  }
  if (id !== null) {
    const members = db.prepare('SELECT count(*) FROM vendors WHERE ultimate_parent_id = ?').pluck().get(id) as number;
    if (members > 0) {
      throw fieldError('ultimateParentId', `This vendor is itself the ultimate parent of ${members} vendor${members === 1 ? '' : 's'}; an ultimate parent has no parent of its own.`);
    }
  }
}

function columnValues(fields: VendorFields): unknown[] {
  return FIELDS.map((f) => {
    const value = fields[f];
    return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  });
}

/** Unchecked row writes, shared with the importer (which checks whole files itself). */
export function vendorWriter(db: RegisterDb) {
  const columns = FIELDS.map((f) => COLUMN[f]);
  const insert = db.prepare(`INSERT INTO vendors (id, ${columns.join(', ')}, created_at, updated_at) VALUES (?, ${columns.map(() => '?').join(', ')}, ?, ?)`);
  const update = db.prepare(`UPDATE vendors SET ${columns.map((c) => `${c} = ?`).join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`);
  return {
    /** A new vendor, or (undoing a deletion) one put back under its old id. */
    insert: (fields: VendorFields, now: string, id: number | null = null): number => Number(insert.run(id, ...columnValues(fields), now, now).lastInsertRowid),
    update: (id: number, fields: VendorFields, now: string): void => void update.run(...columnValues(fields), now, id),
  };
}

/** The audited image of a vendor: its fields, without derived values. */
const auditImage = vendorFieldsOf;

export function createVendor(db: RegisterDb, ctx: WriteContext, fields: VendorFields): Vendor {
  return db.transaction(() => {
    checkVendor(db, fields, null);
    const vendor = getVendor(db, vendorWriter(db).insert(fields, ctx.now()));
    recordAudit(db, ctx, { entity: 'vendor', entityId: vendor.id, action: 'create', before: null, after: auditImage(vendor) });
    return vendor;
  })();
}

function requireVersion(db: RegisterDb, id: number, version: number): Vendor {
  const current = getVendor(db, id);
  if (current.version !== version) {
    throw new ApiError(
      'CONFLICT',
      `“${current.name}” was changed elsewhere since you opened it. Reload it to see the latest version, then make your change again.`,
      { currentVersion: current.version },
    );
  }
  return current;
}

export function updateVendor(db: RegisterDb, ctx: WriteContext, id: number, version: number, fields: VendorFields): Vendor {
  return db.transaction(() => {
    const before = requireVersion(db, id, version);
    checkVendor(db, fields, id);
    vendorWriter(db).update(id, fields, ctx.now());
    const after = getVendor(db, id);
    recordAudit(db, ctx, { entity: 'vendor', entityId: id, action: 'update', before: auditImage(before), after: auditImage(after) });
    return after;
  })();
}

export function vendorUsage(db: RegisterDb, id: number): VendorUsage {
  const count = (sql: string) => db.prepare(sql).pluck().get(id) as number;
  return {
    holdings: count('SELECT count(*) FROM holdings WHERE vendor_id = ?'),
    services: count('SELECT count(*) FROM service_vendors WHERE vendor_id = ?'),
    dependsOn: count('SELECT count(*) FROM dependencies WHERE vendor_id = ?'),
    usedBy: count('SELECT count(*) FROM dependencies WHERE supplier_id = ?'),
    contracts: count('SELECT count(*) FROM contracts WHERE vendor_id = ?'),
    incidents: count('SELECT count(*) FROM incidents WHERE vendor_id = ?'),
    reviews: count('SELECT count(*) FROM reviews WHERE vendor_id = ?'),
    groupMembers: count('SELECT count(*) FROM vendors WHERE ultimate_parent_id = ?'),
  };
}

const USAGE_WORDS: Record<Exclude<keyof VendorUsage, 'groupMembers'>, string> = {
  holdings: 'data holding(s)',
  services: 'service link(s)',
  dependsOn: 'supplier(s) it depends on',
  usedBy: 'vendor(s) that depend on it',
  contracts: 'contract(s)',
  incidents: 'incident(s)',
  reviews: 'review(s)',
};

/** A bulk edit: the same fields changed on every chosen vendor, each checked as its own form would check it and
 * audited on its own; one refusal refuses all. */
export function updateManyVendors(db: RegisterDb, ctx: WriteContext, { ids, changes }: MethodArgs<'vendors.updateMany'>): { updated: number } {
  return db.transaction(() => {
    const writer = vendorWriter(db);
    let updated = 0;
    for (const id of new Set(ids)) {
      const before = getVendor(db, id);
      const parsed = vendorFields.safeParse({ ...vendorFieldsOf(before), ...changes });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ApiError('VALIDATION', `“${before.name}”: ${issue.message}`, { fields: { [`changes.${String(issue.path[0])}`]: issue.message } });
      }
      if (JSON.stringify(vendorFieldsOf(before)) === JSON.stringify(parsed.data)) continue;
      writer.update(id, parsed.data, ctx.now());
      recordAudit(db, ctx, { entity: 'vendor', entityId: id, action: 'update', before: auditImage(before), after: auditImage(getVendor(db, id)) });
      updated++;
    }
    return { updated };
  })();
}

/**
 * Deletes a vendor. With dependents 'refuse' (the default) a vendor that anything refers to is kept and the
 * answer says what refers to it; with 'delete' those rows go too, each audited, in the same transaction.
 * Group members are never orphaned: they must be given another parent first.
 */
export function deleteVendor(db: RegisterDb, ctx: WriteContext, id: number, version: number, dependents: 'refuse' | 'delete'): { id: number } {
  return db.transaction(() => {
    const before = requireVersion(db, id, version);
    if (before.groupMembers.length > 0) {
      const names = before.groupMembers.slice(0, 5).map((n) => `“${n}”`).join(', ');
      throw new ApiError(
        'CONFLICT',
        `“${before.name}” is the ultimate parent of ${before.groupMembers.length} vendor(s) (${names}${before.groupMembers.length > 5 ? ', …' : ''}). Give them another parent or none first.`,
      );
    }
    const usage = vendorUsage(db, id);
    const uses = (Object.keys(USAGE_WORDS) as (keyof typeof USAGE_WORDS)[]).filter((k) => usage[k] > 0);
    if (uses.length > 0 && dependents === 'refuse') {
      throw new ApiError(
        'CONFLICT',
        `“${before.name}” has ${uses.map((k) => `${usage[k]} ${USAGE_WORDS[k]}`).join(', ')}. Delete them with the vendor, or keep the vendor.`,
        { usage },
      );
    }
    if (uses.length > 0) removeVendorDependents(db, ctx, id);
    db.prepare('DELETE FROM vendors WHERE id = ?').run(id);
    recordAudit(db, ctx, { entity: 'vendor', entityId: id, action: 'delete', before: auditImage(before), after: null });
    return { id };
  })();
}

function removeVendorDependents(db: RegisterDb, ctx: WriteContext, id: number): void {
  const ids = (table: string, where = 'vendor_id = :id') => db.prepare(`SELECT id FROM ${table} WHERE ${where}`).pluck().all({ id }) as number[];
  for (const h of ids('holdings')) deleteHolding(db, ctx, h);
  unlinkVendorEverywhere(db, ctx, id);
  for (const d of ids('dependencies', 'vendor_id = :id OR supplier_id = :id')) removeDependency(db, ctx, d);
  for (const c of ids('contracts')) deleteContract(db, ctx, c);
  for (const i of ids('incidents')) deleteIncident(db, ctx, i);
  for (const r of ids('reviews')) deleteAudited(db, ctx, REVIEW, r);
}

export function countVendors(db: RegisterDb): number {
  return db.prepare('SELECT count(*) FROM vendors').pluck().get() as number;
}
