import { describe, expect, it } from 'vitest';
import type { AuditEntry, DataCategory, Vendor } from '../../db/contract';
import { ok, serviceWithRegister, vendor } from './helpers';

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
    ok(service, 'vendors.update', { id: airline.id, version: 1, vendor: vendor({ name: 'Airline bookings', serviceType: 'chat_messaging', substitutability: 'difficult' }) });

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
    expect(JSON.stringify(history.map((h) => h.changes))).not.toMatch(/customer_servicing|chat_messaging|"after":"\d+"/);
  });
});
