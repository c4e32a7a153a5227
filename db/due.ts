// What needs attention soon: contract notice deadlines and vendor reviews, overdue first.
import type { DueItem } from './contract';
import type { RegisterDb } from './connection';
import { NOTICE_DEADLINE_SQL } from './contracts';
import { formatDay } from './shared/headline';

export function dueSoon(db: RegisterDb, withinDays: number, today = new Date().toISOString().slice(0, 10)): DueItem[] {
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT 'notice_deadline' AS kind, v.id AS vendor_id, v.name AS vendor_name, ${NOTICE_DEADLINE_SQL} AS date,
                c.reference, c.end_date, coalesce(c.notice_days, 0) AS notice_days
         FROM contracts c JOIN vendors v ON v.id = c.vendor_id
         WHERE c.end_date IS NOT NULL AND c.end_date >= :today AND v.status NOT IN ('exited')
         UNION ALL
         SELECT 'review', v.id, v.name, v.next_review_due, NULL, NULL, NULL
         FROM vendors v WHERE v.next_review_due IS NOT NULL AND v.status NOT IN ('exited', 'proposed')
       ) WHERE date <= date(:today, '+' || :within || ' days')
       ORDER BY date, vendor_name`,
    )
    .all({ today, within: withinDays }) as { kind: DueItem['kind']; vendor_id: number; vendor_name: string; date: string; reference: string | null; end_date: string | null; notice_days: number | null }[];
  const start = Date.parse(`${today}T00:00:00Z`);
  return rows.map((r) => ({
    kind: r.kind,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    date: r.date,
    daysLeft: Math.round((Date.parse(`${r.date}T00:00:00Z`) - start) / 86_400_000),
    detail: r.kind === 'review' ? 'Periodic review due' : `Notice deadline for contract ${r.reference} (ends ${formatDay(r.end_date)}, ${r.notice_days} days notice)`,
  }));
}
