// The facts an analyst keeps between calls (db/facts.ts) must always be the facts read afresh: after every kind of
// write the scoring reads, they are brought up to date from the changes noted (migration 0160), and everything the
// method computes from them (the portfolio's figures, every vendor's chain and the groups it rides on) is the same.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeRegister, openRegister, readerAddress, type RegisterDb } from '../../db/connection';
import { chainOf, factsOf, gatherFacts, groupsReached, keepFacts, portfolioOf, type Facts, type FactsKeeper } from '../../db/facts';
import { beginBulkLoad, endBulkLoad } from '../../db/kept-totals';
import { analyse, portfolioScore } from '../../db/scoring';
import { createRegisterService } from '../../db/service';
import { tempDir } from './helpers';

const NOW = new Date('2026-11-30T00:00:00Z');

/** The sample register, its own connection to write with, and an analyst's connection keeping the facts. */
function registerWithKeeper() {
  const file = path.join(tempDir(), 'Sample.vrr');
  const service = createRegisterService({ actor: 'tester' });
  service.open(file, { create: true, sample: true });
  service.close();
  const { db } = openRegister(file);
  const reader = new Database(readerAddress(file) ?? file, { readonly: true, fileMustExist: true });
  const keeper: FactsKeeper = { kept: null };
  keepFacts(reader, keeper);
  const close = () => {
    reader.close();
    closeRegister(db);
  };
  return { db, reader, keeper, close };
}

/** Everything the method reads and computes, in a form that compares whole. */
function computed(db: RegisterDb, facts: Facts) {
  const ids = [...facts.vendors.keys()];
  return {
    vendors: [...facts.vendors.values()],
    suppliers: ids.map((id) => facts.suppliers.get(id) ?? []),
    incidents: ids.map((id) => facts.incidentsByVendor.get(id) ?? []),
    services: facts.services,
    chains: ids.map((id) => chainOf(facts, id)),
    groups: [...facts.vendors.values()].map((v) => groupsReached(facts, v)),
    portfolio: portfolioScore(db, facts, analyse(facts, portfolioOf(facts)), NOW),
  };
}

/** Reads the kept facts and fresh ones in one snapshot, checks they agree, and says whether the kept ones were
 * brought up to date (the same facts as before) rather than read afresh. */
function check(reader: RegisterDb, keeper: FactsKeeper): 'kept' | 'read afresh' {
  const before = keeper.kept?.facts;
  reader.exec('BEGIN');
  try {
    const kept = factsOf(reader);
    const [a, b] = [computed(reader, kept), computed(reader, gatherFacts(reader))];
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(a[key], key).toEqual(b[key]);
    return kept === before ? 'kept' : 'read afresh';
  } finally {
    reader.exec('COMMIT');
  }
}

