// The dependency map's layout: services left of the vendors, the vendors left of the providers they rely on; a graph
// laid out before is placed from memory, with the nodes' own figures and nothing shared between two answers.
import { describe, expect, it } from 'vitest';
import type { DependencyMap, MapNode } from '../../db/contract';
import { layoutMap } from '../../db/shared/map-layout';

const node = (id: string, kind: MapNode['kind'], share = 0): MapNode => ({ id, kind, refId: 1, label: id, exposure: 0, share, band: null, focus: false, detail: '' });
const map = (share: number, extra: DependencyMap['edges'] = []): DependencyMap => ({
  mode: 'providers',
  title: 'map',
  nodes: [node('s:1', 'service'), node('v:1', 'vendor', share), node('v:2', 'vendor'), node('p:9', 'provider', 0.5), node('v:3', 'fourth_party')],
  edges: [{ from: 's:1', to: 'v:1', throughChain: false }, { from: 'v:1', to: 'p:9', throughChain: false }, { from: 'v:2', to: 'p:9', throughChain: true }, ...extra],
  totalExposure: 1,
  omitted: 0,
});
const x = (layout: ReturnType<typeof layoutMap>, id: string) => layout.nodes.find((n) => n.id === id)!.x;

describe('the map layout', () => {
  it('places services, vendors and providers left to right, with a path for every edge', () => {
    const layout = layoutMap(map(0.1));
    expect(x(layout, 's:1')).toBeLessThan(x(layout, 'v:1'));
    expect(x(layout, 'v:1')).toBeLessThan(x(layout, 'p:9'));
    expect(x(layout, 'v:2')).toBe(x(layout, 'v:1'));
    expect(layout.edges).toHaveLength(3);
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.width).toBeGreaterThan(3 * 230);
  });

  it('places a graph laid out before from memory, with the nodes of the map asked for', () => {
    const first = layoutMap(map(0.1));
    first.edges[0]!.points[0]!.x = -1000;
    first.nodes[1]!.x = -1000;
    const again = layoutMap(map(0.9));
    expect(again.nodes[1]!.x).not.toBe(-1000);
    expect(again.edges[0]!.points[0]!.x).not.toBe(-1000);
    expect(again.nodes.find((n) => n.id === 'v:1')!.share).toBe(0.9);
    expect(again.nodes.find((n) => n.id === 'v:1')!.radius).toBeGreaterThan(layoutMap(map(0.1)).nodes.find((n) => n.id === 'v:1')!.radius);
    expect(again.nodes.map((n) => [n.id, n.x, n.y])).toEqual(layoutMap(map(0.1)).nodes.map((n) => [n.id, n.x, n.y]));
  });

  it('lays out again when the edges change', () => {
    const before = layoutMap(map(0.1));
    const after = layoutMap(map(0.1, [{ from: 'p:9', to: 'v:3', throughChain: false }]));
    expect(x(before, 'v:3')).not.toBe(x(after, 'v:3'));
    expect(x(after, 'v:3')).toBeGreaterThan(x(after, 'p:9'));
    expect(after.edges).toHaveLength(4);
  });
});
