import { describe, expect, it } from 'vitest';
import { vendorFieldsOf, type AuditEntry, type Vendor, type VendorPage } from '../../db/contract';
import Database from 'better-sqlite3';
import { ok, serviceWithRegister, vendor } from './helpers';

describe('vendors', () => {
  it('creates, reads, updates and deletes a vendor with every field, auditing each write', () => {
    const { service } = serviceWithRegister();
    const created = ok<Vendor>(service, 'vendors.create', {
      vendor: vendor({
        name: '  Skyline Contact Solutions ',
        legalName: 'Skyline Contact Solutions Pty Ltd',
        lei: '5493 0084 UKLV MY22 DS16',
        abn: '51 824 753 556',
        acn: '004 085 616',
        hqCountry: 'ph',
        owner: 'Head of Customer Operations',
        website: 'https://skyline.example',
        annualSpend: 4_200_000,
        spendCurrency: 'aud',
        substitutability: 'difficult',
        exitPlan: false,
        lastAssessed: '2025-03-01',
        nextReviewDue: '2026-03-01',
        notes: '',
      }),
    });
    expect(created).toMatchObject({
      name: 'Skyline Contact Solutions',
      lei: '54930084UKLVMY22DS16',
      abn: '51824753556',
      acn: '004085616',
      hqCountry: 'PH',
      spendCurrency: 'AUD',
      notes: null,
      exitPlan: false,
      version: 1,
    });

    const updated = ok<Vendor>(service, 'vendors.update', {
      id: created.id,
      version: 1,
      vendor: { ...vendorFieldsOf(created), exitPlan: true, tier: 2 },
    });
    expect(updated).toMatchObject({ exitPlan: true, tier: 2, version: 2 });

    ok(service, 'vendors.delete', { id: created.id, version: 2 });
    expect(service.call('vendors.get', { id: created.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const history = ok<AuditEntry[]>(service, 'audit.list', { entity: 'vendor', entityId: created.id });
    expect(history.map((h) => h.action)).toEqual(['delete', 'update', 'create']);
    expect(history[1]!.before).toMatchObject({ exitPlan: false, tier: 1 });
    expect(history[1]!.after).toMatchObject({ exitPlan: true, tier: 2 });
    expect(history[2]).toMatchObject({ actor: 'tester', before: null });
  });

  it('rejects a duplicate name in another case at the name field', () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'CyberSource' }) });
    const result = service.call('vendors.create', { vendor: vendor({ name: 'cybersource' }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: { 'vendor.name': expect.stringMatching(/already in the register/) } } } });
  });

  it('validates identifiers, amounts and dates at their fields', () => {
    const { service } = serviceWithRegister();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ lei: '54930084UKLVMY22DS17' }, 'vendor.lei', /check digits/],
      [{ lei: 'ABC' }, 'vendor.lei', /20 characters/],
      [{ abn: '51824753557' }, 'vendor.abn', /ABN/],
      [{ acn: '004085617' }, 'vendor.acn', /ACN/],
      [{ annualSpend: -5, spendCurrency: 'AUD' }, 'vendor.annualSpend', /negative/],
      [{ annualSpend: 5 }, 'vendor.spendCurrency', /currency/],
      [{ lastAssessed: '2025-02-30' }, 'vendor.lastAssessed', /real date/],
      [{ lastAssessed: '2025-06-01', nextReviewDue: '2025-01-01' }, 'vendor.nextReviewDue', /cannot be before/],
      [{ hqCountry: 'XX' }, 'vendor.hqCountry', /country/],
      [{ website: 'javascript:alert(1)' }, 'vendor.website', /https/],
      [{ tier: 4 }, 'vendor.tier', /tier 1, 2 or 3/],
      [{ name: '   ' }, 'vendor.name', /Enter a name/],
    ];
    for (const [fields, key, message] of cases) {
      const result = service.call('vendors.create', { vendor: vendor(fields) });
      expect(result.ok, JSON.stringify(fields)).toBe(false);
      if (!result.ok) expect(result.error.details?.fields?.[key], JSON.stringify(fields)).toMatch(message);
    }
    expect(ok<VendorPage>(service, 'vendors.list', {}).total).toBe(0);
  });

  it('keeps groups one level deep and never lets a vendor be its own parent', () => {
    const { service } = serviceWithRegister();
    const anz = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'ANZ Bank' }) });
    const gateway = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'CyberSource gateway', ultimateParentId: anz.id }) });
    expect(gateway.ultimateParentName).toBe('ANZ Bank');
    expect(ok<Vendor>(service, 'vendors.get', { id: anz.id }).groupMembers).toEqual(['CyberSource gateway']);

    const deeper = service.call('vendors.create', { vendor: vendor({ name: 'Sub', ultimateParentId: gateway.id }) });
    expect(deeper).toMatchObject({ ok: false, error: { details: { fields: { 'vendor.ultimateParentId': expect.stringMatching(/choose “ANZ Bank”/) } } } });

    const self = service.call('vendors.update', { id: anz.id, version: 1, vendor: vendor({ name: 'ANZ Bank', ultimateParentId: anz.id }) });
    expect(self).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const parentOfOthers = service.call('vendors.update', { id: anz.id, version: 1, vendor: vendor({ name: 'ANZ Bank', ultimateParentId: ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Other' }) }).id }) });
    expect(parentOfOthers).toMatchObject({ ok: false, error: { details: { fields: { 'vendor.ultimateParentId': expect.stringMatching(/itself the ultimate parent/) } } } });

    expect(service.call('vendors.delete', { id: anz.id, version: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/CyberSource gateway/) } });
  });

  it('pages through a sort page by page, in the order of one long page (ties by name)', () => {
    const { service } = serviceWithRegister();
    const [category] = ok<{ id: number }[]>(service, 'categories.list', {});
    for (let i = 0; i < 23; i++) {
      const { id } = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: `V${(i * 7) % 23}`, annualSpend: i % 4 ? 1000 * (i % 5) : null, spendCurrency: 'AUD' }) });
      ok(service, 'holdings.save', { holding: { vendorId: id, categoryId: category!.id, records: 10 * (i % 3), storageCountry: null } });
    }
    for (const sort of [{ sortBy: 'exposure', sortDir: 'desc' }, { sortBy: 'exposure', sortDir: 'asc' }, { sortBy: 'annualSpend', sortDir: 'desc' }, { sortBy: 'annualSpend', sortDir: 'asc' }, { sortBy: 'name' }]) {
      const whole = ok<VendorPage>(service, 'vendors.list', { ...sort, limit: 100 }).rows.map((r) => r.name);
      const paged = [0, 5, 10, 15, 20].flatMap((offset) => ok<VendorPage>(service, 'vendors.list', { ...sort, limit: 5, offset }).rows.map((r) => r.name));
      expect(paged, JSON.stringify(sort)).toEqual(whole);
      expect(whole).toHaveLength(23);
    }
    expect(ok<VendorPage>(service, 'vendors.list', { sortBy: 'exposure', sortDir: 'desc', limit: 3 }).rows.map((r) => [r.exposure, r.name])).toEqual([
      [20, 'V10'],
      [20, 'V12'],
      [20, 'V14'],
    ]);
  });

  it('refuses an update based on a stale version', () => {
    const { service } = serviceWithRegister();
    const v = ok<Vendor>(service, 'vendors.create', { vendor: vendor() });
    ok(service, 'vendors.update', { id: v.id, version: 1, vendor: vendor({ owner: 'A' }) });
    expect(service.call('vendors.update', { id: v.id, version: 1, vendor: vendor({ owner: 'B' }) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/changed elsewhere/) },
    });
  });

  it('lists with search, filters, sorting and paging', () => {
    const { service } = serviceWithRegister();
    const rows: [string, string, string, number, number | null][] = [
      ['Delta Chat', 'chat_messaging', 'active', 1, 300],
      ['[24]7.ai', 'chat_messaging', 'exited', 2, 100],
      ['CyberSource', 'payment_gateway', 'active', 1, null],
      ['Endeca 100%_match', 'ecommerce_platform', 'proposed', 3, 200],
    ];
    for (const [name, serviceType, status, tier, annualSpend] of rows) {
      ok(service, 'vendors.create', { vendor: vendor({ name, serviceType: serviceType as never, status: status as never, tier, annualSpend, spendCurrency: annualSpend ? 'AUD' : null }) });
    }
    const names = (query: object) => ok<VendorPage>(service, 'vendors.list', query).rows.map((r) => r.name);
    expect(names({})).toEqual(['[24]7.ai', 'CyberSource', 'Delta Chat', 'Endeca 100%_match']);
    expect(names({ search: 'chat' })).toEqual(['Delta Chat']);
    expect(names({ search: '%_' })).toEqual(['Endeca 100%_match']);
    expect(names({ serviceTypes: ['chat_messaging'], statuses: ['active'] })).toEqual(['Delta Chat']);
    expect(names({ tiers: [1] })).toEqual(['CyberSource', 'Delta Chat']);
    expect(names({ sortBy: 'annualSpend', sortDir: 'desc' })).toEqual(['Delta Chat', 'Endeca 100%_match', '[24]7.ai', 'CyberSource']);
    expect(names({ sortBy: 'annualSpend', sortDir: 'asc' })).toEqual(['[24]7.ai', 'Endeca 100%_match', 'Delta Chat', 'CyberSource']);
    // The search also finds vendors by notes, country of HQ and storage country (by code or name) and the services they support.
    const [chat, cyber] = [ok<VendorPage>(service, 'vendors.list', { search: 'Delta' }).rows[0]!, ok<VendorPage>(service, 'vendors.list', { search: 'CyberSource' }).rows[0]!];
    const categories = ok<{ id: number; code: string }[]>(service, 'categories.list', {});
    ok(service, 'holdings.save', { holding: { vendorId: chat.id, categoryId: categories[0]!.id, records: 10, storageCountry: 'PH' } });
    const payments = ok<{ id: number }>(service, 'services.save', { service: { name: 'Card payments', criticality: 'critical' } });
    ok(service, 'services.link', { serviceId: payments.id, vendorId: cyber.id, reliance: 'full' });
    ok(service, 'vendors.update', { id: cyber.id, version: 1, vendor: vendor({ name: 'CyberSource', serviceType: 'payment_gateway', hqCountry: 'US', notes: 'Tokenises cards for the shop' }) });
    expect(names({ search: 'Philippines' })).toEqual(['Delta Chat']);
    expect(names({ search: 'ph' })).toEqual(['Delta Chat']);
    expect(names({ search: 'United States' })).toEqual(['CyberSource']);
    expect(names({ search: 'card pay' })).toEqual(['CyberSource']);
    expect(names({ search: 'tokenises' })).toEqual(['CyberSource']);
    const page = ok<VendorPage>(service, 'vendors.list', { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.name)).toEqual(['CyberSource', 'Delta Chat']);
    // A page that is not full gives the count itself: the same counts as a count of every match.
    expect(ok<VendorPage>(service, 'vendors.list', { offset: 3, limit: 2 }).total).toBe(4);
    expect(ok<VendorPage>(service, 'vendors.list', { search: 'c', limit: 2 }).total).toBe(3);
    expect(ok<VendorPage>(service, 'vendors.list', { search: 'c', offset: 2, limit: 2 }).total).toBe(3);
    expect(ok<VendorPage>(service, 'vendors.list', { search: 'c', offset: 5, limit: 2 }).total).toBe(3);
  });

  it('finds a vendor by any part of its own text through the search index, kept in step with every write', () => {
    const { service, file } = serviceWithRegister();
    const names = (search: string) => ok<VendorPage>(service, 'vendors.list', { search }).rows.map((r) => r.name);
    const skyline = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions', legalName: 'Skyline CS Pty Ltd', owner: 'Priya Raman', notes: 'Runs the "overflow" queue' }) });
    expect(names('contact sol')).toEqual(['Skyline Contact Solutions']);
    // Written after the index was built: kept by its triggers.
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Ödeme Gateway' }) });
    expect(names('CS PTY')).toEqual(['Skyline Contact Solutions']);
    expect(names('raman')).toEqual(['Skyline Contact Solutions']);
    expect(names('"overflow"')).toEqual(['Skyline Contact Solutions']);
    expect(names('ödeme')).toEqual(['Ödeme Gateway']);
    expect(names('ky')).toEqual(['Skyline Contact Solutions']); // two letters: no index, each vendor tested

    ok(service, 'vendors.update', { id: skyline.id, version: skyline.version, vendor: { ...vendorFieldsOf(skyline), name: 'Horizon Contact', owner: null } });
    expect([names('skyline contact'), names('horizon'), names('raman')]).toEqual([[], ['Horizon Contact'], []]);
    const deleted = ok<{ undo: unknown }>(service, 'vendors.delete', { id: skyline.id, version: skyline.version + 1 });
    expect(names('horizon')).toEqual([]);
    ok(service, 'changes.undo', deleted.undo);
    expect(names('horizon')).toEqual(['Horizon Contact']);
    // The index lives beside the register, never in it.
    service.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE '%fts5%' OR name LIKE '%vendor_text%'").all()).toEqual([]);
    db.close();
  });
});
