// Contracts, with the notice deadline derived from the end date and the notice period.
import type { Contract, MethodArgs } from './contract';
import type { RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { deleteAudited, fieldsFromRow, insertAudited, requireVendor, updateAudited, type TableDef } from './entity';

export const CONTRACT: TableDef = {
  entity: 'contract',
  table: 'contracts',
  columns: {
    vendorId: 'vendor_id',
    reference: 'reference',
    startDate: 'start_date',
    endDate: 'end_date',
    noticeDays: 'notice_days',
    annualValue: 'annual_value',
    currency: 'currency',
  },
  notFound: 'This contract is no longer in the register.',
};

/** SQL for the last day to give notice: end date minus the notice period. */
export const NOTICE_DEADLINE_SQL = `CASE WHEN c.end_date IS NULL THEN NULL ELSE date(c.end_date, '-' || coalesce(c.notice_days, 0) || ' days') END`;

function contractsWhere(db: RegisterDb, where: string, ...params: unknown[]): Contract[] {
  const rows = db
    .prepare(
      `SELECT c.*, v.name AS vendor_name, ${NOTICE_DEADLINE_SQL} AS notice_deadline
       FROM contracts c JOIN vendors v ON v.id = c.vendor_id ${where} ORDER BY c.end_date IS NULL, c.end_date, c.reference`,
    )
    .all(...params) as Record<string, unknown>[];
  return rows.map((r) => ({
    ...(fieldsFromRow(CONTRACT, r) as Omit<Contract, 'id' | 'vendorName' | 'noticeDeadline'>),
    id: r.id as number,
    vendorName: r.vendor_name as string,
    noticeDeadline: r.notice_deadline as string | null,
  }));
}

export const listContracts = (db: RegisterDb, vendorId?: number) =>
  vendorId === undefined ? contractsWhere(db, '') : contractsWhere(db, 'WHERE c.vendor_id = ?', vendorId);

export function saveContract(db: RegisterDb, ctx: WriteContext, { id, contract }: MethodArgs<'contracts.save'>): Contract {
  return db.transaction(() => {
    requireVendor(db, contract.vendorId, 'contract.vendorId');
    const savedId = id ?? insertAudited(db, ctx, CONTRACT, contract);
    if (id !== undefined) updateAudited(db, ctx, CONTRACT, id, contract);
    return contractsWhere(db, 'WHERE c.id = ?', savedId)[0]!;
  })();
}

export function deleteContract(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  db.transaction(() => deleteAudited(db, ctx, CONTRACT, id))();
  return { id };
}
