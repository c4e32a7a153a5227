import { describe, expect, it } from 'vitest';
import type { Contract, DataCategory, Dependency, DueItem, Holding, HoldingList, Incident, Service, Vendor, VendorDependencies, VendorPage } from '../../db/contract';
import type { RegisterService } from '../../db/service';
import { openRegister } from '../../db/connection';
import * as contract_ from '../../db/contract';
import { listVendors, refreshNoticeDue } from '../../db/vendors';
import { ok, serviceWithRegister, vendor } from './helpers';

function setup() {
  const { service, file } = serviceWithRegister();
  const add = (name: string, extra = {}) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
  const category = (code: string) => ok<DataCategory[]>(service, 'categories.list', {}).find((c) => c.code === code)!;
  return { service, file, add, category };
}

function fieldMessage(service: RegisterService, method: string, args: unknown, field: string): string | undefined {
  const result = service.call(method, args);
  expect(result.ok, `${method} should fail`).toBe(false);
  return result.ok ? undefined : result.error.details?.fields?.[field];
}

describe('data categories and holdings', () => {
  it('records holdings with weighted exposure, totals and list columns', () => {
    const { service, add, category } = setup();
    const skyline = add('Skyline Contact Solutions');
    const name = category('name');
    const dob = category('date_of_birth');
    ok(service, 'holdings.save', { holding: { vendorId: skyline.id, categoryId: name.id, records: 6_000_000, storageCountry: 'PH' } });
    ok(service, 'holdings.save', { holding: { vendorId: skyline.id, categoryId: dob.id, records: 4_000_000, storageCountry: 'PH' } });
    const list = ok<HoldingList>(service, 'holdings.list', { vendorId: skyline.id });
    expect(list.totalRecords).toBe(10_000_000);
    expect(list.totalExposure).toBe(6_000_000 * 1 + 4_000_000 * 1.5);

    const row = ok<VendorPage>(service, 'vendors.list', {}).rows[0]!;
    expect(row).toMatchObject({ recordsHeld: 10_000_000, exposure: 12_000_000 });

    // A weight change is reflected at once and is itself audited.
    ok(service, 'categories.update', { id: dob.id, label: dob.label, weight: 2, notifiable: true });
    expect(ok<VendorPage>(service, 'vendors.list', {}).rows[0]!.exposure).toBe(14_000_000);
    const history = ok<{ entity: string; before: { weight: number }; after: { weight: number } }[]>(service, 'audit.list', { entity: 'data_category' });
    expect(history[0]).toMatchObject({ before: { weight: 1.5 }, after: { weight: 2 } });

    const restored = ok<DataCategory[]>(service, 'categories.restoreDefaults', {});
    expect(restored.find((c) => c.code === 'date_of_birth')).toMatchObject({ weight: 1.5, defaultWeight: 1.5, notifiable: false, recordsHeld: 4_000_000 });
  });

  it('keeps each vendor’s totals in step with its holdings and the category weights', () => {
    const { service, file, add, category } = setup();
    const a = add('Alpha');
    const b = add('Beta');
    const name = category('name');
    const card = category('payment_card');
    const h1 = ok<Holding>(service, 'holdings.save', { holding: { vendorId: a.id, categoryId: name.id, records: 100 } });
    ok(service, 'holdings.save', { holding: { vendorId: a.id, categoryId: card.id, records: 10 } });
    ok(service, 'holdings.save', { holding: { vendorId: b.id, categoryId: card.id, records: 5 } });
    ok(service, 'holdings.save', { id: h1.id, holding: { vendorId: b.id, categoryId: name.id, records: 50 } }); // moved to Beta
    ok(service, 'categories.update', { id: card.id, label: card.label, weight: 3, notifiable: true });
    service.close();
    const { db } = openRegister(file);
    const totals = db.prepare('SELECT name, records_held, exposure FROM vendors ORDER BY name').raw().all();
    const recomputed = db
      .prepare(
        `SELECT v.name, coalesce(sum(h.records), 0), coalesce(sum(h.records * c.weight), 0) FROM vendors v
         LEFT JOIN holdings h ON h.vendor_id = v.id LEFT JOIN data_categories c ON c.id = h.category_id GROUP BY v.id ORDER BY v.name`,
      )
      .raw()
      .all();
    db.close();
    expect(totals).toEqual([
      ['Alpha', 10, 30],
      ['Beta', 55, 65],
    ]);
    expect(totals).toEqual(recomputed);
  });

  it('refuses negative or fractional counts and a second holding of the same category and country', () => {
    const { service, add, category } = setup();
    const v = add('Acme');
    const email = category('email');
    expect(fieldMessage(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: email.id, records: -1 } }, 'holding.records')).toMatch(/cannot be negative/);
    expect(fieldMessage(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: email.id, records: 1.5 } }, 'holding.records')).toMatch(/whole number/);
    ok<Holding>(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: email.id, records: 10, storageCountry: 'AU' } });
    expect(fieldMessage(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: email.id, records: 5, storageCountry: 'AU' } }, 'holding.categoryId')).toMatch(/already has a holding/);
    ok<Holding>(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: email.id, records: 5, storageCountry: 'US' } });
  });
});

