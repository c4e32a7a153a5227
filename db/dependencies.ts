// Fourth parties: vendor A depends on vendor B (B is a subcontractor or sub-processor of A), to any depth.
import type { Dependency, MethodArgs, SupplyChainLink, VendorDependencies } from './contract';
import type { RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { deleteAudited, fieldError, insertAudited, requireVendor, type TableDef } from './entity';

const DEPENDENCY: TableDef = {
  entity: 'dependency',
  table: 'dependencies',
  columns: { vendorId: 'vendor_id', supplierId: 'supplier_id', description: 'description' },
  notFound: 'This dependency is no longer in the register.',
};

const SELECT = `SELECT d.id, d.vendor_id, d.supplier_id, d.description, v.name AS vendor_name, s.name AS supplier_name
  FROM dependencies d JOIN vendors v ON v.id = d.vendor_id JOIN vendors s ON s.id = d.supplier_id`;

function toDependency(r: Record<string, unknown>): Dependency {
  return {
    id: r.id as number,
    vendorId: r.vendor_id as number,
    vendorName: r.vendor_name as string,
    supplierId: r.supplier_id as number,
    supplierName: r.supplier_name as string,
    description: r.description as string | null,
  };
}

/** Every vendor reachable from `vendorId` through dependencies, each once at its shortest depth. Cycle-safe. */
export function supplyChain(db: RegisterDb, vendorId: number): SupplyChainLink[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE chain (vendor_id, rank, path, ids) AS (
         SELECT d.supplier_id, 2, json_array(v.name, s.name), ',' || d.vendor_id || ',' || d.supplier_id || ','
         FROM dependencies d JOIN vendors v ON v.id = d.vendor_id JOIN vendors s ON s.id = d.supplier_id
         WHERE d.vendor_id = :vendorId
         UNION ALL
         SELECT d.supplier_id, c.rank + 1, json_insert(c.path, '$[#]', s.name), c.ids || d.supplier_id || ','
         FROM chain c JOIN dependencies d ON d.vendor_id = c.vendor_id JOIN vendors s ON s.id = d.supplier_id
         WHERE instr(c.ids, ',' || d.supplier_id || ',') = 0 AND c.rank < 50
       )
       SELECT c.vendor_id, c.rank, c.path, v.name FROM chain c JOIN vendors v ON v.id = c.vendor_id
       ORDER BY c.rank, v.name`,
    )
    .all({ vendorId }) as { vendor_id: number; rank: number; path: string; name: string }[];
  const seen = new Set<number>();
  const chain: SupplyChainLink[] = [];
  for (const r of rows) {
    if (seen.has(r.vendor_id)) continue;
    seen.add(r.vendor_id);
    chain.push({ rank: r.rank, vendorId: r.vendor_id, vendorName: r.name, path: JSON.parse(r.path) as string[] });
  }
  return chain;
}

export function dependenciesForVendor(db: RegisterDb, vendorId: number): VendorDependencies {
  requireVendor(db, vendorId, 'vendorId');
  const all = (where: string) => (db.prepare(`${SELECT} WHERE ${where} ORDER BY s.name, v.name`).all(vendorId) as Record<string, unknown>[]).map(toDependency);
  return { dependsOn: all('d.vendor_id = ?'), usedBy: all('d.supplier_id = ?'), chain: supplyChain(db, vendorId) };
}

export function addDependency(db: RegisterDb, ctx: WriteContext, args: MethodArgs<'dependencies.add'>): Dependency {
  return db.transaction(() => {
    const vendorName = requireVendor(db, args.vendorId, 'vendorId');
    const supplierName = requireVendor(db, args.supplierId, 'supplierId');
    if (args.vendorId === args.supplierId) throw fieldError('supplierId', 'A vendor cannot depend on itself.');
    const existing = db.prepare('SELECT id FROM dependencies WHERE vendor_id = ? AND supplier_id = ?').get(args.vendorId, args.supplierId);
    if (existing) throw fieldError('supplierId', `“${vendorName}” already depends on “${supplierName}”.`);
    // A → B closes a cycle when A is already in B's supply chain.
    const loop = supplyChain(db, args.supplierId).find((link) => link.vendorId === args.vendorId);
    if (loop) {
      throw fieldError('supplierId', `That would make a cycle: ${[vendorName, ...loop.path].join(' → ')}.`);
    }
    const id = insertAudited(db, ctx, DEPENDENCY, args);
    return toDependency(db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Record<string, unknown>);
  })();
}

export function removeDependency(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  db.transaction(() => deleteAudited(db, ctx, DEPENDENCY, id))();
  return { id };
}
