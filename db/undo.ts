// Undo of the latest change. The audit log holds every row before and after each write, so a change (the entries one
// call wrote) is undone by writing those images back, newest first, as new audited writes. Only the latest change can
// be undone: anything written after it may rely on it (a link to a vendor, a name now taken).
import { ApiError, vendorFieldsOf, type UndoToken, type VendorFields } from './contract';
import type { RegisterDb } from './connection';
import { recordAudit, type WriteContext } from './audit';
import { CATEGORY } from './categories';
import { CONTRACT } from './contracts';
import { DEPENDENCY } from './dependencies';
import { deleteAudited, insertAudited, updateAudited, type TableDef } from './entity';
import { HOLDING } from './holdings';
import { writeIncident } from './incidents';
import { REVIEW } from './reviews';
import { linkVendor, SERVICE, unlinkVendor } from './services';
import { getVendor, vendorWriter } from './vendors';

type Image = Record<string, unknown>;

interface Inverse {
  /** Puts a deleted row back under its id. */
  restore(db: RegisterDb, ctx: WriteContext, id: number, image: Image): void;
  /** Sets a row back to its image. */
  revert(db: RegisterDb, ctx: WriteContext, id: number, image: Image): void;
  /** Removes a created row. */
  remove(db: RegisterDb, ctx: WriteContext, id: number, image: Image): void;
}

const table = (def: TableDef): Inverse => ({
  restore: (db, ctx, id, image) => void insertAudited(db, ctx, def, image, id),
  revert: (db, ctx, id, image) => updateAudited(db, ctx, def, id, image),
  remove: (db, ctx, id) => deleteAudited(db, ctx, def, id),
});

const vendorImage = (db: RegisterDb, id: number) => vendorFieldsOf(getVendor(db, id));

const INVERSES: Record<string, Inverse> = {
  vendor: {
    restore(db, ctx, id, image) {
      vendorWriter(db).insert(image as unknown as VendorFields, ctx.now(), id);
      recordAudit(db, ctx, { entity: 'vendor', entityId: id, action: 'create', before: null, after: vendorImage(db, id) });
    },
    revert(db, ctx, id, image) {
      const before = vendorImage(db, id);
      vendorWriter(db).update(id, image as unknown as VendorFields, ctx.now());
      recordAudit(db, ctx, { entity: 'vendor', entityId: id, action: 'update', before, after: vendorImage(db, id) });
    },
    remove(db, ctx, id) {
      const before = vendorImage(db, id);
      db.prepare('DELETE FROM vendors WHERE id = ?').run(id);
      recordAudit(db, ctx, { entity: 'vendor', entityId: id, action: 'delete', before, after: null });
    },
  },
  incident: {
    restore: (db, ctx, id, image) => void writeIncident(db, ctx, image as never, id, true),
    revert: (db, ctx, id, image) => void writeIncident(db, ctx, image as never, id, false),
    remove(db, ctx, id, image) {
      db.prepare('DELETE FROM incidents WHERE id = ?').run(id);
      recordAudit(db, ctx, { entity: 'incident', entityId: id, action: 'delete', before: image, after: null });
    },
  },
  // A link's audit entry is keyed by the vendor; its image names the service.
  service_vendor: {
    restore: (db, ctx, _id, image) => void linkVendor(db, ctx, image as never),
    revert: (db, ctx, _id, image) => void linkVendor(db, ctx, image as never),
    remove: (db, ctx, _id, image) => unlinkVendor(db, ctx, image.serviceId as number, image.vendorId as number),
  },
  holding: table(HOLDING),
  contract: table(CONTRACT),
  dependency: table(DEPENDENCY),
  review: table(REVIEW),
  service: table(SERVICE),
  data_category: table(CATEGORY),
};

function lastAuditId(db: RegisterDb): number {
  return (db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0;
}

/** Runs a write and returns its result with the token that undoes it (null when it wrote nothing undoable). */
export function undoable<T extends object>(db: RegisterDb, write: () => T): T & { undo: UndoToken | null } {
  const from = lastAuditId(db) + 1;
  const result = write();
  const to = lastAuditId(db);
  if (to < from) return { ...result, undo: null };
  const entities = db.prepare('SELECT DISTINCT entity FROM audit_log WHERE id BETWEEN ? AND ?').pluck().all(from, to) as string[];
  return { ...result, undo: entities.every((e) => e in INVERSES) ? { from, to } : null };
}

/** Undoes the change a token names, in one transaction; refused when anything was changed after it. */
export function undoChange(db: RegisterDb, ctx: WriteContext, token: UndoToken): { undone: number } {
  return db.transaction(() => {
    if (lastAuditId(db) !== token.to) {
      throw new ApiError('CONFLICT', 'The register has changed since, so this can no longer be undone. Make the change again by hand.');
    }
    const entries = db
      .prepare('SELECT entity, entity_id, action, before_json, after_json FROM audit_log WHERE id BETWEEN ? AND ? ORDER BY id DESC')
      .all(token.from, token.to) as { entity: string; entity_id: number; action: string; before_json: string | null; after_json: string | null }[];
    if (entries.length === 0) throw new ApiError('NOT_FOUND', 'There is nothing to undo.');
    for (const entry of entries) {
      const inverse = INVERSES[entry.entity];
      if (!inverse) throw new ApiError('CONFLICT', 'This change cannot be undone.');
      const before = entry.before_json ? (JSON.parse(entry.before_json) as Image) : null;
      const after = entry.after_json ? (JSON.parse(entry.after_json) as Image) : null;
      if (entry.action === 'delete') inverse.restore(db, ctx, entry.entity_id, before!);
      else if (entry.action === 'update') inverse.revert(db, ctx, entry.entity_id, before!);
      else inverse.remove(db, ctx, entry.entity_id, after!);
    }
    return { undone: entries.length };
  })();
}
