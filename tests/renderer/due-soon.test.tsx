// The Due soon view shows a page of each group at a time: a register of 100,000 vendors has tens of thousands of dates.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DueItem } from '../../db/contract';
import { createAppStore, StoreProvider } from '../../renderer/store';
import { DueSoonView } from '../../renderer/views/DueSoonView';
import { createFakeTransport, registerInfo } from './fake-transport';

const item = (i: number, daysLeft: number): DueItem => ({ kind: 'notice_deadline', vendorId: i, vendorName: `Vendor ${i}`, date: '2026-12-01', daysLeft, detail: `Notice deadline for contract C-${i}` });

describe('the Due soon view', () => {
  it('shows each group a hundred items at a time, with the count of all', async () => {
    const due = [...Array.from({ length: 250 }, (_, i) => item(i, -3)), ...Array.from({ length: 4 }, (_, i) => item(1000 + i, 10)), item(2000, 1)];
    const fake = createFakeTransport({ 'register.info': () => registerInfo('A', 'Register A'), 'vendors.list': () => ({ rows: [], total: 0 }), 'register.dueSoon': () => due });
    const app = createAppStore(fake.transport);
    await app.store.getState().loadRegister();
    render(
      <StoreProvider value={app}>
        <DueSoonView />
      </StoreProvider>,
    );
    await act(async () => undefined);
    const overdue = screen.getByRole('heading', { name: /Overdue/ }).closest('.card') as HTMLElement;
    expect(overdue.textContent).toContain('(250)');
    expect(overdue.querySelectorAll('li')).toHaveLength(100);
    expect(overdue.textContent).toContain('1–100 of 250');
    fireEvent.click(overdue.querySelector('nav button:last-child')!);
    expect(overdue.querySelectorAll('li')).toHaveLength(100);
    expect(overdue.textContent).toContain('101–200 of 250');
    expect(overdue.textContent).toContain('Vendor 100');
    const soon = screen.getByRole('heading', { name: /Next 30 days/ }).closest('.card') as HTMLElement;
    expect(soon.querySelectorAll('li')).toHaveLength(5);
    expect(soon.querySelector('nav')).toBeNull();
    expect(soon.textContent).toContain('in 10 days');
    expect(soon.textContent).toContain('in 1 day');
    expect(soon.textContent).not.toContain('in 1 days');
    expect(overdue.textContent).toContain('3 days overdue');
  });
});
