// Reviews of a vendor (procurement before signing, or periodic): who decided what, when, and on which figures.
import type { MethodArgs, Review } from './contract';
import { prepared, type RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { insertAudited, requireVendor, updateAudited, type TableDef } from './entity';

export const REVIEW: TableDef = {
  entity: 'review',
  table: 'reviews',
  columns: { vendorId: 'vendor_id', reviewDate: 'review_date', reviewer: 'reviewer', outcome: 'outcome', conditions: 'conditions', metricsJson: 'metrics_json' },
  notFound: 'This review is no longer in the register.',
};

function reviewsWhere(db: RegisterDb, where: string, ...params: unknown[]): Review[] {
  const rows = prepared(db, `SELECT r.*, v.name AS vendor_name FROM reviews r JOIN vendors v ON v.id = r.vendor_id ${where} ORDER BY r.review_date DESC, r.id DESC`).all(...params) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: r.id as number,
    vendorId: r.vendor_id as number,
    vendorName: r.vendor_name as string,
    reviewDate: r.review_date as string,
    reviewer: r.reviewer as string,
    outcome: r.outcome as Review['outcome'],
    conditions: r.conditions as string | null,
    metrics: r.metrics_json ? (JSON.parse(r.metrics_json as string) as Record<string, unknown>) : null,
  }));
}

export const listReviews = (db: RegisterDb, vendorId?: number) =>
  vendorId === undefined ? reviewsWhere(db, '') : reviewsWhere(db, 'WHERE r.vendor_id = ?', vendorId);

export function saveReview(db: RegisterDb, ctx: WriteContext, { id, review }: MethodArgs<'reviews.save'>): Review {
  return db.transaction(() => {
    requireVendor(db, review.vendorId, 'review.vendorId');
    const { metrics, ...fields } = review;
    const row = { ...fields, metricsJson: metrics ? JSON.stringify(metrics) : null };
    const savedId = id ?? insertAudited(db, ctx, REVIEW, row);
    if (id !== undefined) updateAudited(db, ctx, REVIEW, id, row);
    return reviewsWhere(db, 'WHERE r.id = ?', savedId)[0]!;
  })();
}
