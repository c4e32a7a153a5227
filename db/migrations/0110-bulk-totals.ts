import type { Migration } from './index';
import { NOT_BULK, isLive, vendorTotalsSet } from '../kept-totals';

// A bulk write (an import) pays for the kept totals once, not once per row (db/kept-totals.ts). While bulk_load holds
// its one row, the triggers that keep the totals stand aside and others note the vendors whose holdings or place in
// the live portfolio changed (bulk_vendors); the import recomputes those totals before it commits. bulk_load is
// empty outside a bulk write's transaction, bulk_vendors once the write is committed (see clearBulkVendors; a crash
// in between can leave it full, which the next bulk write empties first). The vendor totals' triggers are written
// again from the formula the import recomputes with; the others (0090) keep their bodies and gain the guard.
const GUARDED_0090 = [
  'holdings_live_storage_insert',
  'holdings_live_storage_delete',
  'holdings_live_storage_update',
  'holdings_category_totals_insert',
  'holdings_category_totals_delete',
  'holdings_category_totals_update',
  'vendors_live_storage_joined',
  'vendors_live_storage_left',
];

/** A trigger's SQL with the guard added to its WHEN clause (or given one). */
function guarded(sql: string): string {
  const begin = sql.search(/\sBEGIN\s/);
  if (begin < 0) throw new Error(`not a trigger body: ${sql.slice(0, 80)}`);
  const head = sql.slice(0, begin);
  const when = head.search(/\sWHEN\s/);
  const guardedHead = when < 0 ? `${head} WHEN ${NOT_BULK}` : `${head.slice(0, when)} WHEN ${NOT_BULK} AND (${head.slice(when + ' WHEN '.length)})`;
  return guardedHead + sql.slice(begin);
}

const TOTALS = (vendor: string) => `UPDATE vendors SET ${vendorTotalsSet(vendor)} WHERE id = ${vendor};`;
const NOTE = (vendor: string) => `INSERT OR IGNORE INTO bulk_vendors (vendor_id) VALUES (${vendor});`;
const BULK = 'EXISTS (SELECT 1 FROM bulk_load)';

const migration: Migration = {
  version: 110,
  name: 'bulk-totals',
  up(db) {
    db.exec(`
      CREATE TABLE bulk_load (only INTEGER PRIMARY KEY CHECK (only = 1)) STRICT;
      CREATE TABLE bulk_vendors (vendor_id INTEGER PRIMARY KEY) STRICT;

      DROP TRIGGER holdings_totals_insert;
      DROP TRIGGER holdings_totals_delete;
      DROP TRIGGER holdings_totals_update;
      CREATE TRIGGER holdings_totals_insert AFTER INSERT ON holdings WHEN ${NOT_BULK} BEGIN ${TOTALS('NEW.vendor_id')} END;
      CREATE TRIGGER holdings_totals_delete AFTER DELETE ON holdings WHEN ${NOT_BULK} BEGIN ${TOTALS('OLD.vendor_id')} END;
      CREATE TRIGGER holdings_totals_update AFTER UPDATE OF vendor_id, category_id, records ON holdings WHEN ${NOT_BULK} BEGIN
        ${TOTALS('OLD.vendor_id')}
        ${TOTALS('NEW.vendor_id')}
      END;

      CREATE TRIGGER holdings_bulk_insert AFTER INSERT ON holdings WHEN ${BULK} BEGIN ${NOTE('NEW.vendor_id')} END;
      CREATE TRIGGER holdings_bulk_delete AFTER DELETE ON holdings WHEN ${BULK} BEGIN ${NOTE('OLD.vendor_id')} END;
      CREATE TRIGGER holdings_bulk_update AFTER UPDATE OF vendor_id, category_id, records, storage_country ON holdings WHEN ${BULK} BEGIN
        ${NOTE('OLD.vendor_id')}
        ${NOTE('NEW.vendor_id')}
      END;
      CREATE TRIGGER vendors_bulk_live AFTER UPDATE OF direct, status ON vendors WHEN ${BULK} AND ${isLive('NEW')} IS NOT ${isLive('OLD')} BEGIN ${NOTE('NEW.id')} END;
    `);
    const sqlOf = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck();
    for (const name of GUARDED_0090) {
      const sql = sqlOf.get(name) as string | undefined;
      if (!sql) throw new Error(`trigger ${name} is missing`);
      db.exec(`DROP TRIGGER ${name}`);
      db.exec(guarded(sql));
    }
  },
};

export default migration;
