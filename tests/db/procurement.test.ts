import { describe, expect, it } from 'vitest';
import type { DataCategory, PortfolioScore, ProcurementReview, Review, Vendor } from '../../db/contract';
import { ok, serviceWithRegister, vendor } from './helpers';

function setup() {
  const { service } = serviceWithRegister();
  const category = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
  const add = (name: string, extra: object = {}) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
  const hold = (v: Vendor, code: string, records: number, storageCountry = 'AU') =>
    ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: category.get(code)!, records, storageCountry } });
  const contact = add('Contact centre', { exitPlan: true });
  const payments = add('Payments', { exitPlan: true });
  hold(contact, 'name', 650);
  hold(payments, 'name', 350);
  return { service, add, hold };
}

describe('procurement review', () => {
  it('reads a falling HHI as dilution, never as less risk, and does not flag it by the 2023 test', () => {
    const { service, add, hold } = setup();
    const big = add('Big chat', { status: 'proposed', exitPlan: false, substitutability: 'difficult' });
    hold(big, 'payment_card', 150, 'US'); // exposure 600 → 600 / 1,600 = 37.5 %
    const review = ok<ProcurementReview>(service, 'reviews.whatIf', { vendorId: big.id });
    expect(review.share).toBeCloseTo(0.375, 12);
    const exposure = review.metrics.find((m) => m.basis === 'exposure')!;
    expect(exposure.before.hhi).toBeCloseTo(65 ** 2 + 35 ** 2, 9);
    expect(exposure.after.hhi).toBeCloseTo(40.625 ** 2 + 37.5 ** 2 + 21.875 ** 2, 9);
    expect(exposure.deltaHhi).toBeLessThan(0);
    // Above 30 %, but HHI falls: the 2023 test does not flag it; total exposure rises, and the review says so.
    expect(review.test2023).toEqual({ flagged: false, reasons: [] });
    expect([review.totalExposureBefore, review.totalExposureAfter]).toEqual([1000, 1600]);
    expect(review.exposureReading).toBe(
      'HHI on exposure would fall by 1,915 because Big chat spreads the shares, while total exposure rises by 600 (from 1,000 to 1,600): more data would be held, so risk does not fall.',
    );
    expect(review.recommendation.outcome).toBe('approve_with_conditions');
    expect(review.recommendation.conditions).toEqual(
      expect.arrayContaining([expect.stringMatching(/Tokenise card data/), expect.stringMatching(/exit plan is required/), expect.stringMatching(/United States/), expect.stringMatching(/Reduce the data held/)]),
    );
    expect(review.newCountries).toEqual(['US']);
    expect(review.newCategories).toEqual(['Full payment card (PAN + expiry + CVV)']);

    // Proposed vendors never count in the live portfolio.
    expect(ok<PortfolioScore>(service, 'scoring.portfolio', {}).bases.exposure.total).toBe(1000);
  });

  it('counts the other live vendors already holding a sensitive category, each once', () => {
    const { service, add, hold } = setup();
    const [a, b, exited, proposed] = [add('A'), add('B'), add('Gone', { status: 'exited' }), add('Maybe', { status: 'proposed' })];
    hold(a, 'payment_card', 10, 'AU');
    hold(a, 'payment_card', 10, 'US'); // one vendor in two countries counts once
    hold(b, 'payment_card', 10);
    hold(exited, 'payment_card', 10);
    hold(proposed, 'payment_card', 10);
    const big = add('Big chat', { status: 'proposed' });
    hold(big, 'payment_card', 150);
    const review = ok<ProcurementReview>(service, 'reviews.whatIf', { vendorId: big.id });
    expect(review.recommendation.conditions).toContainEqual(expect.stringMatching(/second copy of “Full payment card.*”: 2 of our vendors already hold it/));
  });

  it('escalates a change the 2023 test flags: a holder above 30 % with HHI rising by more than 100', () => {
    const { service } = serviceWithRegister();
    const category = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
    for (let i = 1; i <= 10; i++) {
      const v = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: `Vendor ${i}` }) });
      ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: category.get('name')!, records: 100, storageCountry: 'AU' } });
    }
    const big = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Big chat', status: 'proposed', exitPlan: true, substitutability: 'easy' }) });
    ok(service, 'holdings.save', { holding: { vendorId: big.id, categoryId: category.get('payment_card')!, records: 150, storageCountry: 'AU' } });
    const review = ok<ProcurementReview>(service, 'reviews.whatIf', { vendorId: big.id });
    // Before: ten shares of 10 % (HHI 1,000). After: ten of 6.25 % and one of 37.5 % (HHI 1,796.9): ΔHHI 796.9.
    expect(review.metrics[0]!.after.hhi).toBeCloseTo(10 * 6.25 ** 2 + 37.5 ** 2, 9);
    expect(review.test2023.flagged).toBe(true);
    // HHI after is 1,797: below 1,800, so only the share limb applies.
    expect(review.test2023.reasons).toEqual(['Big chat would hold 37.5 % of weighted exposure (more than 30.0 %) and HHI would rise by 797 (more than 100).']);
    expect(review.recommendation).toMatchObject({ outcome: 'escalate', reasons: review.test2023.reasons });
  });

  it('recommends approval for a small vendor, and an approval makes the portfolio equal the review’s after figures', () => {
    const { service, add, hold } = setup();
    const small = add('Survey tool', { status: 'proposed', exitPlan: true, substitutability: 'easy' });
    hold(small, 'email', 20);
    const review = ok<ProcurementReview>(service, 'reviews.whatIf', { vendorId: small.id });
    expect(review.recommendation).toMatchObject({ outcome: 'approve', reasons: [], conditions: [] });

    const decided = ok<Review>(service, 'reviews.decide', { vendorId: small.id, reviewer: 'Procurement lead', reviewDate: '2026-11-20', outcome: 'approve' });
    expect(decided.metrics).toMatchObject({ recommendation: 'approve', hhiAfter: review.metrics[0]!.after.hhi });
    expect(ok<Vendor>(service, 'vendors.get', { id: small.id }).status).toBe('active');
    const live = ok<PortfolioScore>(service, 'scoring.portfolio', {});
    for (const m of review.metrics) {
      expect(live.bases[m.basis].hhi).toBeCloseTo(m.after.hhi, 9);
      expect(live.bases[m.basis].cr1).toBeCloseTo(m.after.cr1, 12);
    }
    expect(ok<Review[]>(service, 'reviews.list', { vendorId: small.id })).toHaveLength(1);
  });

  it('names new single points of failure and fourth parties it would share', () => {
    const { service, add, hold } = setup();
    const cloud = add('Cloud', { direct: false });
    const contact = ok<{ rows: { id: number; name: string }[] }>(service, 'vendors.list', { search: 'Contact' }).rows[0]!;
    ok(service, 'dependencies.add', { vendorId: contact.id, supplierId: cloud.id });
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Loyalty', criticality: 'critical' } });
    const proposed = add('Loyalty engine', { status: 'proposed', exitPlan: true });
    hold(proposed, 'loyalty', 10);
    ok(service, 'services.link', { serviceId: svc.id, vendorId: proposed.id, reliance: 'full' });
    ok(service, 'dependencies.add', { vendorId: proposed.id, supplierId: cloud.id });
    const review = ok<ProcurementReview>(service, 'reviews.whatIf', { vendorId: proposed.id });
    expect(review.newSinglePointsOfFailure.map((p) => p.serviceName)).toEqual(['Loyalty']);
    expect(review.recommendation.outcome).toBe('escalate');
    expect(review.dependencyChanges).toMatchObject([{ name: 'Cloud', vendorsBefore: 1 }]);
  });
});
