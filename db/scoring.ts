// The scoring engine (method and worked example: docs/scoring.md). SQL gathers the register's facts in a few
// grouped queries; the pure helpers in shared/concentration.ts turn them into figures.
import {
  BASES,
  scoringSettingsSchema,
  type Basis,
  type BasisSummary,
  type FourthPartyConcentration,
  type HolderShare,
  type IncidentContribution,
  type PortfolioScore,
  type RiskPoint,
  type ScoreFactor,
  type ScoringSettings,
  type SinglePointOfFailure,
  type Snapshot,
  type Substitutability,
  type VendorScore,
} from './contract';
import type { RegisterDb } from './connection';
import { recordAudit, type WriteContext } from './audit';
import { aggregateByGroup, concentration, decay } from './shared/concentration';
import { DEFAULT_SCORING_SETTINGS } from './shared/scoring-settings';

/** Vendors that count in the live portfolio: direct vendors neither proposed nor exited. */
const live = (alias: string) => `${alias}.direct = 1 AND ${alias}.status IN ('active', 'under_review', 'offboarding')`;
const TOP_HOLDERS = 20;
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
    db.prepare("INSERT INTO settings (key, value) VALUES ('scoring', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(settings));
    recordAudit(db, ctx, { entity: 'scoring_settings', entityId: null, action: 'update', before, after: settings });
    return readScoringSettings(db);
  })();
}

// ---------------------------------------------------------------------------------------------------------------
// The register's facts

interface LiveVendor {
  id: number;
  name: string;
  groupKey: number;
  groupName: string;
  spend: number | null;
  currency: string | null;
  substitutability: Substitutability | null;
  exitPlan: boolean;
  nextReviewDue: string | null;
  exposure: number;
  records: number;
  critical: number;
  criticalServices: { id: number; name: string; reliance: number }[];
}

interface Facts {
  vendors: LiveVendor[];
  excluded: PortfolioScore['excluded'];
  /** vendor id → ids of the vendors it depends on directly (all vendors, not only live ones). */
  suppliers: Map<number, number[]>;
  names: Map<number, string>;
}

const LIVE_STATUSES = new Set(['active', 'under_review', 'offboarding']);

/** `include`: a vendor outside the portfolio (a proposed one) to count as if it were live: the what-if of a review. */
function gatherFacts(db: RegisterDb, settings: ScoringSettings, include?: number): Facts {
  type VendorRow = [number, string, number | null, number | null, string | null, Substitutability | null, number, string | null, number, string, number, number];
  const all = db
    .prepare(
      `SELECT id, name, ultimate_parent_id, annual_spend, spend_currency, substitutability, exit_plan, next_review_due, direct, status,
              records_held, exposure
       FROM vendors`,
    )
    .raw()
    .all() as VendorRow[];
  const links = db
    .prepare(
      `SELECT sv.vendor_id, s.id, s.name, sv.reliance FROM service_vendors sv JOIN services s ON s.id = sv.service_id
       WHERE s.criticality = 'critical'`,
    )
    .all() as { vendor_id: number; id: number; name: string; reliance: 'full' | 'material' | 'low' }[];
  const critical = new Map<number, LiveVendor['criticalServices']>();
  for (const l of links) {
    const list = critical.get(l.vendor_id) ?? [];
    list.push({ id: l.id, name: l.name, reliance: settings.relianceWeights[l.reliance] });
    critical.set(l.vendor_id, list);
  }

  const names = new Map(all.map((r) => [r[0], r[1]]));
  const excluded = { proposed: 0, exited: 0, fourthPartiesOnly: 0 };
  const vendors: LiveVendor[] = [];
  for (const [id, name, parentId, spend, currency, substitutability, exitPlan, nextReviewDue, direct, status, records, exposure] of all) {
    const counted = id === include || (direct === 1 && LIVE_STATUSES.has(status));
    if (!counted && direct !== 1) excluded.fourthPartiesOnly++;
    else if (!counted && status === 'proposed') excluded.proposed++;
    else if (!counted && status === 'exited') excluded.exited++;
    if (!counted) continue;
    const services = critical.get(id) ?? [];
    vendors.push({
      id,
      name,
      groupKey: parentId ?? id,
      groupName: parentId === null ? name : (names.get(parentId) ?? name),
      spend,
      currency,
      substitutability,
      exitPlan: exitPlan === 1,
      nextReviewDue,
      exposure,
      records,
      critical: services.reduce((sum, s) => sum + s.reliance, 0),
      criticalServices: services,
    });
  }
  const suppliers = new Map<number, number[]>();
  for (const [vendorId, supplierId] of db.prepare('SELECT vendor_id, supplier_id FROM dependencies').raw().all() as [number, number][]) {
    const list = suppliers.get(vendorId);
    if (list) list.push(supplierId);
    else suppliers.set(vendorId, [supplierId]);
  }
  return { vendors, excluded, suppliers, names };
}

