// Method v2 (docs/scoring.md): the defects the independent recomputation of v1 found, each with the test that failed on
// v1; the properties every register must keep; the sample register's headline derived from its data by the method's
// formulas; and the migration of a v1 register.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BoardSummary, DataCategory, PortfolioScore, ProcurementReview, RegisterInfo, ScoringSettings, Snapshot, Vendor, VendorDependencies, VendorScore } from '../../db/contract';
import { openRegister } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { analyse } from '../../db/scoring';
import { portfolioOf, type Facts, type VendorFact } from '../../db/facts';
import { concentration } from '../../db/shared/concentration';
import { DEFAULT_SCORING_SETTINGS, GUIDELINE_BANDS } from '../../db/shared/scoring-settings';
import { createRegisterService } from '../../db/service';
import { ok, serviceWithRegister, tempDir, vendor } from './helpers';

function register() {
  const { service, file } = serviceWithRegister();
  const categories = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
  const add = (name: string, extra: object = {}) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
  const hold = (v: Vendor, code: string, records: number) => ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: categories.get(code)!, records, storageCountry: 'AU' } });
  const link = (v: Vendor, supplier: Vendor) => service.call('dependencies.add', { vendorId: v.id, supplierId: supplier.id });
  const settings = (change: Partial<ScoringSettings>) => ok(service, 'settings.updateScoring', { settings: { ...ok<ScoringSettings>(service, 'settings.scoring', {}), ...change } });
  return { service, file, categories, add, hold, link, settings, portfolio: () => ok<PortfolioScore>(service, 'scoring.portfolio', {}) };
}

