// Concentration measures, as pure functions: the SQL gathers values per vendor (or group), these turn them into
// shares, HHI, effective number, CR1 and CR3. Every figure can be recomputed by hand from `values`.

export interface Holder {
  /** Vendor id, or group id (the ultimate parent) when aggregated. */
  key: number;
  name: string;
  value: number;
}

export interface HolderShare extends Holder {
  /** value / total, 0..1 */
  share: number;
}

export type Band = 'unconcentrated' | 'moderate' | 'high';

export interface BandThresholds {
  /** HHI at or above which concentration is moderate (US 2010 guidelines: 1,500). */
  moderate: number;
  /** HHI above which it is high (2,500). */
  high: number;
}

export interface Concentration {
  total: number;
  holders: HolderShare[];
  /** Σ (100·share)², 0..10,000; 0 when nothing is held. */
  hhi: number;
  /** 10,000 / HHI, null when HHI is 0. */
  effectiveNumber: number | null;
  cr1: number;
  cr1Holder: string | null;
  cr3: number;
  band: Band | null;
}

export function bandOf(hhi: number, thresholds: BandThresholds): Band {
  return hhi > thresholds.high ? 'high' : hhi >= thresholds.moderate ? 'moderate' : 'unconcentrated';
}

/** Shares and concentration of a set of holders; holders with a zero value are kept but change nothing. */
export function concentration(values: readonly Holder[], thresholds: BandThresholds): Concentration {
  const total = values.reduce((sum, h) => sum + Math.max(0, h.value), 0);
  const holders = values
    .map((h) => ({ ...h, share: total > 0 ? Math.max(0, h.value) / total : 0 }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
  const hhi = holders.reduce((sum, h) => sum + (100 * h.share) ** 2, 0);
  return {
    total,
    holders,
    hhi,
    effectiveNumber: hhi > 0 ? 10_000 / hhi : null,
    cr1: holders[0]?.share ?? 0,
    cr1Holder: total > 0 ? (holders[0]?.name ?? null) : null,
    cr3: holders.slice(0, 3).reduce((sum, h) => sum + h.share, 0),
    band: total > 0 ? bandOf(hhi, thresholds) : null,
  };
}

/** Sums values by group key (vendors of one ultimate parent count as one holder, named after the parent). */
export function aggregateByGroup(values: readonly (Holder & { groupKey: number; groupName: string })[]): Holder[] {
  const groups = new Map<number, Holder>();
  for (const v of values) {
    const group = groups.get(v.groupKey) ?? { key: v.groupKey, name: v.groupName, value: 0 };
    group.value += v.value;
    groups.set(v.groupKey, group);
  }
  return [...groups.values()];
}

/** Incident weight after exponential decay: 0.5^(age / half-life). */
export function decay(ageYears: number, halfLifeYears: number): number {
  return 0.5 ** (Math.max(0, ageYears) / halfLifeYears);
}
