// The audit log: every write records who changed what, when, with the row before and after.
import fs from 'node:fs';
import type { AuditEntry, HistoryFilter, PersonName } from './contract';
import type { RegisterDb } from './connection';
import { readSetting, writeSetting } from './settings';
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

export function listAudit(db: RegisterDb, query: HistoryFilter & { entityId?: number; vendorId?: number; limit: number }): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM audit_log
       WHERE (:entity IS NULL OR entity = :entity) AND (:entityId IS NULL OR entity_id = :entityId)
         AND (:actor IS NULL OR actor = :actor)
         AND (:from IS NULL OR at >= :from) AND (:to IS NULL OR at < date(:to, '+1 day'))
         AND (:vendorId IS NULL
              OR (entity = 'vendor' AND entity_id = :vendorId)
              OR :vendorId IN (json_extract(coalesce(after_json, before_json), '$.vendorId'),
                               json_extract(coalesce(after_json, before_json), '$.supplierId')))
       ORDER BY id DESC LIMIT :limit`,
    )
    .all({
      entity: query.entity ?? null,
      entityId: query.entityId ?? null,
      actor: query.actor ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      vendorId: query.vendorId ?? null,
      limit: query.limit,
    }) as AuditRow[];
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

export function auditPeople(db: RegisterDb): string[] {
  return db.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor COLLATE NOCASE').pluck().all() as string[];
}

const fullNames = new Map<string, string | null>();

/** An account's full name from the system's user database (the GECOS field on Linux and macOS), when it has one. */
function systemFullName(account: string): string | null {
  if (!fullNames.has(account)) fullNames.set(account, readFullName(account));
  return fullNames.get(account)!;
}

function readFullName(account: string): string | null {
  try {
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${account}:`));
    const full = line?.split(':')[4]?.split(',')[0]?.trim();
    return full || null;
  } catch {
    return null;
  }
}

/** The name the history records for an account: entered in Settings, else the system's full name, else the login. */
export function personName(db: RegisterDb, account: string): PersonName {
  const entered = readSetting(db, `person:${account}`);
  return { account, name: entered ?? systemFullName(account) ?? account, entered: entered !== null };
}

export function updatePersonName(db: RegisterDb, account: string, name: string | null): PersonName {
  if (name) writeSetting(db, `person:${account}`, name);
  else db.prepare('DELETE FROM settings WHERE key = ?').run(`person:${account}`);
  return personName(db, account);
}
