// The board summary and pack stay small whatever the register's size: they list the first rows and count the rest
// (in SQL: a register of 100,000 vendors has tens of thousands of dates in a quarter).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeRegister, openRegister } from '../../db/connection';
import type { DueCounts, DueItem } from '../../db/contract';
import { NOTICE_DEADLINE_SQL } from '../../db/contracts';
import { NOTICE_COUNTS } from '../../db/due';
import { ok, serviceWithRegister, tempDir, vendor } from './helpers';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('board pack size', () => {
  it('lists twelve notice deadlines in the pack and twenty in the summary, and counts them all', () => {
    const { service } = serviceWithRegister();
    for (let i = 0; i < 30; i++) {
      const { id } = ok<{ id: number }>(service, 'vendors.create', { vendor: vendor({ name: `Vendor ${i}` }) });
      ok(service, 'contracts.save', { contract: { vendorId: id, reference: `REF-${i}`, startDate: '2024-01-01', endDate: day(20 + i), noticeDays: 10, annualValue: null, currency: null } });
    }
    const summary = ok<{ noticeDeadlines: DueItem[]; due: DueCounts }>(service, 'board.summary', { periodDays: 91 });
    expect(summary.noticeDeadlines.map((d) => d.detail.slice(0, 30))).toEqual(ok<DueItem[]>(service, 'register.dueSoon', { withinDays: 91 }).slice(0, 20).map((d) => d.detail.slice(0, 30)));
    expect(summary.due.noticeDeadlines).toBe(30);

    const { html } = ok<{ html: string }>(service, 'board.pack', { periodDays: 91 });
    expect(html.match(/REF-\d+/g)).toHaveLength(12);
    expect(html).toContain('and 18 more notice deadlines (30 notice deadlines in all; the app lists every one)');
  });

  it('counts what is due as the full list of the Due soon view has it', () => {
    const { service } = serviceWithRegister();
    const statuses = ['active', 'exited', 'proposed', 'under_review'] as const;
    for (let i = 0; i < 24; i++) {
      const { id } = ok<{ id: number }>(service, 'vendors.create', { vendor: vendor({ name: `Vendor ${i}`, status: statuses[i % 4], nextReviewDue: day(-40 + i * 7) }) });
      ok(service, 'contracts.save', { contract: { vendorId: id, reference: `REF-${i}`, startDate: '2024-01-01', endDate: day(-5 + i * 6), noticeDays: 30, annualValue: null, currency: null } });
    }
    const all = ok<DueItem[]>(service, 'register.dueSoon', { withinDays: 91 });
    const notices = all.filter((d) => d.kind === 'notice_deadline');
    const { due } = ok<{ due: DueCounts }>(service, 'board.summary', { periodDays: 91 });
    expect(due).toEqual({
      overdueReviews: all.filter((d) => d.kind === 'review' && d.daysLeft < 0).length,
      noticeDeadlines: notices.length,
      passedDeadlines: notices.filter((d) => d.daysLeft < 0).length,
      next: notices.find((d) => d.daysLeft >= 0) ?? null,
    });
    expect(due.overdueReviews).toBeGreaterThan(0);
    expect(due.passedDeadlines).toBeGreaterThan(0);
    expect(due.noticeDeadlines).toBeGreaterThan(due.passedDeadlines);
  });

  it('reads the notice deadlines up to a horizon from their index, not from every running contract nor every deadline\'s vendor', () => {
    const { db } = openRegister(path.join(tempDir(), 'plan.vrr'), { create: true });
    const plan = (where: string) => (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM contracts c WHERE ${where}`).all() as { detail: string }[]).map((p) => p.detail).join('; ');
    expect(plan(`${NOTICE_DEADLINE_SQL} <= '2027-01-01' AND c.end_date >= '2026-10-01'`)).toMatch(/USING COVERING INDEX contracts_notice_deadline \(<expr><\?\)/);
    // Its key must be the deadline as the register works it out, or the plan above falls back to a scan.
    expect(plan(`date(c.end_date, '-' || c.notice_days || ' days') <= '2027-01-01'`)).not.toMatch(/<expr>/);
    // The counts look up no vendor per deadline: only the exited vendors' contracts are read through their vendor.
    const counts = (db.prepare(`EXPLAIN QUERY PLAN ${NOTICE_COUNTS}`).all({ today: '2026-10-01', horizon: '2027-01-01' }) as { detail: string }[]).map((p) => p.detail);
    expect(counts).toEqual(expect.arrayContaining([expect.stringMatching(/SEARCH c USING COVERING INDEX contracts_notice_deadline \(<expr><\?\)/), expect.stringMatching(/SEARCH v USING COVERING INDEX vendors_status \(status=\?\)/), expect.stringMatching(/SEARCH c USING INDEX contracts_vendor \(vendor_id=\?\)/)]));
    expect(counts.join('; ')).not.toMatch(/INTEGER PRIMARY KEY/);
    closeRegister(db);
  });
});
