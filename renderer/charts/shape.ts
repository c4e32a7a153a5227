// Data shaping for the dashboard charts: pure functions from the engine's results to ready series.
// Charts only draw what these return; no chart gets more than a few dozen marks, whatever the register size.
import type { Basis, BasisSummary, PortfolioScore, SinglePointOfFailure, Snapshot } from '../../db/contract';
import { countryName } from '../../db/shared/countries';
import { BASIS_LABELS } from '../../db/shared/labels';
import { providerLabel } from '../../db/shared/headline';

export { BASIS_LABELS };

export const BASIS_UNITS: Record<Basis, string> = {
  exposure: 'people × category weight',
  people: 'people (per vendor)',
  spend: '', // filled with the reporting currency
  critical: 'reliance-weighted links',
};

export interface ShareBar {
  key: number;
  name: string;
  /** Share in percent. */
  share: number;
  value: number;
  overLimit: boolean;
}

export function shareBars(summary: BasisSummary, limit: number, max = 12): ShareBar[] {
  return summary.top.slice(0, max).map((h) => ({ key: h.key, name: h.name, share: 100 * h.share, value: h.value, overLimit: h.share > limit }));
}

/**
 * Okabe–Ito's colours, told apart with every common colour-vision deficiency and on light and dark surfaces. A chart
 * shows at most seven categories in colour; the rest are grouped as "Other categories" in grey.
 */
export const CATEGORY_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442'];
export const OTHER_COLOUR = '#8c8c8c';

export interface CategoryStack {
  /** One row per vendor: `vendor`, `key`, and one field per category (`c:<code>`, or `c:other`). */
  rows: Record<string, number | string>[];
  categories: { field: string; label: string; colour: string; total: number }[];
}

/**
 * One row per vendor (group), one numeric field per data category: for a stacked bar chart. Categories are ordered by
 * their exposure; those with none are left out; past `maxColoured`, the smaller ones are summed as "Other categories".
 */
export function categoryStack(data: PortfolioScore['exposureByCategory'], maxColoured = CATEGORY_COLOURS.length): CategoryStack {
  const totals = new Map<string, number>();
  for (const cell of data.cells) totals.set(cell.category, (totals.get(cell.category) ?? 0) + cell.exposure);
  const ranked = data.categories.filter((c) => (totals.get(c.code) ?? 0) > 0).sort((a, b) => totals.get(b.code)! - totals.get(a.code)!);
  const grouped = ranked.length > maxColoured ? ranked.slice(maxColoured - 1) : [];
  const coloured = grouped.length ? ranked.slice(0, maxColoured - 1) : ranked;
  const fieldOf = new Map<string, string>([...coloured.map((c) => [c.code, `c:${c.code}`] as const), ...grouped.map((c) => [c.code, 'c:other'] as const)]);
  const categories = coloured.map((c, i) => ({ field: `c:${c.code}`, label: c.label, colour: CATEGORY_COLOURS[i]!, total: totals.get(c.code)! }));
  if (grouped.length) categories.push({ field: 'c:other', label: `Other categories (${grouped.length})`, colour: OTHER_COLOUR, total: grouped.reduce((sum, c) => sum + totals.get(c.code)!, 0) });
  const rows = data.vendors.map((v) => {
    const row: Record<string, number | string> = { vendor: v.name, key: v.key };
    for (const c of categories) row[c.field] = 0;
    for (const cell of data.cells) if (cell.vendorKey === v.key && fieldOf.has(cell.category)) row[fieldOf.get(cell.category)!] = (row[fieldOf.get(cell.category)!] as number) + cell.exposure;
    return row;
  });
  return { rows, categories };
}

/** The entries of one stacked bar worth listing in its tooltip: the non-zero ones, largest first. */
export function tooltipRows<T extends { value?: unknown }>(entries: readonly T[]): T[] {
  return entries.filter((e) => Number(e.value) > 0).sort((a, b) => Number(b.value) - Number(a.value));
}

/**
 * Lines of equal risk score on the matrix of severity against likelihood: score = 100 · √(severity · likelihood), so each
 * is the hyperbola severity = (score / 100)² / likelihood, drawn where severity is at most 1 and likelihood within the axis.
 */
export function riskIsolines(maxLikelihood: number, scores: readonly number[] = [25, 50, 75], steps = 40) {
  return scores.map((score) => {
    const product = (score / 100) ** 2;
    const from = product; // severity reaches 1 at likelihood = product
    const points = from > maxLikelihood ? [] : Array.from({ length: steps + 1 }, (_, i) => from + ((maxLikelihood - from) * i) / steps).map((likelihood) => ({ likelihood, severity: product / likelihood, isoline: score }));
    return { score, points };
  });
}

/** The likelihood axis ends a little past the largest likelihood (tenths), so vendors at the base rate are not pressed against zero. */
export function likelihoodAxisMax(points: readonly { likelihood: number }[]): number {
  const max = Math.max(0, ...points.map((p) => p.likelihood));
  return Math.min(1, Math.max(0.2, Math.ceil(max * 1.15 * 10) / 10));
}

export { providerLabel };

/** Provider groups by dependency share: exposure held by each provider or by vendors whose chain reaches it. */
export function dependencyBars(score: PortfolioScore, max = 10) {
  return score.providers.slice(0, max).map((p) => ({ key: p.groupKey, name: providerLabel(p), share: 100 * p.share, directShare: 100 * p.directShare, vendorCount: p.vendorCount, throughChain: p.throughChain, band: p.band, hidden: p.hidden }));
}

export function countryBars(score: PortfolioScore, max = 10) {
  return score.geography.byCountry.slice(0, max).map((c) => ({ country: c.country, name: countryName(c.country), share: 100 * c.share, exposure: c.exposure, home: c.country === score.geography.homeCountry }));
}

export function riskPoints(score: PortfolioScore) {
  return score.riskMatrix.map((p) => ({ key: p.vendorId, name: p.name, likelihood: p.likelihood, severity: p.severity, exposure: p.exposure, score: Math.round(p.score) }));
}

/**
 * The index trend of the method in force: snapshots of an earlier method are counted, never drawn beside new figures;
 * `methodChangeAt` is the first snapshot of the method in force when earlier ones exist (the chart marks it).
 */
export function hhiTrend(snapshots: Snapshot[], basis: Basis, methodVersion: number) {
  const comparable = snapshots.filter((s) => s.methodVersion === methodVersion);
  const earlierMethod = snapshots.length - comparable.length;
  const points = comparable.map((s) => ({ date: s.takenAt.slice(0, 10), hhi: Math.round(s.hhiByBasis[basis] ?? s.hhi), dependency: s.largestDependencyShare === null ? null : 100 * s.largestDependencyShare }));
  return { points, earlierMethod, methodChangeAt: earlierMethod && points.length ? points[0]!.date : null };
}

/** Single points of failure counted by how the service rests on one provider, split by severity: for a stacked bar chart. */
export function singlePointBars(points: readonly SinglePointOfFailure[]) {
  const kinds = [
    ['direct', 'Direct: one provider'],
    ['hidden', 'Hidden in the supply chain'],
    ['unsupported', 'No live vendor'],
  ] as const;
  return kinds.map(([kind, label]) => {
    const of = points.filter((p) => p.kind === kind);
    return { kind: label, high: of.filter((p) => p.severity === 'high').length, medium: of.filter((p) => p.severity === 'medium').length, low: of.filter((p) => p.severity === 'low').length };
  });
}
