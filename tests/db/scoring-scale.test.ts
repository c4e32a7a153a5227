// Scoring at scale computes only what it shows: the providers listed and the risk matrix are picked without sorting
// every provider group or every vendor. Each is checked against the plain computation over all of them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeRegister, openRegister, type RegisterDb } from '../../db/connection';
import { analyse, scorePortfolio, vendorRiskScores } from '../../db/scoring';
import { gatherFacts, portfolioOf } from '../../db/facts';
import { tempDir } from './helpers';

/** A register of `n` live vendors with exposures that tie in places, each relying on one or two of `providers` fourth
 * parties (in chains), some in groups. */
function largeRegister(n: number, providers: number): RegisterDb {
  const { db } = openRegister(path.join(tempDir(), 'large.vrr'), { create: true });
  const now = new Date().toISOString();
  const add = db.prepare('INSERT INTO vendors (name, service_type, status, tier, direct, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)');
  const hold = db.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, 1, ?, ?)');
  const link = db.prepare('INSERT OR IGNORE INTO dependencies (vendor_id, supplier_id) VALUES (?, ?)');
  db.transaction(() => {
    const providerIds = Array.from({ length: providers }, (_, p) => Number(add.run(`Provider ${p}`, 'cloud_hosting', 'active', 0, now, now).lastInsertRowid));
    for (let i = 0; i < n; i++) {
      const id = Number(add.run(`Vendor ${i}`, 'crm', 'active', 1, now, now).lastInsertRowid);
      hold.run(id, 1 + ((i * 37) % 50), i % 3 ? 'AU' : 'US');
      link.run(id, providerIds[(i * 7) % providers]!);
      if (i % 5 === 0) link.run(id, providerIds[(i * 11) % providers]!);
    }
    // Providers in chains of three, and some vendors in groups of two.
    for (let p = 0; p + 1 < providers; p++) if (p % 3 !== 2) link.run(providerIds[p]!, providerIds[p + 1]!);
    db.exec("UPDATE vendors SET ultimate_parent_id = id - 1 WHERE name LIKE 'Vendor %' AND id % 10 = 0");
  })();
  return db;
}

describe('scoring a large portfolio', () => {
  it('lists the same first providers, in the same order, as sorting every provider group', () => {
    const db = largeRegister(700, 90);
    try {
      const facts = gatherFacts(db);
      const analysis = analyse(facts, portfolioOf(facts));
      const everyGroup = [...facts.vendors.keys()].map((g) => analysis.provider(g)).filter((p) => p !== null);
      expect(everyGroup.length).toBe(analysis.providerCount);
      const sorted = everyGroup.sort((a, b) => b.exposure - a.exposure || b.vendorCount - a.vendorCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      expect(analysis.providers.map((p) => p.groupKey)).toEqual(sorted.slice(0, 50).map((p) => p.groupKey));
      expect(analysis.providers.length).toBe(50);
      expect(analysis.providers[0]!.vendors.length).toBeGreaterThan(0);
    } finally {
      closeRegister(db);
    }
  });

  it('draws the risk matrix from the same vendors, in the same order, as the full list of scores', () => {
    const db = largeRegister(900, 30);
    try {
      const matrix = scorePortfolio(db).riskMatrix;
      const all = vendorRiskScores(db);
      expect(matrix.length).toBe(400);
      expect(matrix.map((p) => [p.vendorId, p.score])).toEqual(all.slice(0, 400).map((p) => [p.vendorId, p.score]));
    } finally {
      closeRegister(db);
    }
  });
});