describe('defects found by the recomputation of v1', () => {
  it('a: a proposed vendor is scored with its critical-service reliance, as its page says', () => {
    const { service, add, hold } = register();
    hold(add('Live'), 'name', 1000);
    const proposed = add('Proposed', { status: 'proposed' });
    hold(proposed, 'name', 1000);
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Payments', criticality: 'critical' } });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: proposed.id, reliance: 'full' });
    const score = ok<VendorScore>(service, 'scoring.vendor', { id: proposed.id });
    const impact = score.factors.find((f) => f.key === 'impact')!;
    // Share 50 % (as if added) caps the share term; reliance 1 of 2 gives 0.5 × 0.3.
    expect(impact.value).toBeCloseTo(0.7 + 0.3 * 0.5, 12);
    expect(impact.inputs[1]!.value).toMatch(/^1\.00 /);
  });

  it('b: counts come from full lists, never from the displayed top 50 or top 20', () => {
    const { service, add, hold, link, settings, portfolio } = register();
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Card payments', criticality: 'critical' } });
    const a = add('Airline payments');
    const b = add('Shop payments');
    hold(a, 'name', 10);
    hold(b, 'name', 10);
    ok(service, 'services.link', { serviceId: svc.id, vendorId: a.id, reliance: 'full' });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: b.id, reliance: 'full' });
    for (let i = 0; i < 60; i++) {
      const supplier = add(`Fourth ${i}`, { direct: false });
      link(a, supplier);
      link(b, supplier);
    }
    for (let i = 0; i < 30; i++) hold(add(`Holder ${i}`), 'email', 100);
    settings({ test2023: { hhi: 1800, deltaHhi: 100, share: 0.01 } });
    const p = portfolio();
    expect(p.providers).toHaveLength(50);
    expect(p.providerCount).toBe(62 + 30);
    expect(p.hiddenConcentrations).toBe(60);
    expect(p.bases.exposure.top.length).toBe(21); // 20 and "Others"
    expect(p.bases.exposure.overShareLimit).toHaveLength(30); // each holds 100 / 3,020 > 1 %
    const board = ok<BoardSummary>(service, 'board.summary', { periodDays: 90 });
    expect(board.headline.find((h) => h.key === 'hiddenConcentrations')!.value).toBe(60);
    expect(ok<Snapshot>(service, 'snapshots.take', {}).hiddenConcentrations).toBe(60);

    // The what-if reports every provider the proposed vendor would add to, not those of a cut list.
    const proposed = add('Proposed', { status: 'proposed' });
    hold(proposed, 'name', 10);
    for (let i = 0; i < 60; i++) link(proposed, ok<{ rows: Vendor[] }>(service, 'vendors.list', { search: `Fourth ${i}`, limit: 5 }).rows.find((r) => r.name === `Fourth ${i}`)!);
    expect(ok<ProcurementReview>(service, 'reviews.whatIf', { vendorId: proposed.id }).dependencyChanges).toHaveLength(60);
  });

  it('c: a cycle is refused however long it is', () => {
    const { add, link } = register();
    const chain = Array.from({ length: 62 }, (_, i) => add(`Link ${i}`, { direct: i === 0 }));
    for (let i = 0; i < 61; i++) expect(link(chain[i]!, chain[i + 1]!).ok).toBe(true);
    const closing = link(chain[61]!, chain[0]!);
    expect(closing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(closing.ok ? '' : closing.error.message).toBe('That would make a cycle: Link 61 → Link 0 → Link 1 → Link 2 → Link 3 → Link 4 → … 54 more … → Link 59 → Link 60 → Link 61.');
  });

  it('d: the cycle check and a vendor’s chain visit each vendor once, whatever the number of paths', () => {
    // A ladder of 40 diamonds: 2^40 paths from the top to the bottom, 121 vendors.
    const { service, add, link } = register();
    const top = add('Top');
    let joint = top;
    for (let layer = 0; layer < 40; layer++) {
      const [left, right, next] = [add(`L${layer}`, { direct: false }), add(`R${layer}`, { direct: false }), add(`J${layer}`, { direct: false })];
      link(joint, left);
      link(joint, right);
      link(left, next);
      link(right, next);
      joint = next;
    }
    const chain = ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: top.id, chain: { offset: 100 } });
    expect(chain.totals.chain).toBe(120);
    expect(chain.chain.at(-1)).toMatchObject({ rank: 2 + 2 * 40 - 1, vendorName: 'J39' });
    expect(link(joint, top)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(ok<PortfolioScore>(service, 'scoring.portfolio', {}).providerCount).toBe(121);
  });

  it('d: a chain and the cycle check are the same whatever the vendors’ ids (0, or far apart)', () => {
    // The walk numbers vendors by id where ids lie close together, and otherwise in order of first sight. A register
    // written by another program may hold a vendor 0, which no call can name but a chain can pass through.
    const { service, file, add, link } = register();
    const [top, middle] = [add('Top'), add('Middle', { direct: false })];
    service.close();
    const db = new Database(file);
    const copyOfMiddle = db.prepare("INSERT INTO vendors (id, name, service_type, status, tier, direct, created_at, updated_at) SELECT ?, ?, service_type, status, tier, 0, created_at, updated_at FROM vendors WHERE id = ?");
    const far = 5_000_000_000;
    copyOfMiddle.run(0, 'Zero', middle.id);
    copyOfMiddle.run(far, 'Far away', middle.id);
    db.prepare('INSERT INTO dependencies (vendor_id, supplier_id) VALUES (?, 0), (0, ?)').run(top.id, middle.id);
    db.close();
    service.open(file);
    const bottom = add('Bottom', { direct: false });
    const chainOf = (vendorId: number) => ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId }).chain.map((l) => [l.rank, l.vendorName, l.via]);
    const refusal = (result: ReturnType<typeof link>) => (result.ok ? '' : result.error.message);
    // Close together.
    expect(chainOf(top.id)).toEqual([
      [2, 'Zero', null],
      [3, 'Middle', 'Zero'],
    ]);
    expect(refusal(link(middle, top))).toBe('That would make a cycle: Middle → Top → Zero → Middle.');
    // Far apart.
    ok(service, 'dependencies.add', { vendorId: middle.id, supplierId: far });
    ok(service, 'dependencies.add', { vendorId: far, supplierId: bottom.id });
    expect(chainOf(top.id)).toEqual([
      [2, 'Zero', null],
      [3, 'Middle', 'Zero'],
      [4, 'Far away', 'Middle'],
      [5, 'Bottom', 'Far away'],
    ]);
    expect(refusal(link(bottom, top))).toBe('That would make a cycle: Bottom → Top → Zero → Middle → Far away → Bottom.');
    expect(chainOf(bottom.id)).toEqual([]);
  });

  it('e: every incident has an age: from its earliest date, or from the day it was recorded; future-dated ones are not counted', () => {
    const { service, file, add } = register();
    const v = add('Vendor', { substitutability: 'easy', exitPlan: true });
    const now = Date.now();
    const yearsAgo = (years: number) => new Date(now - years * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const incident = (title: string, dates: object) => ok(service, 'incidents.save', { incident: { vendorId: v.id, title, kind: 'cyberattack', ...dates } });
    incident('Only contained', { contained: yearsAgo(10) });
    incident('Told late', { weWereTold: yearsAgo(1), vendorDetected: yearsAgo(3) });
    incident('Undated', {});
    incident('In the future', { occurredFrom: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10) });
    // The undated incident was recorded four years ago.
    service.close();
    const db = new Database(file);
    db.prepare("UPDATE incidents SET recorded_at = ? WHERE title = 'Undated'").run(new Date(now - 4 * 365.25 * 86_400_000).toISOString());
    db.close();
    service.open(file);

    const score = ok<VendorScore>(service, 'scoring.vendor', { id: v.id });
    const byTitle = new Map(score.incidents.map((i) => [i.title, i]));
    expect(byTitle.get('Only contained')).toMatchObject({ dateSource: 'contained' });
    expect(byTitle.get('Only contained')!.ageYears).toBeCloseTo(10, 2);
    expect(byTitle.get('Told late')).toMatchObject({ dateSource: 'detected' });
    expect(byTitle.get('Told late')!.ageYears).toBeCloseTo(3, 2);
    expect(byTitle.get('Undated')).toMatchObject({ dateSource: 'recorded' });
    expect(byTitle.get('Undated')!.ageYears).toBeCloseTo(4, 2);
    expect(byTitle.has('In the future')).toBe(false);
    expect(score.notCounted).toMatchObject([{ title: 'In the future', reason: expect.stringMatching(/after the scoring date/) }]);
  });

  it('f: a tiny incident rate still gives a likelihood above zero, and "Others" keeps its precision', () => {
    const { service, add, settings } = register();
    settings({ baseIncidentRate: 0, incidentKindFactors: { ...DEFAULT_SCORING_SETTINGS.incidentKindFactors, other: 1e-17 } });
    const v = add('Vendor');
    ok(service, 'incidents.save', { incident: { vendorId: v.id, title: 'Tiny', kind: 'other', occurredFrom: new Date().toISOString().slice(0, 10) } });
    const likelihood = ok<VendorScore>(service, 'scoring.vendor', { id: v.id }).factors.find((f) => f.key === 'likelihood')!.value;
    expect(likelihood).toBeGreaterThan(0);
    // The incident is dated today, so it is under a day old whatever the hour: decay above 0.999.
    expect(likelihood / ((Math.LN2 / 2) * 1e-17)).toBeCloseTo(1, 2);

    const holders = [{ key: 1, name: 'Giant', value: 1e17 }, ...Array.from({ length: 25 }, (_, i) => ({ key: i + 2, name: `Small ${i}`, value: 1 }))];
    expect(concentration(holders, GUIDELINE_BANDS[2023], 20).others).toEqual({ count: 6, value: 6 });
  });

  it('g: the HHI band is the band of the figure shown', () => {
    // Four holders whose HHI is 2,500.4: shown as 2,500, which under the 2010 bands is moderate, not high.
    const d = Math.sqrt(0.00002);
    const c = concentration([0.25 + d, 0.25 - d, 0.25, 0.25].map((value, i) => ({ key: i + 1, name: `H${i}`, value })), GUIDELINE_BANDS[2010]);
    expect(c.hhi).toBeCloseTo(2500.4, 6);
    expect(Math.round(c.hhi)).toBe(2500);
    expect(c.band).toBe('moderate');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties, on registers generated in memory (the engine's analysis is pure over the facts).

interface GeneratedRegister {
  exposures: number[];
  parents: (number | null)[];
  links: [number, number][];
}

const generated = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.record({
      exposures: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: n, maxLength: n }),
      parents: fc.array(fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null }), { minLength: n, maxLength: n }),
      links: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 2 * n }),
    }),
  );

