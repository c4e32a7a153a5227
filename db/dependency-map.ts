// The dependency map: services → vendors → fourth parties, as a small graph whatever the register's size. Three views:
// the largest providers with the vendors that rely on them, one service's chain, or one provider's dependents. Each
// reads only the part of the register it draws (recursive queries over the dependency links, each vendor once, so a
// cycle ends), and keeps at most a few dozen nodes, the rest counted in "and N more".
import type { Band, DependencyMap, MapEdge, MapNode, MapSearchResult, ScoringSettings } from './contract';
import { prepared, type RegisterDb } from './connection';
import { likeContaining } from './entity';
import { groupOf, readScoringSettings, type Facts } from './facts';
import type { Analysis } from './scoring';
import { firstOf } from './shared/first-of';

const LIVE = `v.direct = 1 AND v.status IN ('active', 'under_review', 'offboarding')`;
/** Vendors shown per provider in the providers view, and in all in the other views. */
const PER_PROVIDER = 6;
const MAX_VENDORS = 40;

interface VendorRow {
  id: number;
  name: string;
  exposure: number;
  live: number | boolean;
  direct: number | boolean;
}

function bandOf(share: number, bands: ScoringSettings['dependencyBands']): Band {
  return share > bands.high ? 'high' : share >= bands.moderate ? 'moderate' : 'unconcentrated';
}

/** The live portfolio's weighted exposure, from the records its vendors hold per country and category (kept by
 * triggers: a few hundred rows, where summing the vendors reads every one). */
function liveTotal(db: RegisterDb): number {
  return db.prepare('SELECT coalesce(sum(s.records * c.weight), 0) FROM live_storage s JOIN data_categories c ON c.id = s.category_id').pluck().get() as number;
}

/** The vendors whose chain reaches any of `ids` ("up"), or the suppliers in their chains ("down"), and those vendors
 * themselves, each once. */
function walk(db: RegisterDb, ids: number[], direction: 'up' | 'down'): VendorRow[] {
  const [from, to] = direction === 'up' ? ['supplier_id', 'vendor_id'] : ['vendor_id', 'supplier_id'];
  return prepared(
    db,
    `WITH RECURSIVE reached(id) AS (SELECT value FROM json_each(:ids) UNION SELECT d.${to} FROM dependencies d JOIN reached ON d.${from} = reached.id)
     SELECT v.id, v.name, v.exposure, (${LIVE}) AS live, v.direct FROM reached JOIN vendors v ON v.id = reached.id`,
  ).all({ ids: JSON.stringify(ids) }) as VendorRow[];
}

const dependents = (db: RegisterDb, ids: number[]) => walk(db, ids, 'up');
const suppliers = (db: RegisterDb, ids: number[]) => walk(db, ids, 'down');

function linksWithin(db: RegisterDb, ids: number[]): [number, number][] {
  return prepared(db, `SELECT d.vendor_id, d.supplier_id FROM dependencies d WHERE d.vendor_id IN (SELECT value FROM json_each(:ids)) AND d.supplier_id IN (SELECT value FROM json_each(:ids))`)
    .raw()
    .all({ ids: JSON.stringify(ids) }) as [number, number][];
}

