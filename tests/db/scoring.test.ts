import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataCategory, PortfolioScore, Snapshot, Vendor, VendorScore } from '../../db/contract';
import { aggregateByGroup, concentration, type Holder } from '../../db/shared/concentration';
import { DEFAULT_SCORING_SETTINGS } from '../../db/shared/scoring-settings';
import { takeDailySnapshotIfDue } from '../../db/scoring';
import { openRegister } from '../../db/connection';
import { ok, serviceWithRegister, vendor } from './helpers';

const bands = DEFAULT_SCORING_SETTINGS.bands;
const holders = (values: number[]): Holder[] => values.map((value, i) => ({ key: i + 1, name: `V${i + 1}`, value }));

function register() {
  const { service, file } = serviceWithRegister();
  const categories = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
  const add = (name: string, extra: object = {}) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
  const hold = (v: Vendor, code: string, records: number, storageCountry: string | null = 'AU') =>
    ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: categories.get(code)!, records, storageCountry } });
  const portfolio = () => ok<PortfolioScore>(service, 'scoring.portfolio', {});
  return { service, file, add, hold, portfolio, categories };
}

describe('concentration measures', () => {
  it('shares 40/30/20/10 give HHI 3,000 and an effective number of 3.33', () => {
    const c = concentration(holders([40, 30, 20, 10]), bands);
    expect(c.hhi).toBeCloseTo(3000, 9);
    expect(c.effectiveNumber).toBeCloseTo(3.333, 3);
    expect(c.cr1).toBeCloseTo(0.4, 12);
    expect(c.cr3).toBeCloseTo(0.9, 12);
    expect(c.band).toBe('high');
  });

  it('gives zeros, not NaN, for an empty portfolio', () => {
    const c = concentration([], bands);
    expect(c).toMatchObject({ total: 0, count: 0, top: [], hhi: 0, effectiveNumber: null, cr1: 0, cr3: 0, band: null, cr1Holder: null });
  });

  const positive = fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 1, maxLength: 40 });

  it('keeps 10,000 / N ≤ HHI ≤ 10,000', () => {
    fc.assert(
      fc.property(positive, (values) => {
        const { hhi } = concentration(holders(values), bands);
        return hhi >= 10_000 / values.length - 1e-6 && hhi <= 10_000 + 1e-6;
      }),
    );
  });

  it('does not depend on the order of the vendors', () => {
    fc.assert(
      fc.property(positive, fc.integer(), (values, seed) => {
        const shuffled = [...holders(values)].sort((a, b) => ((a.key * 7919 + seed) % 101) - ((b.key * 7919 + seed) % 101));
        const [x, y] = [concentration(holders(values), bands), concentration(shuffled, bands)];
        return Math.abs(x.hhi - y.hhi) < 1e-6 && JSON.stringify(x.top) === JSON.stringify(y.top);
      }),
    );
  });

  it('does not change when a vendor with no exposure is added', () => {
    fc.assert(
      fc.property(positive, (values) => {
        const before = concentration(holders(values), bands);
        const after = concentration([...holders(values), { key: 999, name: 'Empty', value: 0 }], bands);
        return Math.abs(before.hhi - after.hhi) < 1e-6 && before.cr3 === after.cr3;
      }),
    );
  });

  it('never falls when two vendors are merged into one group', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), (values, i, j) => {
        const a = (i % values.length) + 1;
        const b = (j % values.length) + 1;
        const separate = concentration(holders(values), bands).hhi;
        const grouped = aggregateByGroup(holders(values).map((h) => ({ ...h, groupKey: h.key === b ? a : h.key, groupName: h.name })));
        return concentration(grouped, bands).hhi >= separate - 1e-6;
      }),
    );
  });
});

