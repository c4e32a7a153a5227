// Totals the triggers keep (migration 0090): where the live portfolio's data is stored, and the people and vendors per
// data category, and the vendor totals (migrations 0040, 0060). Each is checked against the plain sum over every holding,
// through edits, through the migrations and through imports, which recompute them once instead of per row (0110).
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { closeRegister, openRegister, type RegisterDb } from '../../db/connection';
import { ADD_AGGREGATES, beginBulkLoad, clearBulkVendors, endBulkLoad, endBulkLoadInSlices } from '../../db/kept-totals';
import { SLICE_MS } from '../../db/time-slices';
import { MIGRATIONS } from '../../db/migrations';
import { scorePortfolio } from '../../db/scoring';
import type { Holding, JobStatus } from '../../db/contract';
import { importFile, job, ok, serviceWithRegister, tempDir, vendor } from './helpers';

const LIVE = `v.direct = 1 AND v.status IN ('active', 'under_review', 'offboarding')`;

/** The live portfolio's people per storage country and category, summed from every holding. */
function liveStorageFromHoldings(db: RegisterDb) {
  return db
    .prepare(
      `SELECT coalesce(h.storage_country, '') AS country, h.category_id AS category, sum(h.records) AS records, count(*) AS holdings
       FROM holdings h JOIN vendors v ON v.id = h.vendor_id WHERE ${LIVE} GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
}

/** People held and vendors holding per data category, from every holding and as the triggers keep them. */
function categoryTotals(db: RegisterDb) {
  return {
    summed: db.prepare('SELECT category_id AS category, sum(records) AS records, count(DISTINCT vendor_id) AS vendors FROM holdings GROUP BY 1 ORDER BY 1').all(),
    kept: db.prepare('SELECT category_id AS category, records, vendors FROM category_totals WHERE vendors > 0 ORDER BY 1').all(),
  };
}

function liveStorageKept(db: RegisterDb) {
  return db.prepare('SELECT storage_country AS country, category_id AS category, records, holdings FROM live_storage WHERE holdings > 0 ORDER BY 1, 2').all();
}

/** The geography as computed before the totals were kept: every holding of a live vendor, weighted. */
function geographyFromHoldings(db: RegisterDb) {
  return new Map(
    db
      .prepare(
        `SELECT h.storage_country, sum(h.records * c.weight) FROM holdings h JOIN data_categories c ON c.id = h.category_id JOIN vendors v ON v.id = h.vendor_id
         WHERE ${LIVE} GROUP BY 1`,
      )
      .raw()
      .all() as [string | null, number][],
  );
}

describe('totals kept by triggers (migration 0090)', () => {
  it('carries the holdings of live vendors into the totals, and leaves out the others', () => {
    const file = path.join(tempDir(), 'before-0090.vrr');
    const { db: old } = openRegister(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 90) });
    const now = new Date().toISOString();
    const add = old.prepare('INSERT INTO vendors (name, service_type, status, tier, direct, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)');
    const hold = old.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, ?, ?, ?)');
    const [active, proposed, fourthParty] = [add.run('Active', 'crm', 'active', 1, now, now), add.run('Proposed', 'crm', 'proposed', 1, now, now), add.run('Behind', 'cloud_hosting', 'active', 0, now, now)].map(
      (r) => Number(r.lastInsertRowid),
    );
    hold.run(active, 1, 1000, 'AU');
    hold.run(active, 2, 250, null);
    hold.run(proposed, 1, 7000, 'AU');
    hold.run(fourthParty, 1, 9000, 'US');
    closeRegister(old);

    const { db } = openRegister(file);
    try {
      expect(liveStorageKept(db)).toEqual([
        { country: '', category: 2, records: 250, holdings: 1 },
        { country: 'AU', category: 1, records: 1000, holdings: 1 },
      ]);
      expect(categoryTotals(db).kept).toEqual([
        { category: 1, records: 17000, vendors: 3 },
        { category: 2, records: 250, vendors: 1 },
      ]);
    } finally {
      closeRegister(db);
    }
  });

  it('stays equal to the sum over every holding through edits, status changes, deletes and an import', async () => {
    const { service, file } = serviceWithRegister();
    const ids = ['A', 'B', 'C', 'D'].map((name, i) => ok<{ id: number }>(service, 'vendors.create', { vendor: vendor({ name, status: i === 3 ? 'proposed' : 'active' }) }).id);
    const saved: Holding[] = [];
    ids.forEach((vendorId, i) => {
      saved.push(ok<Holding>(service, 'holdings.save', { holding: { vendorId, categoryId: 1, records: 100 * (i + 1), storageCountry: 'AU' } }));
      saved.push(ok<Holding>(service, 'holdings.save', { holding: { vendorId, categoryId: 3, records: 7 * (i + 1), storageCountry: i % 2 ? 'US' : null } }));
    });
    const [a, b, c, d] = ids as [number, number, number, number];
    // A holding moves country and vendor, another is deleted; vendors leave and join the portfolio.
    ok(service, 'holdings.save', { id: saved[0]!.id, holding: { vendorId: a, categoryId: 1, records: 180, storageCountry: 'NZ' } });
    ok(service, 'holdings.save', { id: saved[2]!.id, holding: { vendorId: d, categoryId: 2, records: 55, storageCountry: 'GB' } });
    ok(service, 'holdings.delete', { id: saved[3]!.id });
    // A second country of one category, a change of count alone, then the first country removed.
    const second = ok<Holding>(service, 'holdings.save', { holding: { vendorId: c, categoryId: 1, records: 40, storageCountry: 'SG' } });
    ok(service, 'holdings.save', { id: second.id, holding: { vendorId: c, categoryId: 1, records: 45, storageCountry: 'SG' } });
    ok(service, 'holdings.delete', { id: saved[4]!.id });
    const current = (id: number) => ok<{ version: number; name: string }>(service, 'vendors.get', { id });
    ok(service, 'vendors.update', { id: b, version: current(b).version, vendor: vendor({ name: 'B', status: 'exited' }) });
    ok(service, 'vendors.update', { id: c, version: current(c).version, vendor: vendor({ name: 'C', status: 'active', direct: false }) });
    ok(service, 'vendors.update', { id: d, version: current(d).version, vendor: vendor({ name: 'D', status: 'under_review' }) });
    service.close();

    const { db } = openRegister(file);
    try {
      expect(liveStorageKept(db)).toEqual(liveStorageFromHoldings(db));
      expect(liveStorageKept(db).length).toBeGreaterThan(2);
      const categories = categoryTotals(db);
      expect(categories.kept).toEqual(categories.summed);
      const { geography } = scorePortfolio(db);
      const expected = geographyFromHoldings(db);
      const total = [...expected.values()].reduce((sum, x) => sum + x, 0);
      expect(geography.byCountry).toEqual([...expected].filter(([country]) => country !== null).sort((x, y) => y[1] - x[1]).map(([country, exposure]) => ({ country, exposure, share: exposure / total })));
      expect(geography.unknownShare).toBe((expected.get(null) ?? 0) / total);
    } finally {
      closeRegister(db);
    }
  });
});

/** Every total the register keeps, and the same summed from scratch from the holdings. */
function keptAndSummed(db: RegisterDb) {
  const categories = categoryTotals(db);
  return {
    kept: { vendors: db.prepare('SELECT id, records_held, largest_category, exposure FROM vendors ORDER BY id').all(), liveStorage: liveStorageKept(db), categories: categories.kept },
    summed: {
      vendors: db
        .prepare(
          `SELECT v.id,
             (SELECT coalesce(sum(records), 0) FROM holdings WHERE vendor_id = v.id) AS records_held,
             (SELECT coalesce(max(n), 0) FROM (SELECT sum(records) AS n FROM holdings WHERE vendor_id = v.id GROUP BY category_id)) AS largest_category,
             (SELECT coalesce(sum(h.records * c.weight), 0) FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = v.id) AS exposure
           FROM vendors v ORDER BY v.id`,
        )
        .all(),
      liveStorage: liveStorageFromHoldings(db),
      categories: categories.summed,
    },
  };
}

function bulkTablesEmpty(db: RegisterDb): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM bulk_load) AND NOT EXISTS (SELECT 1 FROM bulk_vendors)').pluck().get() === 1;
}

const keptAndBulk = (db: RegisterDb) => ({ totals: keptAndSummed(db).kept, empty: bulkTablesEmpty(db) });

/** Reads the register's file while the service has it closed, then opens it again. */
function inspect<T>(service: ReturnType<typeof serviceWithRegister>['service'], file: string, read: (db: RegisterDb) => T): T {
  service.close();
  const { db } = openRegister(file);
  try {
    return read(db);
  } finally {
    closeRegister(db);
    service.open(file);
  }
}

const CATEGORY_NAMES = ['Name', 'Email address', 'Phone number', 'Date of birth', 'Bank account'];

describe('totals after an import (migration 0110: recomputed once, not per row)', () => {
  it('leaves every kept total equal to a recompute from scratch', async () => {
    const { service, file } = serviceWithRegister();
    const ids = ['Kept', 'Leaving', 'Joining'].map((name, i) => ok<{ id: number }>(service, 'vendors.create', { vendor: vendor({ name, status: i === 2 ? 'proposed' : 'active' }) }).id);
    for (const vendorId of ids) {
      ok(service, 'holdings.save', { holding: { vendorId, categoryId: 1, records: 100, storageCountry: 'AU' } });
      ok(service, 'holdings.save', { holding: { vendorId, categoryId: 2, records: 30, storageCountry: null } });
    }
    // Vendors: new ones, one leaving the live portfolio and one joining it.
    const vendorsCsv = ['Vendor name,Service type,Status,Tier', 'Leaving,crm,exited,1', 'Joining,crm,active,1', ...Array.from({ length: 40 }, (_, i) => `New ${i},crm,${i % 4 ? 'active' : 'proposed'},${(i % 3) + 1}`)].join('\n');
    expect((await importFile(service, 'vendors.csv', vendorsCsv, { entity: 'vendors' })).report).toMatchObject({ committed: true, created: 40, updated: 2 });
    // Holdings: new ones for new and old vendors, and a changed count of an old one.
    const holdingsCsv = [
      'Vendor,Data category,Records,Storage country',
      'Kept,Name,250,Australia',
      'Joining,Phone number,70,Singapore',
      ...Array.from({ length: 40 }, (_, i) => CATEGORY_NAMES.slice(0, (i % 5) + 1).map((category, j) => `New ${i},${category},${(i + 1) * (j + 3)},${j % 2 ? 'United States' : 'Australia'}`)).flat(),
    ].join('\n');
    expect((await importFile(service, 'holdings.csv', holdingsCsv, { entity: 'holdings' })).report).toMatchObject({ committed: true, created: 121, updated: 1 });

    const { totals, empty } = inspect(service, file, (db) => ({ totals: keptAndSummed(db), empty: bulkTablesEmpty(db) }));
    expect(totals.kept).toEqual(totals.summed);
    expect(totals.kept.liveStorage.length).toBeGreaterThan(3);
    expect(empty).toBe(true);
    // After the import the triggers keep the totals again, edit by edit.
    ok(service, 'holdings.save', { holding: { vendorId: ids[0]!, categoryId: 3, records: 9, storageCountry: 'NZ' } });
    const after = inspect(service, file, keptAndSummed);
    expect(after.kept).toEqual(after.summed);
  });

  it('leaves the totals as they were, and no bulk write under way, when an import fails or is cancelled part-way', async () => {
    const { service, file } = serviceWithRegister();
    const vendorsCsv = ['Vendor name,Service type,Status,Tier', ...Array.from({ length: 1_000 }, (_, i) => `Vendor ${i},crm,active,1`)].join('\n');
    await importFile(service, 'vendors.csv', vendorsCsv, { entity: 'vendors' });
    const rows = Array.from({ length: 1_000 }, (_, i) => CATEGORY_NAMES.map((category, j) => `Vendor ${i},${category},${i + j + 1},Australia`)).flat();
    await importFile(service, 'first.csv', ['Vendor,Data category,Records,Storage country', ...rows.slice(0, 500)].join('\n'), { entity: 'holdings' });
    const before = inspect(service, file, keptAndSummed);
    expect(before.kept).toEqual(before.summed);

    // Fails: rows are written until the bad one, at the end, stops the import.
    const changed = rows.map((row) => row.replace(/,(\d+),Australia$/, (_, n: string) => `,${Number(n) * 2},Australia`));
    const failed = await importFile(service, 'failed.csv', ['Vendor,Data category,Records,Storage country', ...changed, 'Vendor 1,Name,-5,Australia'].join('\n'), { entity: 'holdings' });
    expect(failed.report).toMatchObject({ committed: false, withErrors: 1 });
    expect(inspect(service, file, keptAndBulk)).toEqual({ totals: before.kept, empty: true });

    // Cancelled once a slice of rows is written.
    const csv = ['Vendor,Data category,Records,Storage country', ...changed].join('\n');
    const read = await job<{ fileId: string; suggestedMappings: Record<string, Record<string, number | null>> }>(service, 'imports.read', { fileName: 'cancelled.csv', base64: Buffer.from(csv).toString('base64') });
    let cancelled = false;
    const cancelOnceWriting = (status: JobStatus) => {
      if (cancelled || status.phase !== 'Checking and writing' || status.done < 2_000) return;
      ok(service, 'jobs.cancel', { jobId: status.jobId });
      cancelled = true;
    };
    await expect(job(service, 'imports.commit', { fileId: read.fileId, options: { entity: 'holdings', mapping: read.suggestedMappings.holdings } }, cancelOnceWriting)).rejects.toThrow(/cancelled/);
    expect(cancelled).toBe(true);
    expect(inspect(service, file, keptAndBulk)).toEqual({ totals: before.kept, empty: true });
  });

  it('lets go of the vendors a bulk write noted after its commit, not inside it', () => {
    // Emptied at the end of a long write, the list's pages, written into the log early on, were written again: SQLite
    // then re-read and re-summed every frame of the log from there at the commit (1.5 million holdings: 116 -> 50 ms).
    const { db } = openRegister(path.join(tempDir(), 'bulk.vrr'), { create: true });
    try {
      const id = Number(db.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES ('Bulk', 'crm', 'active', 1, 'x', 'x')").run().lastInsertRowid);
      db.exec('BEGIN IMMEDIATE');
      beginBulkLoad(db);
      db.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, 1, 500, ?)').run(id, 'AU');
      endBulkLoad(db);
      expect(db.prepare('SELECT vendor_id FROM bulk_vendors').pluck().all()).toEqual([id]);
      db.exec('COMMIT');
      clearBulkVendors(db);
      expect(bulkTablesEmpty(db)).toBe(true);
      expect(keptAndSummed(db).kept).toEqual(keptAndSummed(db).summed);
    } finally {
      closeRegister(db);
    }
  });

  it('yields while recomputing once a range has run its time, not after every range', async () => {
    // Yielding after a fixed count of vendors held the process three times longer for the first range (it spills the
    // pages the rows left in the cache) than for the next ones: 72 ms at 300,000 vendors.
    const { db } = openRegister(path.join(tempDir(), 'slices.vrr'), { create: true });
    const clock = vi.spyOn(performance, 'now');
    try {
      const vendorIds = Array.from({ length: 1_200 }, (_, i) => Number(db.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES (?, 'crm', 'active', 1, 'x', 'x')").run(`V${i}`).lastInsertRowid));
      const recompute = async (msPerRange: number) => {
        let now = 0;
        clock.mockImplementation(() => (now += msPerRange / 2));
        db.exec('BEGIN IMMEDIATE');
        beginBulkLoad(db);
        for (const id of vendorIds) db.prepare('INSERT OR REPLACE INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, 1, ?, ?)').run(id, msPerRange + 1, 'AU');
        let yields = 0;
        await endBulkLoadInSlices(db, async () => void yields++);
        db.exec('COMMIT');
        clearBulkVendors(db);
        return yields;
      };
      // Quick ranges: no yield at all. Ranges each slower than a slice: a yield after each (5 of vendors' totals, 3 of
      // the live storage and category totals, for 1,200 vendors).
      expect(await recompute(0)).toBe(0);
      expect(await recompute(SLICE_MS * 2)).toBe(8);
      expect(keptAndSummed(db).kept).toEqual(keptAndSummed(db).summed);
    } finally {
      clock.mockRestore();
      closeRegister(db);
    }
  });

  it('adds up each range of vendors from those vendors only, not from a walk of every live vendor', () => {
    const { db } = openRegister(path.join(tempDir(), 'plan.vrr'), { create: true });
    try {
      for (const sql of ADD_AGGREGATES) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 500) as { detail: string }[]).map((step) => step.detail);
        expect(plan.filter((step) => / (v|vendors) /.test(step) && !/INTEGER PRIMARY KEY/.test(step))).toEqual([]);
        expect(plan.filter((step) => /^SCAN/.test(step))).toEqual([]);
      }
    } finally {
      closeRegister(db);
    }
  });

  it('carries the register and its totals through the migration, and keeps them by trigger after it', () => {
    const file = path.join(tempDir(), 'before-0110.vrr');
    const { db: old } = openRegister(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 110) });
    const now = new Date().toISOString();
    const add = old.prepare('INSERT INTO vendors (name, service_type, status, tier, direct, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)');
    const hold = old.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, ?, ?, ?)');
    const [active, proposed] = [add.run('Active', 'crm', 'active', 1, now, now), add.run('Proposed', 'crm', 'proposed', 1, now, now)].map((r) => Number(r.lastInsertRowid));
    hold.run(active, 1, 1000, 'AU');
    hold.run(active, 2, 250, null);
    hold.run(proposed, 1, 7000, 'AU');
    const carried = keptAndSummed(old).kept;
    closeRegister(old);

    const { db } = openRegister(file);
    try {
      expect(keptAndSummed(db).kept).toEqual(carried);
      expect(bulkTablesEmpty(db)).toBe(true);
      // Every keeping trigger stands aside in a bulk write, and only then.
      const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND (name LIKE 'holdings_%' OR name LIKE 'vendors_live_%')").all() as { name: string; sql: string }[];
      expect(triggers.filter((t) => !/bulk/.test(t.name) && !t.sql.includes('NOT EXISTS (SELECT 1 FROM bulk_load)')).map((t) => t.name)).toEqual([]);
      db.prepare('UPDATE vendors SET status = ? WHERE id = ?').run('active', proposed);
      db.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, ?, ?, ?)').run(active, 1, 40, 'SG');
      db.prepare('DELETE FROM holdings WHERE vendor_id = ? AND category_id = 2').run(active);
      const edited = keptAndSummed(db);
      expect(edited.kept).toEqual(edited.summed);
      expect(edited.kept.liveStorage).toHaveLength(2);
    } finally {
      closeRegister(db);
    }
  });
});
