// Data categories and their sensitivity weights.
import type { DataCategory, MethodArgs } from './contract';
import { prepared, type RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { updateAudited, insertAudited, type TableDef } from './entity';
import { DEFAULT_CATEGORIES } from './shared/categories';

export const CATEGORY: TableDef = {
  entity: 'data_category',
  table: 'data_categories',
  columns: { code: 'code', label: 'label', weight: 'weight', notifiable: 'notifiable' },
  booleans: ['notifiable'],
  notFound: 'This data category is no longer in the register.',
};

const defaultWeight = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c.weight]));

export function listCategories(db: RegisterDb): DataCategory[] {
  const rows = prepared(
    db,
    `SELECT c.id, c.code, c.label, c.weight, c.notifiable, coalesce(t.records, 0) AS records, coalesce(t.vendors, 0) AS vendors
     FROM data_categories c LEFT JOIN category_totals t ON t.category_id = c.id
     ORDER BY c.sort_order, c.id`,
  ).all() as { id: number; code: string; label: string; weight: number; notifiable: number; records: number; vendors: number }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    label: r.label,
    weight: r.weight,
    notifiable: r.notifiable === 1,
    defaultWeight: defaultWeight.get(r.code) ?? null,
    recordsHeld: r.records,
    vendorsHolding: r.vendors,
  }));
}

export function updateCategory(db: RegisterDb, ctx: WriteContext, args: MethodArgs<'categories.update'>): DataCategory {
  return db.transaction(() => {
    updateAudited(db, ctx, CATEGORY, args.id, { label: args.label, weight: args.weight, notifiable: args.notifiable });
    return listCategories(db).find((c) => c.id === args.id)!;
  })();
}

/** Puts every default category back at its default label, weight and flag; categories the register added stay. */
export function restoreDefaultCategories(db: RegisterDb, ctx: WriteContext): DataCategory[] {
  return db.transaction(() => {
    const byCode = new Map(listCategories(db).map((c) => [c.code.toLowerCase(), c]));
    DEFAULT_CATEGORIES.forEach((d, order) => {
      const existing = byCode.get(d.code);
      const fields = { code: d.code, label: d.label, weight: d.weight, notifiable: d.notifiable };
      if (existing) updateAudited(db, ctx, CATEGORY, existing.id, fields);
      else db.prepare('UPDATE data_categories SET sort_order = ? WHERE id = ?').run(order, insertAudited(db, ctx, CATEGORY, fields));
    });
    return listCategories(db);
  })();
}