describe('portfolio scoring over a register', () => {
  it('computes shares on exposure and records, aggregating groups and leaving out proposed, exited and fourth-party-only vendors', () => {
    const { add, hold, portfolio } = register();
    const parent = add('Group Holdings');
    hold(add('Group A', { ultimateParentId: parent.id }), 'name', 400);
    hold(add('Group B', { ultimateParentId: parent.id }), 'name', 100);
    hold(add('Solo', { annualSpend: 100, spendCurrency: 'USD' }), 'date_of_birth', 200); // exposure 300
    hold(add('Proposed', { status: 'proposed' }), 'name', 1_000_000);
    hold(add('Gone', { status: 'exited' }), 'name', 1_000_000);
    add('Fourth', { direct: false });
    add('No data');

    const p = portfolio();
    expect(p.vendorCount).toBe(5);
    expect(p.excluded).toEqual({ proposed: 1, exited: 1, fourthPartiesOnly: 1 });
    const e = p.bases.exposure;
    expect(e.total).toBe(800);
    expect(e.top.map((h) => [h.name, h.share])).toEqual([
      ['Group Holdings', 500 / 800],
      ['Solo', 300 / 800],
    ]);
    expect(e.hhi).toBeCloseTo(62.5 ** 2 + 37.5 ** 2, 9);
    expect(e.cr1Holder).toBe('Group Holdings');
    expect(e.flag2023).toBe(true);
    expect(e.overShareLimit).toEqual(['Group Holdings', 'Solo']);
    expect(p.bases.records.total).toBe(700);
    // Spend: 100 USD at the default rate of 1.55.
    expect(p.bases.spend.total).toBeCloseTo(155, 9);
  });

  it('looks through chains of any depth to fourth parties, flags hidden concentration, and survives a cycle', () => {
    const { service, file, add, hold, portfolio } = register();
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Payments', criticality: 'critical' } });
    const airline = add('Airline payments');
    const shop = add('Shop payments');
    const acquirer = add('Acquirer', { direct: false });
    const gateway = add('Gateway', { direct: false });
    const cloud = add('Cloud', { direct: false });
    hold(airline, 'payment_card', 100); // exposure 400
    hold(shop, 'payment_card', 50); // exposure 200
    ok(service, 'services.link', { serviceId: svc.id, vendorId: airline.id, reliance: 'full' });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: shop.id, reliance: 'material' });
    // airline → acquirer → gateway → cloud (three levels); shop → gateway.
    ok(service, 'dependencies.add', { vendorId: airline.id, supplierId: acquirer.id });
    ok(service, 'dependencies.add', { vendorId: acquirer.id, supplierId: gateway.id });
    ok(service, 'dependencies.add', { vendorId: gateway.id, supplierId: cloud.id });
    ok(service, 'dependencies.add', { vendorId: shop.id, supplierId: gateway.id });

    let p = portfolio();
    const byName = new Map(p.fourthParties.map((f) => [f.name, f]));
    expect(byName.get('Cloud')).toMatchObject({ fanIn: 2, exposureBehind: 600, share: 1, hidden: true, criticalServices: ['Payments'], vendors: ['Airline payments', 'Shop payments'] });
    expect(byName.get('Acquirer')).toMatchObject({ fanIn: 1, exposureBehind: 400, hidden: false });
    expect(p.lookThroughHhi).toBeCloseTo(100 ** 2 * 2 + (400 / 6) ** 2, 6);
    // Two vendors support the critical service: no single point of failure.
    expect(p.singlePointsOfFailure).toEqual([]);
    expect(p.bases.critical.total).toBeCloseTo(1.67, 9);

    // A cycle written around the API (cloud → acquirer) must not hang the engine.
    service.close();
    const { db } = openRegister(file);
    db.prepare('INSERT INTO dependencies (vendor_id, supplier_id) VALUES (?, ?)').run(cloud.id, acquirer.id);
    db.close();
    service.open(file);
    p = portfolio();
    expect(p.fourthParties.find((f) => f.name === 'Acquirer')).toMatchObject({ fanIn: 2, exposureBehind: 600 });
  });

  it('finds single points of failure, geography, and handles an empty register', () => {
    const empty = register().portfolio();
    expect(empty.bases.exposure).toMatchObject({ total: 0, hhi: 0, effectiveNumber: null, band: null });
    expect(empty.geography).toMatchObject({ byCountry: [], outsideHomeShare: 0 });
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);

    const { service, add, hold, portfolio } = register();
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Contact centre', criticality: 'critical' } });
    const cc = add('Contact centre platform', { substitutability: 'difficult', exitPlan: false });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: cc.id, reliance: 'full' });
    hold(cc, 'name', 600, 'PH');
    hold(cc, 'email', 300, 'AU');
    hold(add('Other'), 'email', 100, null);
    const p = portfolio();
    expect(p.singlePointsOfFailure).toEqual([
      { serviceId: svc.id, serviceName: 'Contact centre', vendorId: cc.id, vendorName: 'Contact centre platform', substitutability: 'difficult', exitPlan: false, severity: 'high' },
    ]);
    expect(p.geography.byCountry.map((c) => [c.country, c.share])).toEqual([
      ['PH', 0.6],
      ['AU', 0.3],
    ]);
    expect(p.geography.outsideHomeShare).toBeCloseTo(0.6, 12);
    expect(p.geography.unknownShare).toBeCloseTo(0.1, 12);
  });
});

