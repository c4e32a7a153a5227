import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataCategory, PortfolioScore, Snapshot, Vendor, VendorScore } from '../../db/contract';
import { concentration, type Holder } from '../../db/shared/concentration';
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
        // b's value moves to a (when they differ): one holder with both.
        const grouped = holders(values).map((h) => ({ ...h, value: a === b ? h.value : h.key === a ? h.value + values[b - 1]! : h.key === b ? 0 : h.value }));
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
    expect(e.overShareLimit).toEqual(['Group Holdings', 'Solo']);
    // People: each vendor's largest category (none entered), groups summed: 400 + 100 + 200.
    expect(p.bases.people.total).toBe(700);
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
    const byName = new Map(p.providers.map((f) => [f.name, f]));
    expect(byName.get('Cloud')).toMatchObject({ vendorCount: 2, throughChain: 2, exposure: 600, share: 1, directShare: 0, hidden: true, criticalServices: ['Payments'], vendors: ['Airline payments', 'Shop payments'] });
    expect(byName.get('Acquirer')).toMatchObject({ vendorCount: 1, exposure: 400, hidden: false });
    expect(p.largestDependency).toMatchObject({ name: 'Cloud', share: 1, band: 'high' });
    // Two vendors support the critical service, but both depend on Gateway (and Cloud): a hidden single point of failure.
    expect(p.singlePointsOfFailure).toMatchObject([{ serviceName: 'Payments', kind: 'hidden', provider: { name: 'Cloud' }, assessed: false, severity: 'high' }]);
    expect(p.bases.critical.total).toBeCloseTo(1.67, 9);

    // A cycle written around the API (cloud → acquirer) must not hang the engine.
    service.close();
    const { db } = openRegister(file);
    db.prepare('INSERT INTO dependencies (vendor_id, supplier_id) VALUES (?, ?)').run(cloud.id, acquirer.id);
    db.close();
    service.open(file);
    p = portfolio();
    expect(p.providers.find((f) => f.name === 'Acquirer')).toMatchObject({ vendorCount: 2, exposure: 600 });
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
      {
        serviceId: svc.id,
        serviceName: 'Contact centre',
        criticality: 'critical',
        kind: 'direct',
        provider: { groupKey: cc.id, name: 'Contact centre platform' },
        vendors: [{ id: cc.id, name: 'Contact centre platform' }],
        substitutability: 'difficult',
        assessed: true,
        exitPlan: false,
        severity: 'high',
      },
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
  it('combines severity and likelihood, with a fourth-party incident counted for the vendor', () => {
    const { service, add, hold, categories } = register();
    const now = new Date();
    const twoYearsAgo = new Date(now.getTime() - 2 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const nextYear = new Date(now.getTime() + 365 * 86_400_000).toISOString().slice(0, 10);
    const chat = add('Chat', { substitutability: 'medium', exitPlan: true, nextReviewDue: nextYear });
    const other = add('Other');
    const hosting = add('Hosting', { direct: false });
    hold(chat, 'email', 300_000); // exposure 300,000 of 1,000,000 → share 0.3
    hold(other, 'email', 700_000);
    ok(service, 'dependencies.add', { vendorId: chat.id, supplierId: hosting.id });
    ok(service, 'incidents.save', {
      incident: { vendorId: hosting.id, title: 'Hosting breach', kind: 'cyberattack', occurredFrom: twoYearsAgo, recordsAffected: 500_000, categoryIds: [categories.get('payment_card')!] },
    });

    const score = ok<VendorScore>(service, 'scoring.vendor', { id: chat.id });
    const factor = (key: string) => score.factors.find((f) => f.key === key)!.value;
    const s = DEFAULT_SCORING_SETTINGS;
    // Impact: Chat's group holds 0.3 directly and Hosting's chain adds nothing to it: share term 1 × 0.7; no critical services.
    expect(factor('impact')).toBeCloseTo(0.7, 9);
    // Resilience gap: substitutability medium 0.33, exit plan 0, review not overdue 0 → 0.11.
    expect(factor('resilience')).toBeCloseTo(0.33 / 3, 9);
    expect(factor('severity')).toBeCloseTo((1 - s.resilienceWeight) * 0.7 + s.resilienceWeight * 0.11, 9);
    // Likelihood: one cyberattack one half-life ago at the fourth party: rate = ln 2 / 2 × 1 × 0.5.
    expect(score.incidents).toMatchObject([{ title: 'Hosting breach', via: 'Hosting', kindFactor: 1, dateSource: 'occurred' }]);
    expect(score.incidents[0]!.decay).toBeCloseTo(0.5, 2);
    const rate = (Math.LN2 / s.incidentHalfLifeYears) * 0.5;
    expect(factor('likelihood')).toBeCloseTo(1 - Math.exp(-(s.baseIncidentRate + rate)), 3);
    expect(score.score).toBeCloseTo(100 * Math.sqrt(factor('severity') * factor('likelihood')), 9);
  });

  it('treats what was never assessed as the worst case', () => {
    const { service, add, hold } = register();
    const unassessed = add('Unassessed', { substitutability: null, exitPlan: false, nextReviewDue: null });
    hold(unassessed, 'email', 100);
    const score = ok<VendorScore>(service, 'scoring.vendor', { id: unassessed.id });
    const resilience = score.factors.find((f) => f.key === 'resilience')!;
    expect(resilience.value).toBe(1);
    expect(resilience.inputs.map((i) => i.value).join(' ')).toMatch(/not assessed.*no review date/);
  });
});

describe('snapshots and settings', () => {
  it('takes snapshots on demand and at most once a day after a change, never inside the write', async () => {
    const { service, file, add, hold } = register();
    hold(add('A'), 'name', 10);
    // The first write of the day is answered before its snapshot scores the portfolio.
    expect(ok<Snapshot[]>(service, 'snapshots.list', {})).toHaveLength(0);
    expect(await service.dailySnapshot()).toMatchObject({ trigger: 'daily', totalExposure: 10 });
    expect(ok<Snapshot[]>(service, 'snapshots.list', {})).toHaveLength(1);
    hold(add('B'), 'name', 10);
    expect(await service.dailySnapshot()).toMatchObject({ trigger: 'daily', totalExposure: 10 });
    expect(ok<Snapshot[]>(service, 'snapshots.list', {})).toHaveLength(1);
    const manual = ok<Snapshot>(service, 'snapshots.take', {});
    expect(manual).toMatchObject({ trigger: 'manual', methodVersion: 2, totalExposure: 20, hhi: 5000, vendorCount: 2, largestDependencyShare: 0.5 });
    service.close();
    const { db } = openRegister(file);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(takeDailySnapshotIfDue(db, tomorrow)).toBeNull(); // nothing changed since
    db.close();
  });

  it('validates and keeps edited weights and thresholds, which change the results', () => {
    const { service, add, hold, portfolio } = register();
    hold(add('A'), 'name', 10);
    const bad = service.call('settings.updateScoring', { settings: { ...DEFAULT_SCORING_SETTINGS, dependencyBands: { moderate: 0.5, high: 0.4 } } });
    expect(bad).toMatchObject({ ok: false, error: { details: { fields: { 'settings.dependencyBands.high': expect.stringMatching(/above the moderate/) } } } });
    ok(service, 'settings.updateScoring', { settings: { ...DEFAULT_SCORING_SETTINGS, bands: { moderate: 100, high: 200 } } });
    expect(portfolio().settings.bands).toEqual({ moderate: 100, high: 200 });
  });
});
