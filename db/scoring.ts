// The scoring engine, method v2 (method and worked example: docs/scoring.md). SQL gathers the register's facts in a
// few flat queries; `analyse` turns them into figures in memory, so a what-if scores the portfolio before and after
// from one read of the register.
import {
  ApiError,
  BASES,
  METHOD_VERSION,
  scoringSettingsSchema,
  type Band,
  type Basis,
  type BasisSummary,
  type IncidentContribution,
  type PeopleFigures,
  type PortfolioScore,
  type ProviderDependency,
  type RiskPoint,
  type ScoreFactor,
  type ScoringSettings,
  type SinglePointOfFailure,
  type Snapshot,
  type Substitutability,
  type VendorScore,
  VENDOR_STATUSES,
} from './contract';
import type { RegisterDb } from './connection';
import { writeSetting } from './settings';
import { recordAudit, type WriteContext } from './audit';
import { aggregateByGroup, concentration, decay } from './shared/concentration';
import { formatDay } from './shared/headline';
import { DEFAULT_SCORING_SETTINGS } from './shared/scoring-settings';

const LIVE_STATUSES = new Set(['active', 'under_review', 'offboarding']);
const SUBSTITUTABILITY_ORDER: readonly Substitutability[] = ['easy', 'medium', 'difficult', 'not_substitutable'];
const TOP_HOLDERS = 20;
/** Providers listed with their figures; counts always come from the full list. */
const PROVIDERS_LISTED = 50;
/** The risk matrix shows the vendors with the most exposure: enough to read, few enough to draw at once. */
const RISK_MATRIX_POINTS = 400;
const YEAR_MS = 365.25 * 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Settings

export function readScoringSettings(db: RegisterDb): ScoringSettings {
  const stored = db.prepare("SELECT value FROM settings WHERE key = 'scoring'").pluck().get() as string | undefined;
  if (!stored) return DEFAULT_SCORING_SETTINGS;
  // Settings saved by an older version may lack newer keys: defaults fill them in.
  const parsed = scoringSettingsSchema.safeParse({ ...DEFAULT_SCORING_SETTINGS, ...(JSON.parse(stored) as object) });
  return parsed.success ? parsed.data : DEFAULT_SCORING_SETTINGS;
}

export function updateScoringSettings(db: RegisterDb, ctx: WriteContext, settings: ScoringSettings): ScoringSettings {
  return db.transaction(() => {
    const before = readScoringSettings(db);
    writeSetting(db, 'scoring', JSON.stringify(settings));
    recordAudit(db, ctx, { entity: 'scoring_settings', entityId: null, action: 'update', before, after: settings });
    return readScoringSettings(db);
  })();
}

// ---------------------------------------------------------------------------------------------------------------
// The register's facts

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

export interface Facts {
  settings: ScoringSettings;
  vendors: Map<number, VendorFact>;
  /** vendor id → ids of the vendors it depends on directly (every vendor, live or not). */
  suppliers: Map<number, number[]>;
  services: ServiceFact[];
  incidentsByVendor: Map<number, IncidentFact[]>;
  /** Memos of each vendor's supply chain (every vendor reachable through dependencies, itself excluded) and of the
   * provider groups it rides on: they do not depend on which vendors are live, so a what-if reuses them. */
  chains: Map<number, readonly number[]>;
  groups: Map<number, readonly number[]>;
}