function factsOf(r: GeneratedRegister): Facts {
  const vendors = new Map<number, VendorFact>();
  r.exposures.forEach((exposure, i) => {
    const parent = r.parents[i];
    vendors.set(i + 1, {
      id: i + 1,
      name: `V${i + 1}`,
      // One level of groups, as the register enforces: a parent never has a parent of its own.
      groupKey: parent !== null && parent !== undefined && parent !== i && r.parents[parent] === null ? parent + 1 : i + 1,
      live: i % 5 !== 4, // some vendors are fourth parties or exited
      direct: i % 5 !== 4,
      status: 'active',
      spend: null,
      currency: null,
      substitutability: null,
      exitPlan: false,
      nextReviewDue: null,
      exposure,
      people: exposure,
      enteredPeople: null,
      largestCategory: exposure,
      critical: 0,
      criticalServices: [],
    });
  });
  const suppliers = new Map<number, number[]>();
  for (const [from, to] of r.links) if (from !== to) suppliers.set(from + 1, [...(suppliers.get(from + 1) ?? []), to + 1]);
  return { settings: DEFAULT_SCORING_SETTINGS, vendors, suppliers, services: [], critical: new Map(), incidentsByVendor: new Map(), chains: new Map(), version: 0, groups: [], through: new Map() };
}