describe('services and fourth parties', () => {
  it('links vendors to services with a reliance', () => {
    const { service, add } = setup();
    const chat = add('[24]7.ai');
    const svc = ok<Service>(service, 'services.save', { service: { name: 'Online sales chat', criticality: 'critical' } });
    const linked = ok<Service>(service, 'services.link', { serviceId: svc.id, vendorId: chat.id, reliance: 'full' });
    expect(linked.vendors).toMatchObject([{ vendorName: '[24]7.ai', reliance: 'full' }]);
    expect(ok(service, 'services.forVendor', { vendorId: chat.id })).toEqual([{ serviceId: svc.id, serviceName: 'Online sales chat', criticality: 'critical', reliance: 'full' }]);
    expect(fieldMessage(service, 'services.save', { service: { name: 'ONLINE SALES CHAT', criticality: 'other' } }, 'service.name')).toMatch(/already/);
  });

  it('follows chains of any depth and rejects cycles of any length', () => {
    const { service, add } = setup();
    const [airline, payments, gateway, hosting] = ['Airline payments', 'PayCo', 'CyberSource', 'Stratus Cloud'].map((n) => add(n));
    ok<Dependency>(service, 'dependencies.add', { vendorId: airline!.id, supplierId: payments!.id });
    ok<Dependency>(service, 'dependencies.add', { vendorId: payments!.id, supplierId: gateway!.id, description: 'Card gateway' });
    ok<Dependency>(service, 'dependencies.add', { vendorId: gateway!.id, supplierId: hosting!.id });

    const deps = ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: airline!.id });
    expect(deps.chain.map((l) => [l.rank, l.vendorName, l.via])).toEqual([
      [2, 'PayCo', null],
      [3, 'CyberSource', 'PayCo'],
      [4, 'Stratus Cloud', 'CyberSource'],
    ]);
    expect(ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: gateway!.id }).usedBy.map((d) => d.vendorName)).toEqual(['PayCo']);

    expect(fieldMessage(service, 'dependencies.add', { vendorId: payments!.id, supplierId: airline!.id }, 'supplierId')).toMatch(/cycle: PayCo → Airline payments → PayCo/);
    expect(fieldMessage(service, 'dependencies.add', { vendorId: hosting!.id, supplierId: airline!.id }, 'supplierId')).toMatch(
      /cycle: Stratus Cloud → Airline payments → PayCo → CyberSource → Stratus Cloud/,
    );
    expect(fieldMessage(service, 'dependencies.add', { vendorId: hosting!.id, supplierId: hosting!.id }, 'supplierId')).toMatch(/itself/);
  });
  it('pages a long supply chain by depth then name, reading only the depths a page shows, and searches all of it', () => {
    const { service, add } = setup();
    const root = add('Retailer');
    const pad = (i: number) => String(i).padStart(3, '0');
    // Depth 2: 120 suppliers; depth 3: 150 behind the first of them by name, one also behind the second (which was
    // added before it, so the walk reaches that one through the second); depth 4: one behind it.
    const second = Array.from({ length: 120 }, (_, i) => add(`Supplier ${pad(119 - i)}`));
    const third = Array.from({ length: 150 }, (_, i) => add(`Sub ${pad(149 - i)}`));
    const last = add('Bottom');
    const link = (vendorId: number, supplierId: number) => ok(service, 'dependencies.add', { vendorId, supplierId });
    for (const s of second) link(root.id, s.id);
    const [firstSupplier, secondSupplier] = [...second].sort((a, b) => a.name.localeCompare(b.name));
    for (const s of third) link(firstSupplier!.id, s.id);
    link(secondSupplier!.id, third[0]!.id);
    link(third[0]!.id, last.id);
    const expected = [
      ...second.map((s) => [2, s.name, null]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      ...third.map((s) => [3, s.name, s === third[0] ? secondSupplier!.name : firstSupplier!.name]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      [4, 'Bottom', third[0]!.name],
    ];
    const chain = (offset: number, search = '') => ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: root.id, chain: { offset, search } });
    for (const offset of [0, 100, 200, 270]) {
      const page = chain(offset);
      expect(page.chain.map((l) => [l.rank, l.vendorName, l.via]), `offset ${offset}`).toEqual(expected.slice(offset, offset + 100));
      expect(page.totals.chain).toBe(271);
    }
    const found = chain(0, 'sub 14');
    expect(found.chain.map((l) => l.vendorName)).toEqual(['Sub 140', 'Sub 141', 'Sub 142', 'Sub 143', 'Sub 144', 'Sub 145', 'Sub 146', 'Sub 147', 'Sub 148', 'Sub 149']);
    expect(found.totals.chain).toBe(10);
  });
  it('answers a provider behind many vendors one page at a time, in name order, with the count of what matches', () => {
    const { service, add } = setup();
    const provider = add('Stratus Cloud');
    const names = Array.from({ length: 250 }, (_, i) => `Shop ${String(i).padStart(3, '0')}${i === 7 ? ' 100%_off' : ''}`);
    for (const name of [...names].reverse()) ok(service, 'dependencies.add', { vendorId: add(name).id, supplierId: provider.id });
    const page = (usedBy: object) => ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: provider.id, usedBy });

    const first = page({});
    expect(first.totals.usedBy).toBe(250);
    expect(first.usedBy.map((d) => d.vendorName)).toEqual(names.slice(0, 100));
    expect(page({ offset: 200 }).usedBy.map((d) => d.vendorName)).toEqual(names.slice(200));
    const found = page({ search: 'shop 12' });
    expect([found.totals.usedBy, found.usedBy.map((d) => d.vendorName)]).toEqual([10, names.slice(120, 130)]);
    // % and _ are the letters typed, not wildcards.
    expect(page({ search: '100%_' }).usedBy.map((d) => d.vendorName)).toEqual(['Shop 007 100%_off']);
    expect(page({ search: '%' }).totals.usedBy).toBe(1);
  });
});

