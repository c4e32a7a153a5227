// The headline's one shaping function (db/shared/headline.ts): figures equal to the engine's, sentences built from
// them, honest empty states, plurals, and changes shown only where there is an earlier figure.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BoardSummary, DataCategory, PortfolioScore, Snapshot, Vendor } from '../../db/contract';
import { boardSummary } from '../../db/board';
import { openRegister } from '../../db/connection';
import { takeSnapshot } from '../../db/scoring';
import { createRegisterService } from '../../db/service';
import { shapeHeadline, type HeadlineKey } from '../../db/shared/headline';
import { ok, serviceWithRegister, tempDir, vendor } from './helpers';

const byKey = (summary: BoardSummary, key: HeadlineKey) => summary.riskHeadline.figures.find((f) => f.key === key)!;

function snapshot(overrides: Partial<Snapshot>): Snapshot {
  return {
    id: 1,
    takenAt: '2026-01-01T00:00:00.000Z',
    trigger: 'daily',
    methodVersion: 2,
    totalExposure: 0,
    hhi: 0,
    effectiveNumber: null,
    cr1: 0,
    cr3: 0,
    vendorCount: 0,
    singlePointsOfFailure: 0,
    hiddenConcentrations: 0,
    largestDependencyShare: null,
    largestDependencyName: null,
    hhiByBasis: {},
    ...overrides,
  };
}

