import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, DataCategory, RegisterInfo, Vendor } from '../../db/contract';
import { job, ok, serviceWithRegister, vendor } from './helpers';

describe('the history an auditor can read', () => {
  it('names vendors, services and categories instead of ids, and labels instead of codes', () => {
    const { service } = serviceWithRegister();
    const airline = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Airline bookings', serviceType: 'customer_servicing' }) });
    const cloud = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Stratus Cloud', direct: false }) });
    const dob = ok<DataCategory[]>(service, 'categories.list', {}).find((c) => c.code === 'date_of_birth')!;
    ok(service, 'dependencies.add', { vendorId: airline.id, supplierId: cloud.id });
    ok(service, 'holdings.save', { holding: { vendorId: airline.id, categoryId: dob.id, records: 1200, storageCountry: 'PH' } });
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Card payments', criticality: 'critical' } });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: airline.id, reliance: 'material' });
    ok(service, 'vendors.update', { id: airline.id, version: 1, vendor: vendor({ name: 'Airline bookings', serviceType: 'chat_messaging', substitutability: 'difficult', nextReviewDue: '2026-11-10' }) });

    const history = ok<AuditEntry[]>(service, 'audit.list', { vendorId: airline.id, limit: 50 });
    const summaries = history.map((h) => h.summary);
    expect(summaries).toEqual([
      'Vendor changed: Airline bookings',
      'Service link added: Card payments ← Airline bookings',
      'Data holding added: Airline bookings: Date of birth',
      'Fourth-party link added: Airline bookings → Stratus Cloud',
      'Vendor added: Airline bookings',
    ]);
    const change = (summary: string, field: string) => history.find((h) => h.summary === summary)!.changes.find((c) => c.field === field);
    expect(change('Fourth-party link added: Airline bookings → Stratus Cloud', 'supplierId')).toEqual({ field: 'supplierId', label: 'Supplier', before: null, after: 'Stratus Cloud' });
    expect(change('Data holding added: Airline bookings: Date of birth', 'storageCountry')).toMatchObject({ label: 'Stored in', after: 'Philippines (PH)' });
    expect(change('Data holding added: Airline bookings: Date of birth', 'records')).toMatchObject({ label: 'People', after: '1,200' });
    expect(change('Service link added: Card payments ← Airline bookings', 'reliance')).toMatchObject({ after: 'Material' });
    expect(change('Vendor changed: Airline bookings', 'serviceType')).toMatchObject({ label: 'Service type', before: 'Customer servicing / contact centre', after: 'Chat & messaging' });
    expect(change('Vendor changed: Airline bookings', 'substitutability')).toMatchObject({ before: null, after: 'Difficult to replace' });
    // Dates as every date is shown, never as stored.
    expect(change('Vendor changed: Airline bookings', 'nextReviewDue')).toMatchObject({ before: null, after: '10 Nov 2026' });
    expect(JSON.stringify(history.map((h) => h.changes))).not.toMatch(/customer_servicing|chat_messaging|"after":"\d+"|\d{4}-\d{2}-\d{2}/);
  });
});

describe('the register-wide history', () => {
  it('filters by what, who and when, records the person’s name from Settings, and exports what it shows', async () => {
    const { service } = serviceWithRegister();
    const first = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'First vendor' }) });
    const person = ok<{ account: string; name: string; entered: boolean }>(service, 'settings.person', {});
    expect(person).toMatchObject({ account: 'tester', entered: false });
    expect(ok<{ name: string }>(service, 'settings.updatePerson', { name: 'Alex Risk-Manager' })).toMatchObject({ name: 'Alex Risk-Manager', entered: true });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Second vendor' }) });
    ok(service, 'contracts.save', { contract: { vendorId: first.id, reference: 'C-1' } });

    const list = (args: object) => ok<AuditEntry[]>(service, 'audit.list', { limit: 50, ...args }).map((e) => e.summary);
    expect(ok<string[]>(service, 'audit.people', {})).toEqual(['Alex Risk-Manager', 'tester']);
    expect(list({ actor: 'Alex Risk-Manager' })).toEqual(['Contract added: First vendor: C-1', 'Vendor added: Second vendor']);
    expect(list({ actor: 'tester' })).toEqual(['Vendor added: First vendor']);
    expect(list({ entity: 'contract' })).toEqual(['Contract added: First vendor: C-1']);
    const today = new Date().toISOString().slice(0, 10);
    expect(list({ from: today, to: today })).toHaveLength(3);
    expect(list({ to: '2000-01-01' })).toEqual([]);
    expect(service.call('audit.list', { from: '2025-02-30' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    ok(service, 'settings.updatePerson', { name: null });
    expect(ok<{ entered: boolean }>(service, 'settings.person', {}).entered).toBe(false);

    const file = await job<{ base64: string }>(service, 'exports.table', { table: 'history', format: 'csv', actor: 'Alex Risk-Manager' });
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(csv).toContain('Contract added: First vendor: C-1');
    expect(csv).toContain('Vendor added: Second vendor');
    expect(csv).not.toContain('Vendor added: First vendor');
  });
});

describe('what the user is told about the register', () => {
  it('says which leftovers of an interrupted task were removed when the register opened', () => {
    const { service, file } = serviceWithRegister('Told');
    service.close();
    // A save copy interrupted by a crash of a process that is gone (pid 999999999).
    const leftover = `${path.basename(file)}.999999999.saving`;
    fs.writeFileSync(path.join(path.dirname(file), leftover), 'partial');
    const info = service.open(file) as RegisterInfo;
    expect(info.notices).toEqual([`“${leftover}”, left beside the register by an interrupted task (a crash or a full disk), was removed when it opened.`]);
    expect(ok<RegisterInfo>(service, 'register.info', {}).notices).toHaveLength(1);
    expect(fs.existsSync(path.join(path.dirname(file), leftover))).toBe(false);
  });
});
