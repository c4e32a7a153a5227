// docs/scenarios.md's worked example, rebuilt through the API and compared figure by figure with the document's
// "example-results" block: the document and the engine cannot drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataCategory, ScenarioResult, ScoringSettings, Vendor } from '../../db/contract';
import { ok, serviceWithRegister, vendor } from './helpers';

function documentedResults(): Map<string, number> {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/scenarios.md'), 'utf8');
  const block = /```example-results\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/scenarios.md has no example-results block');
  return new Map(
    block[1]!
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.lastIndexOf(':');
        return [line.slice(0, at).trim(), Number(line.slice(at + 1).trim().replace(/,/g, ''))];
      }),
  );
}

const hoursBetween = (a: string, b: string) => (Date.parse(`${b}:00Z`) - Date.parse(`${a}:00Z`)) / 3_600_000;

describe('the worked example of docs/scenarios.md', () => {
  it('gives every documented figure', () => {
    const { service } = serviceWithRegister('Worked example');
    const category = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
    const add = (name: string, extra: object) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
    const hold = (v: Vendor, code: string, records: number, storageCountry: string) => ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: category.get(code)!, records, storageCountry } });
    ok(service, 'settings.updateScoring', { settings: { ...ok<ScoringSettings>(service, 'settings.scoring', {}), customerBase: 8_000_000 } });
    const harbour = add('Harbour Contact', { substitutability: 'difficult', exitPlan: false, people: 6_000_000 });
    const payco = add('PayCo', { substitutability: 'medium', exitPlan: true });
    const chatco = add('ChatCo', { substitutability: 'easy', exitPlan: true });
    const gateway = add('Gateway', { direct: false });
    const cardvault = add('CardVault', { status: 'proposed', substitutability: 'easy', exitPlan: true });
    hold(harbour, 'name', 6_000_000, 'PH');
    hold(harbour, 'date_of_birth', 4_000_000, 'PH');
    hold(payco, 'payment_card', 2_000_000, 'US');
    hold(chatco, 'email', 400_000, 'AU');
    hold(chatco, 'payment_card', 200_000, 'AU');
    hold(cardvault, 'payment_card', 500_000, 'SG');
    for (const v of [payco, chatco, cardvault]) ok(service, 'dependencies.add', { vendorId: v.id, supplierId: gateway.id });
    const contact = ok<{ id: number }>(service, 'services.save', { service: { name: 'Customer contact', criticality: 'critical' } });
    const payments = ok<{ id: number }>(service, 'services.save', { service: { name: 'Card payments', criticality: 'critical', maxOutageHours: 4 } });
    ok(service, 'services.link', { serviceId: contact.id, vendorId: harbour.id, reliance: 'full' });
    ok(service, 'services.link', { serviceId: payments.id, vendorId: payco.id, reliance: 'full' });
    ok(service, 'services.link', { serviceId: payments.id, vendorId: chatco.id, reliance: 'material' });

    const start = '2026-07-01T09:00';
    const target = { kind: 'vendor', id: gateway.id };
    const breach = ok<ScenarioResult>(service, 'scenarios.run', { scenario: { target, mode: 'breach', startsAt: start, toldAfterHours: 48 } });
    const outage = ok<ScenarioResult>(service, 'scenarios.run', { scenario: { target, mode: 'outage', startsAt: start, outageHours: 6 } });
    const e = breach.exposure!;
    const card = e.categories.find((c) => c.code === 'payment_card')!;
    const due = (r: ScenarioResult, rule: string) => r.obligations.find((o) => o.ruleId === rule)!.steps[0]!.due!;
    const computed = new Map<string, number>([
      ['vendors affected', breach.vendors.length],
      ['people lower bound', e.lower],
      ['people upper bound', e.upper],
      ['payment card lower', card.lower],
      ['payment card upper', card.upper],
      ['notifiable categories', e.notifiable.length],
      ['storage countries', e.countries.length],
      ['critical services stopped', breach.services.filter((s) => s.state === 'stopped' && s.criticality === 'critical').length],
      ['OAIC assessment due, days after the start', hoursBetween(start, due(breach, 'oaic-ndb')) / 24],
      ['CPS 234 due, hours after the start', hoursBetween(start, due(breach, 'apra-cps234'))],
      ['cost low USD', breach.cost!.low],
      ['cost high USD', breach.cost!.high],
      ['outage services past tolerance', outage.services.filter((s) => s.toleranceBreached).length],
      ['CPS 230 due, hours after the start', hoursBetween(start, due(outage, 'apra-cps230'))],
    ]);
    const documented = documentedResults();
    expect([...documented.keys()].sort()).toEqual([...computed.keys()].sort());
    for (const [key, value] of documented) expect(computed.get(key), key).toBe(value);
    expect(breach.vendors.map((v) => v.name).sort()).toEqual(['ChatCo', 'PayCo']);
    expect(breach.obligations.map((o) => o.ruleId)).toEqual(['oaic-ndb', 'apra-cps234']);
  });
});
