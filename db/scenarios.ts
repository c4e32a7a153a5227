// Breach and outage scenarios (docs/scenarios.md): if this provider is breached or goes down, whose data is exposed,
// which services stop, who must be told by when, and what it may cost. Pure functions over the scoring method's
// facts: a vendor is affected when it is the provider (or in its group) or when its supply chain reaches it — the
// same look-through (chainOf, groupsReached) as the dependency share. Holdings are read for the affected vendors only.
import { ApiError, METHOD_VERSION } from './contract';
import {
  scenarioSettingsSchema,
  type Obligation,
  type ProviderRanking,
  type RankedProvider,
  type ReopenedScenario,
  type SavedScenario,
  type SavedScenarioSummary,
  type ScenarioArgs,
  type ScenarioCategory,
  type ScenarioCost,
  type ScenarioExposure,
  type ScenarioResult,
  type ScenarioService,
  type ScenarioSettings,
  type ScenarioTargetOption,
  type ScenarioVendor,
} from './contract-scenarios';
import type { RegisterDb } from './connection';
import { writeSetting } from './settings';
import { recordAudit, type WriteContext } from './audit';
import { firstOf } from './shared/first-of';
import { chainOf, factsOf, groupsAllRideOn, groupsReached, idSpace, portfolioOf, type Facts, type VendorFact } from './facts';
import { clockWords, DEFAULT_SCENARIO_SETTINGS, EU_MEMBER_STATES, inJurisdiction } from './shared/scenario-settings';
import { RANKED_PROVIDERS, scenarioFigures } from './shared/scenario-figures';
import { countryName } from './shared/countries';
import type { JobControl } from './jobs';
import { emptyTallies, tally, type GroupTallies } from './scoring';

// ---------------------------------------------------------------------------------------------------------------
// Settings

export function readScenarioSettings(db: RegisterDb): ScenarioSettings {
  const stored = db.prepare("SELECT value FROM settings WHERE key = 'scenarios'").pluck().get() as string | undefined;
  const parsed = stored ? scenarioSettingsSchema.safeParse(JSON.parse(stored)) : null;
  return parsed?.success ? parsed.data : DEFAULT_SCENARIO_SETTINGS;
}

export function updateScenarioSettings(db: RegisterDb, ctx: WriteContext, settings: ScenarioSettings): ScenarioSettings {
  return db.transaction(() => {
    const before = readScenarioSettings(db);
    writeSetting(db, 'scenarios', JSON.stringify(settings));
    recordAudit(db, ctx, { entity: 'scenario_settings', entityId: null, action: 'update', before, after: settings });
    return readScenarioSettings(db);
  })();
}

// ---------------------------------------------------------------------------------------------------------------
// Who is affected

const nameOf = (facts: Facts, id: number) => facts.vendors.get(id)?.name ?? `#${id}`;

function resolveTarget(facts: Facts, target: ScenarioArgs['target']): ScenarioResult['target'] {
  if (target.kind === 'vendor') {
    const v = facts.vendors.get(target.id);
    if (!v) throw new ApiError('NOT_FOUND', 'That vendor is no longer in the register.');
    return { kind: 'vendor', id: v.id, name: v.name, members: [v.name], live: v.live };
  }
  const members = [...facts.vendors.values()].filter((v) => v.groupKey === target.id);
  if (members.length === 0) throw new ApiError('NOT_FOUND', 'That provider group is no longer in the register.');
  return { kind: 'group', id: target.id, name: nameOf(facts, target.id), members: members.map((m) => m.name).sort(), live: members.some((m) => m.live) };
}

/** How a live vendor is affected: it is the provider (or in its group), its chain reaches it, or not at all. */
function reachOf(facts: Facts, target: ScenarioArgs['target'], v: VendorFact): ScenarioVendor['reached'] | null {
  if (target.kind === 'vendor') return v.id === target.id ? 'target' : chainOf(facts, v.id).includes(target.id) ? 'chain' : null;
  return v.groupKey === target.id ? 'target' : groupsReached(facts, v).includes(target.id) ? 'chain' : null;
}

