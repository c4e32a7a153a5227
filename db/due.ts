// What needs attention soon: contract notice deadlines and vendor reviews, overdue first.
import type { DueCounts, DueItem } from './contract';
import { prepared, type RegisterDb } from './connection';
import { NOTICE_DEADLINE_SQL } from './contracts';
import { formatDay } from './shared/headline';

/** Notice deadlines of contracts still running (ending today or later) of vendors not exited, up to :horizon. */
const NOTICES = `SELECT 'notice_deadline' AS kind, v.id AS vendor_id, v.name AS vendor_name, ${NOTICE_DEADLINE_SQL} AS date,
         c.reference, c.end_date, coalesce(c.notice_days, 0) AS notice_days
  FROM contracts c JOIN vendors v ON v.id = c.vendor_id
  WHERE c.end_date IS NOT NULL AND c.end_date >= :today AND v.status NOT IN ('exited') AND ${NOTICE_DEADLINE_SQL} <= :horizon`;
/** Periodic reviews of vendors neither exited nor proposed, up to :horizon. */
const REVIEWS = `SELECT 'review', v.id, v.name, v.next_review_due, NULL, NULL, NULL
  FROM vendors v WHERE v.next_review_due <= :horizon AND v.status NOT IN ('exited', 'proposed')`;

type DueRow = { kind: DueItem['kind']; vendor_id: number; vendor_name: string; date: string; reference: string | null; end_date: string | null; notice_days: number | null };
const dates = (today: string, withinDays: number) => ({ today, horizon: new Date(Date.parse(`${today}T00:00:00Z`) + withinDays * 86_400_000).toISOString().slice(0, 10) });

export function dueSoon(db: RegisterDb, withinDays: number, today = new Date().toISOString().slice(0, 10)): DueItem[] {
  const rows = db.prepare(`${NOTICES} UNION ALL ${REVIEWS} ORDER BY date, vendor_name`).all(dates(today, withinDays)) as DueRow[];
  return dueItems(rows, today);
}

/** Notice deadlines counted, and those already passed: all of them read from the contracts' notice-deadline index alone
 * (migration 0180), less those of exited vendors, found from the vendors' status index. (Looking up each deadline's
 * vendor instead cost 10 ms at 100,000 vendors, 13,334 deadlines in a quarter; CROSS JOIN keeps the vendors outermost.) */
export const NOTICE_COUNTS = `SELECT everyone.deadlines - exited.deadlines, everyone.passed - exited.passed FROM
  (SELECT count(*) AS deadlines, count(*) FILTER (WHERE ${NOTICE_DEADLINE_SQL} < :today) AS passed FROM contracts c
    WHERE ${NOTICE_DEADLINE_SQL} <= :horizon AND c.end_date >= :today) AS everyone,
  (SELECT count(*) AS deadlines, count(*) FILTER (WHERE ${NOTICE_DEADLINE_SQL} < :today) AS passed FROM vendors v CROSS JOIN contracts c
    WHERE v.status = 'exited' AND c.vendor_id = v.id AND ${NOTICE_DEADLINE_SQL} <= :horizon AND c.end_date >= :today) AS exited`;

/** What is due up to the horizon, counted, with the first `listed` notice deadlines by date and the next one still
 * ahead: counted from the deadlines' index, only the listed ones read as items. */
export function dueSummary(db: RegisterDb, withinDays: number, today: string, listed: number): { counts: DueCounts; noticeDeadlines: DueItem[] } {
  const params = dates(today, withinDays);
  const [noticeDeadlines, passedDeadlines] = prepared(db, NOTICE_COUNTS).raw().get(params) as [number, number];
  const first = (where: string, limit: number) => prepared(db, `${NOTICES} ${where} ORDER BY date, vendor_name LIMIT ${limit}`).all(params) as DueRow[];
  const overdueReviews = prepared(db, `SELECT count(*) FROM (${REVIEWS}) WHERE next_review_due < :today`).pluck().get(params) as number;
  const [next] = dueItems(first(`AND ${NOTICE_DEADLINE_SQL} >= :today`, 1), today);
  return {
    counts: { overdueReviews, noticeDeadlines, passedDeadlines, next: next ?? null },
    noticeDeadlines: dueItems(first('', listed), today),
  };
}

function dueItems(rows: readonly DueRow[], today: string): DueItem[] {
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