describe('vendor risk score', () => {
  it('adds impact, likelihood and resilience to the score, with a fourth-party incident counted for the vendor', () => {
    const { service, add, hold, categories } = register();
    const now = new Date();
    const twoYearsAgo = new Date(now.getTime() - 2 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const chat = add('Chat', { substitutability: 'medium', exitPlan: true });
    const other = add('Other');
    const hosting = add('Hosting', { direct: false });
    hold(chat, 'email', 300_000); // exposure 300,000 of 1,000,000 → share 0.3
    hold(other, 'email', 700_000);
    ok(service, 'dependencies.add', { vendorId: chat.id, supplierId: hosting.id });
    ok(service, 'incidents.save', {
      incident: { vendorId: hosting.id, title: 'Hosting breach', kind: 'cyberattack', occurredFrom: twoYearsAgo, recordsAffected: 500_000, categoryIds: [categories.get('payment_card')!] },
    });

    const score = ok<VendorScore>(service, 'scoring.vendor', { id: chat.id });
    const [impact, likelihood, resilience] = score.factors;
    // Impact: share 0.3 reaches the cap (1 × 0.7); no critical services (0 × 0.3).
    expect(impact!.value).toBeCloseTo(0.7, 9);
    // Likelihood: 500,000 records × weight 4 × kind 1 × decay 0.5 (one half-life) = 1,000,000 → 1 − e^(−1,000,000 / scale).
    expect(score.incidents).toMatchObject([{ title: 'Hosting breach', via: 'Hosting', severity: 2_000_000, kindFactor: 1 }]);
    expect(score.incidents[0]!.decay).toBeCloseTo(0.5, 2);
    const expectedLikelihood = 1 - Math.exp(-1_000_000 / DEFAULT_SCORING_SETTINGS.likelihoodScale);
    expect(likelihood!.value).toBeCloseTo(expectedLikelihood, 2);
    // Resilience gap: substitutability medium 0.33, exit plan 0, review not overdue 0 → 0.11.
    expect(resilience!.value).toBeCloseTo(0.33 / 3, 9);
    expect(score.score).toBeCloseTo(100 * (0.5 * 0.7 + 0.3 * expectedLikelihood + 0.2 * 0.11), 0);
    expect(score.score).toBeCloseTo(score.factors.reduce((s, f) => s + f.points, 0), 9);
  });
});

describe('snapshots and settings', () => {
  it('takes snapshots on demand and at most once a day after a change', () => {
    const { service, file, add, hold } = register();
    hold(add('A'), 'name', 10);
    expect(ok<Snapshot[]>(service, 'snapshots.list', {})).toHaveLength(1); // the first write of the day
    hold(add('B'), 'name', 10);
    expect(ok<Snapshot[]>(service, 'snapshots.list', {})).toHaveLength(1);
    const manual = ok<Snapshot>(service, 'snapshots.take', {});
    expect(manual).toMatchObject({ trigger: 'manual', totalExposure: 20, hhi: 5000, vendorCount: 2 });
    service.close();
    const { db } = openRegister(file);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(takeDailySnapshotIfDue(db, tomorrow)).toBeNull(); // nothing changed since
    db.close();
  });

  it('validates and keeps edited weights and thresholds, which change the results', () => {
    const { service, add, hold, portfolio } = register();
    hold(add('A'), 'name', 10);
    const bad = service.call('settings.updateScoring', { settings: { ...DEFAULT_SCORING_SETTINGS, riskWeights: { impact: 0.5, likelihood: 0.5, resilience: 0.5 } } });
    expect(bad).toMatchObject({ ok: false, error: { details: { fields: { 'settings.riskWeights': expect.stringMatching(/add up to 1/) } } } });
    ok(service, 'settings.updateScoring', { settings: { ...DEFAULT_SCORING_SETTINGS, bands: { moderate: 100, high: 200 } } });
    expect(portfolio().settings.bands).toEqual({ moderate: 100, high: 200 });
  });
});
