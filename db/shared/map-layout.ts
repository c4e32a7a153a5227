// Laying out the dependency map with dagre (a layered, Sugiyama-style layout: services, then vendors, then the
// providers and fourth parties behind them, left to right), and drawing it as a static SVG for the board pack. The
// view draws the same layout interactively.
import dagre from '@dagrejs/dagre';
import type { DependencyMap, MapEdge, MapNode } from '../contract';

export interface PlacedNode extends MapNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Radius of the exposure dot: its area grows with the share of exposure. */
  radius: number;
}

export interface PlacedEdge extends MapEdge {
  points: { x: number; y: number }[];
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const MAP_COLOURS = {
  high: '#c2410c',
  moderate: '#d08a1a',
  unconcentrated: '#2f6fd6',
  none: '#8c8c8c',
} as const;

export const nodeColour = (n: Pick<MapNode, 'band'>) => MAP_COLOURS[n.band ?? 'none'];
const KIND_WORDS: Record<MapNode['kind'], string> = { service: 'Service', vendor: 'Vendor', fourth_party: 'Fourth party', provider: 'Provider', more: '' };
/** The second line of a node: what it is and its figure ("Provider · 75.0 % rides on it"). */
export const nodeCaption = (n: Pick<MapNode, 'kind' | 'detail'>) => [KIND_WORDS[n.kind], n.detail].filter(Boolean).join(' · ');

/** Characters of a label that fit a node; the whole label is the node's tooltip. */
export const LABEL_CHARS = 26;
export const shortLabel = (label: string) => ([...label].length <= LABEL_CHARS ? label : `${[...label].slice(0, LABEL_CHARS - 1).join('').trimEnd()}…`);

type Placement = { width: number; height: number; nodes: Map<string, { x: number; y: number }>; edges: Map<string, { x: number; y: number }[]> };
/** Recent placements by graph: dagre takes milliseconds even for a dozen nodes (its graph bookkeeping), and the board
 * and its pack lay out the same providers' map again until the register changes what it shows. */
const placements = new Map<string, Placement>();
const PLACEMENTS_KEPT = 8;

export function layoutMap(map: DependencyMap, options: { nodeWidth?: number; nodeHeight?: number; nodesep?: number; ranksep?: number } = {}): MapLayout {
  const { nodeWidth = 230, nodeHeight = 44, nodesep = 12, ranksep = 70 } = options;
  const ids = new Set(map.nodes.map((n) => n.id));
  const drawn = map.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  // The placement depends only on the sizes, the nodes and the edges, in their order.
  const key = JSON.stringify([nodeWidth, nodeHeight, nodesep, ranksep, [...ids], drawn.map((e) => [e.from, e.to])]);
  let placed = placements.get(key);
  if (!placed) {
    placed = place(map.nodes, drawn, { nodeWidth, nodeHeight, nodesep, ranksep });
    if (placements.size >= PLACEMENTS_KEPT) placements.delete(placements.keys().next().value!);
    placements.set(key, placed);
  }
  const maxRadius = (nodeHeight - 8) / 2;
  const radius = (n: MapNode) => (n.kind === 'service' || n.kind === 'more' ? 0 : Math.max(4, maxRadius * Math.sqrt(Math.min(1, n.share))));
  return {
    width: placed.width,
    height: placed.height,
    nodes: map.nodes.map((n) => ({ ...n, ...placed.nodes.get(n.id)!, width: nodeWidth, height: nodeHeight, radius: radius(n) })),
    edges: drawn.map((e) => ({ ...e, points: (placed.edges.get(`${e.from}\n${e.to}`) ?? []).map((p) => ({ ...p })) })),
  };
}

function place(nodes: readonly MapNode[], edges: readonly MapEdge[], o: { nodeWidth: number; nodeHeight: number; nodesep: number; ranksep: number }): Placement {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: o.nodesep, ranksep: o.ranksep, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: o.nodeWidth, height: o.nodeHeight });
  for (const e of edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: new Map(nodes.map((n) => [n.id, { x: g.node(n.id).x, y: g.node(n.id).y }])),
    edges: new Map(edges.map((e) => [`${e.from}\n${e.to}`, (g.edge(e.from, e.to)?.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y }))])),
  };
}

/** A map cut down for print: the first `providers` providers with at most `perProvider` vendors each, and their services. */
export function pruneMap(map: DependencyMap, providers = 3, perProvider = 4): DependencyMap {
  const keptProviders = new Set(map.nodes.filter((n) => n.kind === 'provider').slice(0, providers).map((n) => n.id));
  const kept = new Set(keptProviders);
  for (const p of keptProviders) {
    const into = map.edges.filter((e) => e.to === p && !e.from.startsWith('m:')).slice(0, perProvider);
    for (const e of into) kept.add(e.from);
  }
  for (const e of map.edges) if (e.from.startsWith('s:') && kept.has(e.to)) kept.add(e.from);
  const nodes = map.nodes.filter((n) => kept.has(n.id));
  const omitted = map.nodes.filter((n) => n.kind === 'vendor').length - nodes.filter((n) => n.kind === 'vendor').length + map.omitted;
  return { ...map, nodes, edges: map.edges.filter((e) => kept.has(e.from) && kept.has(e.to)), omitted };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const edgePath = (points: { x: number; y: number }[]) => points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');

/** The map as a static SVG at its drawn size (1 unit = 1 CSS px, labels of 13 and 12 px), for the board pack. */
export function mapSvg(layout: MapLayout, title: string): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="${escape(title)}">`,
    `<title>${escape(title)}</title>`,
    '<defs><marker id="map-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c96a3"/></marker></defs>',
    ...layout.edges.map((e) => `<path d="${edgePath(e.points)}" fill="none" stroke="#8c96a3" stroke-width="1.5"${e.throughChain ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#map-arrow)"/>`),
    ...layout.nodes.map((n) => {
      const left = n.x - n.width / 2;
      const top = n.y - n.height / 2;
      const textX = n.radius ? left + 16 + 2 * n.radius : left + 10;
      const fill = n.kind === 'service' ? '#eef3fb' : n.kind === 'more' ? '#f4f6f9' : '#ffffff';
      return [
        `<g><title>${escape(`${n.label}${n.detail ? ` — ${n.detail}` : ''}`)}</title>`,
        `<rect x="${left}" y="${top}" width="${n.width}" height="${n.height}" rx="6" fill="${fill}" stroke="${n.focus ? '#17202c' : '#c5ccd6'}" stroke-width="${n.focus ? 2 : 1}"${n.kind === 'more' ? ' stroke-dasharray="4 3"' : ''}/>`,
        n.radius ? `<circle cx="${left + 8 + n.radius}" cy="${n.y}" r="${n.radius}" fill="${nodeColour(n)}"/>` : '',
        `<text x="${textX}" y="${nodeCaption(n) ? n.y - 3 : n.y + 4}" font-size="13" fill="#17202c" font-weight="${n.focus ? 700 : 400}">${escape(shortLabel(n.label))}</text>`,
        nodeCaption(n) ? `<text x="${textX}" y="${n.y + 13}" font-size="12" fill="#4a5563">${escape(nodeCaption(n))}</text>` : '',
        '</g>',
      ].join('');
    }),
    '</svg>',
  ];
  return parts.join('');
}
