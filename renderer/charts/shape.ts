// Data shaping for the dashboard charts: pure functions from the engine's results to ready series.
// Charts only draw what these return; no chart gets more than a few dozen marks, whatever the register size.
import type { Basis, BasisSummary, PortfolioScore, ProviderDependency, Snapshot } from '../../db/contract';
import { countryName } from '../../db/shared/countries';
import { BASIS_LABELS } from '../../db/shared/labels';

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

export interface CategoryStack {
  /** One row per vendor: `vendor`, `key`, and one field per category (`c:<code>`). */
  rows: Record<string, number | string>[];
  categories: { field: string; label: string }[];
}

/** One row per vendor (group), one numeric field per data category: for a stacked bar chart. */
export function categoryStack(data: PortfolioScore['exposureByCategory']): CategoryStack {
  const field = (code: string) => `c:${code}`;
  const rows = data.vendors.map((v) => {
    const row: Record<string, number | string> = { vendor: v.name, key: v.key };
    for (const c of data.categories) row[field(c.code)] = 0;
    for (const cell of data.cells.filter((c) => c.vendorKey === v.key)) row[field(cell.category)] = cell.exposure;
    return row;
  });
  return { rows, categories: data.categories.map((c) => ({ field: field(c.code), label: c.label })) };
}

/** A provider group's name with the members behind it when they are not the group itself: "Stratus Holdings (Stratus Cloud)". */
export function providerLabel(p: Pick<ProviderDependency, 'name' | 'members'>): string {
  const others = p.members.filter((m) => m !== p.name);
  return others.length ? `${p.name} (${others.join(', ')})` : p.name;
}

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

/** The HHI trend of the method in force: snapshots of an earlier method are counted, never drawn beside new figures. */
export function hhiTrend(snapshots: Snapshot[], basis: Basis, methodVersion: number) {
  const comparable = snapshots.filter((s) => s.methodVersion === methodVersion);
  return {
    points: comparable.map((s) => ({ date: s.takenAt.slice(0, 10), hhi: Math.round(s.hhiByBasis[basis] ?? s.hhi) })),
    earlierMethod: snapshots.length - comparable.length,
  };
}

/** A palette that stays distinguishable in light and dark themes. */
export const SERIES_COLOURS = ['#2f6fd6', '#e07b24', '#2a9d8f', '#c2410c', '#7c3aed', '#0891b2', '#65a30d', '#db2777', '#a16207', '#4b5563', '#0d9488', '#9333ea', '#b91c1c', '#15803d', '#1d4ed8', '#ca8a04', '#475569'];
