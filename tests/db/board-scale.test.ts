// The board pack stays a few pages whatever the register's size: its tables list the first rows and count the rest.
import { describe, expect, it } from 'vitest';
import { ok, serviceWithRegister, vendor } from './helpers';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('board pack size', () => {
  it('lists twelve notice deadlines and counts the others, while the summary keeps them all', () => {
    const { service } = serviceWithRegister();
    for (let i = 0; i < 30; i++) {
      const { id } = ok<{ id: number }>(service, 'vendors.create', { vendor: vendor({ name: `Vendor ${i}` }) });
      ok(service, 'contracts.save', { contract: { vendorId: id, reference: `REF-${i}`, startDate: '2024-01-01', endDate: day(20 + i), noticeDays: 10, annualValue: null, currency: null } });
    }
    const summary = ok<{ noticeDeadlines: unknown[] }>(service, 'board.summary', { periodDays: 91 });
    expect(summary.noticeDeadlines).toHaveLength(30);

    const { html } = ok<{ html: string }>(service, 'board.pack', { periodDays: 91 });
    expect(html.match(/REF-\d+/g)).toHaveLength(12);
    expect(html).toContain('and 18 more notice deadlines (30 notice deadlines in all; the app lists every one)');
  });
});
