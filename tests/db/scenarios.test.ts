// Breach and outage scenarios (docs/scenarios.md): the sample register's "Stratus Cloud breached" and "[24]7.ai
// breached" derived independently from its rows by the documented method; an outage past tolerance flagged; the
// ranking, saved exercises and their comparison on reopening; and the migration carrying a register through 0080.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Obligation, ProviderRanking, ReopenedScenario, SavedScenario, SavedScenarioSummary, ScenarioResult, ScenarioSettings, Service, VendorPage } from '../../db/contract';
import { openRegister } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { addClock, readScenarioSettings } from '../../db/scenarios';
import { createRegisterService } from '../../db/service';
import { DEFAULT_SCENARIO_SETTINGS } from '../../db/shared/scenario-settings';
import { job, ok, serviceWithRegister, tempDir, vendor } from './helpers';

function sample() {
  const file = path.join(tempDir(), 'Sample.vrr');
  const service = createRegisterService({ actor: 'tester' });
  service.open(file, { create: true, sample: true });
  const ids = new Map(ok<VendorPage>(service, 'vendors.list', { limit: 1000 }).rows.map((r) => [r.name, r.id]));
  return { service, file, ids, close: () => service.close() };
}

/** The method of docs/scenarios.md, recomputed here from the register's rows alone. */
function derive(file: string, targetId: number) {
  const db = new Database(file, { readonly: true });
  try {
    const vendors = db.prepare('SELECT id, name, status, direct, people, substitutability, exit_plan FROM vendors').all() as { id: number; name: string; status: string; direct: number; people: number | null }[];
    const live = vendors.filter((v) => v.direct === 1 && ['active', 'under_review', 'offboarding'].includes(v.status));
    const suppliers = new Map<number, number[]>();
    for (const d of db.prepare('SELECT vendor_id, supplier_id FROM dependencies').all() as { vendor_id: number; supplier_id: number }[]) suppliers.set(d.vendor_id, [...(suppliers.get(d.vendor_id) ?? []), d.supplier_id]);
    const reaches = (from: number) => {
      const seen = new Set<number>();
      const queue = [...(suppliers.get(from) ?? [])];
      while (queue.length) {
        const next = queue.shift()!;
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(...(suppliers.get(next) ?? []));
      }
      return seen.has(targetId);
    };
    const affected = live.filter((v) => v.id === targetId || reaches(v.id));
    const holdings = db.prepare('SELECT h.vendor_id, c.label, c.notifiable, h.storage_country, h.records FROM holdings h JOIN data_categories c ON c.id = h.category_id').all() as { vendor_id: number; label: string; notifiable: number; storage_country: string | null; records: number }[];
    const base = (JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'scoring'").pluck().get() as string) as { customerBase: number | null }).customerBase;
    const ids = new Set(affected.map((v) => v.id));
    const mine = holdings.filter((h) => ids.has(h.vendor_id));
    const byVendorCategory = new Map<string, number>();
    for (const h of mine) byVendorCategory.set(`${h.vendor_id}|${h.label}`, (byVendorCategory.get(`${h.vendor_id}|${h.label}`) ?? 0) + h.records);
    const people = (v: { id: number; people: number | null }) => Math.max(v.people ?? 0, ...[...byVendorCategory].filter(([k]) => k.startsWith(`${v.id}|`)).map(([, n]) => n), 0);
    const cap = (n: number) => (base === null ? n : Math.min(n, base));
    const categories = new Map<string, number[]>();
    for (const [key, n] of byVendorCategory) {
      const label = key.split('|')[1]!;
      categories.set(label, [...(categories.get(label) ?? []), n]);
    }
    const services = db.prepare("SELECT s.id, s.name, s.criticality, s.max_outage_hours FROM services s WHERE criticality IN ('critical', 'important')").all() as { id: number; name: string; criticality: string; max_outage_hours: number | null }[];
    const links = db.prepare("SELECT service_id, vendor_id FROM service_vendors WHERE reliance IN ('full', 'material')").all() as { service_id: number; vendor_id: number }[];
    const liveIds = new Set(live.map((v) => v.id));
    const stopped = services.filter((s) => {
      const supporting = links.filter((l) => l.service_id === s.id && liveIds.has(l.vendor_id));
      return supporting.length > 0 && supporting.every((l) => ids.has(l.vendor_id));
    });
    return {
      vendors: affected.map((v) => v.name).sort(),
      lower: Math.max(...affected.map(people)),
      upper: cap(affected.reduce((s, v) => s + people(v), 0)),
      categories: Object.fromEntries([...categories].map(([label, counts]) => [label, [Math.max(...counts), cap(counts.reduce((s, n) => s + n, 0))]])),
      notifiable: [...new Set(mine.filter((h) => h.notifiable === 1 && h.records > 0).map((h) => h.label))].sort(),
      countries: [...new Set(mine.map((h) => h.storage_country))].sort(),
      stopped: stopped.map((s) => s.name).sort(),
    };
  } finally {
    db.close();
  }
}

const run = (service: ReturnType<typeof sample>['service'], scenario: object) => ok<ScenarioResult>(service, 'scenarios.run', { scenario });
const steps = (o: Obligation | undefined) => o?.steps.map((s) => [s.step.split(' ')[0], s.due]);

describe('the sample register', () => {
  it('“Stratus Cloud breached”: people, categories, countries, services and obligations as the method derives them from the rows', () => {
    const { service, file, ids, close } = sample();
    try {
      const stratus = ids.get('Stratus Cloud')!;
      const r = run(service, { target: { kind: 'vendor', id: stratus }, mode: 'breach', startsAt: '2026-07-01T09:00' });
      close(); // the register is held exclusively while open: its rows are read after
      const expected = derive(file, stratus);
      expect(r.vendors.map((v) => v.name).sort()).toEqual(expected.vendors);
      // Its own vendors and those riding on it (ANZ and Sentinel through CyberSource); not Stratus Analytics (same
      // group, no dependency), not the proposed Parley AI and ChatNest.
      expect(expected.vendors).toEqual(expect.arrayContaining(['Stratus Cloud', 'Harbourline Customer Care', '[24]7.ai', 'ANZ Merchant Payments', 'Sentinel Fraud Screening', 'AppForge Mobile']));
      expect(expected.vendors).not.toContain('Stratus Analytics');
      expect(expected.vendors).not.toContain('Parley AI');
      expect(r.exposure).toMatchObject({ lower: expected.lower, upper: expected.upper });
      expect(r.exposure!.lower).toBe(6_000_000); // Harbourline's entered distinct people
      expect(r.exposure!.upper).toBe(9_500_000); // the sum is far above the customer base, which caps it
      expect(Object.fromEntries(r.exposure!.categories.map((c) => [c.label, [c.lower, c.upper]]))).toEqual(expected.categories);
      expect([...r.exposure!.notifiable].sort()).toEqual(expected.notifiable);
      expect(r.exposure!.notifiable).toEqual(expect.arrayContaining(['Account credentials', 'Full payment card (PAN + expiry + CVV)']));
      expect(r.exposure!.countries.map((c) => c.country).sort()).toEqual(expected.countries);
      expect(r.services.filter((s) => s.state === 'stopped').map((s) => s.name).sort()).toEqual(expected.stopped);
      expect(expected.stopped).toEqual(['Card payments', 'Customer contact centre', 'Frequent flyer programme', 'Mobile app', 'Online retail orders', 'Online sales chat']);

      // Operating in Australia: OAIC and CPS 234 apply; GDPR is to check, because Northwind CRM stores data in Ireland.
      const by = new Map(r.obligations.map((o) => [o.ruleId, o]));
      expect([...by.keys()].sort()).toEqual(['apra-cps234', 'gdpr-art33', 'oaic-ndb']);
      expect(by.get('oaic-ndb')!.status).toBe('applies');
      expect(steps(by.get('oaic-ndb'))).toEqual([['Finish', '2026-07-31T09:00'], ['Statement', null], ['Notify', null]]);
      expect(steps(by.get('apra-cps234'))).toEqual([['Notify', '2026-07-04T09:00']]);
      expect(by.get('gdpr-art33')).toMatchObject({ status: 'check' });
      expect(by.get('gdpr-art33')!.reason).toContain('Ireland');
      // A large breach: the published totals, never per record × millions.
      expect(r.cost).toMatchObject({ currency: 'USD', low: 42_000_000, high: 375_000_000 });
    } finally {
      close();
    }
  });

  it('“[24]7.ai breached”, told 167 days later as Delta was: its own data only, card data notifiable, deadlines from when we are told', () => {
    const { service, file, ids, close } = sample();
    try {
      const chat = ids.get('[24]7.ai')!;
      const r = run(service, { target: { kind: 'vendor', id: chat }, mode: 'breach', startsAt: '2017-09-26T00:00', toldAfterHours: 167 * 24 });
      close();
      const expected = derive(file, chat);
      expect(r.vendors.map((v) => v.name)).toEqual(['[24]7.ai']);
      expect(expected.vendors).toEqual(['[24]7.ai']);
      // One vendor: the bounds meet at its largest category (no distinct count entered).
      expect([r.exposure!.lower, r.exposure!.upper]).toEqual([expected.lower, expected.upper]);
      expect(r.exposure!.lower).toBe(420_000);
      expect(r.exposure!.notifiable).toEqual(expected.notifiable);
      expect(r.exposure!.notifiable).toEqual(['Full payment card (PAN + expiry + CVV)']);
      expect(r.exposure!.countries.map((c) => c.country)).toEqual(['US']);
      // It supports Online sales chat fully (stopped if taken offline); its low reliance on Card payments does not count.
      expect(r.services.map((s) => [s.name, s.state])).toEqual([['Online sales chat', 'stopped']]);
      expect(expected.stopped).toEqual(['Online sales chat']);
      expect(r.awareAt).toBe('2018-03-12T00:00');
      const by = new Map(r.obligations.map((o) => [o.ruleId, o]));
      expect([...by.keys()].sort()).toEqual(['apra-cps234', 'oaic-ndb']);
      expect(by.get('oaic-ndb')!.status).toBe('applies');
      expect(steps(by.get('oaic-ndb'))![0]).toEqual(['Finish', '2018-04-11T00:00']);
      expect(steps(by.get('apra-cps234'))).toEqual([['Notify', '2018-03-15T00:00']]);
      // 420,000 people × $165 and × $173 a record.
      expect(r.cost).toMatchObject({ low: 69_300_000, high: 72_660_000 });
    } finally {
      close();
    }
  });

  it('flags an outage of a critical service’s sole provider past its tolerance, with the CPS 230 24-hour notice', () => {
    const { service, ids, close } = sample();
    try {
      const orders = ok<Service[]>(service, 'services.list', {}).find((s) => s.name === 'Online retail orders')!;
      expect(orders.maxOutageHours).toBe(12);
      const outage = (hours: number) => run(service, { target: { kind: 'vendor', id: ids.get('Orderline Commerce')! }, mode: 'outage', startsAt: '2026-07-01T09:00', outageHours: hours });
      const long = outage(24);
      const stopped = long.services.find((s) => s.name === 'Online retail orders')!;
      expect(stopped).toMatchObject({ state: 'stopped', maxOutageHours: 12, toleranceBreached: true });
      expect(stopped.vendors).toEqual([expect.objectContaining({ name: 'Orderline Commerce', reliance: 'full', substitutability: 'medium', exitPlan: false })]);
      // Card payments keeps ANZ and Sentinel: degraded, not stopped.
      expect(long.services.find((s) => s.name === 'Card payments')!.state).toBe('degraded');
      expect(long.exposure).toBeNull();
      expect(long.cost).toBeNull();
      expect(long.obligations.map((o) => [o.ruleId, o.status, o.steps[0]!.due])).toEqual([['apra-cps230', 'applies', '2026-07-02T09:00']]);

      const short = outage(6);
      expect(short.services.find((s) => s.name === 'Online retail orders')!.toleranceBreached).toBe(false);
      expect(short.obligations).toEqual([]);
    } finally {
      close();
    }
  });

  it('ranks every provider group by people exposed and critical services stopped, in a job with progress', async () => {
    const { service, ids, close } = sample();
    try {
      const phases: string[] = [];
      const ranking = await job<ProviderRanking>(service, 'scenarios.rank', {}, (s) => phases.push(s.phase));
      expect(phases.some((p) => /supply chain|Ranking/.test(p))).toBe(true);
      // Stratus Holdings (Stratus Cloud and Stratus Analytics) is behind the most critical services.
      const top = ranking.byCritical[0]!;
      expect(top.name).toBe('Stratus Holdings');
      // Its outage, run as a scenario, stops the same critical services.
      const group = run(service, { target: { kind: 'group', id: ids.get('Stratus Holdings')! }, mode: 'outage', startsAt: '2026-07-01T09:00', outageHours: 1 });
      const stopped = group.services.filter((s) => s.state === 'stopped' && s.criticality === 'critical').map((s) => s.name).sort();
      expect(top.criticalServices).toEqual(stopped);
      expect(top.criticalStopped).toBe(stopped.length);
      // Each ranked figure is the scenario's: the people bounds of a group breach.
      const breach = run(service, { target: { kind: 'group', id: top.groupKey }, mode: 'breach', startsAt: '2026-07-01T09:00' });
      expect([top.peopleLower, top.peopleUpper]).toEqual([breach.exposure!.lower, breach.exposure!.upper]);
      for (const p of ranking.byPeople) {
        const r = run(service, { target: { kind: 'group', id: p.groupKey }, mode: 'breach', startsAt: '2026-07-01T09:00' });
        expect([p.name, p.peopleLower, p.peopleUpper]).toEqual([p.name, r.exposure!.lower, r.exposure!.upper]);
      }
      expect(ranking.byPeople.length).toBe(10);
      for (let i = 1; i < ranking.byPeople.length; i++) expect(ranking.byPeople[i - 1]!.peopleLower).toBeGreaterThanOrEqual(ranking.byPeople[i]!.peopleLower);
      // The board's ranking, tallied by the portfolio's scoring as it walks the chains, is the job's.
      const board = ok<{ scenarioRanking: ProviderRanking }>(service, 'board.summary', { periodDays: 91 });
      expect({ ...board.scenarioRanking, asOf: null }).toEqual({ ...ranking, asOf: null });
    } finally {
      close();
    }
  });

  it('saves a tabletop exercise with its figures, lists and reopens it, and compares the recomputed figures', () => {
    const { service, ids, close } = sample();
    try {
      const scenario = { target: { kind: 'vendor', id: ids.get('[24]7.ai')! }, mode: 'breach', startsAt: '2026-07-01T09:00' };
      const saved = ok<SavedScenario>(service, 'scenarios.save', { name: 'Chat vendor breach', scenario, assumptions: 'Card data typed into chat is exposed.', notes: null });
      expect(saved.figures.find((f) => f.key === 'people')!.value).toBe('420,000');
      expect(ok<SavedScenarioSummary[]>(service, 'scenarios.list', {}).map((s) => s.name)).toEqual(['Chat vendor breach']);
      let reopened = ok<ReopenedScenario>(service, 'scenarios.get', { id: saved.id });
      expect(reopened.comparison.every((c) => !c.changed)).toBe(true);

      // The vendor now holds more cards: the reopened exercise shows the saved and the recomputed figure.
      const cards = ok<{ id: number; code: string }[]>(service, 'categories.list', {}).find((c) => c.code === 'payment_card')!;
      ok(service, 'holdings.save', { holding: { vendorId: ids.get('[24]7.ai')!, categoryId: cards.id, records: 500_000, storageCountry: 'SG' } });
      reopened = ok<ReopenedScenario>(service, 'scenarios.get', { id: saved.id });
      const people = reopened.comparison.find((c) => c.key === 'people')!;
      expect(people).toEqual({ key: 'people', label: 'People exposed', saved: '420,000', now: '660,000', changed: true });
      expect(reopened.comparison.find((c) => c.key === 'countries')).toMatchObject({ saved: '1: United States', now: '2: United States, Singapore', changed: true });

      const brief = ok<{ html: string; fileName: string }>(service, 'scenarios.brief', { id: saved.id });
      expect(brief.fileName).toMatch(/^Scenario brief - Chat vendor breach - \d{4}-\d{2}-\d{2}\.html$/);
      expect(brief.html).not.toMatch(/<script|<link|src="http|href="http/i);
      expect(brief.html).toContain('420,000 <span class="changed">→ now 660,000</span>');
      expect(brief.html).toContain('2026-07-04 09:00');

      ok(service, 'scenarios.delete', { id: saved.id });
      expect(ok<SavedScenarioSummary[]>(service, 'scenarios.list', {})).toEqual([]);
    } finally {
      close();
    }
  });
});

describe('rules, settings and edge cases', () => {
  it('takes the rules from the settings: operating in the EU brings GDPR and DORA; a disabled rule is left out', () => {
    const { service } = serviceWithRegister();
    const v = ok<{ id: number }>(service, 'vendors.create', { vendor: vendor({ name: 'EU Host', substitutability: 'difficult' }) });
    const cards = ok<{ id: number; code: string }[]>(service, 'categories.list', {}).find((c) => c.code === 'payment_card')!;
    ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: cards.id, records: 500, storageCountry: 'DE' } });
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Payments', criticality: 'critical', maxOutageHours: 2 } });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: v.id, reliance: 'full' });
    const settings = ok<ScenarioSettings>(service, 'scenarioSettings.get', {});
    expect(settings).toEqual(DEFAULT_SCENARIO_SETTINGS);
    ok(service, 'scenarioSettings.update', { settings: { ...settings, operatesIn: ['AU', 'EU'], rules: settings.rules.map((r) => (r.id === 'apra-cps234' ? { ...r, enabled: false } : r)) } });
    const breach = run(service, { target: { kind: 'vendor', id: v.id }, mode: 'breach', startsAt: '2026-01-31T22:30' });
    expect(breach.obligations.map((o) => [o.ruleId, o.status])).toEqual([['oaic-ndb', 'applies'], ['gdpr-art33', 'applies'], ['dora-major', 'check']]);
    // DORA's reports follow one another: initial 24 h after awareness, intermediate 72 h later, final a month after that.
    expect(breach.obligations[2]!.steps.map((s) => s.due)).toEqual(['2026-02-01T22:30', '2026-02-04T22:30', '2026-03-04T22:30']);
    // 500 people: per-record costs.
    expect(breach.cost).toMatchObject({ low: 500 * 165, high: 500 * 173 });
    const outage = run(service, { target: { kind: 'vendor', id: v.id }, mode: 'outage', startsAt: '2026-01-31T22:30', outageHours: 3 });
    expect(outage.obligations.map((o) => o.ruleId)).toEqual(['apra-cps230', 'dora-major']);
    expect(service.call('scenarioSettings.update', { settings: { ...settings, operatesIn: ['XX'] } }).ok).toBe(false);
  });

  it('refuses an outage without its length, a provider no longer in the register, and a date that is not one', () => {
    const { service } = serviceWithRegister();
    const v = ok<{ id: number }>(service, 'vendors.create', { vendor: vendor() });
    const refused = (scenario: object) => service.call('scenarios.run', { scenario });
    expect(refused({ target: { kind: 'vendor', id: v.id }, mode: 'outage', startsAt: '2026-07-01T09:00' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(refused({ target: { kind: 'vendor', id: 999 }, mode: 'breach', startsAt: '2026-07-01T09:00' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(refused({ target: { kind: 'vendor', id: v.id }, mode: 'breach', startsAt: '2026-02-30T09:00' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A vendor holding nothing: no people, no cost, no obligation — zeros, not made-up figures.
    const r = run(service, { target: { kind: 'vendor', id: v.id }, mode: 'breach', startsAt: '2026-07-01T09:00' });
    expect(r.exposure).toMatchObject({ lower: 0, upper: 0, categories: [] });
    expect(r.cost).toBeNull();
    expect(r.obligations).toEqual([]);
  });

  it('carries each rule’s source link and year into its obligation, refuses a link that is not https and a year that is not one at their fields, and still reads rules saved without them', () => {
    const { service } = serviceWithRegister();
    const v = ok<{ id: number }>(service, 'vendors.create', { vendor: vendor({ name: 'Mailer' }) });
    const email = ok<{ id: number; code: string }[]>(service, 'categories.list', {}).find((c) => c.code === 'email')!;
    ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: email.id, records: 10, storageCountry: 'AU' } });
    const oaic = run(service, { target: { kind: 'vendor', id: v.id }, mode: 'breach', startsAt: '2026-07-01T09:00' }).obligations.find((o) => o.ruleId === 'oaic-ndb')!;
    expect(oaic).toMatchObject({ sourceUrl: 'https://www.oaic.gov.au/privacy/notifiable-data-breaches/report-a-data-breach', sourceYear: 2018 });

    const settings = ok<ScenarioSettings>(service, 'scenarioSettings.get', {});
    const edited = (change: object) => ({ settings: { ...settings, rules: settings.rules.map((r, n) => (n === 0 ? { ...r, ...change } : r)) } });
    expect(service.call('scenarioSettings.update', edited({ sourceUrl: 'http://example.org/act', sourceYear: 'last year' }))).toMatchObject({
      ok: false,
      error: { details: { fields: { 'settings.rules.0.sourceUrl': 'Enter a full web address starting with https://', 'settings.rules.0.sourceYear': 'Enter a year, e.g. 2024.' } } },
    });
    ok(service, 'scenarioSettings.update', edited({ sourceUrl: '', sourceYear: null }));
    expect(ok<ScenarioSettings>(service, 'scenarioSettings.get', {}).rules[0]).toMatchObject({ sourceUrl: null, sourceYear: null });

    // A register whose rules were saved before they had links and years keeps its edits (not the defaults).
    const { db } = openRegister(path.join(tempDir(), 'Older.vrr'), { create: true });
    try {
      const older = { ...DEFAULT_SCENARIO_SETTINGS, rules: DEFAULT_SCENARIO_SETTINGS.rules.map(({ sourceUrl: _url, sourceYear: _year, ...r }) => ({ ...r, steps: r.steps.map((st) => ({ ...st, hours: st.hours && 240 })) })) };
      db.prepare("UPDATE settings SET value = ? WHERE key = 'scenarios'").run(JSON.stringify(older));
      expect(readScenarioSettings(db).rules[0]).toMatchObject({ sourceUrl: null, sourceYear: null, steps: [{ hours: 240 }, { hours: null }, { hours: null }] });
    } finally {
      db.close();
    }
  });

  it('adds clocks in calendar months and hours', () => {
    expect(addClock('2026-01-31T10:00', 0, 1)).toBe('2026-03-03T10:00'); // no 31 February: JavaScript's rollover
    expect(addClock('2026-12-31T23:30', 1)).toBe('2027-01-01T00:30');
    expect(addClock('2026-07-01T09:00', 1.5)).toBe('2026-07-01T10:30');
  });
});

describe('migration 0080', () => {
  it('carries a register of 0060 through: services keep their rows and gain a tolerance, the rules operate in the home country', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Before.vrr');
    const { db } = openRegister(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version <= 60) });
    db.prepare("INSERT INTO services (name, criticality, description) VALUES ('Payments', 'critical', 'Cards')").run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('scoring', ?)").run(JSON.stringify({ homeCountry: 'NZ' }));
    db.close();
    const service = createRegisterService({ actor: 'tester' });
    service.open(file, { backupDir: dir } as never);
    try {
      expect(ok<Service[]>(service, 'services.list', {})).toMatchObject([{ name: 'Payments', criticality: 'critical', description: 'Cards', maxOutageHours: null }]);
      expect(ok<ScenarioSettings>(service, 'scenarioSettings.get', {}).operatesIn).toEqual(['NZ']);
      expect(ok<SavedScenarioSummary[]>(service, 'scenarios.list', {})).toEqual([]);
    } finally {
      service.close();
    }
  });
});
