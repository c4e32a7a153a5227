// The totals kept from the holdings (migrations 0040, 0060, 0090, 0110): on each vendor row (records held, largest
// category, exposure), people per live storage country and category (live_storage) and per category (category_totals).
// Triggers keep them row by row. A bulk write (an import) would pay for them once per row, so it sets bulk_load: the
// triggers then only note the vendors touched (bulk_vendors), and endBulkLoad recomputes their totals set-based, in the
// same transaction, from the same formulas the triggers use.
import type { RegisterDb } from './connection';
import { timeSlices } from './time-slices';

/** The SET clause of a vendor's totals, summed from its holdings; `vendor` is the SQL naming the vendor's id. */
export const vendorTotalsSet = (vendor: string) => `
    records_held = (SELECT coalesce(sum(h.records), 0) FROM holdings h WHERE h.vendor_id = ${vendor}),
    largest_category = (SELECT coalesce(max(n), 0) FROM (SELECT sum(h.records) AS n FROM holdings h WHERE h.vendor_id = ${vendor} GROUP BY h.category_id)),
    exposure = (SELECT coalesce(sum(h.records * c.weight), 0) FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = ${vendor})`;

/** A vendor in the live portfolio (direct, and active, under review or offboarding); `v` names its row. */
export const isLive = (v: string) => `(${v}.direct = 1 AND ${v}.status IN ('active', 'under_review', 'offboarding'))`;

/** The guard of every keeping trigger: no bulk write under way. */
export const NOT_BULK = 'NOT EXISTS (SELECT 1 FROM bulk_load)';

/**
 * Vendors per statement when totals are recomputed: a few milliseconds each (a range's cost varies threefold: the
 * first spills the pages the rows left in the cache), yielded between by time (endBulkLoadInSlices).
 */
const VENDORS_PER_TOTALS = 250;
const VENDORS_PER_AGGREGATES = 500;

/**
 * live_storage and category_totals, added up over the holdings of one range of vendors (the ranges do not overlap).
 * The vendors are found by their ids (NOT INDEXED): left to choose, SQLite walked every live vendor by the status
 * index for each range (25 ms a range at 300,000 vendors, whatever its size).
 */
export const ADD_AGGREGATES = [
  `INSERT INTO live_storage (storage_country, category_id, records, holdings)
   SELECT coalesce(h.storage_country, ''), h.category_id, sum(h.records), count(*) FROM vendors v NOT INDEXED JOIN holdings h ON h.vendor_id = v.id
   WHERE v.id BETWEEN ? AND ? AND ${isLive('v')} GROUP BY 1, 2
   ON CONFLICT (storage_country, category_id) DO UPDATE SET records = records + excluded.records, holdings = holdings + excluded.holdings`,
  `INSERT INTO category_totals (category_id, records, vendors)
   SELECT category_id, sum(records), count(DISTINCT vendor_id) FROM holdings WHERE vendor_id BETWEEN ? AND ? GROUP BY category_id
   ON CONFLICT (category_id) DO UPDATE SET records = records + excluded.records, vendors = vendors + excluded.vendors`,
];

/** Starts a bulk write: the keeping triggers stand aside until endBulkLoad. Call inside the write's transaction. */
export function beginBulkLoad(db: RegisterDb): void {
  db.exec('DELETE FROM bulk_vendors; INSERT INTO bulk_load (only) VALUES (1)');
}

/**
 * The recomputation a bulk write ends with, a range of vendors at a time (yielding between), so that at 300,000
 * vendors no one statement holds the process for seconds: the touched vendors' totals, then live_storage and
 * category_totals from scratch, as the triggers keep them.
 */
function* recomputeInSlices(db: RegisterDb): Generator<void> {
  const touched = db.prepare('SELECT EXISTS (SELECT 1 FROM bulk_vendors)').pluck().get() === 1;
  if (touched) {
    const lastId = (db.prepare('SELECT coalesce(max(id), 0) FROM vendors').pluck().get() as number) ?? 0;
    const vendorTotals = db.prepare(`UPDATE vendors SET ${vendorTotalsSet('vendors.id')} WHERE id IN (SELECT vendor_id FROM bulk_vendors WHERE vendor_id BETWEEN ? AND ?)`);
    for (let from = 1; from <= lastId; from += VENDORS_PER_TOTALS) {
      vendorTotals.run(from, from + VENDORS_PER_TOTALS - 1);
      yield;
    }
    db.exec('DELETE FROM live_storage; DELETE FROM category_totals');
    const add = ADD_AGGREGATES.map((sql) => db.prepare(sql));
    for (let from = 1; from <= lastId; from += VENDORS_PER_AGGREGATES) {
      for (const statement of add) statement.run(from, from + VENDORS_PER_AGGREGATES - 1);
      yield;
    }
  }
  // The vendors noted stay until the commit (clearBulkVendors): emptied here, at the end of a long write, their pages
  // (written into the log early on, as the cache spilled) were written again, and SQLite then re-reads and re-sums
  // every frame of the log from the first one rewritten, at the commit (1.5 million holdings: commit 116 -> 50 ms).
  db.exec('DELETE FROM bulk_load');
}

/**
 * After a bulk write is committed, in a write of its own: lets go of the vendors it noted (see recomputeInSlices).
 * Left there (by a crash in between), they change nothing but the file's size: they are read only during a bulk
 * write, and the next one empties them first.
 */
export function clearBulkVendors(db: RegisterDb): void {
  db.exec('DELETE FROM bulk_vendors');
}

/** Ends a bulk write: recomputes the totals its rows touched, then lets the triggers keep them again. */
export function endBulkLoad(db: RegisterDb): void {
  for (const _ of recomputeInSlices(db));
}

/** endBulkLoad, yielding to the event loop (`checkpoint`) between ranges of vendors, once they have run SLICE_MS. */
export async function endBulkLoadInSlices(db: RegisterDb, checkpoint: () => Promise<void>): Promise<void> {
  const slices = timeSlices(checkpoint);
  for (const _ of recomputeInSlices(db)) if (slices.due()) await slices.pause();
}