describe('the headline', () => {
  it('on the sample register carries the engine’s figures, bands in words and sentences built from them', () => {
    const service = createRegisterService({ actor: 'tester' });
    try {
      service.open(path.join(tempDir(), 'Sample.vrr'), { create: true, sample: true });
      const p = ok<PortfolioScore>(service, 'scoring.portfolio', {});
      const board = ok<BoardSummary>(service, 'board.summary', { periodDays: 365 });
      const largest = p.largestDependency!;
      const dependency = byKey(board, 'dependency');
      expect(dependency.value).toBe(`${(100 * largest.share).toFixed(1)} %`);
      expect(dependency.sentence).toBe(
        `${(100 * largest.share).toFixed(1)} % of our customers' data exposure sits with or behind Stratus Holdings (${largest.members.filter((m) => m !== largest.name).join(', ')}), through ${largest.vendorCount} vendors.`,
      );
      expect(dependency.band).toBe('high');
      expect(dependency.bandWords).toBe('High: above 30 %');
      expect(dependency.help.formula).toContain(`${Math.round(largest.exposure).toLocaleString('en')} ÷ ${Math.round(p.bases.exposure.total).toLocaleString('en')}`);

      const hhi = byKey(board, 'hhi');
      expect(hhi.value).toBe(Math.round(p.bases.exposure.hhi).toLocaleString('en'));
      expect(hhi.label).toContain('HHI, Herfindahl–Hirschman index');
      expect(hhi.sentence).toContain(`the largest, ${p.bases.exposure.cr1Holder}, holds ${(100 * p.bases.exposure.cr1).toFixed(1)} %`);

      const spof = byKey(board, 'singlePoints');
      expect(spof.raw).toBe(p.singlePointsOfFailure.length);
      const hidden = p.singlePointsOfFailure.filter((f) => f.kind === 'hidden').length;
      expect(spof.sentence).toContain(`${hidden} hidden in our vendors’ supply chains`);

      const people = byKey(board, 'people');
      expect(people.sentence).toContain(p.people.largestHolder!.name);
      expect(byKey(board, 'incidents').raw).toBe(board.incidents.length);
      // No snapshot yet: one line says so, and no figure carries a change of its own.
      expect(board.riskHeadline.comparison).toMatch(/^No earlier snapshot of method v2/);
      for (const figure of board.riskHeadline.figures) expect(figure.changes).toEqual([]);
      expect(board.riskHeadline.empty).toBe(false);
    } finally {
      service.close();
    }
  });

  it('is an honest empty state for an empty register: no zeros rated as good', () => {
    const { service } = serviceWithRegister();
    const board = ok<BoardSummary>(service, 'board.summary', { periodDays: 90 });
    expect(board.riskHeadline.empty).toBe(true);
    for (const figure of board.riskHeadline.figures) {
      expect(figure.value, figure.key).toBe('—');
      expect(figure.band, figure.key).toBeNull();
      expect(figure.bandWords, figure.key).toMatch(/^Not rated/);
      expect(`${figure.sentence} ${figure.detail} ${figure.help.formula}`).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(board.riskHeadline.comparison).toMatch(/^Nothing recorded yet/);
  });

  it('uses singular words for one, and shows changes against earlier snapshots of the same method only', () => {
    const { service } = serviceWithRegister();
    const categories = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
    const only = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Only Holder' }) });
    ok(service, 'holdings.save', { holding: { vendorId: only.id, categoryId: categories.get('email')!, records: 1000, storageCountry: 'AU' } });
    const portfolio = ok<PortfolioScore>(service, 'scoring.portfolio', {});
    const input = { portfolio, periodDays: 90, incidents: [], due: { overdueReviews: 0, noticeDeadlines: 0, passedDeadlines: 0, next: null }, horizonDays: 91, previous: null, quarterAgo: null };

    const alone = shapeHeadline(input);
    expect(alone.figures[0]!.sentence).toBe("100.0 % of our customers' data exposure sits with or behind Only Holder, through 1 vendor.");
    expect(alone.figures.find((f) => f.key === 'incidents')!.sentence).toBe('No incidents at our vendors were recorded in the last 90 days.');
    expect(alone.figures.find((f) => f.key === 'deadlines')!.sentence).toBe('No vendor review is overdue and no contract notice deadline falls in the next 91 days.');

    const compared = shapeHeadline({ ...input, previous: snapshot({ hhi: 9000, largestDependencyShare: 0.9, singlePointsOfFailure: 0 }), quarterAgo: snapshot({ hhi: 10_000, largestDependencyShare: 1, singlePointsOfFailure: 1 }) });
    const dependency = compared.figures[0]!;
    expect(dependency.changes).toEqual([
      { against: 'since the previous snapshot', text: '▲ 10.0 percentage points', direction: 'worse' },
      { against: 'since a quarter ago', text: 'no change', direction: 'same' },
    ]);
    expect(compared.figures.find((f) => f.key === 'hhi')!.changes[0]).toEqual({ against: 'since the previous snapshot', text: '▲ 1,000 points', direction: 'worse' });
    expect(compared.comparison).toMatch(/^Changes against the previous snapshot \(1 Jan 2026\)/);

    // A snapshot of method v1 has no dependency share: no change is claimed against it.
    const older = shapeHeadline({ ...input, previous: snapshot({ methodVersion: 1, hhi: 10_000 }) });
    expect(older.figures[0]!.changes).toEqual([]);
  });

  it('compares with the latest snapshot of an earlier day and the latest a quarter old, of the method in force', () => {
    const { service, file } = serviceWithRegister();
    const categories = new Map(ok<DataCategory[]>(service, 'categories.list', {}).map((c) => [c.code, c.id]));
    const a = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'A' }) });
    ok(service, 'holdings.save', { holding: { vendorId: a.id, categoryId: categories.get('email')!, records: 1000, storageCountry: 'AU' } });
    service.close();
    const { db } = openRegister(file);
    try {
      const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
      takeSnapshot(db, 'manual', day('2026-01-10'));
      db.prepare("UPDATE snapshots SET metrics_json = json_set(metrics_json, '$.hhi', 2000) WHERE id = (SELECT max(id) FROM snapshots)").run();
      takeSnapshot(db, 'manual', day('2026-04-20'));
      db.prepare("UPDATE snapshots SET metrics_json = json_set(metrics_json, '$.hhi', 9000) WHERE id = (SELECT max(id) FROM snapshots)").run();
      takeSnapshot(db, 'manual', day('2026-04-30')); // today's: never "the previous"
      const summary = boardSummary(db, 'Test', 90, day('2026-04-30'));
      const hhi = summary.riskHeadline.figures.find((f) => f.key === 'hhi')!;
      expect(summary.previousSnapshotAt!.slice(0, 10)).toBe('2026-04-20');
      expect(summary.quarterSnapshotAt!.slice(0, 10)).toBe('2026-01-10');
      expect(hhi.changes).toEqual([
        { against: 'since the previous snapshot', text: '▲ 1,000 points', direction: 'worse' },
        { against: 'since a quarter ago', text: '▲ 8,000 points', direction: 'worse' },
      ]);
      expect(summary.riskHeadline.comparison).toBe('Changes against the previous snapshot (20 Apr 2026) and a quarter ago (10 Jan 2026); snapshots keep the dependency share, single points of failure and HHI.');
    } finally {
      db.close();
    }
  });
});
