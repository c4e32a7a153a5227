// The audit log: every write records who changed what, when, with the row before and after.
import type { AuditEntry } from './contract';
import type { RegisterDb } from './connection';
import { readable } from './audit-readable';

export interface WriteContext {
  /** Who is making the change (the operating-system user). */
  actor: string;
  now(): string;
}

export function recordAudit(
  db: RegisterDb,
  ctx: WriteContext,
  entry: { entity: string; entityId: number | null; action: AuditEntry['action']; before: object | null; after: object | null },
): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor, entity, entity_id, action, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ctx.now(),
    ctx.actor,
    entry.entity,
    entry.entityId,
    entry.action,
    entry.before ? JSON.stringify(entry.before) : null,
    entry.after ? JSON.stringify(entry.after) : null,
  );
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: number | null;
  action: AuditEntry['action'];
  before_json: string | null;
  after_json: string | null;
}

export function listAudit(db: RegisterDb, query: { entity?: string; entityId?: number; vendorId?: number; limit: number }): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM audit_log
       WHERE (:entity IS NULL OR entity = :entity) AND (:entityId IS NULL OR entity_id = :entityId)
         AND (:vendorId IS NULL
              OR (entity = 'vendor' AND entity_id = :vendorId)
              OR :vendorId IN (json_extract(coalesce(after_json, before_json), '$.vendorId'),
                               json_extract(coalesce(after_json, before_json), '$.supplierId')))
       ORDER BY id DESC LIMIT :limit`,
    )
    .all({ entity: query.entity ?? null, entityId: query.entityId ?? null, vendorId: query.vendorId ?? null, limit: query.limit }) as AuditRow[];
  return readable(
    db,
    rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : null,
      after: r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : null,
    })),
  );
}
