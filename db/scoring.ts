// The scoring engine, method v2 (method and worked example: docs/scoring.md). `analyse` turns the register's facts
// (db/facts.ts) into figures in memory, so a what-if scores the portfolio before and after from one read of the
// register; it works in flat arrays indexed by vendor id, so that 100,000 vendors need no object per figure.
import {
  ApiError,
  BASES,
  METHOD_VERSION,
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
} from './contract';
import { prepared, type RegisterDb } from './connection';
import { writeSetting } from './settings';
import { recordAudit, type WriteContext } from './audit';
import { concentrationOf, decay } from './shared/concentration';
import { firstOf } from './shared/first-of';
import { formatDay } from './shared/headline';
import { chainOf, factsOf, groupOf, groupParents, groupsAllRideOn, groupsReached, idSpace, leftOutOf, membersReached, nameOf, portfolioOf, readScoringSettings, SUBSTITUTABILITY_ORDER, type Facts, type VendorFact } from './facts';

const TOP_HOLDERS = 20;
/** Providers listed with their figures; counts always come from the full list. */
const PROVIDERS_LISTED = 50;
/** The risk matrix shows the vendors with the most exposure: enough to read, few enough to draw at once. */
const RISK_MATRIX_POINTS = 400;
const YEAR_MS = 365.25 * 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Settings

export function updateScoringSettings(db: RegisterDb, ctx: WriteContext, settings: ScoringSettings): ScoringSettings {
  return db.transaction(() => {
    const before = readScoringSettings(db);
    writeSetting(db, 'scoring', JSON.stringify(settings));
    recordAudit(db, ctx, { entity: 'scoring_settings', entityId: null, action: 'update', before, after: settings });
    return readScoringSettings(db);
  })();
}

// ---------------------------------------------------------------------------------------------------------------
// Portfolio analysis (in memory)

export interface Analysis {
  live: VendorFact[];
  /** Whether a vendor is in the portfolio analysed. */
  counts(vendorId: number): boolean;
  spendWithoutRate: string[];
  totalExposure: number;
  bases: Record<Basis, BasisSummary>;
  people: PeopleFigures;
  /** The provider groups listed (the first PROVIDERS_LISTED, largest dependency share first). */
  providers: ProviderDependency[];
  /** Every provider group: each group a live vendor is in or rides on. */
  providerCount: number;
  /** A provider group's figures; null when no live vendor is in it or rides on it. */
  provider(groupKey: number): ProviderDependency | null;
  /** The live vendors in or riding on a listed provider group (ids, in portfolio order); undefined for one not listed. */
  vendorsBehind(groupKey: number): readonly number[] | undefined;
  /** The order providers are listed in (negative when `a` comes first). */
  providerOrder: ProviderOrder;
  /** Every provider group's vendors and people, as the scenario ranking ranks them. */
  groupTallies: GroupTallies;
  hiddenConcentrations: number;
  singlePointsOfFailure: SinglePointOfFailure[];
}

/** A vendor's spend in the reporting currency; 0 where it has none, or no rate to convert it at (its currency is then
 * noted in `unrated`). */
function spendOf(v: VendorFact, settings: ScoringSettings, unrated: Set<string>): number {
  if (v.spend === null || v.currency === null) return 0;
  if (v.currency === settings.reportingCurrency) return v.spend;
  const rate = settings.fxRates[v.currency];
  if (rate === undefined) unrated.add(v.currency);
  return rate === undefined ? 0 : v.spend * rate;
}

/** A portfolio's figures as columns, its vendor i at index i. The analysis passes over the portfolio several times,
 * and a pass over typed arrays runs two to three times faster than one over the vendors' objects (which do not sit
 * together in memory). Made once for each portfolio kept (portfolioOf keeps one per version of the facts, with their
 * settings). */
interface Columns {
  ids: Int32Array;
  groupKey: Int32Array;
  exposure: Float64Array;
  people: Float64Array;
  /** People as entered; NaN where none was. */
  enteredPeople: Float64Array;
  largestCategory: Float64Array;
  critical: Float64Array;
  /** 1 where the vendor supports a critical service. */
  supportsCritical: Uint8Array;
  /** Spend in the reporting currency (see spendOf). */
  spend: Float64Array;
  /** Currencies of spend with no rate to the reporting currency (counted as no spend). */
  unrated: ReadonlySet<string>;
}

const columnsKept = new WeakMap<readonly VendorFact[], Columns>();

