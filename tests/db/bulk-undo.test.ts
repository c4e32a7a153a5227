import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegisterService } from '../../db/service';
import type { AuditEntry, Deleted, Holding, Service, UndoToken, Vendor, VendorPage } from '../../db/contract';
import { ok, serviceWithRegister, tempDir, vendor } from './helpers';

function sample() {
  const service = createRegisterService({ actor: 'tester' });
  service.open(path.join(tempDir(), 'Sample.vrr'), { create: true, sample: true });
  return service;
}

type Service_ = ReturnType<typeof sample>;
const names = (service: Service_, query: object) => ok<VendorPage>(service, 'vendors.list', { limit: 1000, ...query }).rows.map((r) => r.name);

/** Everything a vendor deletion touches, to compare before and after an undo. */
function state(service: Service_) {
  const vendors = ok<VendorPage>(service, 'vendors.list', { limit: 1000 });
  return {
    vendors: vendors.rows.map(({ updatedAt: _u, ...r }) => r),
    services: ok<Service[]>(service, 'services.list', {}),
    incidents: ok<unknown[]>(service, 'incidents.list', {}),
    contracts: ok<unknown[]>(service, 'contracts.list', {}),
    headline: ok<{ headline: unknown }>(service, 'scoring.portfolio', {}).headline,
  };
}

describe('register filters', () => {
  it('filter by storage country, incidents and reviews, combined with AND and any value within a filter', () => {
    const service = sample();
    const all = names(service, {});
    const storingIn = (codes: string[]) => names(service, { storageCountries: codes }).sort();
    // Derived from the holdings: every vendor with a holding stored in the Philippines.
    const philippines = new Set<string>();
    for (const name of all) {
      const row = ok<VendorPage>(service, 'vendors.list', { search: name, limit: 50 }).rows.find((r) => r.name === name)!;
      const holdings = ok<{ rows: Holding[] }>(service, 'holdings.list', { vendorId: row.id }).rows;
      if (holdings.some((h) => h.storageCountry === 'PH')) philippines.add(name);
    }
    expect(philippines.size).toBeGreaterThan(0);
    expect(storingIn(['PH'])).toEqual([...philippines].sort());
    expect(storingIn(['ph', 'AU']).length).toBeGreaterThan(philippines.size);

    const withIncidents = names(service, { hasIncidents: true });
    const without = names(service, { hasIncidents: false });
    expect(withIncidents.length).toBeGreaterThan(0);
    expect(withIncidents.length + without.length).toBe(all.length);
    expect(withIncidents).toContain('[24]7.ai');

    const overdue = ok<VendorPage>(service, 'vendors.list', { review: 'overdue', limit: 1000 }).rows;
    const today = new Date().toISOString().slice(0, 10);
    expect(overdue.every((r) => r.nextReviewDue !== null && r.nextReviewDue < today && !['exited', 'proposed'].includes(r.status))).toBe(true);
    const unscheduled = ok<VendorPage>(service, 'vendors.list', { review: 'unscheduled', limit: 1000 }).rows;
    expect(unscheduled.every((r) => r.nextReviewDue === null)).toBe(true);

    const both = names(service, { storageCountries: ['PH'], hasIncidents: true });
    expect(both).toEqual(all.filter((n) => philippines.has(n) && withIncidents.includes(n)));
    service.close();
  });
});

describe('bulk edit', () => {
  it('changes every chosen vendor with one audit entry each, and refuses all when one would be invalid', () => {
    const { service } = serviceWithRegister();
    const a = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'A', owner: 'Old owner' }) });
    const b = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'B', lastAssessed: '2026-01-10', nextReviewDue: '2026-06-01' }) });
    const c = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'C' }) });

    const done = ok<{ updated: number; undo: UndoToken }>(service, 'vendors.updateMany', { ids: [a.id, b.id], changes: { status: 'under_review', owner: 'Jane Citizen', tier: 2 } });
    expect(done.updated).toBe(2);
    expect(done.undo.to - done.undo.from).toBe(1);
    for (const id of [a.id, b.id]) expect(ok<Vendor>(service, 'vendors.get', { id })).toMatchObject({ status: 'under_review', owner: 'Jane Citizen', tier: 2 });
    expect(ok<Vendor>(service, 'vendors.get', { id: c.id })).toMatchObject({ status: 'active', tier: 1 });
    const history = ok<AuditEntry[]>(service, 'audit.list', { limit: 10 });
    expect(history.slice(0, 2).map((e) => [e.entityId, e.action])).toEqual([
      [b.id, 'update'],
      [a.id, 'update'],
    ]);

    // B was assessed on 2026-01-10: a next review before it is refused, and A is left as it was too.
    const refused = service.call('vendors.updateMany', { ids: [a.id, b.id], changes: { nextReviewDue: '2025-12-01' } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^“B”: The next review cannot be before the last assessment/);
    expect(ok<Vendor>(service, 'vendors.get', { id: a.id }).nextReviewDue).toBeNull();

    // Undo puts both back as they were, and is refused a second time.
    ok(service, 'changes.undo', done.undo);
    expect(ok<Vendor>(service, 'vendors.get', { id: a.id })).toMatchObject({ status: 'active', owner: 'Old owner', tier: 1 });
    expect(ok<Vendor>(service, 'vendors.get', { id: b.id })).toMatchObject({ status: 'active', owner: null, tier: 1 });
    expect(service.call('changes.undo', done.undo)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('undo', () => {
  it('puts back a deleted vendor with its holdings, links, fourth parties, contracts and incidents, and the same figures', () => {
    const service = sample();
    const before = state(service);
    const target = before.vendors.find((v) => v.name === '[24]7.ai')!;
    const vendorBefore = ok<Vendor>(service, 'vendors.get', { id: target.id });
    const deleted = ok<Deleted>(service, 'vendors.delete', { id: target.id, version: vendorBefore.version, dependents: 'delete' });
    expect(deleted.undo).not.toBeNull();
    expect(state(service)).not.toEqual(before);

    ok(service, 'changes.undo', deleted.undo);
    expect(state(service)).toEqual(before);
    // Put back as new, audited writes: the vendor first, then what refers to it.
    const putBack = ok<AuditEntry[]>(service, 'audit.list', { limit: 500 }).filter((e) => e.id > deleted.undo!.to);
    expect(putBack.at(-1)).toMatchObject({ entity: 'vendor', entityId: target.id, action: 'create' });
    expect(putBack.every((e) => e.action === 'create')).toBe(true);
    service.close();
  });

  it('undoes a deleted service; refuses once anything else was changed', () => {
    const service = sample();
    const before = state(service);
    const services = ok<Service[]>(service, 'services.list', {});
    const removed = ok<Deleted>(service, 'services.delete', { id: services[0]!.id });
    ok(service, 'changes.undo', removed.undo);
    expect(state(service)).toEqual(before);

    const incidents = ok<{ id: number }[]>(service, 'incidents.list', {});
    const gone = ok<Deleted>(service, 'incidents.delete', { id: incidents[0]!.id });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Something else' }) });
    expect(service.call('changes.undo', gone.undo)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    service.close();
  });
});
