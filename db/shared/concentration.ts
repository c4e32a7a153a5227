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

/** The indices of the `k` largest values, largest first (equal values: smaller key first), in one pass: the portfolio
 * may hold 100,000 vendors; charts need 20. */
function largest(keys: readonly number[], values: Float64Array, k: number): number[] {
  const larger = (i: number, j: number) => values[i]! > values[j]! || (values[i] === values[j] && keys[i]! < keys[j]!);
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (values[i]! <= 0 || (best.length === k && !larger(i, best[k - 1]!))) continue;
    let at = best.length;
    while (at > 0 && larger(i, best[at - 1]!)) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Shares and concentration of a set of holders; holders with a zero value are counted out and change nothing. */
export function concentration(holders: readonly Holder[], thresholds: BandThresholds, topCount = 20): Concentration {
  return concentrationOf(
    holders.map((h) => h.key),
    Float64Array.from(holders, (h) => h.value),
    (i) => holders[i]!.name,
    thresholds,
    topCount,
  );
}

/** `concentration` over holders given as columns (holder i is `keys[i]`, holding `values[i]`, named `nameAt(i)`), so
 * that 100,000 holders need no object each; only the largest are named. (Always a Float64Array of values: loops over
 * one kind of array run several times faster than over arrays of either kind.) */
export function concentrationOf(keys: readonly number[], values: Float64Array, nameAt: (i: number) => string, thresholds: BandThresholds, topCount = 20): Concentration {
  let total = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > 0) {
      total += values[i]!;
      count++;
    }
  }
  let hhi = 0;
  if (total > 0) {
    for (let i = 0; i < values.length; i++) {
      if (values[i]! > 0) hhi += ((100 * values[i]!) / total) ** 2;
    }
  }
  const best = largest(keys, values, Math.max(3, topCount));
  const top = best.map((i) => ({ key: keys[i]!, name: nameAt(i), value: values[i]!, share: values[i]! / total }));
  const shown = new Uint8Array(values.length);
  for (const i of best.slice(0, topCount)) shown[i] = 1;
  const others = { count: 0, value: 0 };
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > 0 && !shown[i]) {
      others.count++;
      others.value += values[i]!;
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

/** Incident weight after exponential decay: 0.5^(age / half-life). */
export function decay(ageYears: number, halfLifeYears: number): number {
  return 0.5 ** (Math.max(0, ageYears) / halfLifeYears);
}