function columnsOf(live: readonly VendorFact[], settings: ScoringSettings): Columns {
  let c = columnsKept.get(live);
  if (c) return c;
  const n = live.length;
  const unrated = new Set<string>();
  const floats = () => new Float64Array(n);
  c = { ids: new Int32Array(n), groupKey: new Int32Array(n), exposure: floats(), people: floats(), enteredPeople: floats(), largestCategory: floats(), critical: floats(), supportsCritical: new Uint8Array(n), spend: floats(), unrated };
  for (let i = 0; i < n; i++) {
    const v = live[i]!;
    c.ids[i] = v.id;
    c.groupKey[i] = v.groupKey;
    c.exposure[i] = v.exposure;
    c.people[i] = v.people;
    c.enteredPeople[i] = v.enteredPeople ?? NaN;
    c.largestCategory[i] = v.largestCategory;
    c.critical[i] = v.critical;
    c.supportsCritical[i] = v.criticalServices.length > 0 ? 1 : 0;
    c.spend[i] = spendOf(v, settings, unrated);
  }
  columnsKept.set(live, c);
  return c;
}

/** The holders concentration is measured over: the provider groups of the live vendors, in the order their first
 * vendor comes, with what each holds on every basis (summed in portfolio order). */
interface Holders {
  keys: number[];
  values: Record<Basis, Float64Array>;
}

function holdersOf(c: Columns, size: number): Holders {
  const slotOfGroup = new Int32Array(size).fill(-1);
  const keys: number[] = [];
  const n = c.ids.length;
  const [exposure, people, critical, spend] = [0, 1, 2, 3].map(() => new Float64Array(n)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < n; i++) {
    const g = c.groupKey[i]!;
    let slot = slotOfGroup[g]!;
    if (slot < 0) slot = slotOfGroup[g] = keys.push(g) - 1;
    exposure[slot]! += c.exposure[i]!;
    people[slot]! += c.people[i]!;
    critical[slot]! += c.critical[i]!;
    spend[slot]! += c.spend[i]!;
  }
  const k = keys.length;
  return { keys, values: { exposure: exposure.subarray(0, k), people: people.subarray(0, k), critical: critical.subarray(0, k), spend: spend.subarray(0, k) } };
}

function summarise(basis: Basis, facts: Facts, holders: Holders): BasisSummary {
  const { settings } = facts;
  const { keys } = holders;
  const values = holders.values[basis];
  const c = concentrationOf(keys, values, (i) => nameOf(facts, keys[i]!), settings.bands, TOP_HOLDERS);
  const top = [...c.top];
  if (c.others.count > 0) top.push({ key: 0, name: `Others (${c.others.count})`, value: c.others.value, share: c.others.value / c.total });
  const overShareLimit: string[] = [];
  for (let i = 0; c.total > 0 && i < values.length; i++) if (values[i]! / c.total > settings.test2023.share) overShareLimit.push(nameOf(facts, keys[i]!));
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
    overShareLimit: overShareLimit.sort(),
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
  vendorsBehind(groupKey: number): readonly number[] | undefined;
  order: ProviderOrder;
  tallies: GroupTallies;
}

/** Per provider group, indexed by its vendor id: the live vendors in it or riding on it, and the people they hold (the
 * sum and the largest), with the groups in the order first reached. The scenario ranking ranks groups by these. */
export interface GroupTallies {
  reached: number[];
  vendors: Int32Array;
  sumPeople: Float64Array;
  maxPeople: Float64Array;
}

export const emptyTallies = (size: number): GroupTallies => ({ reached: [], vendors: new Int32Array(size), sumPeople: new Float64Array(size), maxPeople: new Float64Array(size) });

/** One vendor, holding `people`, counted in group `g`. */
export function tally(t: GroupTallies, g: number, people: number): void {
  if (t.vendors[g] === 0) t.reached.push(g);
  t.vendors[g]!++;
  t.sumPeople[g]! += people;
  if (people > t.maxPeople[g]!) t.maxPeople[g] = people;
}

/** Every provider group's dependency share, tallied per group id in flat arrays (a portfolio of 100,000 vendors has
 * as many groups); only the groups listed are described in full, the others on demand. */