/** Every vendor reachable from `start` through dependencies (breadth first, each once, so cycles end). */
export function reachable(start: number, suppliers: Map<number, number[]>): Set<number> {
  const seen = new Set<number>();
  const queue = [...(suppliers.get(start) ?? [])];
  while (queue.length) {
    const next = queue.shift()!;
    if (next === start || seen.has(next)) continue;
    seen.add(next);
    queue.push(...(suppliers.get(next) ?? []));
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------------------------
// Portfolio

function basisValue(v: LiveVendor, basis: Basis, settings: ScoringSettings): number {
  switch (basis) {
    case 'exposure':
      return v.exposure;
    case 'records':
      return v.records;
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

function summarise(basis: Basis, vendors: LiveVendor[], settings: ScoringSettings): BasisSummary {
  const holders = aggregateByGroup(vendors.map((v) => ({ key: v.id, name: v.name, value: basisValue(v, basis, settings), groupKey: v.groupKey, groupName: v.groupName })));
  const c = concentration(holders, settings.bands, TOP_HOLDERS);
  const overShareLimit = c.top.filter((h) => h.share > settings.test2023.share).map((h) => h.name);
  const top: HolderShare[] = [...c.top];
  const rest = c.count - top.length;
  if (rest > 0) {
    const shown = top.reduce((s, h) => s + h.value, 0);
    top.push({ key: 0, name: `Others (${rest})`, value: c.total - shown, share: (c.total - shown) / c.total });
  }
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
    flag2010: c.hhi > settings.bands.high,
    flag2023: c.hhi > settings.test2023.hhi || overShareLimit.length > 0,
    overShareLimit,
    top,
  };
}

function fourthParties(facts: Facts, total: number): FourthPartyConcentration[] {
  const behind = new Map<number, LiveVendor[]>();
  for (const v of facts.vendors) {
    if (!facts.suppliers.has(v.id)) continue;
    for (const supplier of reachable(v.id, facts.suppliers)) {
      const list = behind.get(supplier);
      if (list) list.push(v);
      else behind.set(supplier, [v]);
    }
  }
  return [...behind.entries()]
    .map(([id, vendors]): FourthPartyConcentration => {
      const exposureBehind = vendors.reduce((s, v) => s + v.exposure, 0);
      const serviceUse = new Map<string, number>();
      for (const v of vendors) for (const s of v.criticalServices) serviceUse.set(s.name, (serviceUse.get(s.name) ?? 0) + 1);
      const criticalServices = [...serviceUse.entries()].filter(([, n]) => n >= 2).map(([name]) => name).sort();
      const criticalVendors = vendors.filter((v) => v.criticalServices.length > 0).length;
      return {
        vendorId: id,
        name: facts.names.get(id) ?? `#${id}`,
        fanIn: vendors.length,
        exposureBehind,
        share: total > 0 ? exposureBehind / total : 0,
        vendors: vendors.map((v) => v.name).sort(),
        criticalServices,
        hidden: criticalVendors >= 2,
      };
    })
    .sort((a, b) => b.exposureBehind - a.exposureBehind || b.fanIn - a.fanIn || a.name.localeCompare(b.name));
}

function singlePointsOfFailure(db: RegisterDb, facts: Facts): SinglePointOfFailure[] {
  const live = new Map(facts.vendors.map((v) => [v.id, v]));
  const services = db.prepare(`SELECT id, name FROM services WHERE criticality = 'critical' ORDER BY name`).all() as { id: number; name: string }[];
  const result: SinglePointOfFailure[] = [];
  for (const s of services) {
    const supporting = facts.vendors.filter((v) => v.criticalServices.some((c) => c.id === s.id));
    if (supporting.length !== 1) continue;
    const v = live.get(supporting[0]!.id)!;
    const hard = v.substitutability === 'difficult' || v.substitutability === 'not_substitutable';
    result.push({ serviceId: s.id, serviceName: s.name, vendorId: v.id, vendorName: v.name, substitutability: v.substitutability, exitPlan: v.exitPlan, severity: hard || !v.exitPlan ? 'high' : 'medium' });
  }
  return result;
}

/** The ids of vendors outside the portfolio, as JSON for `NOT IN (SELECT value FROM json_each(?))`: there are few of
 * them, so leaving them out is cheaper than joining every holding to its vendor. */
function outsideIds(facts: Facts): string {
  const counted = new Set(facts.vendors.map((v) => v.id));
  return JSON.stringify([...facts.names.keys()].filter((id) => !counted.has(id)));
}

function geography(db: RegisterDb, outside: string, settings: ScoringSettings): PortfolioScore['geography'] {
  const rows = db
    .prepare(
      `SELECT h.storage_country AS country, sum(h.records * c.weight) AS exposure
       FROM holdings h JOIN data_categories c ON c.id = h.category_id
       WHERE h.vendor_id NOT IN (SELECT value FROM json_each(?)) GROUP BY h.storage_country ORDER BY exposure DESC`,
    )
    .all(outside) as { country: string | null; exposure: number }[];
  const total = rows.reduce((s, r) => s + r.exposure, 0);
  const share = (x: number) => (total > 0 ? x / total : 0);
  const known = rows.filter((r) => r.country !== null);
  return {
    homeCountry: settings.homeCountry,
    byCountry: known.map((r) => ({ country: r.country!, exposure: r.exposure, share: share(r.exposure) })),
    outsideHomeShare: share(known.filter((r) => r.country !== settings.homeCountry).reduce((s, r) => s + r.exposure, 0)),
    unknownShare: share(rows.filter((r) => r.country === null).reduce((s, r) => s + r.exposure, 0)),
  };
}

function exposureByCategory(db: RegisterDb, outside: string, top: BasisSummary): PortfolioScore['exposureByCategory'] {
  const groups = top.top.filter((h) => h.key !== 0).slice(0, 10);
  const cells = db
    .prepare(
      `SELECT coalesce(v.ultimate_parent_id, v.id) AS group_key, c.code, c.label, c.sort_order, sum(h.records * c.weight) AS exposure
       FROM holdings h JOIN data_categories c ON c.id = h.category_id JOIN vendors v ON v.id = h.vendor_id
       WHERE v.id NOT IN (SELECT value FROM json_each(?)) AND coalesce(v.ultimate_parent_id, v.id) IN (SELECT value FROM json_each(?))
       GROUP BY group_key, c.id ORDER BY c.sort_order`,
    )
    .all(outside, JSON.stringify(groups.map((g) => g.key))) as { group_key: number; code: string; label: string; exposure: number }[];
  const categories = new Map<string, string>();
  for (const c of cells) categories.set(c.code, c.label);
  return {
    vendors: groups.map((g) => ({ key: g.key, name: g.name })),
    categories: [...categories.entries()].map(([code, label]) => ({ code, label })),
    cells: cells.map((c) => ({ vendorKey: c.group_key, category: c.code, exposure: c.exposure })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Vendor risk

interface IncidentFact {
  id: number;
  vendorId: number;
  title: string;
  kind: keyof ScoringSettings['incidentKindFactors'];
  at: string | null;
  records: number | null;
  weightSum: number;
}

function incidentFacts(db: RegisterDb): IncidentFact[] {
  return (
    db
      .prepare(
        `SELECT i.id, i.vendor_id, i.title, i.kind, coalesce(i.occurred_from, i.vendor_detected, i.we_were_told) AS at, i.records_affected,
                coalesce((SELECT sum(c.weight) FROM incident_categories ic JOIN data_categories c ON c.id = ic.category_id WHERE ic.incident_id = i.id), 1) AS weight_sum
         FROM incidents i`,
      )
      .all() as Record<string, unknown>[]
  ).map((r) => ({
    id: r.id as number,
    vendorId: r.vendor_id as number,
    title: r.title as string,
    kind: r.kind as IncidentFact['kind'],
    at: r.at as string | null,
    records: r.records_affected as number | null,
    weightSum: r.weight_sum as number,
  }));
}

interface RiskInputs {
  vendor: Pick<LiveVendor, 'id' | 'name' | 'exposure' | 'critical' | 'substitutability' | 'exitPlan' | 'nextReviewDue'> & { recordsHeld: number };
  share: number;
  incidents: IncidentFact[];
  suppliers: Set<number>;
  names: Map<number, string>;
  settings: ScoringSettings;
  now: Date;
}

interface RiskComponents {
  shareTerm: number;
  criticalTerm: number;
  impact: number;
  history: number;
  likelihood: number;
  substitution: number;
  noExit: number;
  overdue: number;
  resilience: number;
  score: number;
  contributions: IncidentContribution[];
}

/** The vendor risk score in numbers: impact, likelihood (incident history) and resilience, each 0..1, weighted to 0..100. */
function riskComponents({ vendor, share, incidents, suppliers, names, settings, now }: RiskInputs): RiskComponents {
  const shareTerm = Math.min(1, share / settings.impactShareCap);
  const criticalTerm = Math.min(1, vendor.critical / settings.impactCriticalCap);
  const impact = 0.7 * shareTerm + 0.3 * criticalTerm;

  const contributions = incidents
    .filter((i) => i.vendorId === vendor.id || suppliers.has(i.vendorId))
    .map((i): IncidentContribution => {
      const ageYears = i.at ? (now.getTime() - Date.parse(i.at.length === 10 ? `${i.at}T00:00:00Z` : `${i.at}:00Z`)) / YEAR_MS : 0;
      // Unknown record counts are taken as the vendor's own records held (the data that could have been exposed).
      const severity = (i.records ?? vendor.recordsHeld) * i.weightSum;
      const kindFactor = settings.incidentKindFactors[i.kind];
      const d = decay(ageYears, settings.incidentHalfLifeYears);
      return { incidentId: i.id, title: i.title, at: i.at, via: i.vendorId === vendor.id ? null : (names.get(i.vendorId) ?? null), severity, kindFactor, decay: d, weighted: severity * kindFactor * d };
    })
    .sort((a, b) => b.weighted - a.weighted);
  const history = contributions.reduce((s, c) => s + c.weighted, 0);
  const likelihood = 1 - Math.exp(-history / settings.likelihoodScale);

  const substitution = settings.substitutabilityGap[vendor.substitutability ?? 'unknown'];
  const noExit = vendor.exitPlan ? 0 : 1;
  const overdue = vendor.nextReviewDue !== null && vendor.nextReviewDue < now.toISOString().slice(0, 10) ? 1 : 0;
  const resilience = (substitution + noExit + overdue) / 3;

  const w = settings.riskWeights;
  const score = 100 * (w.impact * impact + w.likelihood * likelihood + w.resilience * resilience);
  return { shareTerm, criticalTerm, impact, history, likelihood, substitution, noExit, overdue, resilience, score, contributions };
}

/** The score with each factor's inputs spelled out, for "Why this score". */
export function explainRisk(inputs: RiskInputs): { score: number; factors: ScoreFactor[]; incidents: IncidentContribution[] } {
  const r = riskComponents(inputs);
  const { vendor, share, settings } = inputs;
  const w = settings.riskWeights;
  const factor = (key: ScoreFactor['key'], label: string, value: number, weight: number, factorInputs: ScoreFactor['inputs']): ScoreFactor => ({ key, label, value, weight, points: 100 * value * weight, inputs: factorInputs });
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const factors = [
    factor('impact', 'Impact', r.impact, w.impact, [
      { label: 'Share of weighted exposure', value: `${pct(share)} (full at ${pct(settings.impactShareCap)}) → ${r.shareTerm.toFixed(3)} × 0.7` },
      { label: 'Critical-service reliance', value: `${vendor.critical.toFixed(2)} (full at ${settings.impactCriticalCap}) → ${r.criticalTerm.toFixed(3)} × 0.3` },
    ]),
    factor('likelihood', 'Likelihood', r.likelihood, w.likelihood, [
      { label: 'Incident history (decayed, weighted records)', value: Math.round(r.history).toLocaleString('en') },
      { label: 'Scale', value: `1 − e^(−history / ${settings.likelihoodScale.toLocaleString('en')})` },
      { label: 'Incidents counted', value: String(r.contributions.length) },
    ]),
    factor('resilience', 'Resilience gap', r.resilience, w.resilience, [
      { label: 'Substitutability', value: `${vendor.substitutability ?? 'not assessed'} → ${r.substitution}` },
      { label: 'Exit plan', value: vendor.exitPlan ? 'yes → 0' : 'no → 1' },
      { label: 'Review overdue', value: r.overdue ? `yes (${vendor.nextReviewDue}) → 1` : 'no → 0' },
    ]),
  ];
  return { score: r.score, factors, incidents: r.contributions };
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

/** Risk scores of the counted vendors with exposure or critical reliance, most exposure first. */
function riskPoints(facts: Facts, incidents: IncidentFact[], settings: ScoringSettings, totalExposure: number, now: Date, limit = Infinity): VendorRisk[] {
  const noSuppliers = new Set<number>();
  return facts.vendors
    .filter((v) => v.exposure > 0 || v.critical > 0)
    .sort((a, b) => b.exposure - a.exposure)
    .slice(0, limit)
    .map((v): VendorRisk => {
      const share = totalExposure > 0 ? v.exposure / totalExposure : 0;
      const suppliers = facts.suppliers.has(v.id) ? reachable(v.id, facts.suppliers) : noSuppliers;
      const r = riskComponents({ vendor: { ...v, recordsHeld: v.records }, share, incidents, suppliers, names: facts.names, settings, now });
      return { vendorId: v.id, name: v.name, impact: r.impact, likelihood: r.likelihood, resilience: r.resilience, share, exposure: v.exposure, score: r.score };
    });
}

export interface VendorRisk extends RiskPoint {
  share: number;
  resilience: number;
}

/** Every counted vendor's risk score (the dashboard's matrix shows the first few hundred), for the scores export. */
export function vendorRiskScores(db: RegisterDb, now = new Date()): VendorRisk[] {
  const settings = readScoringSettings(db);
  const facts = gatherFacts(db, settings);
  return riskPoints(facts, incidentFacts(db), settings, facts.vendors.reduce((s, v) => s + v.exposure, 0), now);
}

export function scorePortfolio(db: RegisterDb, now = new Date(), include?: number): PortfolioScore {
  const settings = readScoringSettings(db);
  const facts = gatherFacts(db, settings, include);
  const outside = outsideIds(facts);
  const bases = Object.fromEntries(BASES.map((b) => [b, summarise(b, facts.vendors, settings)])) as Record<Basis, BasisSummary>;
  const totalExposure = bases.exposure.total;
  const parties = fourthParties(facts, totalExposure);
  const incidents = incidentFacts(db);
  const riskMatrix = riskPoints(facts, incidents, settings, totalExposure, now, RISK_MATRIX_POINTS);
  const currencies = new Set(facts.vendors.filter((v) => v.spend !== null && v.currency && v.currency !== settings.reportingCurrency && !(v.currency in settings.fxRates)).map((v) => v.currency!));
  return {
    asOf: now.toISOString(),
    settings,
    vendorCount: facts.vendors.length,
    excluded: facts.excluded,
    spendWithoutRate: [...currencies].sort(),
    bases,
    exposureByCategory: exposureByCategory(db, outside, bases.exposure),
    fourthParties: parties.slice(0, 50),
    lookThroughHhi: parties.reduce((s, p) => s + (100 * p.share) ** 2, 0),
    singlePointsOfFailure: singlePointsOfFailure(db, facts),
    geography: geography(db, outside, settings),
    riskMatrix,
  };
}

export function scoreVendor(db: RegisterDb, vendorId: number, now = new Date()): VendorScore {
  const settings = readScoringSettings(db);
  const facts = gatherFacts(db, settings);
  const row = db
    .prepare(
      `SELECT v.id, v.name, v.substitutability, v.exit_plan, v.next_review_due, (${live('v')}) AS counted,
              v.exposure, v.records_held AS records
       FROM vendors v WHERE v.id = ?`,
    )
    .get(vendorId) as Record<string, unknown> | undefined;
  if (!row) throw new Error('This vendor is no longer in the register.');
  const counted = facts.vendors.find((v) => v.id === vendorId);
  const total = facts.vendors.reduce((s, v) => s + v.exposure, 0);
  const exposure = row.exposure as number;
  // A vendor outside the live portfolio (proposed, exited, fourth party) is scored as if it were added to it.
  const share = counted ? (total > 0 ? exposure / total : 0) : total + exposure > 0 ? exposure / (total + exposure) : 0;
  const { score, factors, incidents } = explainRisk({
    vendor: {
      id: vendorId,
      name: row.name as string,
      exposure,
      recordsHeld: row.records as number,
      critical: counted?.critical ?? 0,
      substitutability: row.substitutability as Substitutability | null,
      exitPlan: row.exit_plan === 1,
      nextReviewDue: row.next_review_due as string | null,
    },
    share,
    incidents: incidentFacts(db),
    suppliers: reachable(vendorId, facts.suppliers),
    names: facts.names,
    settings,
    now,
  });
  return { vendorId, name: row.name as string, counted: row.counted === 1, score, factors, incidents, settings };
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshots

function toSnapshot(row: { id: number; taken_at: string; kind: Snapshot['trigger']; metrics_json: string }): Snapshot {
  return { id: row.id, takenAt: row.taken_at, trigger: row.kind, ...(JSON.parse(row.metrics_json) as Omit<Snapshot, 'id' | 'takenAt' | 'trigger'>) };
}

export function listSnapshots(db: RegisterDb): Snapshot[] {
  return (db.prepare('SELECT * FROM snapshots ORDER BY taken_at, id').all() as Parameters<typeof toSnapshot>[0][]).map(toSnapshot);
}

export function takeSnapshot(db: RegisterDb, trigger: Snapshot['trigger'], now = new Date()): Snapshot {
  const p = scorePortfolio(db, now);
  const e = p.bases.exposure;
  const metrics = {
    totalExposure: e.total,
    hhi: e.hhi,
    effectiveNumber: e.effectiveNumber,
    cr1: e.cr1,
    cr3: e.cr3,
    vendorCount: p.vendorCount,
    singlePointsOfFailure: p.singlePointsOfFailure.length,
    hiddenConcentrations: p.fourthParties.filter((f) => f.hidden).length,
    hhiByBasis: Object.fromEntries(BASES.map((b) => [b, p.bases[b].hhi])) as Record<Basis, number>,
  };
  const { lastInsertRowid } = db.prepare('INSERT INTO snapshots (taken_at, kind, metrics_json) VALUES (?, ?, ?)').run(now.toISOString(), trigger, JSON.stringify(metrics));
  return toSnapshot(db.prepare('SELECT * FROM snapshots WHERE id = ?').get(lastInsertRowid) as Parameters<typeof toSnapshot>[0]);
}

/** At most once a day, and only when something changed since the last snapshot. */
export function takeDailySnapshotIfDue(db: RegisterDb, now = new Date()): Snapshot | null {
  const last = db.prepare('SELECT max(taken_at) FROM snapshots').pluck().get() as string | null;
  if (last && last.slice(0, 10) === now.toISOString().slice(0, 10)) return null;
  const changed = db.prepare('SELECT count(*) FROM audit_log WHERE at > ?').pluck().get(last ?? '') as number;
  return changed > 0 ? takeSnapshot(db, 'daily', now) : null;
}