describe('contracts, incidents and what is due', () => {
  it('derives notice deadlines and refuses an end before the start', () => {
    const { service, add } = setup();
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const v = add('Orderline Commerce', { nextReviewDue: inDays(9) });
    const c = ok<Contract>(service, 'contracts.save', { contract: { vendorId: v.id, reference: 'OC-2024', startDate: '2024-01-01', endDate: inDays(60), noticeDays: 90, annualValue: 960000, currency: 'AUD' } });
    expect(c.noticeDeadline).toBe(inDays(-30));
    expect(fieldMessage(service, 'contracts.save', { contract: { vendorId: v.id, reference: 'X', startDate: '2025-05-01', endDate: '2025-04-30' } }, 'contract.endDate')).toMatch(/before the start/);

    const due = ok<DueItem[]>(service, 'register.dueSoon', { withinDays: 90 });
    expect(due.map((d) => [d.kind, d.daysLeft])).toEqual([
      ['notice_deadline', -30],
      ['review', 9],
    ]);
    // Its sentence shows the end date as every date is shown, not as stored.
    expect(due[0]!.detail).toMatch(/^Notice deadline for contract OC-2024 \(ends \d{1,2} [A-Z][a-z]{2,4} \d{4}, 90 days notice\)$/);
  });

  it('sorts by next due from the kept notice deadlines, right after every contract change and on a new day', () => {
    const { service, add, file } = setup();
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const order = () => ok<VendorPage>(service, 'vendors.list', { sortBy: 'nextDue' }).rows.map((r) => `${r.name} ${r.nextDue ?? '-'}`);
    add('Review in 20 days', { nextReviewDue: inDays(20) });
    const noticed = add('Notice in 40 days');
    add('Nothing due');
    const contract = { vendorId: noticed.id, reference: 'N-1', startDate: '2024-01-01', endDate: inDays(100), noticeDays: 60 };
    const saved = ok<Contract>(service, 'contracts.save', { contract });
    expect(order()).toEqual([`Review in 20 days ${inDays(20)}`, `Notice in 40 days ${inDays(40)}`, 'Nothing due -']);
    // The notice moves before the review, then the contract goes: the order follows each change.
    ok(service, 'contracts.save', { id: saved.id, contract: { ...contract, noticeDays: 90 } });
    expect(order()[0]).toBe(`Notice in 40 days ${inDays(10)}`);
    ok(service, 'contracts.delete', { id: saved.id });
    expect(order()).toEqual([`Review in 20 days ${inDays(20)}`, 'Nothing due -', 'Notice in 40 days -']);

    // A new day on which a contract has ended (kept as of three days ago, when a contract ending yesterday was still
    // running): until the kept deadlines are moved on, the sort works them out afresh; opening moves them on.
    ok(service, 'contracts.save', { contract: { ...contract, reference: 'N-2', endDate: inDays(-1), noticeDays: 0 } });
    service.close();
    const { db } = openRegister(file);
    db.prepare('UPDATE vendors SET notice_due = ? WHERE id = ?').run(inDays(-1), noticed.id);
    db.prepare("UPDATE settings SET value = ? WHERE key = 'noticeDueAsOf'").run(inDays(-3));
    const names = () => listVendors(db, contract_.contract['vendors.list'].input.parse({ sortBy: 'nextDue' })).rows.map((r) => r.name);
    expect(names()).toEqual(['Review in 20 days', 'Nothing due', 'Notice in 40 days']);
    refreshNoticeDue(db);
    expect(db.prepare('SELECT notice_due FROM vendors WHERE id = ?').pluck().get(noticed.id)).toBeNull();
    expect(names()).toEqual(['Review in 20 days', 'Nothing due', 'Notice in 40 days']);
    db.close();
  });

  it('refuses an incident we were told of, or contained, before it started', () => {
    const { service, add } = setup();
    const v = add('Harbourline Customer Care');
    const incident = { vendorId: v.id, title: 'Contact-centre platform breach', kind: 'cyberattack', occurredFrom: '2025-06-30' };
    expect(fieldMessage(service, 'incidents.save', { incident: { ...incident, weWereTold: '2025-02-07' } }, 'incident.weWereTold')).toBe('We cannot have been told before it started.');
    expect(fieldMessage(service, 'incidents.save', { incident: { ...incident, contained: '2025-06-29T23:00' } }, 'incident.contained')).toBe('It cannot be contained before it started.');
    expect(ok<Incident>(service, 'incidents.save', { incident: { ...incident, weWereTold: '2025-07-02' } }).weWereTold).toBe('2025-07-02');
  });

  it('records an incident with categories and regulators, and computes its clocks (Delta / [24]7.ai)', () => {
    const { service, add, category } = setup();
    const chat = add('[24]7.ai');
    const card = category('payment_card');
    const incident = ok<Incident>(service, 'incidents.save', {
      incident: {
        vendorId: chat.id,
        title: 'Chat vendor compromise exposed customer payment cards',
        kind: 'cyberattack',
        status: 'closed',
        occurredFrom: '2017-09-26',
        occurredTo: '2017-10-12',
        vendorDetected: '2017-10-12',
        contained: '2017-10-12',
        weWereTold: '2018-03-28',
        categoryIds: [card.id],
        regulators: ['ftc'],
      },
    });
    expect(incident.clocks).toEqual({ notificationLagDays: 167, daysToContain: 0, oaicAssessmentDue: '2018-04-27', gdprDeadline: '2018-03-31' });
    expect(incident.categoryLabels).toEqual([card.label]);
    expect(incident.regulators).toEqual(['FTC']);
    expect(ok<VendorPage>(service, 'vendors.list', {}).rows[0]).toMatchObject({ incidentCount: 1, lastIncident: '2017-09-26' });
    expect(ok<Incident[]>(service, 'incidents.list', { year: 2017 })).toHaveLength(1);
    expect(ok<Incident[]>(service, 'incidents.list', { kinds: ['insider'] })).toHaveLength(0);

    expect(fieldMessage(service, 'incidents.save', { incident: { vendorId: chat.id, title: 'x', kind: 'other', vendorDetected: '2020-02-02', contained: '2020-02-01' } }, 'incident.contained')).toMatch(/before the vendor detected/);
    expect(fieldMessage(service, 'incidents.save', { incident: { vendorId: chat.id, title: 'x', kind: 'other', occurredFrom: '2020-02-02', occurredTo: '2020-01-01' } }, 'incident.occurredTo')).toMatch(/end before it started/);
  });
});