function dependencyShares(facts: Facts, live: readonly VendorFact[], columns: Columns, total: number, size: number): DependencyShares {
  const exposure = new Float64Array(size);
  const direct = new Float64Array(size);
  const tallies = emptyTallies(size);
  const { vendors: vendorCount, reached: groups } = tallies;
  const throughChain = new Int32Array(size);
  const criticalThrough = new Int32Array(size);
  const serviceUse = new Map<number, Map<string, number>>();
  const { ids, groupKey } = columns;
  /** The groups vendor i rides on (read from the memo by its id, the vendor's object only to work them out). */
  const reachedBy = (i: number) => facts.groups[ids[i]!] ?? groupsReached(facts, live[i]!);
  for (let i = 0; i < ids.length; i++) {
    const own = groupKey[i]!;
    const x = columns.exposure[i]!;
    const people = columns.people[i]!;
    tally(tallies, own, people);
    exposure[own]! += x;
    direct[own]! += x;
    const reached = reachedBy(i);
    for (let j = 0; j < reached.length; j++) {
      const g = reached[j]!;
      tally(tallies, g, people);
      exposure[g]! += x;
      throughChain[g]!++;
      if (!columns.supportsCritical[i]) continue;
      criticalThrough[g]!++;
      let use = serviceUse.get(g);
      if (!use) serviceUse.set(g, (use = new Map()));
      for (const s of live[i]!.criticalServices) use.set(s, (use.get(s) ?? 0) + 1);
    }
  }
  const order: ProviderOrder = (a, b) => exposure[b]! - exposure[a]! || vendorCount[b]! - vendorCount[a]! || byName(nameOf(facts, a), nameOf(facts, b));
  const top = firstOf(groups, PROVIDERS_LISTED, order);
  // The vendors behind each listed group, in portfolio order.
  const listedAt = new Int32Array(size).fill(-1);
  top.forEach((g, k) => (listedAt[g] = k));
  const vendorsOf = top.map((): number[] => []);
  for (let i = 0; i < ids.length; i++) {
    let k = listedAt[groupKey[i]!]!;
    if (k >= 0) vendorsOf[k]!.push(ids[i]!);
    const reached = reachedBy(i);
    for (let j = 0; j < reached.length; j++) if ((k = listedAt[reached[j]!]!) >= 0) vendorsOf[k]!.push(ids[i]!);
  }
  // A group with no member but its parent is reached through that parent alone: no walk needed to name its members.
  const parents = groupParents(facts);
  const membersOf = (g: number, vendorIds: readonly number[]) => (parents.has(g) ? membersReached(facts, g, vendorIds) : [g]);
  const share = (x: number) => (total > 0 ? x / total : 0);
  // Names of members and vendors are spelled out for the providers listed only.
  const names = (ids: readonly number[]) => ids.slice(0, PROVIDERS_LISTED).map((id) => nameOf(facts, id)).sort(byName);
  const describe = (g: number, vendorIds: readonly number[] | undefined): ProviderDependency => {
    const use = serviceUse.get(g);
    return {
      groupKey: g,
      name: nameOf(facts, g),
      members: vendorIds ? names(membersOf(g, vendorIds)) : [],
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
  const listed = top.map((g, k) => describe(g, vendorsOf[k]));
  const listedByGroup = new Map(listed.map((p) => [p.groupKey, p]));
  let hidden = 0;
  for (const g of groups) if (criticalThrough[g]! >= 2) hidden++;
  return {
    listed,
    count: groups.length,
    hidden,
    provider: (g) => listedByGroup.get(g) ?? (g < size && vendorCount[g]! > 0 ? describe(g, undefined) : null),
    vendorsBehind: (g) => (g < size && listedAt[g]! >= 0 ? vendorsOf[listedAt[g]!] : undefined),
    order,
    tallies,
  };
}

const HARD: readonly (Substitutability | null)[] = ['difficult', 'not_substitutable', null];

function singlePointsOfFailure(facts: Facts, counts: (vendorId: number) => boolean, providerOf: (groupKey: number) => ProviderDependency | null): SinglePointOfFailure[] {
  const result: SinglePointOfFailure[] = [];
  for (const s of facts.services) {
    const linked = s.links.filter((l) => counts(l.vendorId));
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
      const common = groupsAllRideOn(facts, supporting);
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

function peopleFigures(live: readonly VendorFact[], c: Columns, settings: ScoringSettings): PeopleFigures {
  let first = -1;
  let sum = 0;
  let notEntered = 0;
  const belowLargestCategory: string[] = [];
  for (let i = 0; i < c.ids.length; i++) {
    const people = c.people[i]!;
    sum += people;
    if (people > 0 && (first < 0 || people > c.people[first]!)) first = i;
    const entered = c.enteredPeople[i]!;
    if (Number.isNaN(entered)) notEntered += c.largestCategory[i]! > 0 ? 1 : 0;
    else if (entered < c.largestCategory[i]!) belowLargestCategory.push(live[i]!.name);
  }
  const largest = first < 0 ? null : live[first]!;
  const base = settings.customerBase;
  return {
    customerBase: base,
    lowerBound: largest?.people ?? 0,
    upperBound: base === null ? sum : Math.min(sum, base),
    largestHolder: largest ? { vendorId: largest.id, name: largest.name, people: largest.people, atLeast: largest.enteredPeople === null, shareOfBase: base ? largest.people / base : null } : null,
    notEntered,
    belowLargestCategory: belowLargestCategory.sort(),
  };
}

export function analyse(facts: Facts, live: VendorFact[]): Analysis {
  const size = idSpace(facts);
  const columns = columnsOf(live, facts.settings);
  const holders = holdersOf(columns, size);
  const bases = Object.fromEntries(BASES.map((b) => [b, summarise(b, facts, holders)])) as Record<Basis, BasisSummary>;
  const totalExposure = bases.exposure.total;
  const shares = dependencyShares(facts, live, columns, totalExposure, size);
  const counted = new Uint8Array(size);
  for (const id of columns.ids) counted[id] = 1;
  const counts = (vendorId: number) => counted[vendorId] === 1;
  return {
    live,
    counts,
    spendWithoutRate: [...columns.unrated].sort(),
    totalExposure,
    bases,
    people: peopleFigures(live, columns, facts.settings),
    providers: shares.listed,
    providerCount: shares.count,
    provider: shares.provider,
    vendorsBehind: shares.vendorsBehind,
    providerOrder: shares.order,
    groupTallies: shares.tallies,
    hiddenConcentrations: shares.hidden,
    singlePointsOfFailure: singlePointsOfFailure(facts, counts, shares.provider),
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
  const charted = new Uint8Array(idSpace(facts));
  for (const g of groups) charted[g.key] = 1;
  const { ids, groupKey } = columnsOf(analysis.live, settings);
  const members: number[] = [];
  for (let i = 0; i < ids.length; i++) if (charted[groupKey[i]!]) members.push(ids[i]!);
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
  const scored = limit < analysis.live.length ? mostExposed(analysis.live, limit) : analysis.live.filter(scoredAt).sort((a, b) => b.exposure - a.exposure);
  return scored.map((v) => {
    const r = riskComponents(facts, analysis, v, now);
    return { vendorId: v.id, name: v.name, severity: r.severity, impact: r.impact, likelihood: r.likelihood, resilience: r.resilience, share: r.dependencyShare, exposure: v.exposure, score: r.score };
  });
}

/** Vendors are scored where they hold data or support a critical service. */
const scoredAt = (v: VendorFact) => v.exposure > 0 || v.critical > 0;

/** The first `k` of the vendors scored, by exposure, largest first (ties in their order), without sorting them all. */
function mostExposed(vendors: readonly VendorFact[], k: number): VendorFact[] {
  const best: VendorFact[] = [];
  for (const v of vendors) {
    if (!scoredAt(v) || (best.length === k && v.exposure <= best[k - 1]!.exposure)) continue;
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

/** The figures of the live portfolio (`analysis` of portfolioOf(facts)). */
export function portfolioScore(db: RegisterDb, facts: Facts, analysis: Analysis, now: Date): PortfolioScore {
  const { proposed, exited, fourthPartiesOnly } = leftOutOf(facts);
  return {
    methodVersion: METHOD_VERSION,
    asOf: now.toISOString(),
    settings: facts.settings,
    vendorCount: analysis.live.length,
    excluded: { proposed, exited, fourthPartiesOnly },
    spendWithoutRate: analysis.spendWithoutRate,
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
  const facts = factsOf(db);
  return portfolioScore(db, facts, analyse(facts, portfolioOf(facts)), now);
}

/** Every counted vendor's risk score, for the scores export. */
export function vendorRiskScores(db: RegisterDb, now = new Date()): (RiskPoint & { share: number; resilience: number; impact: number })[] {
  const facts = factsOf(db);
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
  return vendorScoreFrom(factsOf(db), vendorId, now);
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
  return (prepared(db, 'SELECT * FROM snapshots ORDER BY taken_at, id').all() as SnapshotRow[]).map(toSnapshot);
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