const NONE: readonly string[] = [];
const NO_IDS: readonly number[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function gatherFacts(db: RegisterDb): Facts {
  const settings = readScoringSettings(db);
  // One JSON array per column rather than a row array per vendor: a third less time at 100,000 vendors (SQLite writes
  // numbers in JSON so that they read back exactly). Status and substitutability come as their index in the lists.
  const code = (column: string, values: readonly string[]) => `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;
  const columns = ['id', 'name', 'ultimate_parent_id', 'annual_spend', 'spend_currency', code('substitutability', SUBSTITUTABILITY_ORDER), 'exit_plan', 'next_review_due', 'direct', code('status', VENDOR_STATUSES), 'exposure', 'people', 'largest_category'];
  const [ids, names, parents, spends, currencies, substitutabilities, exitPlans, reviewDues, directs, statuses, exposures, peoples, largestCategories] = (
    db.prepare(`SELECT ${columns.map((c) => `json_group_array(${c})`).join(', ')} FROM vendors`).raw().get() as string[]
  ).map((column) => JSON.parse(column) as unknown[]) as [number[], string[], (number | null)[], (number | null)[], (string | null)[], (number | null)[], number[], (string | null)[], number[], number[], number[], (number | null)[], number[]];
  const serviceRows = db.prepare(`SELECT id, name, criticality FROM services WHERE criticality IN ('critical', 'important') ORDER BY name`).all() as { id: number; name: string; criticality: ServiceFact['criticality'] }[];
  const services = new Map<number, ServiceFact>(serviceRows.map((s) => [s.id, { ...s, links: [] }]));
  const critical = new Map<number, { weight: number; names: string[] }>();
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

  const vendors = new Map<number, VendorFact>();
  ids.forEach((id, i) => {
    const c = critical.get(id);
    const [status, people, largestCategory, substitutability] = [VENDOR_STATUSES[statuses[i]!]!, peoples[i]!, largestCategories[i]!, substitutabilities[i]!];
    vendors.set(id, {
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
    });
  });
  const suppliers = new Map<number, number[]>();
  // Two JSON arrays rather than a row object per link: reading 100,000 links costs a fifth as much.
  const [vendorIds, supplierIds] = (db.prepare('SELECT json_group_array(vendor_id), json_group_array(supplier_id) FROM dependencies').raw().get() as [string, string]).map((ids) => JSON.parse(ids) as number[]);
  vendorIds!.forEach((vendorId, i) => push(suppliers, vendorId, supplierIds![i]!));

  const incidentsByVendor = new Map<number, IncidentFact[]>();
  type IncidentRow = [number, number, string, IncidentFact['kind'], string | null, string | null, string | null, string | null, string | null, string | null];
  const incidents = db
    .prepare('SELECT id, vendor_id, title, kind, occurred_from, occurred_to, vendor_detected, we_were_told, contained, recorded_at FROM incidents')
    .raw()
    .all() as IncidentRow[];
  for (const [id, vendorId, title, kind, occurred, occurredTo, detected, told, contained, recorded] of incidents) {
    const { at, dateSource } = incidentDate({ occurred: occurred ?? occurredTo, detected, told, contained, recorded });
    push(incidentsByVendor, vendorId, { id, vendorId, title, kind, at, dateSource });
  }
  return { settings, vendors, suppliers, services: [...services.values()], incidentsByVendor, chains: new Map(), groups: new Map() };
}

/** An incident's age is counted from the earliest date it has: it happened no later than any of them. An incident
 * with no date at all counts from the day it was recorded in the register. */
export function incidentDate(dates: { occurred: string | null; detected: string | null; told: string | null; contained: string | null; recorded: string | null }): { at: string | null; dateSource: IncidentContribution['dateSource'] } {
  const known = (['occurred', 'detected', 'told', 'contained'] as const).filter((k) => dates[k] !== null).sort((a, b) => (dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : 0));
  const first = known[0];
  return first ? { at: dates[first], dateSource: first } : { at: dates.recorded, dateSource: 'recorded' };
}

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

const groupOf = (facts: Facts, id: number) => facts.vendors.get(id)?.groupKey ?? id;
const nameOf = (facts: Facts, id: number) => facts.vendors.get(id)?.name ?? `#${id}`;

/** Memos of the provider groups each supplier is or rides on (its own group first, then its chain's, each once). */
const throughOf = new WeakMap<Facts, Map<number, readonly number[]>>();

function groupsThrough(facts: Facts, supplierId: number): readonly number[] {
  let memo = throughOf.get(facts);
  if (!memo) throughOf.set(facts, (memo = new Map()));
  let groups = memo.get(supplierId);
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
    memo.set(supplierId, (groups = found));
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

/** The provider groups a vendor rides on through its chain, other than its own group (each once). */
export function groupsReached(facts: Facts, v: VendorFact): readonly number[] {
  let groups = facts.groups.get(v.id);
  if (groups) return groups;
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
  facts.groups.set(v.id, groups);
  return groups;
}

/** The members of group `g` that `vendors` hold data through or depend on: the vendors themselves and their chains. */
function membersReached(facts: Facts, g: number, vendors: readonly number[]): number[] {
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

// ---------------------------------------------------------------------------------------------------------------
// Portfolio analysis (in memory)

export interface Analysis {
  live: VendorFact[];
  liveIds: Set<number>;
  totalExposure: number;
  bases: Record<Basis, BasisSummary>;
  people: PeopleFigures;
  /** The provider groups listed (the first PROVIDERS_LISTED, largest dependency share first). */
  providers: ProviderDependency[];
  /** Every provider group: each group a live vendor is in or rides on. */
  providerCount: number;
  /** A provider group's figures; null when no live vendor is in it or rides on it. */
  provider(groupKey: number): ProviderDependency | null;
  /** The order providers are listed in (negative when `a` comes first). */
  providerOrder: ProviderOrder;
  hiddenConcentrations: number;
  singlePointsOfFailure: SinglePointOfFailure[];
}

function basisValue(v: VendorFact, basis: Basis, settings: ScoringSettings): number {
  switch (basis) {
    case 'exposure':
      return v.exposure;
    case 'people':
      return v.people;
    case 'critical':
      return v.critical;
    case 'spend': {
      if (v.spend === null || v.currency === null) return 0;
      if (v.currency === settings.reportingCurrency) return v.spend;
      const rate = settings.fxRates[v.currency];
      return rate === undefined ? 0 : v.spend * rate;
    }
  }
}

type Holding = Parameters<typeof aggregateByGroup>[0][number];

/** `values` holds one entry per live vendor, reused from basis to basis (only the value changes). */
function summarise(basis: Basis, live: VendorFact[], facts: Facts, values: Holding[]): BasisSummary {
  const { settings } = facts;
  live.forEach((v, i) => (values[i]!.value = basisValue(v, basis, settings)));
  const holders = aggregateByGroup(values);
  const c = concentration(holders, settings.bands, TOP_HOLDERS);
  const top = [...c.top];
  if (c.others.count > 0) top.push({ key: 0, name: `Others (${c.others.count})`, value: c.others.value, share: c.others.value / c.total });
  return {
    basis,
    total: c.total,
    holders: c.count,
    hhi: c.hhi,
    effectiveNumber: c.effectiveNumber,
    cr1: c.cr1,
    cr1Holder: c.cr1Holder,
    cr3: c.cr3,
    band: c.band,
    overShareLimit: c.total > 0 ? holders.filter((h) => h.value / c.total > settings.test2023.share).map((h) => h.name).sort() : [],
    top,
  };
}

export function dependencyBand(share: number, bands: ScoringSettings['dependencyBands']): Band {
  return share > bands.high ? 'high' : share >= bands.moderate ? 'moderate' : 'unconcentrated';
}

/** Ties are broken by name with a plain comparison: deterministic, and cheap over 100,000 providers. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Provider groups in the order they are listed: most exposure first, then most vendors, then by name. */
type ProviderOrder = (a: number, b: number) => number;

interface DependencyShares {
  listed: ProviderDependency[];
  count: number;
  hidden: number;
  provider(groupKey: number): ProviderDependency | null;
  order: ProviderOrder;
}

/** Every provider group's dependency share, tallied per group id in flat arrays (a portfolio of 100,000 vendors has
 * as many groups); only the groups listed are described in full, the others on demand. */
function dependencyShares(facts: Facts, live: VendorFact[], total: number): DependencyShares {
  const size = freshMarks(facts).marks.length;
  const exposure = new Float64Array(size);
  const direct = new Float64Array(size);
  const vendorCount = new Int32Array(size);
  const throughChain = new Int32Array(size);
  const criticalThrough = new Int32Array(size);
  const serviceUse = new Map<number, Map<string, number>>();
  const groups: number[] = [];
  const tally = (g: number, v: VendorFact) => {
    if (vendorCount[g] === 0) groups.push(g);
    exposure[g] = exposure[g]! + v.exposure;
    vendorCount[g] = vendorCount[g]! + 1;
  };
  for (const v of live) {
    tally(v.groupKey, v);
    direct[v.groupKey] = direct[v.groupKey]! + v.exposure;
    for (const g of groupsReached(facts, v)) {
      tally(g, v);
      throughChain[g] = throughChain[g]! + 1;
      if (!v.criticalServices.length) continue;
      criticalThrough[g] = criticalThrough[g]! + 1;
      let use = serviceUse.get(g);
      if (!use) serviceUse.set(g, (use = new Map()));
      for (const s of v.criticalServices) use.set(s, (use.get(s) ?? 0) + 1);
    }
  }
  const order: ProviderOrder = (a, b) => exposure[b]! - exposure[a]! || vendorCount[b]! - vendorCount[a]! || byName(nameOf(facts, a), nameOf(facts, b));
  const top: number[] = [];
  for (const g of groups) {
    if (top.length === PROVIDERS_LISTED && order(g, top[PROVIDERS_LISTED - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && order(g, top[at - 1]!) < 0) at--;
    top.splice(at, 0, g);
    if (top.length > PROVIDERS_LISTED) top.pop();
  }
  // The vendors behind each listed group, in portfolio order.
  const vendorsOf = new Map<number, number[]>(top.map((g) => [g, []]));
  for (const v of live) {
    vendorsOf.get(v.groupKey)?.push(v.id);
    for (const g of groupsReached(facts, v)) vendorsOf.get(g)?.push(v.id);
  }
  const share = (x: number) => (total > 0 ? x / total : 0);
  // Names of members and vendors are spelled out for the providers listed only.
  const names = (ids: readonly number[]) => ids.slice(0, PROVIDERS_LISTED).map((id) => nameOf(facts, id)).sort(byName);
  const describe = (g: number, vendorIds: readonly number[] | undefined): ProviderDependency => {
    const use = serviceUse.get(g);
    return {
      groupKey: g,
      name: nameOf(facts, g),
      members: vendorIds ? names(membersReached(facts, g, vendorIds)) : [],
      share: share(exposure[g]!),
      directShare: share(direct[g]!),
      exposure: exposure[g]!,
      band: dependencyBand(share(exposure[g]!), facts.settings.dependencyBands),
      vendorCount: vendorCount[g]!,
      throughChain: throughChain[g]!,
      vendors: vendorIds ? names(vendorIds) : [],
      criticalServices: use ? [...use.entries()].filter(([, n]) => n >= 2).map(([name]) => name).sort(byName) : [],
      hidden: criticalThrough[g]! >= 2,
    };
  };
  const listed = top.map((g) => describe(g, vendorsOf.get(g)));
  const listedByGroup = new Map(listed.map((p) => [p.groupKey, p]));
  let hidden = 0;
  for (const g of groups) if (criticalThrough[g]! >= 2) hidden++;
  return {
    listed,
    count: groups.length,
    hidden,
    provider: (g) => listedByGroup.get(g) ?? (g < size && vendorCount[g]! > 0 ? describe(g, undefined) : null),
    order,
  };
}

const HARD: readonly (Substitutability | null)[] = ['difficult', 'not_substitutable', null];

function singlePointsOfFailure(facts: Facts, liveIds: Set<number>, providerOf: (groupKey: number) => ProviderDependency | null): SinglePointOfFailure[] {
  const result: SinglePointOfFailure[] = [];
  for (const s of facts.services) {
    const linked = s.links.filter((l) => liveIds.has(l.vendorId));
    const supporting = linked.filter((l) => l.reliance !== 'low').map((l) => facts.vendors.get(l.vendorId)!);
    const base = { serviceId: s.id, serviceName: s.name, criticality: s.criticality, vendors: supporting.map((v) => ({ id: v.id, name: v.name })) };
    if (linked.length === 0) {
      result.push({ ...base, kind: 'unsupported', provider: null, substitutability: null, assessed: false, exitPlan: false, severity: s.criticality === 'critical' ? 'high' : 'medium' });
      continue;
    }
    if (supporting.length === 0) continue;

    let kind: SinglePointOfFailure['kind'];
    let group: number;
    if (new Set(supporting.map((v) => v.groupKey)).size === 1) {
      kind = 'direct';
      group = supporting[0]!.groupKey;
    } else {
      const [first, ...rest] = supporting.map((v) => new Set([v.groupKey, ...groupsReached(facts, v)]));
      const common = [...first!].filter((g) => rest.every((r) => r.has(g)));
      if (common.length === 0) continue;
      kind = 'hidden';
      group = common.sort((a, b) => (providerOf(b)?.share ?? 0) - (providerOf(a)?.share ?? 0) || byName(nameOf(facts, a), nameOf(facts, b)))[0]!;
    }
    // The provider's own vendors that these services actually use: the supporting vendors and their chains.
    const memberFacts = membersReached(facts, group, supporting.map((v) => v.id)).map((id) => facts.vendors.get(id)!);
    const assessed = memberFacts.every((m) => m.substitutability !== null);
    const substitutability = assessed ? SUBSTITUTABILITY_ORDER[Math.max(...memberFacts.map((m) => SUBSTITUTABILITY_ORDER.indexOf(m.substitutability!)))]! : null;
    const exitPlan = memberFacts.every((m) => m.exitPlan);
    const weak = HARD.includes(substitutability) || !exitPlan;
    const severity = s.criticality === 'critical' ? (weak ? 'high' : 'medium') : weak ? 'medium' : 'low';
    result.push({ ...base, kind, provider: { groupKey: group, name: nameOf(facts, group) }, substitutability, assessed, exitPlan, severity });
  }
  return result;
}

function peopleFigures(live: VendorFact[], settings: ScoringSettings): PeopleFigures {
  let largest: VendorFact | null = null;
  let sum = 0;
  for (const v of live) {
    sum += v.people;
    if (v.people > 0 && (!largest || v.people > largest.people)) largest = v;
  }
  const base = settings.customerBase;
  return {
    customerBase: base,
    lowerBound: largest?.people ?? 0,
    upperBound: base === null ? sum : Math.min(sum, base),
    largestHolder: largest ? { vendorId: largest.id, name: largest.name, people: largest.people, atLeast: largest.enteredPeople === null, shareOfBase: base ? largest.people / base : null } : null,
    notEntered: live.filter((v) => v.enteredPeople === null && v.largestCategory > 0).length,
    belowLargestCategory: live.filter((v) => v.enteredPeople !== null && v.enteredPeople < v.largestCategory).map((v) => v.name).sort(),
  };
}

/** The live portfolio, with `include` (a proposed vendor under review) counted as if it were signed. */
export function portfolioOf(facts: Facts, include?: number): VendorFact[] {
  const live: VendorFact[] = [];
  for (const v of facts.vendors.values()) if (v.live || v.id === include) live.push(v);
  return live;
}

export function analyse(facts: Facts, live: VendorFact[]): Analysis {
  const values = live.map((v): Holding => ({ key: v.id, name: v.name, value: 0, groupKey: v.groupKey, groupName: nameOf(facts, v.groupKey) }));
  const bases = Object.fromEntries(BASES.map((b) => [b, summarise(b, live, facts, values)])) as Record<Basis, BasisSummary>;
  const totalExposure = bases.exposure.total;
  const shares = dependencyShares(facts, live, totalExposure);
  const liveIds = new Set(live.map((v) => v.id));
  return {
    live,
    liveIds,
    totalExposure,
    bases,
    people: peopleFigures(live, facts.settings),
    providers: shares.listed,
    providerCount: shares.count,
    provider: shares.provider,
    providerOrder: shares.order,
    hiddenConcentrations: shares.hidden,
    singlePointsOfFailure: singlePointsOfFailure(facts, liveIds, shares.provider),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Geography and categories (SQL over the holdings of the counted vendors)

/** Where the counted vendors' data is stored (the totals per country and category that triggers keep for the live
 * portfolio, weighted as they are read), and the exposure of the ten largest holders by data category (read through
 * the holdings' vendor index, for their vendors only). */
function holdingsBreakdown(db: RegisterDb, facts: Facts, analysis: Analysis): Pick<PortfolioScore, 'geography' | 'exposureByCategory'> {
  const { settings } = facts;
  const groups = analysis.bases.exposure.top.filter((h) => h.key !== 0).slice(0, 10);
  const charted = new Set(groups.map((g) => g.key));
  const members = analysis.live.filter((v) => charted.has(v.groupKey)).map((v) => v.id);
  const countries = db
    .prepare(
      `SELECT nullif(s.storage_country, ''), sum(s.records * c.weight) FROM live_storage s JOIN data_categories c ON c.id = s.category_id
       GROUP BY s.storage_country HAVING sum(s.holdings) > 0`,
    )
    .raw()
    .all() as [string | null, number][];
  const rows = db
    .prepare(
      `SELECT h.vendor_id, h.category_id, sum(h.records * c.weight) FROM holdings h JOIN data_categories c ON c.id = h.category_id
       WHERE h.vendor_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2`,
    )
    .raw()
    .all(JSON.stringify(members)) as [number, number, number][];

  const byCountry = new Map(countries);
  const cells = new Map<string, { vendorKey: number; categoryId: number; exposure: number }>();
  for (const [vendorId, categoryId, exposure] of rows) {
    const vendorKey = groupOf(facts, vendorId);
    const key = `${vendorKey}:${categoryId}`;
    const cell = cells.get(key) ?? { vendorKey, categoryId, exposure: 0 };
    cell.exposure += exposure;
    cells.set(key, cell);
  }
  const total = [...byCountry.values()].reduce((sum, x) => sum + x, 0);
  const share = (x: number) => (total > 0 ? x / total : 0);
  const known = [...byCountry].filter((entry): entry is [string, number] => entry[0] !== null).sort((a, b) => b[1] - a[1]);

  const categories = (db.prepare('SELECT id, code, label FROM data_categories ORDER BY sort_order, id').all() as { id: number; code: string; label: string }[]).filter((c) =>
    [...cells.values()].some((cell) => cell.categoryId === c.id),
  );
  const codeOf = new Map(categories.map((c) => [c.id, c.code]));
  return {
    geography: {
      homeCountry: settings.homeCountry,
      byCountry: known.map(([country, exposure]) => ({ country, exposure, share: share(exposure) })),
      outsideHomeShare: share(known.filter(([country]) => country !== settings.homeCountry).reduce((sum, [, x]) => sum + x, 0)),
      unknownShare: share(byCountry.get(null) ?? 0),
    },
    exposureByCategory: {
      vendors: groups.map((g) => ({ key: g.key, name: g.name })),
      categories: categories.map((c) => ({ code: c.code, label: c.label })),
      cells: [...cells.values()].map((c) => ({ vendorKey: c.vendorKey, category: codeOf.get(c.categoryId)!, exposure: c.exposure })),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Vendor risk: severity (impact and resilience gap) and likelihood (incident frequency), combined.

interface RiskComponents {
  dependencyShare: number;
  directShare: number;
  shareTerm: number;
  criticalTerm: number;
  impact: number;
  substitution: number;
  noExit: number;
  overdue: number;
  resilience: number;
  severity: number;
  rate: number;
  likelihood: number;
  score: number;
  contributions: IncidentContribution[];
  notCounted: VendorScore['notCounted'];
}

const dayOf = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso.length === 16 ? `${iso}:00Z` : iso);

/** The vendor risk score in numbers (docs/scoring.md, "Vendor risk score"). */
function riskComponents(facts: Facts, analysis: Analysis, v: VendorFact, now: Date): RiskComponents {
  const s = facts.settings;
  const provider = analysis.provider(v.groupKey);
  const dependencyShare = provider?.share ?? 0;
  const shareTerm = Math.min(1, dependencyShare / s.impactShareCap);
  const criticalTerm = Math.min(1, v.critical / s.impactCriticalCap);
  const impact = 0.7 * shareTerm + 0.3 * criticalTerm;

  // Unknowns count as the worst case: not assessed = not substitutable; no review date = overdue.
  const substitution = v.substitutability === null ? s.substitutabilityGap.not_substitutable : s.substitutabilityGap[v.substitutability];
  const noExit = v.exitPlan ? 0 : 1;
  const overdue = v.nextReviewDue === null || v.nextReviewDue < now.toISOString().slice(0, 10) ? 1 : 0;
  const resilience = (substitution + noExit + overdue) / 3;
  const severity = (1 - s.resilienceWeight) * impact + s.resilienceWeight * resilience;

  const contributions: IncidentContribution[] = [];
  const notCounted: VendorScore['notCounted'] = [];
  for (const at of [v.id, ...chainOf(facts, v.id)]) {
    for (const i of facts.incidentsByVendor.get(at) ?? []) {
      const ageYears = i.at === null ? 0 : (now.getTime() - dayOf(i.at)) / YEAR_MS;
      if (ageYears < 0) {
        notCounted.push({ incidentId: i.id, title: i.title, reason: `dated ${formatDay(i.at!.slice(0, 10))}, after the scoring date` });
        continue;
      }
      const kindFactor = s.incidentKindFactors[i.kind];
      const d = decay(ageYears, s.incidentHalfLifeYears);
      contributions.push({ incidentId: i.id, title: i.title, at: i.at, dateSource: i.dateSource, ageYears, via: at === v.id ? null : nameOf(facts, at), kindFactor, decay: d, weighted: kindFactor * d });
    }
  }
  contributions.sort((a, b) => b.weighted - a.weighted);
  // Σ of decayed weights × ln 2 / half-life: an incident rate per year (a steady rate r gives back r).
  const rate = (Math.LN2 / s.incidentHalfLifeYears) * contributions.reduce((sum, c) => sum + c.weighted, 0);
  const likelihood = -Math.expm1(-(s.baseIncidentRate + rate));
  const score = 100 * Math.sqrt(severity * likelihood);
  return { dependencyShare, directShare: provider?.directShare ?? 0, shareTerm, criticalTerm, impact, substitution, noExit, overdue, resilience, severity, rate, likelihood, score, contributions, notCounted };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number, digits = 3) => x.toFixed(digits);

/** Each factor with its inputs spelled out, for "Why this score". */
function explain(facts: Facts, v: VendorFact, r: RiskComponents): ScoreFactor[] {
  const s = facts.settings;
  return [
    {
      key: 'impact',
      label: 'Impact',
      value: r.impact,
      inputs: [
        { label: 'Dependency share of its group', value: `${pct(r.dependencyShare)} (held directly: ${pct(r.directShare)}; full at ${pct(s.impactShareCap)}) → ${num(r.shareTerm)} × 0.7` },
        { label: 'Critical-service reliance', value: `${v.critical.toFixed(2)} (full at ${s.impactCriticalCap}) → ${num(r.criticalTerm)} × 0.3` },
      ],
    },
    {
      key: 'resilience',
      label: 'Resilience gap',
      value: r.resilience,
      inputs: [
        { label: 'Substitutability', value: `${v.substitutability ?? 'not assessed (counted as not substitutable)'} → ${r.substitution}` },
        { label: 'Exit plan', value: v.exitPlan ? 'yes → 0' : 'no → 1' },
        { label: 'Review overdue', value: v.nextReviewDue === null ? 'no review date (counted as overdue) → 1' : r.overdue ? `yes (${formatDay(v.nextReviewDue)}) → 1` : `no (${formatDay(v.nextReviewDue)}) → 0` },
      ],
    },
    {
      key: 'severity',
      label: 'Severity',
      value: r.severity,
      inputs: [{ label: 'Impact and resilience gap', value: `${1 - s.resilienceWeight} × ${num(r.impact)} + ${s.resilienceWeight} × ${num(r.resilience)}` }],
    },
    {
      key: 'likelihood',
      label: 'Likelihood (a year)',
      value: r.likelihood,
      inputs: [
        { label: 'Incidents counted', value: `${r.contributions.length}${r.notCounted.length ? ` (${r.notCounted.length} dated in the future left out)` : ''}` },
        { label: 'Incident rate from history', value: `${num(r.rate)} a year (half-life ${s.incidentHalfLifeYears} years)` },
        { label: 'Probability of an incident within a year', value: `1 − e^−(${s.baseIncidentRate} base + ${num(r.rate)})` },
      ],
    },
  ];
}

/** The counted vendors with exposure or critical reliance, most exposure first (the first `limit`), with their scores. */
function scoredVendors(facts: Facts, analysis: Analysis, now: Date, limit = Infinity) {
  const counted = analysis.live.filter((v) => v.exposure > 0 || v.critical > 0);
  return (limit < counted.length ? mostExposed(counted, limit) : counted.sort((a, b) => b.exposure - a.exposure))
    .map((v) => {
      const r = riskComponents(facts, analysis, v, now);
      return { vendorId: v.id, name: v.name, severity: r.severity, impact: r.impact, likelihood: r.likelihood, resilience: r.resilience, share: r.dependencyShare, exposure: v.exposure, score: r.score };
    });
}

/** The first `k` of `vendors` sorted by exposure, largest first (ties in their order), without sorting them all. */
function mostExposed(vendors: readonly VendorFact[], k: number): VendorFact[] {
  const best: VendorFact[] = [];
  for (const v of vendors) {
    if (best.length === k && v.exposure <= best[k - 1]!.exposure) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (best[mid]!.exposure >= v.exposure) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, v);
    if (best.length > k) best.pop();
  }
  return best;
}

function riskMatrix(facts: Facts, analysis: Analysis, now: Date): RiskPoint[] {
  return scoredVendors(facts, analysis, now, RISK_MATRIX_POINTS).map(({ vendorId, name, severity, likelihood, exposure, score }) => ({ vendorId, name, severity, likelihood, exposure, score }));
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

export function portfolioScore(db: RegisterDb, facts: Facts, analysis: Analysis, now: Date): PortfolioScore {
  let excludedProposed = 0;
  let excludedExited = 0;
  let fourthPartiesOnly = 0;
  for (const v of facts.vendors.values()) {
    if (analysis.liveIds.has(v.id)) continue;
    if (!v.direct) fourthPartiesOnly++;
    else if (v.status === 'proposed') excludedProposed++;
    else if (v.status === 'exited') excludedExited++;
  }
  const { settings } = facts;
  const currencies = new Set(analysis.live.filter((v) => v.spend !== null && v.currency && v.currency !== settings.reportingCurrency && !(v.currency in settings.fxRates)).map((v) => v.currency!));
  return {
    methodVersion: METHOD_VERSION,
    asOf: now.toISOString(),
    settings,
    vendorCount: analysis.live.length,
    excluded: { proposed: excludedProposed, exited: excludedExited, fourthPartiesOnly },
    spendWithoutRate: [...currencies].sort(),
    bases: analysis.bases,
    people: analysis.people,
    ...holdingsBreakdown(db, facts, analysis),
    providers: analysis.providers,
    providerCount: analysis.providerCount,
    largestDependency: analysis.providers[0] ?? null,
    hiddenConcentrations: analysis.hiddenConcentrations,
    singlePointsOfFailure: analysis.singlePointsOfFailure,
    riskMatrix: riskMatrix(facts, analysis, now),
  };
}

export function scorePortfolio(db: RegisterDb, now = new Date()): PortfolioScore {
  const facts = gatherFacts(db);
  return portfolioScore(db, facts, analyse(facts, portfolioOf(facts)), now);
}

/** Every counted vendor's risk score, for the scores export. */
export function vendorRiskScores(db: RegisterDb, now = new Date()): (RiskPoint & { share: number; resilience: number; impact: number })[] {
  const facts = gatherFacts(db);
  return scoredVendors(facts, analyse(facts, portfolioOf(facts)), now);
}

/** A vendor's score; one outside the live portfolio (proposed, exited, a fourth party) is scored as if it were added
 * to it. `analysis` may be passed when the caller has already analysed that portfolio (the what-if). */
export function vendorScoreFrom(facts: Facts, vendorId: number, now: Date, analysis?: Analysis): VendorScore {
  const v = facts.vendors.get(vendorId);
  if (!v) throw new ApiError('NOT_FOUND', 'This vendor is no longer in the register.');
  const a = analysis ?? analyse(facts, portfolioOf(facts, vendorId));
  const r = riskComponents(facts, a, v, now);
  return { methodVersion: METHOD_VERSION, vendorId, name: v.name, counted: v.live, score: r.score, factors: explain(facts, v, r), incidents: r.contributions, notCounted: r.notCounted, settings: facts.settings };
}

export function scoreVendor(db: RegisterDb, vendorId: number, now = new Date()): VendorScore {
  return vendorScoreFrom(gatherFacts(db), vendorId, now);
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshots

type SnapshotRow = { id: number; taken_at: string; kind: Snapshot['trigger']; metrics_json: string };

function toSnapshot(row: SnapshotRow): Snapshot {
  const metrics = JSON.parse(row.metrics_json) as Partial<Snapshot>;
  // Snapshots from before method v2 carry no version: they are v1 figures.
  return { methodVersion: 1, largestDependencyShare: null, largestDependencyName: null, ...metrics, id: row.id, takenAt: row.taken_at, trigger: row.kind } as Snapshot;
}

export function listSnapshots(db: RegisterDb): Snapshot[] {
  return (db.prepare('SELECT * FROM snapshots ORDER BY taken_at, id').all() as SnapshotRow[]).map(toSnapshot);
}

/** Records a snapshot of a scored portfolio (scored here, or by an analyst thread). */
export function recordSnapshot(db: RegisterDb, trigger: Snapshot['trigger'], p: PortfolioScore, now = new Date()): Snapshot {
  const e = p.bases.exposure;
  const metrics: Omit<Snapshot, 'id' | 'takenAt' | 'trigger'> = {
    methodVersion: METHOD_VERSION,
    totalExposure: e.total,
    hhi: e.hhi,
    effectiveNumber: e.effectiveNumber,
    cr1: e.cr1,
    cr3: e.cr3,
    vendorCount: p.vendorCount,
    singlePointsOfFailure: p.singlePointsOfFailure.length,
    hiddenConcentrations: p.hiddenConcentrations,
    largestDependencyShare: p.largestDependency?.share ?? null,
    largestDependencyName: p.largestDependency?.name ?? null,
    hhiByBasis: Object.fromEntries(BASES.map((b) => [b, p.bases[b].hhi])),
  };
  const { lastInsertRowid } = db.prepare('INSERT INTO snapshots (taken_at, kind, metrics_json) VALUES (?, ?, ?)').run(now.toISOString(), trigger, JSON.stringify(metrics));
  return toSnapshot(db.prepare('SELECT * FROM snapshots WHERE id = ?').get(lastInsertRowid) as SnapshotRow);
}

export function takeSnapshot(db: RegisterDb, trigger: Snapshot['trigger'], now = new Date()): Snapshot {
  return recordSnapshot(db, trigger, scorePortfolio(db, now), now);
}

/** A daily snapshot is due at most once a day, and only when something changed since the last snapshot. */
export function dailySnapshotDue(db: RegisterDb, now = new Date()): boolean {
  const last = db.prepare('SELECT max(taken_at) FROM snapshots').pluck().get() as string | null;
  if (last && last.slice(0, 10) === now.toISOString().slice(0, 10)) return false;
  return (db.prepare('SELECT count(*) FROM audit_log WHERE at > ?').pluck().get(last ?? '') as number) > 0;
}

export function takeDailySnapshotIfDue(db: RegisterDb, now = new Date()): Snapshot | null {
  return dailySnapshotDue(db, now) ? takeSnapshot(db, 'daily', now) : null;
}
