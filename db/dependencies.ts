// Fourth parties: vendor A depends on vendor B (B is a subcontractor or sub-processor of A), to any depth.
import { DEPENDENCY_PAGE, type Dependency, type DependencyList, type MethodArgs, type SupplyChainLink, type VendorDependencies } from './contract';
import { prepared, type RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { deleteAudited, fieldError, insertAudited, likeContaining, requireVendor, type TableDef } from './entity';

export const DEPENDENCY: TableDef = {
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

/** The links of the supply chain below :start: the vendors it reaches (UNION keeps each vendor once, so SQLite visits
 * each once however many paths lead to it, and stops at cycles), then their links in supplier order, as two JSON
 * arrays (a row object per link costs twice the walk). */
const CHAIN_LINKS = `WITH RECURSIVE reached (id) AS (
    SELECT :start UNION SELECT d.supplier_id FROM dependencies d JOIN reached r ON d.vendor_id = r.id)
  SELECT json_group_array(d.vendor_id), json_group_array(d.supplier_id) FROM reached r JOIN dependencies d ON d.vendor_id = r.id`;

/** A supply chain walked breadth first: its vendors each once at their shortest depth (`ranks`: 2 for the vendor's own
 * suppliers), in depth order, and `via`, the vendor each was first reached from. */
interface Chain {
  ids: number[];
  ranks: number[];
  via(id: number): number | undefined;
}

/** Breadth first from `vendorId` over the links of its supply chain (read in one query). Arrays indexed by vendor take
 * the place of maps (ten times faster on a chain of thousands). */
function walkChain(db: RegisterDb, vendorId: number): Chain {
  const [from, to] = (prepared(db, CHAIN_LINKS).raw().get({ start: vendorId }) as [string, string]).map((list) => JSON.parse(list) as number[]) as [number[], number[]];
  const slot = slots(vendorId, from, to);
  // Each vendor's links out, as lists threaded through one array: its first link, then each link's next.
  const first = new Int32Array(slot.count).fill(-1);
  const next = new Int32Array(from.length);
  for (let link = from.length - 1; link >= 0; link--) {
    const s = slot.of(from[link]!);
    next[link] = first[s]!;
    first[s] = link;
  }
  const reached = new Uint8Array(slot.count);
  const reachedFrom = new Float64Array(slot.count);
  reached[slot.of(vendorId)] = 1;
  reachedFrom[slot.of(vendorId)] = vendorId;
  const ids: number[] = [];
  const ranks: number[] = [];
  for (let i = -1; i < ids.length; i++) {
    const vendor = i < 0 ? vendorId : ids[i]!;
    const rank = i < 0 ? 2 : ranks[i]! + 1;
    for (let link = first[slot.of(vendor)]!; link >= 0; link = next[link]!) {
      const s = slot.of(to[link]!);
      if (reached[s]) continue;
      reached[s] = 1;
      reachedFrom[s] = vendor;
      ids.push(to[link]!);
      ranks.push(rank);
    }
  }
  return {
    ids,
    ranks,
    via(id) {
      const s = slot.of(id);
      return reached[s] ? reachedFrom[s] : undefined;
    },
  };
}

/** Numbers the vendors of a walk's links from 0, for arrays in place of maps: by id less the smallest when the ids lie
 * close together (the register numbers its vendors from 1 up), else in order of first sight. A vendor not among them
 * gets a number outside the arrays (where they read as undefined). */
function slots(start: number, from: readonly number[], to: readonly number[]): { count: number; of(id: number): number } {
  let [lo, hi] = [start, start];
  for (const list of [from, to]) {
    for (const id of list) {
      if (id < lo) lo = id;
      else if (id > hi) hi = id;
    }
  }
  if (hi - lo < 4 * from.length + 65_536) return { count: hi - lo + 1, of: (id) => id - lo };
  const numbers = new Map<number, number>();
  for (const list of [[start], from, to]) for (const id of list) if (!numbers.has(id)) numbers.set(id, numbers.size);
  return { count: numbers.size, of: (id) => numbers.get(id) ?? -1 };
}

function namesOf(db: RegisterDb, ids: number[]): Map<number, string> {
  return new Map(prepared(db, 'SELECT id, name FROM vendors WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(ids)) as [number, string][]);
}

/** The order of localeCompare, from one collator (localeCompare makes one per call). */
const BY_NAME = new Intl.Collator();

/**
 * A page of the vendors reachable from `vendorId` through dependencies, each once at its shortest depth, by depth then
 * name, and how many there are. Names are read only for the depths the page shows (a chain of 7,500 vendors needs a
 * hundred), unless `search` asks for the vendors whose name contains it.
 */
function supplyChainPage(db: RegisterDb, vendorId: number, offset: number, search: string): { rows: SupplyChainLink[]; total: number } {
  const { ids, ranks, via } = walkChain(db, vendorId);
  const needle = search.toLowerCase();
  // ids are in breadth-first order: by depth. The page needs the depths of rows offset … offset + page, whole.
  let from = 0;
  let to = ids.length;
  if (!needle) {
    while (from < ids.length && from + countAtRank(ranks, from) <= offset) from += countAtRank(ranks, from);
    to = from;
    while (to < ids.length && to < offset + DEPENDENCY_PAGE) to += countAtRank(ranks, to);
  }
  const shown = ids.slice(from, to);
  const names = namesOf(db, [...shown, ...shown.map((id) => via(id)!)]);
  const links = shown
    .map((id, k) => ({ rank: ranks[from + k]!, vendorId: id, vendorName: names.get(id)!, via: ranks[from + k] === 2 ? null : names.get(via(id)!)! }))
    .filter((link) => !needle || link.vendorName.toLowerCase().includes(needle))
    .sort((a, b) => a.rank - b.rank || BY_NAME.compare(a.vendorName, b.vendorName));
  const start = needle ? offset : offset - from;
  return { rows: links.slice(start, start + DEPENDENCY_PAGE), total: needle ? links.length : ids.length };
}

/** How many of `ranks` (in depth order) equal the one at `at`. */
function countAtRank(ranks: readonly number[], at: number): number {
  let end = at;
  while (end < ranks.length && ranks[end] === ranks[at]) end++;
  return end - at;
}

/** The shortest chain of names from `from` down to `to` (a long one shortened in the middle), or null when `to` is not
 * in `from`'s supply chain. */
function chainPath(db: RegisterDb, from: number, to: number): string[] | null {
  const { via } = walkChain(db, from);
  if (via(to) === undefined || to === from) return null;
  const ids = [to];
  while (ids.at(-1) !== from) ids.push(via(ids.at(-1)!)!);
  ids.reverse();
  const shown = ids.length > 9 ? [...ids.slice(0, 5), ...ids.slice(-3)] : ids;
  const names = namesOf(db, shown);
  const path = shown.map((id) => names.get(id)!);
  if (shown.length < ids.length) path.splice(5, 0, `… ${ids.length - shown.length} more …`);
  return path;
}

export function dependenciesForVendor(db: RegisterDb, args: MethodArgs<'dependencies.forVendor'>): VendorDependencies {
  // The vendor is known to exist (the handler checks).
  const { vendorId } = args;
  const page = (list: DependencyList) => args[list] ?? { offset: 0, search: '' };
  // A link list is read in the other vendor's name order and cut at the page; its count comes from the same index.
  const links = (list: 'dependsOn' | 'usedBy') => {
    const [own, other] = list === 'dependsOn' ? ['d.vendor_id', 's'] : ['d.supplier_id', 'v'];
    const { offset, search } = page(list);
    const where = `${own} = :vendorId${search ? ` AND ${other}.name LIKE :pattern ESCAPE '\\'` : ''}`;
    const params = { vendorId, pattern: likeContaining(search) };
    const rows = prepared(db, `${SELECT} WHERE ${where} ORDER BY ${other}.name, ${other}.id LIMIT ${DEPENDENCY_PAGE} OFFSET :offset`).all({ ...params, offset }) as Record<string, unknown>[];
    const total = prepared(db, `SELECT count(*) FROM dependencies d JOIN vendors ${other} ON ${other}.id = ${list === 'dependsOn' ? 'd.supplier_id' : 'd.vendor_id'} WHERE ${where}`).pluck().get(params) as number;
    return { rows: rows.map(toDependency), total };
  };
  const dependsOn = links('dependsOn');
  const usedBy = links('usedBy');
  const { offset, search } = page('chain');
  const chain = supplyChainPage(db, vendorId, offset, search);
  return {
    dependsOn: dependsOn.rows,
    usedBy: usedBy.rows,
    chain: chain.rows,
    totals: { dependsOn: dependsOn.total, usedBy: usedBy.total, chain: chain.total },
  };
}

export function addDependency(db: RegisterDb, ctx: WriteContext, args: MethodArgs<'dependencies.add'>): Dependency {
  return db.transaction(() => {
    const vendorName = requireVendor(db, args.vendorId, 'vendorId');
    const supplierName = requireVendor(db, args.supplierId, 'supplierId');
    if (args.vendorId === args.supplierId) throw fieldError('supplierId', 'A vendor cannot depend on itself.');
    const existing = db.prepare('SELECT id FROM dependencies WHERE vendor_id = ? AND supplier_id = ?').get(args.vendorId, args.supplierId);
    if (existing) throw fieldError('supplierId', `“${vendorName}” already depends on “${supplierName}”.`);
    // A → B closes a cycle when A is already in B's supply chain.
    const loop = chainPath(db, args.supplierId, args.vendorId);
    if (loop) throw fieldError('supplierId', `That would make a cycle: ${[vendorName, ...loop].join(' → ')}.`);
    const id = insertAudited(db, ctx, DEPENDENCY, args);
    return toDependency(db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Record<string, unknown>);
  })();
}

export function removeDependency(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  db.transaction(() => deleteAudited(db, ctx, DEPENDENCY, id))();
  return { id };
}
