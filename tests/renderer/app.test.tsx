import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import { createAppStore, StoreProvider } from '../../renderer/store';
import { createFakeTransport, registerInfo } from './fake-transport';

describe('the app frame', () => {
  it('shows the open register, all sections, and switches cleanly to another register', async () => {
    const fake = createFakeTransport({
      'register.info': () => registerInfo('A', 'Qantas-like Airline', 0),
      'categories.list': () => [],
      'vendors.list': (_args, registerId) =>
        registerId === 'A'
          ? { rows: [], total: 0 }
          : { rows: [{ id: 7, name: 'Stratus Cloud', legalName: null, serviceType: 'cloud_hosting', status: 'active', tier: 1, hqCountry: 'US', owner: null, annualSpend: 10, spendCurrency: 'USD', nextReviewDue: null, direct: true, recordsHeld: 0, people: 0, peopleEntered: false, exposure: 0, incidentCount: 0, lastIncident: null, fourthParties: 0, nextDue: null, updatedAt: '' }], total: 1 },
    });
    const appStore = createAppStore(fake.transport);
    render(
      <StoreProvider value={appStore}>
        <App commands={null} />
      </StoreProvider>,
    );

    expect(await screen.findByRole('heading', { name: 'Qantas-like Airline' })).toBeTruthy();
    expect(screen.getByText('/registers/Qantas-like Airline.vrr')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Register',
      'Services',
      'Incidents',
      'Due soon',
      'Concentration',
      'Scenarios',
      'Procurement review',
      'Board',
      'History',
      'Regulatory',
      'Import',
      'Settings',
      'Help',
    ]);
    expect(await screen.findByText('Welcome to Vendor Risk Register')).toBeTruthy();

    await userEvent.click(within(nav).getByRole('button', { name: 'Settings' }));
    expect(await screen.findByText('Register format')).toBeTruthy();
    expect(screen.queryByText('Welcome to Vendor Risk Register')).toBeNull();

    fake.openRegister(registerInfo('B', 'Second Register', 1));
    expect(await screen.findByRole('heading', { name: 'Second Register' })).toBeTruthy();
    await userEvent.click(within(nav).getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('Stratus Cloud')).toBeTruthy();
    expect(screen.queryByText('Qantas-like Airline')).toBeNull();
  });
});
