// Totals the triggers keep (migration 0090): where the live portfolio's data is stored, and the people and vendors per
// data category. Each is checked against the plain sum over every holding, through edits and through the migration.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeRegister, openRegister, type RegisterDb } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { scorePortfolio } from '../../db/scoring';
import type { Holding } from '../../db/contract';
import { ok, serviceWithRegister, tempDir, vendor } from './helpers';

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
