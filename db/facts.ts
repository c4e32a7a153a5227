// The register's facts as the scoring method reads them (docs/scoring.md), and the walks over them: each vendor's
// supply chain and the provider groups it rides on. SQL gathers them in a few flat queries. An analyst keeps them
// between calls (keepFacts) and brings them up to date from the changes the register notes (scoring_changes,
// migration 0160), re-reading only what changed: one edit costs a few rows, not the register.
import { scoringSettingsSchema, VENDOR_STATUSES, type IncidentContribution, type ScoringSettings, type Substitutability } from './contract';
import type { RegisterDb } from './connection';
import { DEFAULT_SCORING_SETTINGS } from './shared/scoring-settings';

const LIVE_STATUSES: ReadonlySet<string> = new Set(['active', 'under_review', 'offboarding']);
export const SUBSTITUTABILITY_ORDER: readonly Substitutability[] = ['easy', 'medium', 'difficult', 'not_substitutable'];

export function readScoringSettings(db: RegisterDb): ScoringSettings {
  const stored = db.prepare("SELECT value FROM settings WHERE key = 'scoring'").pluck().get() as string | undefined;
  if (!stored) return DEFAULT_SCORING_SETTINGS;
  // Settings saved by an older version may lack newer keys: defaults fill them in.
  const parsed = scoringSettingsSchema.safeParse({ ...DEFAULT_SCORING_SETTINGS, ...(JSON.parse(stored) as object) });
  return parsed.success ? parsed.data : DEFAULT_SCORING_SETTINGS;
}

type Reliance = 'full' | 'material' | 'low';

export interface VendorFact {
  id: number;
  name: string;
  groupKey: number;
  live: boolean;
  direct: boolean;
  status: string;
  spend: number | null;
  currency: string | null;
  substitutability: Substitutability | null;
  exitPlan: boolean;
  nextReviewDue: string | null;
  exposure: number;
  /** Distinct people: entered, or at least the largest category. */
  people: number;
  enteredPeople: number | null;
  largestCategory: number;
  /** Σ reliance weights over the critical services it supports. */
  critical: number;
  criticalServices: readonly string[];
}

interface ServiceFact {
  id: number;
  name: string;
  criticality: 'critical' | 'important';
  links: { vendorId: number; reliance: Reliance }[];
}

interface IncidentFact {
  id: number;
  vendorId: number;
  title: string;
  kind: keyof ScoringSettings['incidentKindFactors'];
  at: string | null;
  dateSource: IncidentContribution['dateSource'];
}

/** A vendor's reliance on critical services: Σ of the reliance weights, and the services' names. */
type CriticalUse = { weight: number; names: string[] };

export interface Facts {
  settings: ScoringSettings;
  /** Every vendor, in id order. */
  vendors: Map<number, VendorFact>;
  /** vendor id → ids of the vendors it depends on directly (every vendor, live or not). */
  suppliers: Map<number, number[]>;
  services: ServiceFact[];
  critical: Map<number, CriticalUse>;
  incidentsByVendor: Map<number, IncidentFact[]>;
  /** Memos of each vendor's supply chain (every vendor reachable through dependencies, itself excluded), of the
   * provider groups it rides on, and of the groups each supplier is or rides on: they do not depend on which vendors
   * are live, so a what-if reuses them, and an edit forgets only those of the vendors whose chain it changed. */
  chains: Map<number, readonly number[]>;
  /** Counts the changes brought in: what is worked out from the vendors alone is kept until it changes. */
  version: number;
  /** (Indexed by vendor id: read for every vendor of every analysis.) */
  groups: (readonly number[] | undefined)[];
  through: Map<number, readonly number[]>;
}