const analysed = (facts: Facts) => analyse(facts, portfolioOf(facts));

describe('properties of method v2 (fast-check)', () => {
  it('every dependency share lies in [0, 1], and direct shares sum to 1', () => {
    fc.assert(
      fc.property(generated, (r) => {
        const a = analysed(factsOf(r));
        const direct = a.providers.reduce((s, p) => s + p.directShare, 0);
        return a.providers.every((p) => p.share >= 0 && p.share <= 1 + 1e-12 && p.directShare <= p.share + 1e-12) && (a.totalExposure === 0 ? direct === 0 : Math.abs(direct - 1) < 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a supplier link never lowers any dependency share', () => {
    fc.assert(
      fc.property(generated, fc.nat(), fc.nat(), (r, x, y) => {
        const n = r.exposures.length;
        const facts = factsOf(r);
        const before = analysed(facts);
        const after = analysed(factsOf({ ...r, links: [...r.links, [x % n, y % n]] }));
        return [...facts.vendors.keys()].every((group) => (after.provider(group)?.share ?? 0) >= (before.provider(group)?.share ?? 0) - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('merging two vendors into one group never lowers HHI', () => {
    fc.assert(
      fc.property(generated, fc.nat(), fc.nat(), (r, x, y) => {
        const n = r.exposures.length;
        const flat = { ...r, parents: r.parents.map(() => null) };
        const [a, b] = [x % n, y % n];
        const merged = { ...flat, parents: flat.parents.map((p, i) => (i === b && a !== b ? a : p)) };
        return analysed(factsOf(merged)).bases.exposure.hhi >= analysed(factsOf(flat)).bases.exposure.hhi - 1e-9;
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The sample register, derived from its data by the documented formulas (independently of the engine).

describe('the sample register under method v2', () => {
  it('reports the largest dependency share with its band, and finds the hidden single points of failure', () => {
    const file = path.join(tempDir(), 'Sample.vrr');
    const service = createRegisterService({ actor: 'tester' });
    service.open(file, { create: true, sample: true }) as RegisterInfo;
    const p = ok<PortfolioScore>(service, 'scoring.portfolio', {});
    service.close();

    const db = new Database(file, { readonly: true });
    const vendors = db.prepare('SELECT id, name, ultimate_parent_id AS parent, direct, status FROM vendors').all() as { id: number; name: string; parent: number | null; direct: number; status: string }[];
    const exposure = new Map(
      (db.prepare('SELECT h.vendor_id AS id, sum(h.records * c.weight) AS e FROM holdings h JOIN data_categories c ON c.id = h.category_id GROUP BY h.vendor_id').all() as { id: number; e: number }[]).map((r) => [r.id, r.e]),
    );
    const edges = db.prepare('SELECT vendor_id AS v, supplier_id AS s FROM dependencies').all() as { v: number; s: number }[];
    const services = db.prepare("SELECT id, name, criticality FROM services WHERE criticality IN ('critical', 'important')").all() as { id: number; name: string; criticality: string }[];
    const links = db.prepare('SELECT service_id AS service, vendor_id AS vendor, reliance FROM service_vendors').all() as { service: number; vendor: number; reliance: string }[];
    db.close();

    const byId = new Map(vendors.map((v) => [v.id, v]));
    const group = (id: number) => byId.get(id)!.parent ?? id;
    const live = vendors.filter((v) => v.direct === 1 && ['active', 'under_review', 'offboarding'].includes(v.status));
    const reach = (id: number, seen = new Set<number>()): Set<number> => {
      for (const e of edges) if (e.v === id && !seen.has(e.s)) reach(e.s, seen.add(e.s));
      return seen;
    };
    const groupsOf = (id: number) => new Set([group(id), ...[...reach(id)].map(group)]);
    const total = live.reduce((s, v) => s + (exposure.get(v.id) ?? 0), 0);
    const share = new Map<number, number>();
    for (const v of live) for (const g of groupsOf(v.id)) share.set(g, (share.get(g) ?? 0) + (exposure.get(v.id) ?? 0) / total);
    const [largestGroup, largestShare] = [...share].sort((a, b) => b[1] - a[1])[0]!;

    expect(p.largestDependency).toMatchObject({ groupKey: largestGroup, name: byId.get(largestGroup)!.name });
    expect(p.largestDependency!.share).toBeCloseTo(largestShare, 12);
    expect(p.largestDependency!.band).toBe(largestShare > 0.3 ? 'high' : largestShare >= 0.15 ? 'moderate' : 'unconcentrated');
    expect(p.largestDependency!.members).toContain('Stratus Cloud');

    const expected: string[] = [];
    const liveIds = new Set(live.map((v) => v.id));
    for (const s of services) {
      const linked = links.filter((l) => l.service === s.id && liveIds.has(l.vendor));
      const supporting = linked.filter((l) => l.reliance !== 'low').map((l) => l.vendor);
      if (linked.length === 0) expected.push(`${s.name}: unsupported`);
      else if (supporting.length && new Set(supporting.map(group)).size === 1) expected.push(`${s.name}: direct on ${byId.get(group(supporting[0]!))!.name}`);
      else if (supporting.length) {
        const common = supporting.map(groupsOf).reduce((a, b) => new Set([...a].filter((g) => b.has(g))));
        if (common.size) expected.push(`${s.name}: hidden behind ${[...common].map((g) => byId.get(g)!.name).sort().join(' / ')}`);
      }
    }
    const found = p.singlePointsOfFailure.map((s) => `${s.serviceName}: ${s.kind === 'unsupported' ? 'unsupported' : s.kind === 'direct' ? `direct on ${s.provider!.name}` : `hidden behind`}`);
    expect(found.sort()).toEqual(expected.map((e) => e.replace(/hidden behind .*/, 'hidden behind')).sort());
    expect(p.singlePointsOfFailure.filter((s) => s.kind === 'hidden').length).toBeGreaterThan(0);
    for (const s of p.singlePointsOfFailure.filter((x) => x.kind === 'hidden')) {
      expect(expected.find((e) => e.startsWith(`${s.serviceName}: hidden behind`))).toContain(s.provider!.name);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A register of method v1, opened by v2.

describe('migrating a v1 register', () => {
  it('carries the settings to v2 with their edits, fills people, and never compares v1 snapshots with v2 figures', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Old.vrr');
    const v1 = MIGRATIONS.filter((m) => m.version <= 50);
    const { db } = openRegister(file, { create: true, migrations: v1 });
    const now = new Date().toISOString();
    db.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES ('Old vendor', 'other', 'active', 1, ?, ?)").run(now, now);
    db.prepare("INSERT INTO holdings (vendor_id, category_id, records, storage_country) SELECT 1, id, 500, 'AU' FROM data_categories WHERE code = 'name'").run();
    db.prepare("INSERT INTO holdings (vendor_id, category_id, records, storage_country) SELECT 1, id, 300, 'AU' FROM data_categories WHERE code = 'email'").run();
    db.prepare("INSERT INTO incidents (vendor_id, title, kind, status) VALUES (1, 'Undated', 'other', 'closed')").run();
    const v1Settings = {
      ...DEFAULT_SCORING_SETTINGS,
      bands: { moderate: 1500, high: 2500 },
      test2023: { hhi: 1700, deltaHhi: 100, share: 0.25 },
      substitutabilityGap: { easy: 0.1, medium: 0.33, difficult: 0.67, not_substitutable: 1, unknown: 0.5 },
      riskWeights: { impact: 0.5, likelihood: 0.3, resilience: 0.2 },
      likelihoodScale: 10_000_000,
      reviewRule: { postHhi: 2500, deltaHhi: 200, share: 0.3, escalateOnNewSinglePoint: false },
    };
    for (const key of ['customerBase', 'dependencyBands', 'baseIncidentRate', 'resilienceWeight'] as const) delete (v1Settings as Record<string, unknown>)[key];
    db.prepare("INSERT INTO settings (key, value) VALUES ('scoring', ?)").run(JSON.stringify(v1Settings));
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    db.prepare("INSERT INTO snapshots (taken_at, kind, metrics_json) VALUES (?, 'daily', ?)").run(
      yesterday,
      JSON.stringify({ totalExposure: 800, hhi: 10_000, effectiveNumber: 1, cr1: 1, cr3: 1, vendorCount: 1, singlePointsOfFailure: 0, hiddenConcentrations: 0, hhiByBasis: { exposure: 10_000, records: 10_000, spend: 0, critical: 0 } }),
    );
    db.close();

    const service = createRegisterService({ actor: 'tester' });
    service.open(file, { backupDir: dir } as never);
    try {
      const settings = ok<ScoringSettings>(service, 'settings.scoring', {});
      // v1's default bands were the 2010 ones: now the 2023 ones. Edited values are kept; retired ones are gone.
      expect(settings.bands).toEqual(GUIDELINE_BANDS[2023]);
      expect(settings.test2023).toEqual({ hhi: 1700, deltaHhi: 100, share: 0.25 });
      expect(settings.substitutabilityGap).toEqual({ easy: 0.1, medium: 0.33, difficult: 0.67, not_substitutable: 1 });
      expect(settings.reviewRule).toEqual({ escalateOnNewSinglePoint: false });
      expect(settings).toMatchObject({ customerBase: null, dependencyBands: DEFAULT_SCORING_SETTINGS.dependencyBands, baseIncidentRate: 0.1 });
      expect(settings).not.toHaveProperty('riskWeights');

      const old = ok<Vendor>(service, 'vendors.get', { id: 1 });
      expect(old).toMatchObject({ people: null, largestCategory: 500 });
      const score = ok<VendorScore>(service, 'scoring.vendor', { id: 1 });
      expect(score.incidents).toMatchObject([{ title: 'Undated', dateSource: 'recorded' }]);

      const snapshots = ok<Snapshot[]>(service, 'snapshots.list', {});
      expect(snapshots[0]).toMatchObject({ methodVersion: 1, largestDependencyShare: null });
      const board = ok<BoardSummary>(service, 'board.summary', { periodDays: 90 });
      expect(board.previousSnapshotAt).toBeNull();
      for (const figure of board.headline) expect(figure.previous, figure.key).toBeNull();
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      service.close();
    }
  });
});
