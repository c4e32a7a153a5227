// Reproduces the worked example of docs/scoring.md (method v2): builds its register, scores it, runs the review of the
// proposed vendor, and compares every figure with the "example-results" block of the document, so the document and
// the engine cannot drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataCategory, ScoringSettings, Vendor } from '../../db/contract';
import { openRegister } from '../../db/connection';
import { whatIf } from '../../db/procurement';
import { scorePortfolio, scoreVendor } from '../../db/scoring';
import { ok, serviceWithRegister, vendor } from './helpers';

const NOW = new Date('2026-07-01T00:00:00Z');

export function buildExample() {
  const { service, file } = serviceWithRegister('Worked example');
  const category = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
  const add = (name: string, extra: object) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
  const hold = (v: Vendor, code: string, records: number, storageCountry: string) =>
    ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: category.get(code)!, records, storageCountry } });
  const settings = ok<ScoringSettings>(service, 'settings.scoring', {});
  ok(service, 'settings.updateScoring', { settings: { ...settings, customerBase: 8_000_000 } });

  const harbour = add('Harbour Contact', { serviceType: 'customer_servicing', substitutability: 'difficult', exitPlan: false, people: 6_000_000, nextReviewDue: '2026-06-01' });
  const payco = add('PayCo', { serviceType: 'payment_gateway', substitutability: 'medium', exitPlan: true, nextReviewDue: '2027-01-01' });
  const chatco = add('ChatCo', { serviceType: 'chat_messaging', substitutability: 'easy', exitPlan: true, nextReviewDue: '2027-01-01' });
  const gateway = add('Gateway', { serviceType: 'payment_gateway', direct: false });
  const cardvault = add('CardVault', { serviceType: 'payment_gateway', status: 'proposed', substitutability: 'easy', exitPlan: true, nextReviewDue: '2027-01-01' });
  hold(harbour, 'name', 6_000_000, 'PH');
  hold(harbour, 'date_of_birth', 4_000_000, 'PH');
  hold(payco, 'payment_card', 2_000_000, 'US');
  hold(chatco, 'email', 400_000, 'AU');
  hold(chatco, 'payment_card', 200_000, 'AU');
  hold(cardvault, 'payment_card', 500_000, 'SG');
  for (const v of [payco, chatco, cardvault]) ok(service, 'dependencies.add', { vendorId: v.id, supplierId: gateway.id });
  const contact = ok<{ id: number }>(service, 'services.save', { service: { name: 'Customer contact', criticality: 'critical' } });
  const payments = ok<{ id: number }>(service, 'services.save', { service: { name: 'Card payments', criticality: 'critical' } });
  ok(service, 'services.save', { service: { name: 'Complaints line', criticality: 'important' } });
  ok(service, 'services.link', { serviceId: contact.id, vendorId: harbour.id, reliance: 'full' });
  ok(service, 'services.link', { serviceId: payments.id, vendorId: payco.id, reliance: 'full' });
  ok(service, 'services.link', { serviceId: payments.id, vendorId: chatco.id, reliance: 'material' });
  ok(service, 'incidents.save', {
    incident: { vendorId: harbour.id, title: 'Platform breach', kind: 'cyberattack', occurredFrom: '2025-07-01', recordsAffected: 6_000_000, categoryIds: [category.get('name')!, category.get('date_of_birth')!] },
  });
  service.close();
  return { file, harbour, cardvault };
}

function documentedResults(): Map<string, number> {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/scoring.md'), 'utf8');
  const block = /```example-results\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/scoring.md has no example-results block');
  return new Map(
    block[1]!
      .trim()
      .split('\n')
      .map((line) => {
        const [key, value] = line.split(':').map((part) => part.trim());
        return [key!, Number(value!.replace(/,/g, ''))];
      }),
  );
}

describe('the worked example in docs/scoring.md', () => {
  it('is reproduced exactly by the engine', () => {
    const { file, harbour, cardvault } = buildExample();
    const { db } = openRegister(file);
    try {
      const p = scorePortfolio(db, NOW);
      const v = scoreVendor(db, harbour.id, NOW);
      const review = whatIf(db, cardvault.id, NOW);
      const factor = (key: string) => v.factors.find((f) => f.key === key)!.value;
      const provider = (name: string) => p.providers.find((f) => f.name === name)!;
      const spof = (service: string) => p.singlePointsOfFailure.find((s) => s.serviceName === service)!;
      const kinds = { direct: 1, hidden: 2, unsupported: 3 };
      const severities = { low: 1, medium: 2, high: 3 };
      const computed: Record<string, number> = {
        'total exposure': p.bases.exposure.total,
        'share Harbour Contact': 100 * p.bases.exposure.top[0]!.share,
        'share PayCo': 100 * p.bases.exposure.top[1]!.share,
        'share ChatCo': 100 * p.bases.exposure.top[2]!.share,
        HHI: p.bases.exposure.hhi,
        'effective number': p.bases.exposure.effectiveNumber!,
        'CR1 %': 100 * p.bases.exposure.cr1,
        'HHI on people': p.bases.people.hhi,
        'HHI on critical services': p.bases.critical.hhi,
        'people lower bound': p.people.lowerBound,
        'people upper bound': p.people.upperBound,
        'Harbour share of customers %': 100 * p.people.largestHolder!.shareOfBase!,
        'Gateway dependency share %': 100 * provider('Gateway').share,
        'Gateway vendors': provider('Gateway').vendorCount,
        'largest dependency share %': 100 * p.largestDependency!.share,
        'hidden concentrations': p.hiddenConcentrations,
        'single points of failure': p.singlePointsOfFailure.length,
        'Customer contact kind (1 direct, 2 hidden, 3 unsupported)': kinds[spof('Customer contact').kind],
        'Card payments kind (1 direct, 2 hidden, 3 unsupported)': kinds[spof('Card payments').kind],
        'Card payments severity (1 low, 2 medium, 3 high)': severities[spof('Card payments').severity],
        'Complaints line kind (1 direct, 2 hidden, 3 unsupported)': kinds[spof('Complaints line').kind],
        'outside home country %': 100 * p.geography.outsideHomeShare,
        'Harbour impact': factor('impact'),
        'Harbour resilience gap': factor('resilience'),
        'Harbour severity': factor('severity'),
        'Harbour likelihood': factor('likelihood'),
        'Harbour risk score': v.score,
        'CardVault HHI after': review.metrics[0]!.after.hhi,
        'CardVault delta HHI': review.metrics[0]!.deltaHhi,
        'CardVault total exposure after': review.totalExposureAfter,
        'CardVault Gateway dependency share after %': 100 * review.dependencyChanges.find((d) => d.name === 'Gateway')!.shareAfter,
        'CardVault 2023 test flagged (1 yes, 0 no)': review.test2023.flagged ? 1 : 0,
      };
      const documented = documentedResults();
      expect([...documented.keys()].sort()).toEqual(Object.keys(computed).sort());
      for (const [key, value] of documented) {
        const decimals = (String(value).split('.')[1] ?? '').length;
        expect(computed[key]!.toFixed(decimals), key).toBe(value.toFixed(decimals));
      }
      // The review reads the falling HHI as dilution and asks to avoid a second copy of card data.
      expect(review.exposureReading).toMatch(/spreads the shares.*risk does not fall/);
      expect(review.duplicatedCategories).toEqual(['Full payment card (PAN + expiry + CVV)']);
      expect(review.recommendation.conditions.join(' ')).toMatch(/second copy of “Full payment card.*2 of our vendors already hold it/);
    } finally {
      db.close();
    }
  });
});