const NONE: readonly string[] = [];
const NO_IDS: readonly number[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The ids given to a query, as one JSON parameter. */
const IN_IDS = 'IN (SELECT value FROM json_each(?))';

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Vendors' facts, all of them or those of `ids`, in id order. */
function readVendors(db: RegisterDb, critical: Map<number, CriticalUse>, ids?: readonly number[]): VendorFact[] {
  // One JSON array per column rather than a row array per vendor: a third less time at 100,000 vendors (SQLite writes
  // numbers in JSON so that they read back exactly). Status and substitutability come as their index in the lists.
  const code = (column: string, values: readonly string[]) => `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;
  const columns = ['id', 'name', 'ultimate_parent_id', 'annual_spend', 'spend_currency', code('substitutability', SUBSTITUTABILITY_ORDER), 'exit_plan', 'next_review_due', 'direct', code('status', VENDOR_STATUSES), 'exposure', 'people', 'largest_category'];
  const select = `SELECT ${columns.map((c) => `json_group_array(${c})`).join(', ')} FROM ${ids ? `(SELECT * FROM vendors WHERE id ${IN_IDS} ORDER BY id)` : 'vendors'}`;
  const [idColumn, names, parents, spends, currencies, substitutabilities, exitPlans, reviewDues, directs, statuses, exposures, peoples, largestCategories] = (
    (ids ? db.prepare(select).raw().get(JSON.stringify(ids)) : db.prepare(select).raw().get()) as string[]
  ).map((column) => JSON.parse(column) as unknown[]) as [number[], string[], (number | null)[], (number | null)[], (string | null)[], (number | null)[], number[], (string | null)[], number[], number[], number[], (number | null)[], number[]];
  return idColumn.map((id, i) => {
    const c = critical.get(id);
    const [status, people, largestCategory, substitutability] = [VENDOR_STATUSES[statuses[i]!]!, peoples[i]!, largestCategories[i]!, substitutabilities[i]!];
    return {
      id,
      name: names[i]!,
      groupKey: parents[i] ?? id,
      live: directs[i] === 1 && LIVE_STATUSES.has(status),
      direct: directs[i] === 1,
      status,
      spend: spends[i]!,
      currency: currencies[i]!,
      substitutability: substitutability === null ? null : SUBSTITUTABILITY_ORDER[substitutability]!,
      exitPlan: exitPlans[i] === 1,
      nextReviewDue: reviewDues[i]!,
      exposure: exposures[i]!,
      people: Math.max(people ?? 0, largestCategory),
      enteredPeople: people,
      largestCategory,
      critical: c?.weight ?? 0,
      criticalServices: c?.names ?? NONE,
    };
  });
}

/** The critical and important services with their links, and each vendor's reliance on the critical ones. */
function readServices(db: RegisterDb, settings: ScoringSettings): { services: ServiceFact[]; critical: Map<number, CriticalUse> } {
  const serviceRows = db.prepare(`SELECT id, name, criticality FROM services WHERE criticality IN ('critical', 'important') ORDER BY name`).all() as { id: number; name: string; criticality: ServiceFact['criticality'] }[];
  const services = new Map<number, ServiceFact>(serviceRows.map((s) => [s.id, { ...s, links: [] }]));
  const critical = new Map<number, CriticalUse>();
  for (const [serviceId, vendorId, reliance] of db.prepare('SELECT service_id, vendor_id, reliance FROM service_vendors').raw().all() as [number, number, Reliance][]) {
    const service = services.get(serviceId);
    if (!service) continue;
    service.links.push({ vendorId, reliance });
    if (service.criticality !== 'critical') continue;
    const c = critical.get(vendorId) ?? { weight: 0, names: [] };
    c.weight += settings.relianceWeights[reliance];
    c.names.push(service.name);
    critical.set(vendorId, c);
  }
  return { services: [...services.values()], critical };
}

/** Dependency links, all of them or those of the vendors `ids`, by vendor then supplier (the order of their unique
 * index): [vendor, supplier] ids. */
function readLinks(db: RegisterDb, ids?: readonly number[]): [number[], number[]] {
  // Two JSON arrays rather than a row object per link: reading 100,000 links costs a fifth as much.
  const links = `SELECT vendor_id, supplier_id FROM dependencies${ids ? ` WHERE vendor_id ${IN_IDS}` : ''} ORDER BY vendor_id, supplier_id`;
  const select = db.prepare(`SELECT json_group_array(vendor_id), json_group_array(supplier_id) FROM (${links})`).raw();
  const row = (ids ? select.get(JSON.stringify(ids)) : select.get()) as [string, string];
  return row.map((list) => JSON.parse(list) as number[]) as [number[], number[]];
}

/** Incidents, all of them or those of the vendors `ids`, in the order they were recorded. */
function readIncidents(db: RegisterDb, ids?: readonly number[]): IncidentFact[] {
  type IncidentRow = [number, number, string, IncidentFact['kind'], string | null, string | null, string | null, string | null, string | null, string | null];
  const select = `SELECT id, vendor_id, title, kind, occurred_from, occurred_to, vendor_detected, we_were_told, contained, recorded_at FROM incidents${ids ? ` WHERE vendor_id ${IN_IDS}` : ''} ORDER BY id`;
  const rows = (ids ? db.prepare(select).raw().all(JSON.stringify(ids)) : db.prepare(select).raw().all()) as IncidentRow[];
  return rows.map(([id, vendorId, title, kind, occurred, occurredTo, detected, told, contained, recorded]) => ({
    id,
    vendorId,
    title,
    kind,
    ...incidentDate({ occurred: occurred ?? occurredTo, detected, told, contained, recorded }),
  }));
}

/** The register's facts, read afresh. */
export function gatherFacts(db: RegisterDb): Facts {
  const settings = readScoringSettings(db);
  const { services, critical } = readServices(db, settings);
  const read = readVendors(db, critical);
  const vendors = new Map(read.map((v) => [v.id, v]));
  const suppliers = new Map<number, number[]>();
  const [vendorIds, supplierIds] = readLinks(db);
  vendorIds.forEach((vendorId, i) => push(suppliers, vendorId, supplierIds[i]!));
  const incidentsByVendor = new Map<number, IncidentFact[]>();
  for (const incident of readIncidents(db)) push(incidentsByVendor, incident.vendorId, incident);
  return { settings, vendors, suppliers, services, critical, incidentsByVendor, chains: new Map(), version: 0, groups: new Array<undefined>((read.at(-1)?.id ?? 0) + 1), through: new Map() };
}

/** An incident's age is counted from the earliest date it has: it happened no later than any of them. An incident
 * with no date at all counts from the day it was recorded in the register. */
function incidentDate(dates: { occurred: string | null; detected: string | null; told: string | null; contained: string | null; recorded: string | null }): { at: string | null; dateSource: IncidentContribution['dateSource'] } {
  const known = (['occurred', 'detected', 'told', 'contained'] as const).filter((k) => dates[k] !== null).sort((a, b) => (dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : 0));
  const first = known[0];
  return first ? { at: dates[first], dateSource: first } : { at: dates.recorded, dateSource: 'recorded' };
}

// ---------------------------------------------------------------------------------------------------------------
// Keeping the facts between calls

/** Facts kept for one register, and the last change they include. */
export interface FactsKeeper {
  kept: { register: string; facts: Facts; seq: number; lastId: number; dependents: Map<number, number[]> | null } | null;
}

/** More vendors changed than this (or a tenth of the register, if more) and the facts are read afresh. */
const MOST_PATCHED = 2_000;

const keepers = new WeakMap<RegisterDb, FactsKeeper>();

/** Has `factsOf(db)` keep the facts in `keeper` and bring them up to date from the changes since. */
export function keepFacts(db: RegisterDb, keeper: FactsKeeper): void {
  keepers.set(db, keeper);
}

/** The register's facts as they are now: kept ones brought up to date where the connection keeps them, else read. */
export function factsOf(db: RegisterDb): Facts {
  const keeper = keepers.get(db);
  if (!keeper) return gatherFacts(db);
  // One snapshot for the changes and the rows re-read (a savepoint where the caller's transaction is open).
  return db.transaction(() => {
    const seq = db.prepare('SELECT coalesce(max(seq), 0) FROM scoring_changes').pluck().get() as number;
    const kept = keeper.kept;
    if (kept && kept.register === db.name && kept.seq <= seq) {
      // Vendors added since: ids are given above the largest in use (an insert trigger on vendors would double the
      // time of bulk writes: SQLite then no longer appends rows at the end of the table's pages).
      const added = db.prepare('SELECT id FROM vendors WHERE id > ?').pluck().all(kept.lastId) as number[];
      if ((kept.seq === seq && !added.length) || bringUpToDate(db, kept, seq, added)) return kept.facts;
    }
    const facts = gatherFacts(db);
    keeper.kept = { register: db.name, facts, seq, lastId: largestId(facts), dependents: null };
    return facts;
  })();
}

/** The largest vendor id the facts hold (vendors are kept in id order). */
function largestId(facts: Facts): number {
  let last = 0;
  for (const id of facts.vendors.keys()) last = id;
  return last;
}

/** Applies the changes after `kept.seq` and the vendors `added` to the kept facts; false when they are too many (or
 * some are no longer kept) and the facts are better read afresh. */
function bringUpToDate(db: RegisterDb, kept: NonNullable<FactsKeeper['kept']>, seq: number, added: readonly number[]): boolean {
  const changes = db.prepare('SELECT seq, vendor_id, what FROM scoring_changes WHERE seq > ? ORDER BY seq').raw().all(kept.seq) as [number, number | null, string][];
  if (changes.length && changes[0]![0] !== kept.seq + 1) return false;
  const { facts } = kept;
  const vendors = new Set<number>(added);
  const links = new Set<number>();
  const incidents = new Set<number>();
  let services = false;
  for (const [, id, what] of changes) {
    if (what === 'all') return false;
    if (what === 'services') services = true;
    else if (what === 'incident') incidents.add(id!);
    else {
      vendors.add(id!);
      if (what === 'link') links.add(id!);
    }
  }
  if (vendors.size + incidents.size > Math.max(MOST_PATCHED, facts.vendors.size / 10)) return false;

  if (services) {
    const read = readServices(db, facts.settings);
    facts.services = read.services;
    facts.critical = read.critical;
    for (const v of facts.vendors.values()) {
      const c = read.critical.get(v.id);
      if (v.critical !== (c?.weight ?? 0) || v.criticalServices.join('\n') !== (c?.names.join('\n') ?? '')) vendors.add(v.id);
    }
  }
  if (links.size) {
    // The chains that change are those of the vendors that reach a vendor whose suppliers or group changed (the same
    // before the change and after it: the way to the first such vendor on any path takes no changed link).
    const dependents = dependentsOf(kept);
    const stale = reaching(dependents, links);
    const [vendorIds, supplierIds] = readLinks(db, [...links]);
    for (const id of links) {
      for (const supplier of facts.suppliers.get(id) ?? NO_IDS) {
        const list = dependents.get(supplier)!;
        const at = list.indexOf(id);
        if (at >= 0) list.splice(at, 1);
      }
      facts.suppliers.delete(id);
    }
    vendorIds.forEach((id, i) => {
      push(facts.suppliers, id, supplierIds[i]!);
      push(dependents, supplierIds[i]!, id);
    });
    for (const id of stale) {
      facts.chains.delete(id);
      facts.groups[id] = undefined;
      facts.through.delete(id);
    }
  }
  if (vendors.size) {
    const read = new Map(readVendors(db, facts.critical, [...vendors]).map((v) => [v.id, v]));
    // In id order, so that vendors added come after the others, as a fresh read has them.
    let lastGone = false;
    for (const id of [...vendors].sort((a, b) => a - b)) {
      const v = read.get(id);
      if (v) facts.vendors.set(id, v);
      else lastGone ||= facts.vendors.delete(id) && id === kept.lastId;
      if (v && id > kept.lastId) kept.lastId = id;
      if (id >= (marksOf.get(facts)?.marks.length ?? 0)) marksOf.delete(facts);
    }
    // The next vendor added may take the id of the last one removed: look above the largest left.
    if (lastGone) kept.lastId = largestId(facts);
  }
  if (incidents.size) {
    for (const id of incidents) facts.incidentsByVendor.delete(id);
    for (const incident of readIncidents(db, [...incidents])) push(facts.incidentsByVendor, incident.vendorId, incident);
  }
  kept.seq = seq;
  facts.version++;
  return true;
}

/** supplier id → the vendors that depend on it directly (kept with the facts once needed). */
function dependentsOf(kept: NonNullable<FactsKeeper['kept']>): Map<number, number[]> {
  if (!kept.dependents) {
    kept.dependents = new Map();
    for (const [id, list] of kept.facts.suppliers) for (const supplier of list) push(kept.dependents, supplier, id);
  }
  return kept.dependents;
}

/** `ids` and every vendor that reaches one of them through dependencies. */
function reaching(dependents: Map<number, number[]>, ids: Iterable<number>): Set<number> {
  const found = new Set(ids);
  const queue = [...found];
  for (let i = 0; i < queue.length; i++) {
    for (const next of dependents.get(queue[i]!) ?? NO_IDS) {
      if (found.has(next)) continue;
      found.add(next);
      queue.push(next);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Walks

/** Visit marks for the walks over one register's facts: a generation number per vendor id, so a walk needs no set of
 * its own (a portfolio walks the chain of every vendor). */
const marksOf = new WeakMap<Facts, { marks: Uint32Array; generation: number }>();

function freshMarks(facts: Facts): { marks: Uint32Array; generation: number } {
  let state = marksOf.get(facts);
  if (!state) {
    let max = 0;
    for (const id of facts.vendors.keys()) if (id > max) max = id;
    for (const list of facts.suppliers.values()) for (const id of list) if (id > max) max = id;
    marksOf.set(facts, (state = { marks: new Uint32Array(max + 1), generation: 0 }));
  }
  state.generation++;
  return state;
}

/** One more than the largest vendor id: the length of arrays indexed by vendor or group id. */
export const idSpace = (facts: Facts) => freshMarks(facts).marks.length;

/** Every vendor reachable from `start` through dependencies: breadth first, each vendor visited once (cycles end). */
function reachable(facts: Facts, start: number): number[] {
  const { marks, generation } = freshMarks(facts);
  marks[start] = generation;
  const order: number[] = [];
  for (let i = -1; i < order.length; i++) {
    for (const next of facts.suppliers.get(i < 0 ? start : order[i]!) ?? NO_IDS) {
      if (marks[next] === generation) continue;
      marks[next] = generation;
      order.push(next);
    }
  }
  return order;
}

/** A vendor's supply chain (memoised on the facts): the scenario engine walks the same chains as the method. */
export function chainOf(facts: Facts, vendorId: number): readonly number[] {
  let chain = facts.chains.get(vendorId);
  if (!chain) {
    chain = facts.suppliers.has(vendorId) ? reachable(facts, vendorId) : NO_IDS;
    facts.chains.set(vendorId, chain);
  }
  return chain;
}

export const groupOf = (facts: Facts, id: number) => facts.vendors.get(id)?.groupKey ?? id;
export const nameOf = (facts: Facts, id: number) => facts.vendors.get(id)?.name ?? `#${id}`;

/** The provider groups a supplier is or rides on (its own group first, then its chain's, each once), memoised. */
function groupsThrough(facts: Facts, supplierId: number): readonly number[] {
  let groups = facts.through.get(supplierId);
  if (!groups) {
    const chain = chainOf(facts, supplierId);
    const { marks, generation } = freshMarks(facts);
    const own = groupOf(facts, supplierId);
    marks[own] = generation;
    const found = [own];
    for (const id of chain) {
      const g = groupOf(facts, id);
      if (marks[g] === generation) continue;
      marks[g] = generation;
      found.push(g);
    }
    facts.through.set(supplierId, (groups = found));
  }
  return groups;
}

/** The one supplier of a vendor that has exactly one (not itself): its chain is that supplier, then the supplier's
 * chain without the vendor, so walks over it need no walk of their own (most vendors have one supplier). */
function onlySupplier(facts: Facts, vendorId: number): number | null {
  const list = facts.suppliers.get(vendorId);
  return list?.length === 1 && list[0] !== vendorId ? list[0]! : null;
}

/** Calls `visit` for each vendor of `vendorId`'s chain, in the order of chainOf. */
function forEachInChain(facts: Facts, vendorId: number, visit: (id: number) => void): void {
  const only = onlySupplier(facts, vendorId);
  if (only === null) {
    for (const id of chainOf(facts, vendorId)) visit(id);
    return;
  }
  visit(only);
  for (const id of chainOf(facts, only)) if (id !== vendorId) visit(id);
}

/** The provider groups a vendor rides on through its chain, other than its own group (each once). Small enough to be
 * inlined where the analysis reads it for every vendor; worked out once by workOutGroups. */
export const groupsReached = (facts: Facts, v: VendorFact): readonly number[] => facts.groups[v.id] ?? workOutGroups(facts, v);

/** The provider groups every one of `vendors` is in or rides on (in the first vendor's order): those whose outage
 * would reach all of them. */
export function groupsAllRideOn(facts: Facts, vendors: readonly VendorFact[]): number[] {
  if (vendors.length === 0) return [];
  const [first, ...rest] = vendors.map((v) => new Set([v.groupKey, ...groupsReached(facts, v)]));
  return [...first!].filter((g) => rest.every((r) => r.has(g)));
}

function workOutGroups(facts: Facts, v: VendorFact): readonly number[] {
  let groups: readonly number[];
  const only = onlySupplier(facts, v.id);
  if (only !== null) {
    // Shared with every vendor of that supplier unless it leads back to the vendor's own group.
    const through = groupsThrough(facts, only);
    groups = through.includes(v.groupKey) ? through.filter((g) => g !== v.groupKey) : through;
  } else {
    const chain = chainOf(facts, v.id);
    if (!chain.length) groups = NO_IDS;
    else {
      const { marks, generation } = freshMarks(facts);
      marks[v.groupKey] = generation;
      const found: number[] = [];
      for (const id of chain) {
        const g = groupOf(facts, id);
        if (marks[g] === generation) continue;
        marks[g] = generation;
        found.push(g);
      }
      groups = found;
    }
  }
  facts.groups[v.id] = groups;
  return groups;
}

/** The members of group `g` that `vendors` hold data through or depend on: the vendors themselves and their chains. */
export function membersReached(facts: Facts, g: number, vendors: readonly number[]): number[] {
  const members = new Set<number>();
  const visit = (x: number) => {
    if (groupOf(facts, x) === g) members.add(x);
  };
  for (const id of vendors) {
    visit(id);
    forEachInChain(facts, id, visit);
  }
  return [...members];
}

/** The vendors left out of the live portfolio, by why. */
export interface LeftOut {
  proposed: number;
  exited: number;
  fourthPartiesOnly: number;
}

/** What is worked out from the vendors alone, kept with the facts for their version. */
const byVersion = new WeakMap<Facts, { version: number; live: VendorFact[]; parents: ReadonlySet<number>; leftOut: LeftOut }>();

function vendorsWorkedOut(facts: Facts) {
  let worked = byVersion.get(facts);
  if (worked?.version !== facts.version) {
    const live: VendorFact[] = [];
    const parents = new Set<number>();
    const leftOut = { proposed: 0, exited: 0, fourthPartiesOnly: 0 };
    for (const v of facts.vendors.values()) {
      if (v.live) live.push(v);
      else if (!v.direct) leftOut.fourthPartiesOnly++;
      else if (v.status === 'proposed') leftOut.proposed++;
      else if (v.status === 'exited') leftOut.exited++;
      if (v.groupKey !== v.id) parents.add(v.groupKey);
    }
    byVersion.set(facts, (worked = { version: facts.version, live, parents, leftOut }));
  }
  return worked;
}

/** The vendors outside the live portfolio, counted by why. */
export const leftOutOf = (facts: Facts): LeftOut => vendorsWorkedOut(facts).leftOut;

/** The live portfolio (not to be changed: it is kept), with `include` (a proposed vendor under review) counted as if
 * it were signed. */
export function portfolioOf(facts: Facts, include?: number): VendorFact[] {
  const { live } = vendorsWorkedOut(facts);
  if (include === undefined || facts.vendors.get(include)?.live !== false) return live;
  return [...facts.vendors.values()].filter((v) => v.live || v.id === include);
}

/** The provider groups with members besides their parent. */
export const groupParents = (facts: Facts): ReadonlySet<number> => vendorsWorkedOut(facts).parents;