/** Critical and important services the vendors support (full or material reliance). */
function servicesOf(db: RegisterDb, ids: number[]): { id: number; name: string; criticality: string; vendorId: number }[] {
  return prepared(
    db,
    `SELECT s.id, s.name, s.criticality, sv.vendor_id AS vendorId FROM service_vendors sv JOIN services s ON s.id = sv.service_id
     WHERE sv.vendor_id IN (SELECT value FROM json_each(:ids)) AND s.criticality IN ('critical', 'important') AND sv.reliance IN ('full', 'material')`,
  ).all({ ids: JSON.stringify(ids) }) as { id: number; name: string; criticality: string; vendorId: number }[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function vendorNode(v: VendorRow, total: number, settings: ScoringSettings, focus = false): MapNode {
  const share = total > 0 && v.live ? v.exposure / total : 0;
  return {
    id: `v:${v.id}`,
    kind: v.direct ? 'vendor' : 'fourth_party',
    refId: v.id,
    label: v.name,
    exposure: v.live ? v.exposure : 0,
    share,
    band: v.live ? bandOf(share, settings.dependencyBands) : null,
    focus,
    detail: v.direct ? (v.live ? `holds ${pct(share)}` : 'not live') : '',
  };
}

function serviceNodes(rows: ReturnType<typeof servicesOf>, shown: Set<string>): { nodes: MapNode[]; edges: MapEdge[] } {
  const nodes = new Map<string, MapNode>();
  const edges: MapEdge[] = [];
  for (const s of rows) {
    const id = `s:${s.id}`;
    if (!shown.has(`v:${s.vendorId}`)) continue;
    nodes.set(id, { id, kind: 'service', refId: s.id, label: s.name, exposure: 0, share: 0, band: null, focus: false, detail: s.criticality });
    edges.push({ from: id, to: `v:${s.vendorId}`, throughChain: false });
  }
  return { nodes: [...nodes.values()], edges };
}

/** The largest providers by dependency share, each with the live vendors that rely on it (the largest few) and their
 * services. Read from the analysis the scoring has just made: the vendors behind each provider are those its share was
 * summed from, so the map and the shares cannot disagree (and the portfolio's chains are not walked again). */
export function providersMap(db: RegisterDb, facts: Facts, analysis: Pick<Analysis, 'providers' | 'vendorsBehind' | 'totalExposure'>, count = 5): DependencyMap {
  const { settings } = facts;
  const total = analysis.totalExposure;
  const shown = analysis.providers.slice(0, count);
  // Its own members hold the group's direct share; the others ride on it through their chains: the largest few are
  // drawn (picked in one pass, not by sorting thousands), the rest counted.
  const own = new Map<number, VendorRow[]>();
  const relying = new Map<number, { largest: VendorRow[]; count: number }>();
  for (const { groupKey } of shown) {
    const behind = (analysis.vendorsBehind(groupKey) ?? []).map((id) => facts.vendors.get(id)!);
    own.set(groupKey, behind.filter((v) => v.groupKey === groupKey));
    const others = behind.filter((v) => v.groupKey !== groupKey);
    relying.set(groupKey, { largest: firstOf(others, PER_PROVIDER, (a, b) => b.exposure - a.exposure || a.id - b.id), count: others.length });
  }
  const nodes = new Map<string, MapNode>();
  const edges: MapEdge[] = [];
  let omitted = 0;
  for (const provider of shown) {
    const pid = `p:${provider.groupKey}`;
    nodes.set(pid, {
      id: pid,
      kind: 'provider',
      refId: provider.groupKey,
      label: provider.name,
      exposure: provider.exposure,
      share: provider.share,
      band: provider.band,
      focus: true,
      detail: `${pct(provider.share)} rides on it`,
    });
    // The group's own live vendors hold its direct share: drawn as vendors linked to it, so it sits right of them.
    for (const v of own.get(provider.groupKey)!) {
      if (!nodes.has(`v:${v.id}`)) nodes.set(`v:${v.id}`, vendorNode(v, total, settings));
      edges.push({ from: `v:${v.id}`, to: pid, throughChain: false });
    }
    const { largest, count: relyingCount } = relying.get(provider.groupKey)!;
    for (const v of largest) {
      if (!nodes.has(`v:${v.id}`)) nodes.set(`v:${v.id}`, vendorNode(v, total, settings));
      const direct = (facts.suppliers.get(v.id) ?? []).some((s) => groupOf(facts, s) === provider.groupKey);
      edges.push({ from: `v:${v.id}`, to: pid, throughChain: !direct });
    }
    if (relyingCount > PER_PROVIDER) {
      const more = relyingCount - PER_PROVIDER;
      omitted += more;
      nodes.set(`m:${pid}`, { id: `m:${pid}`, kind: 'more', refId: null, label: `and ${more} more vendor${more === 1 ? '' : 's'}`, exposure: 0, share: 0, band: null, focus: false, detail: '' });
      edges.push({ from: `m:${pid}`, to: pid, throughChain: false });
    }
  }
  const vendorIds = [...nodes.values()].filter((n) => n.kind === 'vendor').map((n) => n.refId!);
  const services = serviceNodes(servicesOf(db, vendorIds), new Set(nodes.keys()));
  return {
    mode: 'providers',
    title: `The ${shown.length} largest providers by dependency share`,
    nodes: [...services.nodes, ...nodes.values()],
    edges: [...services.edges, ...edges],
    totalExposure: total,
    omitted,
  };
}

function chainMap(db: RegisterDb, mode: 'service' | 'provider', title: string, focus: MapNode | null, rows: VendorRow[], settings: ScoringSettings, total: number, keep: (v: VendorRow) => boolean): DependencyMap {
  const ranked = rows.filter(keep).sort((a, b) => b.exposure - a.exposure);
  const shown = ranked.slice(0, MAX_VENDORS);
  const omitted = ranked.length - shown.length;
  const nodes = new Map<string, MapNode>(shown.map((v) => [`v:${v.id}`, vendorNode(v, total, settings, focus?.id === `v:${v.id}`)]));
  if (focus) nodes.set(focus.id, focus);
  const ids = [...nodes.values()].filter((n) => n.kind !== 'service').map((n) => n.refId!);
  const edges: MapEdge[] = linksWithin(db, ids).map(([from, to]) => ({ from: `v:${from}`, to: `v:${to}`, throughChain: false }));
  if (omitted > 0) nodes.set('m:rest', { id: 'm:rest', kind: 'more', refId: null, label: `and ${omitted} more`, exposure: 0, share: 0, band: null, focus: false, detail: '' });
  return { mode, title, nodes: [...nodes.values()], edges, totalExposure: total, omitted };
}

/** One service, the live vendors it relies on and their suppliers down every chain. */
export function serviceMap(db: RegisterDb, serviceId: number): DependencyMap | null {
  const service = db.prepare('SELECT id, name, criticality FROM services WHERE id = ?').get(serviceId) as { id: number; name: string; criticality: string } | undefined;
  if (!service) return null;
  const settings = readScoringSettings(db);
  const total = liveTotal(db);
  const links = db.prepare(`SELECT sv.vendor_id AS id, sv.reliance FROM service_vendors sv JOIN vendors v ON v.id = sv.vendor_id WHERE sv.service_id = ? AND ${LIVE}`).all(serviceId) as { id: number; reliance: string }[];
  const focus: MapNode = { id: `s:${service.id}`, kind: 'service', refId: service.id, label: service.name, exposure: 0, share: 0, band: null, focus: true, detail: service.criticality };
  const map = chainMap(db, 'service', `${service.name}: its vendors and their suppliers`, focus, suppliers(db, links.map((l) => l.id)), settings, total, () => true);
  const shown = new Set(map.nodes.map((n) => n.id));
  map.edges.unshift(...links.filter((l) => shown.has(`v:${l.id}`)).map((l) => ({ from: focus.id, to: `v:${l.id}`, throughChain: false })));
  return map;
}

/** One provider, every vendor whose chain reaches it (with the links between them) and the services those vendors support. */
export function providerMap(db: RegisterDb, vendorId: number): DependencyMap | null {
  const provider = db.prepare(`SELECT v.id, v.name, v.exposure, (${LIVE}) AS live, v.direct FROM vendors v WHERE v.id = ?`).get(vendorId) as VendorRow | undefined;
  if (!provider) return null;
  const settings = readScoringSettings(db);
  const total = liveTotal(db);
  const rows = dependents(db, [vendorId]);
  const riding = rows.filter((v) => v.live).reduce((sum, v) => sum + v.exposure, 0);
  const share = total > 0 ? riding / total : 0;
  const focus: MapNode = { ...vendorNode(provider, total, settings, true), exposure: riding, share, band: bandOf(share, settings.dependencyBands), detail: `${pct(share)} rides on it` };
  const map = chainMap(db, 'provider', `Who relies on ${provider.name}`, focus, rows, settings, total, (v) => v.id !== vendorId);
  const vendorIds = map.nodes.filter((n) => n.kind === 'vendor').map((n) => n.refId!);
  const services = serviceNodes(servicesOf(db, vendorIds), new Set(map.nodes.map((n) => n.id)));
  return { ...map, nodes: [...services.nodes, ...map.nodes], edges: [...services.edges, ...map.edges] };
}

export function mapSearch(db: RegisterDb, text: string): MapSearchResult[] {
  const like = likeContaining(text);
  const services = db.prepare(`SELECT id, name, criticality FROM services WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT 10`).all(like) as { id: number; name: string; criticality: string }[];
  const vendors = db.prepare(`SELECT id, name, direct, status FROM vendors WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?`).all(like, 20 - services.length) as { id: number; name: string; direct: number; status: string }[];
  return [
    ...services.map((s) => ({ kind: 'service' as const, id: s.id, name: s.name, detail: `service, ${s.criticality}` })),
    ...vendors.map((v) => ({ kind: 'vendor' as const, id: v.id, name: v.name, detail: v.direct ? `vendor, ${v.status.replace(/_/g, ' ')}` : 'fourth party' })),
  ];
}