function affectedVendors(facts: Facts, target: ScenarioArgs['target']): ScenarioVendor[] {
  const affected: ScenarioVendor[] = [];
  for (const v of portfolioOf(facts)) {
    const reached = reachOf(facts, target, v);
    if (reached) affected.push({ id: v.id, name: v.name, reached, people: v.people, peopleEntered: v.enteredPeople !== null, substitutability: v.substitutability, exitPlan: v.exitPlan });
  }
  return affected.sort((a, b) => b.people - a.people || (a.name < b.name ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Exposure (breaches)

function exposureOf(db: RegisterDb, facts: Facts, vendors: ScenarioVendor[]): ScenarioExposure {
  const customerBase = facts.settings.customerBase;
  const cap = (n: number) => (customerBase === null ? n : Math.min(n, customerBase));
  type Row = [vendorId: number, categoryId: number, country: string | null, records: number];
  const rows = db
    .prepare(
      `SELECT vendor_id, category_id, storage_country, sum(records) FROM holdings
       WHERE vendor_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2, 3`,
    )
    .raw()
    .all(JSON.stringify(vendors.map((v) => v.id))) as Row[];
  const categories = db.prepare('SELECT id, code, label, notifiable FROM data_categories ORDER BY sort_order, id').all() as { id: number; code: string; label: string; notifiable: number }[];

  // n(v,c) is summed over storage countries (docs/scoring.md); people never add up across vendors.
  const perCategory = new Map<number, Map<number, number>>();
  const countries = new Map<string | null, { dataItems: number; vendors: Set<number> }>();
  for (const [vendorId, categoryId, country, records] of rows) {
    const byVendor = perCategory.get(categoryId) ?? new Map<number, number>();
    byVendor.set(vendorId, (byVendor.get(vendorId) ?? 0) + records);
    perCategory.set(categoryId, byVendor);
    const c = countries.get(country) ?? { dataItems: 0, vendors: new Set<number>() };
    c.dataItems += records;
    c.vendors.add(vendorId);
    countries.set(country, c);
  }
  const shaped: ScenarioCategory[] = [];
  for (const c of categories) {
    const byVendor = perCategory.get(c.id);
    if (!byVendor) continue;
    const counts = [...byVendor.values()].filter((n) => n > 0);
    if (counts.length === 0) continue;
    shaped.push({ code: c.code, label: c.label, notifiable: c.notifiable === 1, lower: Math.max(...counts), upper: cap(counts.reduce((s, n) => s + n, 0)), vendors: counts.length });
  }
  let sum = 0;
  let largest: ScenarioVendor | null = null;
  for (const v of vendors) {
    sum += v.people;
    if (v.people > 0 && (!largest || v.people > largest.people)) largest = v;
  }
  return {
    lower: largest?.people ?? 0,
    upper: cap(sum),
    sumOfVendors: sum,
    customerBase,
    largest: largest ? { name: largest.name, people: largest.people } : null,
    categories: shaped,
    notifiable: shaped.filter((c) => c.notifiable).map((c) => c.label),
    countries: [...countries]
      .map(([country, c]) => ({ country, dataItems: c.dataItems, vendors: c.vendors.size }))
      .sort((a, b) => b.dataItems - a.dataItems),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Services (the single-point-of-failure method's supporting vendors: live, full or material reliance)

function servicesOf(db: RegisterDb, facts: Facts, affected: Set<number>, outageHours: number | null): ScenarioService[] {
  const tolerance = new Map(db.prepare('SELECT id, max_outage_hours FROM services').raw().all() as [number, number | null][]);
  const result: ScenarioService[] = [];
  for (const s of facts.services) {
    const supporting = s.links.filter((l) => l.reliance !== 'low' && facts.vendors.get(l.vendorId)?.live);
    const hit = supporting.filter((l) => affected.has(l.vendorId));
    if (hit.length === 0) continue;
    const state = hit.length === supporting.length ? 'stopped' : 'degraded';
    const maxOutageHours = tolerance.get(s.id) ?? null;
    result.push({
      id: s.id,
      name: s.name,
      criticality: s.criticality,
      state,
      maxOutageHours,
      toleranceBreached: state === 'stopped' && maxOutageHours !== null && outageHours !== null ? outageHours > maxOutageHours : null,
      vendors: supporting.map((l) => {
        const v = facts.vendors.get(l.vendorId)!;
        return { id: v.id, name: v.name, reliance: l.reliance as 'full' | 'material', affected: affected.has(v.id), substitutability: v.substitutability, exitPlan: v.exitPlan };
      }),
    });
  }
  const order = (x: ScenarioService) => (x.state === 'stopped' ? 0 : 2) + (x.criticality === 'critical' ? 0 : 1);
  return result.sort((a, b) => order(a) - order(b) || (a.name < b.name ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Obligations

/** A moment (YYYY-MM-DDTHH:MM, register time) moved by months and hours. */
export function addClock(moment: string, hours: number, months = 0): string {
  const date = new Date(`${moment}:00Z`);
  if (months) date.setUTCMonth(date.getUTCMonth() + months);
  return new Date(date.getTime() + Math.round(hours * 60) * 60_000).toISOString().slice(0, 16);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function obligationsOf(result: Pick<ScenarioResult, 'input' | 'awareAt' | 'exposure' | 'services' | 'vendors'>, facts: Facts, settings: ScenarioSettings): Obligation[] {
  const { mode } = result.input;
  const exposure = result.exposure;
  const stoppedCritical = result.services.filter((s) => s.state === 'stopped' && s.criticality === 'critical');
  const criticalVendors = result.vendors.filter((v) => facts.vendors.get(v.id)!.criticalServices.length > 0);
  const trigger = (rule: ScenarioSettings['rules'][number]): { met: boolean; firm: boolean; why: string } => {
    switch (rule.trigger) {
      case 'personal_data': {
        if (!exposure || exposure.upper === 0) return { met: false, firm: false, why: '' };
        const people = `the data of ${exposure.lower === exposure.upper ? exposure.lower.toLocaleString('en') : `${exposure.lower.toLocaleString('en')} to ${exposure.upper.toLocaleString('en')}`} people is exposed`;
        return exposure.notifiable.length
          ? { met: true, firm: true, why: `${people}, including ${exposure.notifiable.join(', ')}` }
          : { met: true, firm: false, why: `${people} (no category flagged as triggering notification: judge the harm)` };
      }
      case 'notifiable_data':
        return exposure && exposure.notifiable.length ? { met: true, firm: true, why: `exposed: ${exposure.notifiable.join(', ')}` } : { met: false, firm: false, why: '' };
      case 'critical_service':
        if (stoppedCritical.length) return { met: true, firm: false, why: `critical services stopped: ${stoppedCritical.map((s) => s.name).join(', ')} (classify it)` };
        if (mode === 'breach' && criticalVendors.length) return { met: true, firm: false, why: `vendors supporting critical services are affected: ${criticalVendors.slice(0, 5).map((v) => v.name).join(', ')}${criticalVendors.length > 5 ? ', …' : ''} (classify it)` };
        return { met: false, firm: false, why: '' };
      case 'outside_tolerance': {
        const beyond = stoppedCritical.filter((s) => s.toleranceBreached);
        if (beyond.length) return { met: true, firm: true, why: `${beyond.map((s) => `${s.name} (tolerance ${plural(s.maxOutageHours!, 'hour')})`).join(', ')} stopped for ${plural(result.input.outageHours!, 'hour')}` };
        const unknown = stoppedCritical.filter((s) => s.maxOutageHours === null);
        if (unknown.length) return { met: true, firm: false, why: `${unknown.map((s) => s.name).join(', ')} stopped with no tolerance set: set one under Services` };
        return { met: false, firm: false, why: '' };
      }
    }
  };
  const storedIn = (exposure?.countries ?? []).map((c) => c.country).filter((c): c is string => c !== null);
  const obligations: Obligation[] = [];
  for (const rule of settings.rules) {
    if (!rule.enabled || !rule.modes.includes(mode)) continue;
    const operating = rule.jurisdictions.filter((j) => settings.operatesIn.some((o) => o === j || (j === 'EU' && EU_MEMBER_STATES.includes(o))));
    const stored = rule.storageTriggers ? storedIn.filter((c) => rule.jurisdictions.some((j) => inJurisdiction(c, j))) : [];
    if (operating.length === 0 && stored.length === 0) continue;
    const t = trigger(rule);
    if (!t.met) continue;
    let previous: string | null = result.awareAt;
    const steps = rule.steps.map((step) => {
      const from = step.from === 'aware' ? result.awareAt : previous;
      const due = step.hours === null || from === null ? null : addClock(from, step.hours, step.months);
      previous = due;
      return { step: step.step, due, clock: clockWords(step) };
    });
    const where = operating.length ? `we operate in ${operating.join(', ')}` : `the data is stored in ${stored.map(countryName).join(', ')}, though we do not operate there: check whether it applies to us`;
    obligations.push({ ruleId: rule.id, regime: rule.regime, authority: rule.authority, status: operating.length && t.firm ? 'applies' : 'check', reason: `${t.why.charAt(0).toUpperCase()}${t.why.slice(1)}; ${where}.`, note: rule.note, steps, source: rule.source, sourceUrl: rule.sourceUrl, sourceYear: rule.sourceYear });
  }
  return obligations;
}

// ---------------------------------------------------------------------------------------------------------------
// Cost (breaches): a range, never one number

function costOf(exposure: ScenarioExposure, settings: ScenarioSettings, facts: Facts): ScenarioCost | null {
  if (exposure.upper === 0) return null;
  const c = settings.cost;
  const money = (x: number) => `${c.currency} ${Math.round(x).toLocaleString('en')}`;
  const large = (n: number) => n >= c.largeBreachFrom;
  const low = large(exposure.lower) ? c.largeBreachLow : exposure.lower * c.perRecordLow;
  const high = Math.max(low, large(exposure.upper) ? c.largeBreachHigh : exposure.upper * c.perRecordHigh);
  const lowWords = large(exposure.lower)
    ? `at least ${exposure.lower.toLocaleString('en')} people is a large breach (${c.largeBreachFrom.toLocaleString('en')} or more): the published low total, ${money(c.largeBreachLow)}`
    : `${exposure.lower.toLocaleString('en')} people (at least) × ${money(c.perRecordLow)} a record = ${money(low)}`;
  const highWords = large(exposure.upper)
    ? `at most ${exposure.upper.toLocaleString('en')} people is a large breach: the published high total, ${money(c.largeBreachHigh)}`
    : `${exposure.upper.toLocaleString('en')} people (at most) × ${money(c.perRecordHigh)} a record = ${money(exposure.upper * c.perRecordHigh)}`;
  const { reportingCurrency, fxRates } = facts.settings;
  const rate = reportingCurrency === c.currency ? null : (fxRates[c.currency] ?? null);
  const sources = [...(large(exposure.lower) && large(exposure.upper) ? [] : [`${c.perRecordSource} (${c.perRecordYear})`]), ...(large(exposure.upper) ? [`${c.largeBreachSource} (${c.largeBreachYear})`] : [])];
  return {
    currency: c.currency,
    low,
    high,
    explanation: `Low: ${lowWords}. High: ${highWords}. Per-record costs are not multiplied past ${c.largeBreachFrom.toLocaleString('en')} people: large breaches cost less per record and are published as totals.`,
    sources,
    converted: rate === null ? null : { currency: reportingCurrency, low: low * rate, high: high * rate, rate },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One scenario

export function scenarioFrom(db: RegisterDb, facts: Facts, input: ScenarioArgs, settings: ScenarioSettings, now = new Date()): ScenarioResult {
  const target = resolveTarget(facts, input.target);
  const vendors = affectedVendors(facts, input.target);
  const affected = new Set(vendors.map((v) => v.id));
  const exposure = input.mode === 'breach' ? exposureOf(db, facts, vendors) : null;
  const services = servicesOf(db, facts, affected, input.mode === 'outage' ? input.outageHours : null);
  const awareAt = addClock(input.startsAt, input.toldAfterHours);
  const partial = { input, awareAt, exposure, services, vendors };
  return {
    methodVersion: METHOD_VERSION,
    asOf: now.toISOString(),
    input,
    target,
    awareAt,
    vendors,
    exposure,
    services,
    obligations: obligationsOf(partial, facts, settings),
    cost: exposure ? costOf(exposure, settings, facts) : null,
    settings,
  };
}

export function runScenario(db: RegisterDb, input: ScenarioArgs, now = new Date()): ScenarioResult {
  return scenarioFrom(db, factsOf(db), input, readScenarioSettings(db), now);
}

/** Vendors, fourth parties and provider groups whose name contains the text (at most `limit`), for the picker. */
export function scenarioTargets(db: RegisterDb, text: string, limit = 30): ScenarioTargetOption[] {
  const facts = factsOf(db);
  const needle = text.trim().toLowerCase();
  const members = new Map<number, VendorFact[]>();
  for (const v of facts.vendors.values()) members.set(v.groupKey, [...(members.get(v.groupKey) ?? []), v]);
  const options: ScenarioTargetOption[] = [];
  for (const [key, group] of members) {
    if (group.length > 1 && nameOf(facts, key).toLowerCase().includes(needle)) {
      options.push({ kind: 'group', id: key, name: nameOf(facts, key), detail: `Provider group: ${group.map((m) => m.name).sort().join(', ')}` });
    }
  }
  for (const v of facts.vendors.values()) {
    if (!v.name.toLowerCase().includes(needle)) continue;
    options.push({ kind: 'vendor', id: v.id, name: v.name, detail: v.direct ? `Vendor (${v.status.replace('_', ' ')})` : 'Fourth party' });
  }
  return options.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.kind === 'group' ? -1 : 1)).slice(0, limit);
}

// ---------------------------------------------------------------------------------------------------------------
// Ranking: every provider group by the people its breach would expose and the critical services its outage would stop

const RANK_SLICE = 2_000;

/** Tallies every live vendor into its own group and the groups it rides on, in slices (so a job can report progress
 * and yield between them). */
function tallier(facts: Facts) {
  const live = portfolioOf(facts);
  const tallies = emptyTallies(idSpace(facts));
  return {
    total: live.length,
    tallies,
    add(from: number, to: number) {
      for (let i = from; i < Math.min(to, live.length); i++) {
        const v = live[i]!;
        tally(tallies, v.groupKey, v.people);
        for (const g of groupsReached(facts, v)) tally(tallies, g, v.people);
      }
    },
  };
}

/** The ranking of the groups tallied (by a scoring of the same facts, or by the ranking job): by people, and by the
 * critical services each group's outage would stop. */
export function rankProviders(facts: Facts, { reached, vendors, sumPeople, maxPeople }: GroupTallies, now: Date): ProviderRanking {
  const base = facts.settings.customerBase;
  const critical = new Map<number, string[]>();
  const important = new Map<number, number>();
  // A service stops when every supporting vendor is affected: the groups all of them ride on (each tallied, since
  // every supporting vendor is live).
  for (const s of facts.services) {
    const supporting = s.links.filter((l) => l.reliance !== 'low' && facts.vendors.get(l.vendorId)?.live).map((l) => facts.vendors.get(l.vendorId)!);
    for (const g of groupsAllRideOn(facts, supporting)) {
      if (s.criticality === 'critical') critical.set(g, [...(critical.get(g) ?? []), s.name]);
      else important.set(g, (important.get(g) ?? 0) + 1);
    }
  }
  // Only the first RANKED_PROVIDERS of each order are described: picked in one pass, not by sorting every group.
  const cap = (n: number) => (base === null ? n : Math.min(n, base));
  const stopped = (g: number) => critical.get(g)?.length ?? 0;
  const byName = (a: number, b: number) => {
    const [x, y] = [nameOf(facts, a), nameOf(facts, b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const byPeople = firstOf(
    reached.filter((g) => cap(sumPeople[g]!) > 0),
    RANKED_PROVIDERS,
    (a, b) => maxPeople[b]! - maxPeople[a]! || cap(sumPeople[b]!) - cap(sumPeople[a]!) || vendors[b]! - vendors[a]! || byName(a, b),
  );
  const byCritical = firstOf(
    reached.filter((g) => stopped(g) > 0),
    RANKED_PROVIDERS,
    (a, b) => stopped(b) - stopped(a) || (important.get(b) ?? 0) - (important.get(a) ?? 0) || maxPeople[b]! - maxPeople[a]! || byName(a, b),
  );
  const shown = new Set([...byPeople, ...byCritical]);
  const members = new Map<number, string[]>();
  for (const v of facts.vendors.values()) if (v.groupKey !== v.id && shown.has(v.groupKey)) members.set(v.groupKey, [...(members.get(v.groupKey) ?? []), v.name]);
  const described = (g: number): RankedProvider => ({
    groupKey: g,
    name: nameOf(facts, g),
    members: (members.get(g) ?? []).sort(),
    peopleLower: maxPeople[g]!,
    peopleUpper: cap(sumPeople[g]!),
    vendorCount: vendors[g]!,
    criticalStopped: stopped(g),
    criticalServices: [...(critical.get(g) ?? [])].sort(),
    importantStopped: important.get(g) ?? 0,
  });
  return {
    asOf: now.toISOString(),
    providerCount: reached.length,
    customerBase: base,
    byPeople: byPeople.map(described),
    byCritical: byCritical.map(described),
  };
}

/** The ranking as a job: progress per slice of vendors, yielding between slices. */
export async function rankProvidersJob(db: RegisterDb, job: JobControl, now = new Date()): Promise<ProviderRanking> {
  job.progress('Reading the register', 0, 1);
  const facts = factsOf(db);
  const t = tallier(facts);
  for (let from = 0; from < t.total; from += RANK_SLICE) {
    job.progress('Following every vendor’s supply chain', from, t.total);
    await job.checkpoint();
    t.add(from, from + RANK_SLICE);
  }
  job.progress('Ranking the providers', t.total, t.total);
  return rankProviders(facts, t.tallies, now);
}

// ---------------------------------------------------------------------------------------------------------------
// Saved scenarios (tabletop exercises)

/** A saved result keeps the vendors it lists to this many (its figures count them all). */
const SAVED_VENDORS = 100;

type Row = { id: number; name: string; target_name: string; input_json: string; assumptions: string | null; notes: string | null; figures_json: string; result_json: string; saved_at: string; saved_by: string };

function summaryOf(row: Row): SavedScenarioSummary {
  const input = JSON.parse(row.input_json) as ScenarioArgs;
  return { id: row.id, name: row.name, targetName: row.target_name, mode: input.mode, startsAt: input.startsAt, savedAt: row.saved_at, savedBy: row.saved_by };
}

function savedOf(row: Row): SavedScenario {
  return { ...summaryOf(row), input: JSON.parse(row.input_json) as ScenarioArgs, assumptions: row.assumptions, notes: row.notes, figures: JSON.parse(row.figures_json) as SavedScenario['figures'], result: JSON.parse(row.result_json) as ScenarioResult };
}

export function saveScenario(db: RegisterDb, ctx: WriteContext, fields: { name: string; scenario: ScenarioArgs; assumptions: string | null; notes: string | null }, now = new Date()): SavedScenario {
  return db.transaction(() => {
    const result = runScenario(db, fields.scenario, now);
    const figures = scenarioFigures(result).map(({ key, label, value }) => ({ key, label, value }));
    const kept = { ...result, vendors: result.vendors.slice(0, SAVED_VENDORS) };
    const { lastInsertRowid } = db
      .prepare('INSERT INTO scenarios (name, target_name, input_json, assumptions, notes, figures_json, result_json, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(fields.name, result.target.name, JSON.stringify(fields.scenario), fields.assumptions, fields.notes, JSON.stringify(figures), JSON.stringify(kept), ctx.now(), ctx.actor);
    const id = Number(lastInsertRowid);
    recordAudit(db, ctx, { entity: 'scenario', entityId: id, action: 'create', before: null, after: { name: fields.name, provider: result.target.name, ...fields.scenario, assumptions: fields.assumptions, notes: fields.notes } });
    return getSaved(db, id);
  })();
}

function getSaved(db: RegisterDb, id: number): SavedScenario {
  const row = db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'This saved scenario is no longer in the register.');
  return savedOf(row);
}

export function listScenarios(db: RegisterDb): SavedScenarioSummary[] {
  return (db.prepare('SELECT * FROM scenarios ORDER BY saved_at DESC, id DESC').all() as Row[]).map(summaryOf);
}

export function deleteScenario(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  return db.transaction(() => {
    const saved = getSaved(db, id);
    db.prepare('DELETE FROM scenarios WHERE id = ?').run(id);
    recordAudit(db, ctx, { entity: 'scenario', entityId: id, action: 'delete', before: { name: saved.name, provider: saved.targetName, ...saved.input }, after: null });
    return { id };
  })();
}

/** A saved scenario with its figures recomputed on the register as it is now, side by side. */
export function reopenScenario(db: RegisterDb, id: number, now = new Date()): ReopenedScenario {
  const saved = getSaved(db, id);
  let current: ScenarioResult | null = null;
  try {
    current = runScenario(db, saved.input, now);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'NOT_FOUND')) throw error;
  }
  const nowFigures = new Map((current ? scenarioFigures(current) : []).map((f) => [f.key, f.value]));
  const keys = [...new Set([...saved.figures.map((f) => f.key), ...nowFigures.keys()])];
  const labelOf = new Map([...saved.figures, ...(current ? scenarioFigures(current) : [])].map((f) => [f.key, f.label]));
  const savedValue = new Map(saved.figures.map((f) => [f.key, f.value]));
  return {
    saved,
    current,
    comparison: keys.map((key) => {
      const before = savedValue.get(key) ?? '—';
      const after = current ? (nowFigures.get(key) ?? '—') : null;
      return { key, label: labelOf.get(key)!, saved: before, now: after, changed: after !== before };
    }),
  };
}