/** A small deterministic random number generator (a test that fails names its step). */
function random(seed: number) {
  return (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
}

describe('facts kept between calls', () => {
  it('stay equal to the facts read afresh through every kind of write, and are brought up to date rather than re-read', () => {
    const { db, reader, keeper, close } = registerWithKeeper();
    try {
      expect(check(reader, keeper)).toBe('read afresh');
      const pick = random(42);
      const one = <T>(list: T[]) => list[pick(list.length)]!;
      /** Does `edit` to one of `list`, if there is any left. */
      const withOne = <T>(list: T[], edit: (item: T) => unknown) => list.length > 0 && edit(one(list));
      const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
      const vendors = () => ids('SELECT id FROM vendors');
      const categories = ids('SELECT id FROM data_categories');
      const stamp = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
      let reused = 0;
      /** Removes the newest vendor when nothing refers to it; its id. */
      const removeNewest = () => {
        const newest = db.prepare('SELECT max(id) FROM vendors').pluck().get() as number;
        const attached = ids(`SELECT vendor_id FROM holdings UNION SELECT vendor_id FROM incidents UNION SELECT vendor_id FROM service_vendors UNION SELECT vendor_id FROM contracts
          UNION SELECT vendor_id FROM dependencies UNION SELECT supplier_id FROM dependencies UNION SELECT ultimate_parent_id FROM vendors WHERE ultimate_parent_id IS NOT NULL`);
        if (!attached.includes(newest)) db.prepare('DELETE FROM vendors WHERE id = ?').run(newest);
        return newest;
      };
      const edits: Record<string, () => void> = {
        'a holding changes': () => withOne(ids('SELECT id FROM holdings'), (id) => db.prepare('UPDATE holdings SET records = records + ? WHERE id = ?').run(1 + pick(5000), id)),
        'a holding is added': () => db.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, ?, ?, ?)').run(one(vendors()), one(categories), 1 + pick(90_000), one(['AU', 'US', null])),
        'a holding is removed': () => withOne(ids('SELECT id FROM holdings'), (id) => db.prepare('DELETE FROM holdings WHERE id = ?').run(id)),
        'a vendor leaves or joins the portfolio': () => db.prepare(`UPDATE vendors SET status = ?, updated_at = ${stamp} WHERE id = ?`).run(one(['active', 'exited', 'proposed', 'under_review']), one(vendors())),
        'a vendor becomes a fourth party or direct': () => db.prepare(`UPDATE vendors SET direct = 1 - direct WHERE id = ?`).run(one(vendors())),
        'a vendor is assessed': () => db.prepare('UPDATE vendors SET substitutability = ?, exit_plan = ?, people = ? WHERE id = ?').run(one(['easy', 'difficult', null]), pick(2), one([null, 5_000, 900_000]), one(vendors())),
        'a vendor is renamed': () => db.prepare('UPDATE vendors SET name = ? WHERE id = ?').run(`Renamed ${pick(1_000_000)}`, one(vendors())),
        'a vendor joins or leaves a group': () => {
          const [child, parent] = [one(vendors()), one(vendors())];
          db.prepare('UPDATE vendors SET ultimate_parent_id = ? WHERE id = ?').run(child === parent || pick(3) === 0 ? null : parent, child);
        },
        'a dependency is added': () => {
          const [from, to] = [one(vendors()), one(vendors())];
          if (from !== to) db.prepare('INSERT OR IGNORE INTO dependencies (vendor_id, supplier_id) VALUES (?, ?)').run(from, to);
        },
        'a dependency is removed': () => withOne(ids('SELECT id FROM dependencies'), (id) => db.prepare('DELETE FROM dependencies WHERE id = ?').run(id)),
        'a dependency is moved': () => withOne(ids('SELECT id FROM dependencies'), (id) => {
          const supplier = one(vendors());
          db.prepare('UPDATE OR IGNORE dependencies SET supplier_id = ? WHERE id = ? AND vendor_id <> ?').run(supplier, id, supplier);
        }),
        'a vendor supports a service': () => db.prepare('INSERT OR IGNORE INTO service_vendors (service_id, vendor_id, reliance) VALUES (?, ?, ?)').run(one(ids('SELECT id FROM services')), one(vendors()), one(['full', 'material', 'low'])),
        'a service link is removed': () =>
          withOne(db.prepare('SELECT service_id, vendor_id FROM service_vendors').raw().all() as [number, number][], (link) => db.prepare('DELETE FROM service_vendors WHERE service_id = ? AND vendor_id = ?').run(...link)),
        'a reliance changes': () =>
          withOne(db.prepare('SELECT service_id, vendor_id FROM service_vendors').raw().all() as [number, number][], (link) =>
            db.prepare('UPDATE service_vendors SET reliance = ? WHERE service_id = ? AND vendor_id = ?').run(one(['full', 'material', 'low']), ...link),
          ),
        'a service is renamed': () => db.prepare('UPDATE services SET name = ? WHERE id = ?').run(`Service ${pick(1_000_000)}`, one(ids('SELECT id FROM services'))),
        "a service's criticality changes": () => db.prepare('UPDATE services SET criticality = ? WHERE id = ?').run(one(['critical', 'important', 'other']), one(ids('SELECT id FROM services'))),
        'an incident is recorded': () => db.prepare("INSERT INTO incidents (vendor_id, title, kind, status, occurred_from) VALUES (?, ?, ?, 'closed', ?)").run(one(vendors()), `Incident ${pick(1000)}`, one(['breach', 'outage']), one(['2024-03-01', '2026-01-15', null])),
        'an incident is moved to another vendor': () => withOne(ids('SELECT id FROM incidents'), (id) => db.prepare('UPDATE incidents SET vendor_id = ? WHERE id = ?').run(one(vendors()), id)),
        'an incident is removed': () => withOne(ids('SELECT id FROM incidents'), (id) => db.prepare('DELETE FROM incidents WHERE id = ?').run(id)),
        'a vendor is added with holdings and a supplier': () => {
          const supplier = one(vendors());
          const { lastInsertRowid } = db.prepare(`INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES (?, 'cloud_hosting', 'active', 1, ${stamp}, ${stamp})`).run(`New ${pick(1_000_000)}`);
          db.prepare('INSERT INTO holdings (vendor_id, category_id, records) VALUES (?, ?, ?)').run(lastInsertRowid, one(categories), 1 + pick(50_000));
          db.prepare('INSERT INTO dependencies (vendor_id, supplier_id) VALUES (?, ?)').run(lastInsertRowid, supplier);
        },
        'a vendor is added with nothing else': () =>
          db.prepare(`INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES (?, 'other', ?, 1, ${stamp}, ${stamp})`).run(`Bare ${pick(1_000_000)}`, one(['active', 'proposed'])),
        'the newest vendor is removed (the next one added takes its id)': () => removeNewest(),
        'the newest vendor is removed and another added in its place': () => {
          const newest = removeNewest();
          const { lastInsertRowid } = db.prepare(`INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES (?, 'other', 'active', 1, ${stamp}, ${stamp})`).run(`In its place ${pick(1_000_000)}`);
          if (Number(lastInsertRowid) === newest) reused++;
        },
        'a vendor with nothing attached is removed': () => {
          const free = ids(`SELECT id FROM vendors v WHERE ${['holdings', 'incidents', 'service_vendors', 'contracts'].map((t) => `NOT EXISTS (SELECT 1 FROM ${t} x WHERE x.vendor_id = v.id)`).join(' AND ')}
            AND NOT EXISTS (SELECT 1 FROM dependencies d WHERE v.id IN (d.vendor_id, d.supplier_id)) AND NOT EXISTS (SELECT 1 FROM vendors c WHERE c.ultimate_parent_id = v.id)`);
          withOne(free, (id) => db.prepare('DELETE FROM vendors WHERE id = ?').run(id));
        },
        "a category's weight changes": () => db.prepare('UPDATE data_categories SET weight = ? WHERE id = ?').run(one([0.5, 1.3, 4]), one(categories)),
      };
      const names = Object.keys(edits);
      let kept = 0;
      for (let step = 0; step < 400; step++) {
        const name = names[step < names.length ? step : pick(names.length)]!;
        db.transaction(edits[name]!)();
        const how = (() => {
          try {
            return check(reader, keeper);
          } catch (error) {
            throw new Error(`after step ${step}, ${name}: ${(error as Error).message}`, { cause: error });
          }
        })();
        if (how === 'kept') kept++;
      }
      expect(kept).toBe(400);
      expect(reused).toBeGreaterThan(0);
    } finally {
      close();
    }
  });

  it('are read afresh after a change of the scoring settings, a bulk write, or when the changes they missed are no longer kept', () => {
    const { db, reader, keeper, close } = registerWithKeeper();
    try {
      check(reader, keeper);
      db.prepare("UPDATE settings SET value = json_set(value, '$.customerBase', 2000000) WHERE key = 'scoring'").run();
      db.prepare("INSERT INTO settings (key, value) SELECT 'scoring', json_object('customerBase', 2000000) WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'scoring')").run();
      expect(check(reader, keeper)).toBe('read afresh');
      expect(keeper.kept!.facts.settings.customerBase).toBe(2_000_000);

      db.transaction(() => {
        beginBulkLoad(db);
        db.prepare('UPDATE holdings SET records = records * 2').run();
        endBulkLoad(db);
      })();
      expect(check(reader, keeper)).toBe('read afresh');

      // An analyst idle while more changes were made than are kept (20,000) reads the register afresh.
      const holding = db.prepare('SELECT id FROM holdings LIMIT 1').pluck().get() as number;
      const bump = db.prepare('UPDATE holdings SET records = records + 1 WHERE id = ?');
      db.transaction(() => {
        for (let i = 0; i < 21_000; i++) bump.run(holding);
      })();
      expect(db.prepare('SELECT count(*) FROM scoring_changes').pluck().get()).toBeLessThanOrEqual(21_000);
      expect(check(reader, keeper)).toBe('read afresh');
      bump.run(holding);
      expect(check(reader, keeper)).toBe('kept');
    } finally {
      close();
    }
  });
});
