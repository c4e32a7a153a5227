// Chart shaping (renderer/charts/shape.ts): what the charts draw, tested without drawing.
import { describe, expect, it } from 'vitest';
import { CATEGORY_COLOURS, categoryStack, hhiTrend, likelihoodAxisMax, OTHER_COLOUR, riskIsolines, tooltipRows } from '../../renderer/charts/shape';

describe('chart shaping', () => {
  it('colours at most seven categories, each distinct, groups the smaller ones and leaves out empty ones', () => {
    const categories = Array.from({ length: 14 }, (_, i) => ({ code: `c${i}`, label: `Category ${i}` }));
    const cells = categories.slice(0, 12).map((c, i) => ({ vendorKey: 1, category: c.code, exposure: 100 - i }));
    const stack = categoryStack({ vendors: [{ key: 1, name: 'One' }], categories, cells });
    expect(stack.categories).toHaveLength(7);
    expect(new Set(stack.categories.map((c) => c.colour)).size).toBe(7);
    expect(stack.categories.slice(0, 6).map((c) => c.colour)).toEqual(CATEGORY_COLOURS.slice(0, 6));
    expect(stack.categories[6]).toMatchObject({ field: 'c:other', label: 'Other categories (6)', colour: OTHER_COLOUR, total: 94 + 93 + 92 + 91 + 90 + 89 });
    expect(stack.rows[0]!['c:other']).toBe(94 + 93 + 92 + 91 + 90 + 89);
    expect(stack.categories.map((c) => c.label)).not.toContain('Category 12');
  });

  it('lists only the non-zero parts of a bar in its tooltip, largest first', () => {
    expect(tooltipRows([{ value: 0, name: 'a' }, { value: 5, name: 'b' }, { value: 9, name: 'c' }]).map((r) => r.name)).toEqual(['c', 'b']);
  });

  it('draws lines of equal score as hyperbolas of severity × likelihood', () => {
    const [line25, line50, line75] = riskIsolines(0.4);
    for (const p of line25!.points) expect(100 * Math.sqrt(p.severity * p.likelihood)).toBeCloseTo(25, 9);
    expect(line25!.points[0]!.severity).toBeCloseTo(1, 9);
    expect(line50!.points.at(-1)!.likelihood).toBeCloseTo(0.4, 9);
    expect(line75!.points).toEqual([]); // severity would pass 1 everywhere within the axis
    expect(likelihoodAxisMax([{ likelihood: 0.095 }])).toBe(0.2);
    expect(likelihoodAxisMax([{ likelihood: 0.5 }])).toBe(0.6);
  });
});

describe('the trend', () => {
  it('draws only snapshots of the method in force and marks where it began', () => {
    const snap = (takenAt: string, methodVersion: number, hhi: number) => ({ id: 1, takenAt, trigger: 'daily' as const, methodVersion, totalExposure: 1, hhi, effectiveNumber: null, cr1: 0, cr3: 0, vendorCount: 1, singlePointsOfFailure: 0, hiddenConcentrations: 0, largestDependencyShare: methodVersion === 2 ? 0.5 : null, largestDependencyName: null, hhiByBasis: {} });
    const trend = hhiTrend([snap('2026-01-01T00:00:00Z', 1, 9000), snap('2026-02-01T00:00:00Z', 2, 4000), snap('2026-03-01T00:00:00Z', 2, 4200)], 'exposure', 2);
    expect(trend.points.map((p) => p.hhi)).toEqual([4000, 4200]);
    expect(trend.points[0]!.dependency).toBe(50);
    expect(trend.earlierMethod).toBe(1);
    expect(trend.methodChangeAt).toBe('2026-02-01');
    expect(hhiTrend([snap('2026-02-01T00:00:00Z', 2, 4000)], 'exposure', 2).methodChangeAt).toBeNull();
  });
});
