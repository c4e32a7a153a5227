import { describe, expect, it } from 'vitest';
import type { VendorRow } from '../../db/contract';
import { createAppStore } from '../../renderer/store';
import { createFakeTransport, registerInfo } from './fake-transport';

const row = (id: number, name: string): VendorRow => ({
  id,
  name,
  legalName: null,
  serviceType: 'other',
  status: 'active',
  tier: 3,
  hqCountry: null,
  owner: null,
  annualSpend: null,
  spendCurrency: null,
  nextReviewDue: null,
  direct: true,
  recordsHeld: 0,
  people: 0,
  peopleEntered: false,
  exposure: 0,
  incidentCount: 0,
  lastIncident: null,
  fourthParties: 0,
  nextDue: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the app store', () => {
  it('resets register-scoped state when another register opens, and drops a late answer for the old one', async () => {
    let current = 'A';
    const fake = createFakeTransport({
      'register.info': () => registerInfo('A', 'Register A', 1),
      'vendors.list': () => (current === 'A' ? { rows: [row(1, 'Distinctive Vendor of A')], total: 1 } : { rows: [], total: 0 }),
    });
    const { store } = createAppStore(fake.transport);

    await store.getState().loadRegister();
    await flush();
    expect(store.getState().vendorPages[0]?.[0]?.name).toBe('Distinctive Vendor of A');
    store.getState().openVendor(1);
    store.getState().notify(new Error('a problem in A'));
    store.getState().setVendorQuery({ search: 'Distinctive' });
    await flush();

    // A slow list request for A is in flight when B is opened.
    fake.holdNext('vendors.list');
    const slow = store.getState().loadVendorPage(1);
    current = 'B';
    fake.openRegister(registerInfo('B', 'Register B'));
    await flush();

    const state = store.getState();
    expect(state.register?.name).toBe('Register B');
    expect(state.vendorPages).toEqual({ 0: [] });
    expect(state.vendorTotal).toBe(0);
    expect(state.selectedVendor).toBeNull();
    expect(state.view).toBe('register');
    expect(state.notices).toEqual([]);
    expect(state.vendorQuery.search).toBe('');

    fake.releaseHeld();
    await slow;
    expect(JSON.stringify(store.getState())).not.toContain('Distinctive Vendor of A');

    // Requests after the switch carry B's id.
    expect(fake.calls.at(-1)?.registerId).toBe('B');
  });

  it('shows failed calls on the error surface', async () => {
    const fake = createFakeTransport({
      'register.info': () => registerInfo('A', 'Register A'),
      'vendors.list': () => {
        throw new Error('disk I/O error');
      },
    });
    const { store } = createAppStore(fake.transport);
    await store.getState().loadRegister();
    await flush();
    expect(store.getState().notices.map((n) => n.message)).toEqual(['disk I/O error']);
  });
});
