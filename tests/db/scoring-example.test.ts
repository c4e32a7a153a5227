// Reproduces the worked example of docs/scoring.md: builds its register, scores it, and compares every figure
// with the "example-results" block of the document, so the document and the engine cannot drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataCategory, Vendor } from '../../db/contract';
import { openRegister } from '../../db/connection';
import { scorePortfolio, scoreVendor } from '../../db/scoring';
import { ok, serviceWithRegister, vendor } from './helpers';

const NOW = new Date('2026-07-01T00:00:00Z');

export function buildExample() {
  const { service, file } = serviceWithRegister('Worked example');
  const category = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
  const add = (name: string, extra: object) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
  const hold = (v: Vendor, code: string, records: number, storageCountry: string) =>
    ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: category.get(code)!, records, storageCountry } });

  const harbour = add('Harbour Contact', { serviceType: 'customer_servicing', substitutability: 'difficult', exitPlan: false });
  const payco = add('PayCo', { serviceType: 'payment_gateway', substitutability: 'medium', exitPlan: true });
  const chatco = add('ChatCo', { serviceType: 'chat_messaging', substitutability: 'easy', exitPlan: true });
  const gateway = add('Gateway', { serviceType: 'payment_gateway', direct: false });
  hold(harbour, 'name', 6_000_000, 'PH');
  hold(harbour, 'date_of_birth', 4_000_000, 'PH');
  hold(payco, 'payment_card', 2_000_000, 'US');
  hold(chatco, 'email', 400_000, 'AU');
  hold(chatco, 'payment_card', 200_000, 'AU');
  ok(service, 'dependencies.add', { vendorId: payco.id, supplierId: gateway.id });
  ok(service, 'dependencies.add', { vendorId: chatco.id, supplierId: gateway.id });
  const contact = ok<{ id: number }>(service, 'services.save', { service: { name: 'Customer contact', criticality: 'critical' } });
  const payments = ok<{ id: number }>(service, 'services.save', { service: { name: 'Card payments', criticality: 'critical' } });
  ok(service, 'services.link', { serviceId: contact.id, vendorId: harbour.id, reliance: 'full' });
  ok(service, 'services.link', { serviceId: payments.id, vendorId: payco.id, reliance: 'full' });
  ok(service, 'services.link', { serviceId: payments.id, vendorId: chatco.id, reliance: 'low' });
  ok(service, 'incidents.save', {
    incident: { vendorId: harbour.id, title: 'Platform breach', kind: 'cyberattack', occurredFrom: '2025-07-01', recordsAffected: 6_000_000, categoryIds: [category.get('name')!, category.get('date_of_birth')!] },
  });
  service.close();
  return { file, harbour };
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
    const { file, harbour } = buildExample();
    const { db } = openRegister(file);
    try {
      const p = scorePortfolio(db, NOW);
      const v = scoreVendor(db, harbour.id, NOW);
      const gateway = p.fourthParties.find((f) => f.name === 'Gateway')!;
      const computed: Record<string, number> = {
        'total exposure': p.bases.exposure.total,
        'share Harbour Contact': 100 * p.bases.exposure.top[0]!.share,
        'share PayCo': 100 * p.bases.exposure.top[1]!.share,
        'share ChatCo': 100 * p.bases.exposure.top[2]!.share,
        HHI: p.bases.exposure.hhi,
        'effective number': p.bases.exposure.effectiveNumber!,
        'CR1 %': 100 * p.bases.exposure.cr1,
        'HHI on records': p.bases.records.hhi,
        'HHI on critical services': p.bases.critical.hhi,
        'Gateway fan-in': gateway.fanIn,
        'Gateway exposure behind': gateway.exposureBehind,
        'look-through HHI': p.lookThroughHhi,
        'hidden concentrations': p.fourthParties.filter((f) => f.hidden).length,
        'single points of failure': p.singlePointsOfFailure.length,
        'outside home country %': 100 * p.geography.outsideHomeShare,
        'Harbour impact': v.factors[0]!.value,
        'Harbour likelihood': v.factors[1]!.value,
        'Harbour resilience gap': v.factors[2]!.value,
        'Harbour risk score': v.score,
      };
      const documented = documentedResults();
      expect([...documented.keys()].sort()).toEqual(Object.keys(computed).sort());
      for (const [key, value] of documented) {
        const decimals = (String(value).split('.')[1] ?? '').length;
        expect(computed[key]!.toFixed(decimals), key).toBe(value.toFixed(decimals));
      }
    } finally {
      db.close();
    }
  });
});