describe('reviews', () => {
  it('records a decision with the figures at the time, and asks for the conditions of a conditional approval', () => {
    const { service, add } = setup();
    const v = add('Parley AI', { status: 'proposed' });
    expect(fieldMessage(service, 'reviews.save', { review: { vendorId: v.id, reviewDate: '2026-11-20', reviewer: 'Procurement', outcome: 'approve_with_conditions' } }, 'review.conditions')).toMatch(/conditions/);
    const saved = ok<{ id: number; metrics: unknown }>(service, 'reviews.save', {
      review: { vendorId: v.id, reviewDate: '2026-11-20', reviewer: 'Procurement', outcome: 'approve_with_conditions', conditions: 'Tokenise card data', metrics: { hhi: 1234 } },
    });
    expect(saved.metrics).toEqual({ hhi: 1234 });
    expect(ok<unknown[]>(service, 'reviews.list', { vendorId: v.id })).toHaveLength(1);
  });
});

describe('deleting a vendor', () => {
  it('asks what to do with what refers to it, and never leaves dangling rows', () => {
    const { service, add, category } = setup();
    const chat = add('[24]7.ai');
    const airline = add('Airline');
    ok(service, 'holdings.save', { holding: { vendorId: chat.id, categoryId: category('email').id, records: 5 } });
    ok(service, 'dependencies.add', { vendorId: airline.id, supplierId: chat.id });
    ok(service, 'incidents.save', { incident: { vendorId: chat.id, title: 'Breach', kind: 'cyberattack' } });

    const refused = service.call('vendors.delete', { id: chat.id, version: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/1 data holding.*1 vendor\(s\) that depend on it.*1 incident/), details: { usage: { holdings: 1, usedBy: 1, incidents: 1 } } } });

    ok(service, 'vendors.delete', { id: chat.id, version: 1, dependents: 'delete' });
    expect(ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: airline.id }).dependsOn).toEqual([]);
    expect(ok<Incident[]>(service, 'incidents.list', {})).toEqual([]);
    const deletions = ok<{ entity: string; action: string }[]>(service, 'audit.list', {}).filter((e) => e.action === 'delete').map((e) => e.entity);
    expect(deletions.sort()).toEqual(['dependency', 'holding', 'incident', 'vendor']);
  });
});
