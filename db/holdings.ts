// Data holdings: how many people's records of each category a vendor holds, and where.
import type { Holding, HoldingList, MethodArgs } from './contract';
import type { RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { deleteAudited, fieldError, insertAudited, requireVendor, updateAudited, type TableDef } from './entity';

export const HOLDING: TableDef = {
  entity: 'holding',
  table: 'holdings',
  columns: {
    vendorId: 'vendor_id',
    categoryId: 'category_id',
    records: 'records',
    storageCountry: 'storage_country',
    encrypted: 'encrypted',
    tokenised: 'tokenised',
    notes: 'notes',
  },
  booleans: ['encrypted', 'tokenised'],
  notFound: 'This data holding is no longer in the register.',
};

const SELECT = `SELECT h.*, c.code, c.label, c.weight FROM holdings h JOIN data_categories c ON c.id = h.category_id`;

function toHolding(r: Record<string, unknown>): Holding {
  return {
    id: r.id as number,
    vendorId: r.vendor_id as number,
    categoryId: r.category_id as number,
    records: r.records as number,
    storageCountry: r.storage_country as string | null,
    encrypted: r.encrypted === 1,
    tokenised: r.tokenised === 1,
    notes: r.notes as string | null,
    categoryCode: r.code as string,
    categoryLabel: r.label as string,
    weight: r.weight as number,
    exposure: (r.records as number) * (r.weight as number),
  };
}

export function listHoldings(db: RegisterDb, vendorId: number): HoldingList {
  const rows = (db.prepare(`${SELECT} WHERE h.vendor_id = ? ORDER BY c.sort_order, h.storage_country`).all(vendorId) as Record<string, unknown>[]).map(toHolding);
  return {
    rows,
    totalRecords: rows.reduce((sum, h) => sum + h.records, 0),
    totalExposure: rows.reduce((sum, h) => sum + h.exposure, 0),
  };
}

export function saveHolding(db: RegisterDb, ctx: WriteContext, { id, holding }: MethodArgs<'holdings.save'>): Holding {
  return db.transaction(() => {
    requireVendor(db, holding.vendorId, 'holding.vendorId');
    const category = db.prepare('SELECT label FROM data_categories WHERE id = ?').pluck().get(holding.categoryId) as string | undefined;
    if (category === undefined) throw fieldError('holding.categoryId', 'Choose a data category.');
    const clash = db
      .prepare(
        `SELECT id FROM holdings WHERE vendor_id = ? AND category_id = ? AND coalesce(storage_country, '') = coalesce(?, '') AND id IS NOT ?`,
      )
      .pluck()
      .get(holding.vendorId, holding.categoryId, holding.storageCountry, id ?? null);
    if (clash !== undefined) {
      throw fieldError('holding.categoryId', `This vendor already has a holding of “${category}”${holding.storageCountry ? ` stored in ${holding.storageCountry}` : ''}: change that one instead.`);
    }
    const savedId = id ?? insertAudited(db, ctx, HOLDING, holding);
    if (id !== undefined) updateAudited(db, ctx, HOLDING, id, holding);
    return toHolding(db.prepare(`${SELECT} WHERE h.id = ?`).get(savedId) as Record<string, unknown>);
  })();
}

export function deleteHolding(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  db.transaction(() => deleteAudited(db, ctx, HOLDING, id))();
  return { id };
}
