// The dependency map's queries: the engine's shares, chains followed to their end, bounded size on a large register.
import { describe, expect, it } from 'vitest';
import type { BoardSummary, DataCategory, DependencyMap, PortfolioScore, Vendor } from '../../db/contract';
import { ok, serviceWithRegister, vendor } from './helpers';

function register() {
  const { service } = serviceWithRegister();
  const categories = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
  const add = (name: string, extra: object = {}) => ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name, ...extra }) });
  const hold = (v: Vendor, records: number) => ok(service, 'holdings.save', { holding: { vendorId: v.id, categoryId: categories.get('email')!, records, storageCountry: 'AU' } });
  const link = (v: Vendor, supplier: Vendor) => ok(service, 'dependencies.add', { vendorId: v.id, supplierId: supplier.id });
  return { service, add, hold, link };
}

describe('the dependency map', () => {
  it('gives a provider the engine’s dependency share, follows chains to their end and shows a service’s chain', () => {
    const { service, add, hold, link } = register();
    const chat = add('ChatCo');
    const pay = add('PayCo');
    const other = add('Other');
    const gateway = add('Gateway', { direct: false });
    const cloud = add('Deep Cloud', { direct: false });
    hold(chat, 1000);
    hold(pay, 3000);
    hold(other, 6000);
    link(chat, gateway);
    link(pay, gateway);
    link(gateway, cloud);
    const svc = ok<{ id: number }>(service, 'services.save', { service: { name: 'Card payments', criticality: 'critical' } });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: chat.id, reliance: 'full' });
    ok(service, 'services.link', { serviceId: svc.id, vendorId: pay.id, reliance: 'material' });

    const portfolio = ok<PortfolioScore>(service, 'scoring.portfolio', {});
    const engine = portfolio.providers.find((p) => p.name === 'Deep Cloud')!;
    const deep = ok<DependencyMap>(service, 'board.dependencyMap', { mode: 'provider', vendorId: cloud.id });
    const focus = deep.nodes.find((n) => n.focus)!;
    expect(focus.share).toBeCloseTo(engine.share, 12);
    expect(focus.share).toBeCloseTo(0.4, 12);
    expect(deep.nodes.map((n) => n.label).sort()).toEqual(['Card payments', 'ChatCo', 'Deep Cloud', 'Gateway', 'PayCo']);
    expect(deep.edges).toContainEqual({ from: `v:${gateway.id}`, to: `v:${cloud.id}`, throughChain: false });

    const chain = ok<DependencyMap>(service, 'board.dependencyMap', { mode: 'service', serviceId: svc.id });
    expect(chain.nodes.map((n) => n.label).sort()).toEqual(['Card payments', 'ChatCo', 'Deep Cloud', 'Gateway', 'PayCo']);
    expect(chain.edges).toContainEqual({ from: `s:${svc.id}`, to: `v:${chat.id}`, throughChain: false });

    // The board's map of the largest providers: Gateway's share is the engine's, and ChatCo reaches Deep Cloud only through Gateway.
    const board = ok<BoardSummary>(service, 'board.summary', { periodDays: 90 });
    const gatewayNode = board.providerMap.nodes.find((n) => n.id === `p:${gateway.id}`)!;
    expect(gatewayNode.share).toBeCloseTo(portfolio.providers.find((p) => p.name === 'Gateway')!.share, 12);
    expect(board.providerMap.edges).toContainEqual({ from: `v:${chat.id}`, to: `p:${cloud.id}`, throughChain: true });
    expect(board.providerMap.edges).toContainEqual({ from: `v:${chat.id}`, to: `p:${gateway.id}`, throughChain: false });

    expect(ok<{ name: string }[]>(service, 'board.mapSearch', { text: 'co' }).map((r) => r.name)).toEqual(['ChatCo', 'PayCo']);
    expect(service.call('board.dependencyMap', { mode: 'provider', vendorId: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps a map small when hundreds of vendors rely on one provider', () => {
    const { service, add, hold, link } = register();
    const cloud = add('Big Cloud', { direct: false });
    for (let i = 0; i < 300; i++) {
      const v = add(`Vendor ${i}`);
      hold(v, 100 + i);
      link(v, cloud);
    }
    const map = ok<DependencyMap>(service, 'board.dependencyMap', { mode: 'provider', vendorId: cloud.id });
    expect(map.nodes.length).toBeLessThanOrEqual(45);
    expect(map.omitted).toBe(300 - 40);
    expect(map.nodes.find((n) => n.kind === 'more')!.label).toBe('and 260 more');
    // The largest are the ones shown.
    expect(map.nodes.some((n) => n.label === 'Vendor 299')).toBe(true);

    // The board's map draws the provider with the vendors its share was summed from: its own members (a vendor of
    // its group) linked to it, the largest few riding on it, and the others counted.
    const member = add('Big Cloud Services', { ultimateParentId: cloud.id });
    hold(member, 50);
    const board = ok<BoardSummary>(service, 'board.summary', { periodDays: 90 });
    const engine = ok<PortfolioScore>(service, 'scoring.portfolio', {}).providers.find((p) => p.groupKey === cloud.id)!;
    const drawn = board.providerMap.edges.filter((e) => e.to === `p:${cloud.id}`);
    const more = board.providerMap.nodes.find((n) => n.id === `m:p:${cloud.id}`)!;
    expect(drawn.filter((e) => e.from.startsWith('v:')).length + Number(/\d+/.exec(more.label)![0])).toBe(engine.vendorCount);
    expect(drawn).toContainEqual({ from: `v:${member.id}`, to: `p:${cloud.id}`, throughChain: false });
    const largest = board.providerMap.nodes.find((n) => n.label === 'Vendor 299')!;
    expect(drawn).toContainEqual({ from: `v:${largest.refId}`, to: `p:${cloud.id}`, throughChain: false });
  });
});
