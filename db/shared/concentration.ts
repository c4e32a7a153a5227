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
  /** Holders with a value above zero. */
  count: number;
  /** The largest holders, largest first (as many as asked for). */
  top: HolderShare[];
  /** Σ (100·share)², 0..10,000; 0 when nothing is held. */
  hhi: number;
  /** 10,000 / HHI, null when HHI is 0. */
  effectiveNumber: number | null;
  cr1: number;
  cr1Holder: string | null;
  cr3: number;
  band: Band | null;
  /** The holders after `top`, summed on their own (not as total − top, which loses precision). */
  others: { count: number; value: number };
}

/** The band of an HHI as it is reported: to the whole point, so that the figure shown and its band always agree. */
export function bandOf(hhi: number, thresholds: BandThresholds): Band {
  const reported = Math.round(hhi);
  return reported > thresholds.high ? 'high' : reported >= thresholds.moderate ? 'moderate' : 'unconcentrated';
}

const larger = (a: Holder, b: Holder) => a.value > b.value || (a.value === b.value && a.key < b.key);

/** The `k` largest holders, largest first, in one pass (the portfolio may hold 100,000 vendors; charts need 20). */
function largest(values: readonly Holder[], k: number): Holder[] {
  const best: Holder[] = [];
  for (const h of values) {
    if (h.value <= 0 || (best.length === k && !larger(h, best[k - 1]!))) continue;
    let at = best.length;
    while (at > 0 && larger(h, best[at - 1]!)) at--;
    best.splice(at, 0, h);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Shares and concentration of a set of holders; holders with a zero value are counted out and change nothing. */
export function concentration(values: readonly Holder[], thresholds: BandThresholds, topCount = 20): Concentration {
  let total = 0;
  let count = 0;
  for (const h of values) {
    if (h.value > 0) {
      total += h.value;
      count++;
    }
  }
  let hhi = 0;
  if (total > 0) {
    for (const h of values) {
      if (h.value > 0) hhi += ((100 * h.value) / total) ** 2;
    }
  }
  const top = largest(values, Math.max(3, topCount)).map((h) => ({ ...h, share: h.value / total }));
  const shown = new Set(top.slice(0, topCount).map((h) => h.key));
  const others = { count: 0, value: 0 };
  for (const h of values) {
    if (h.value > 0 && !shown.has(h.key)) {
      others.count++;
      others.value += h.value;
    }
  }
  return {
    total,
    count,
    top: top.slice(0, topCount),
    hhi,
    effectiveNumber: hhi > 0 ? 10_000 / hhi : null,
    cr1: top[0]?.share ?? 0,
    cr1Holder: top[0]?.name ?? null,
    cr3: top.slice(0, 3).reduce((sum, h) => sum + h.share, 0),
    band: total > 0 ? bandOf(hhi, thresholds) : null,
    others,
  };
}

/** Sums values by group key (vendors of one ultimate parent count as one holder, named after the parent). */
export function aggregateByGroup(values: readonly (Holder & { groupKey: number; groupName: string })[]): readonly Holder[] {
  if (values.every((v) => v.groupKey === v.key)) return values;
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
