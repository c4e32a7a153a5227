// Audited writes for the register's simpler tables: one definition per table maps contract fields to columns,
// and every insert, update and delete records its before and after images in the audit log.
import { ApiError } from './contract';
import type { RegisterDb } from './connection';
import { recordAudit, type WriteContext } from './audit';

/** A LIKE pattern (with ESCAPE '\\') for text containing `text` as typed: % and _ are letters, not wildcards. */
export const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface TableDef {
  /** The entity name in the audit log. */
  entity: string;
  table: string;
  /** Contract field → column. */
  columns: Record<string, string>;
  /** Fields stored as 0/1. */
  booleans?: readonly string[];
  /** Shown when a row is not found. */
  notFound: string;
}

export function columnValues(def: TableDef, fields: Record<string, unknown>): { columns: string[]; values: unknown[] } {
  const entries = Object.entries(def.columns).filter(([field]) => field in fields);
  return {
    columns: entries.map(([, column]) => column),
    values: entries.map(([field]) => (def.booleans?.includes(field) ? (fields[field] ? 1 : 0) : fields[field])),
  };
}

export function fieldsFromRow(def: TableDef, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(def.columns).map(([field, column]) => [field, def.booleans?.includes(field) ? row[column] === 1 : row[column]]),
  );
}

function readRaw(db: RegisterDb, def: TableDef, id: number): Record<string, unknown> {
  const row = db.prepare(`SELECT * FROM ${def.table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) throw new ApiError('NOT_FOUND', def.notFound);
  return fieldsFromRow(def, row);
}

/** Inserts a row (with the given id when it is put back by an undo, else a new one) and audits it. */
export function insertAudited(db: RegisterDb, ctx: WriteContext, def: TableDef, fields: Record<string, unknown>, id: number | null = null): number {
  const { columns, values } = columnValues(def, fields);
  const { lastInsertRowid } = db
    .prepare(`INSERT INTO ${def.table} (id, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`)
    .run(id, ...values);
  const savedId = Number(lastInsertRowid);
  recordAudit(db, ctx, { entity: def.entity, entityId: savedId, action: 'create', before: null, after: readRaw(db, def, savedId) });
  return savedId;
}

export function updateAudited(db: RegisterDb, ctx: WriteContext, def: TableDef, id: number, fields: Record<string, unknown>): void {
  const before = readRaw(db, def, id);
  const { columns, values } = columnValues(def, fields);
  db.prepare(`UPDATE ${def.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
  const after = readRaw(db, def, id);
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    recordAudit(db, ctx, { entity: def.entity, entityId: id, action: 'update', before, after });
  }
}

export function deleteAudited(db: RegisterDb, ctx: WriteContext, def: TableDef, id: number): void {
  const before = readRaw(db, def, id);
  db.prepare(`DELETE FROM ${def.table} WHERE id = ?`).run(id);
  recordAudit(db, ctx, { entity: def.entity, entityId: id, action: 'delete', before, after: null });
}

/** Throws a field-level VALIDATION error unless the vendor exists; returns its name. */
export function requireVendor(db: RegisterDb, vendorId: number, field: string): string {
  const name = db.prepare('SELECT name FROM vendors WHERE id = ?').pluck().get(vendorId) as string | undefined;
  if (name === undefined) throw fieldError(field, 'That vendor is no longer in the register.');
  return name;
}

export function fieldError(field: string, message: string): ApiError {
  return new ApiError('VALIDATION', message, { fields: { [field]: message } });
}
