// The board's headline: the few figures that say where the risk is, each with its band in words, its change since the
// previous snapshot and a quarter ago, a plain-English sentence generated from the figures, and its help (what it is,
// its formula with this register's inputs, how to read it, the threshold in force). One function shapes it; the
// Concentration view, the Board view and the board pack all show what it returns.
import type { DueCounts, Incident, PortfolioScore, ProviderDependency, Snapshot } from '../contract';

export type HeadlineKey = 'dependency' | 'singlePoints' | 'hhi' | 'people' | 'incidents' | 'deadlines';
/** A figure's band: `null` when it cannot be rated (nothing recorded, or a setting it needs is not set). */
export type HeadlineBand = 'high' | 'moderate' | 'low' | null;

export interface HeadlineHelp {
  what: string;
  formula: string;
  reading: string;
  threshold: string;
}

export interface HeadlineChange {
  /** "since the previous snapshot" or "since a quarter ago". */
  against: string;
  /** "▲ 2.3 percentage points", "no change". */
  text: string;
  direction: 'worse' | 'better' | 'same';
}

export interface HeadlineItem {
  key: HeadlineKey;
  /** The figure's plain label; an abbreviation appears only beside it. */
  label: string;
  value: string;
  /** The raw figure (a share 0..1, a count, an index), null when there is none. */
  raw: number | null;
  detail: string;
  band: HeadlineBand;
  /** The band in words, with its limits: "High: above 30 %". */
  bandWords: string;
  sentence: string;
  /** Changes against earlier snapshots; empty when there is no earlier figure (the headline's `comparison` says so once). */
  changes: HeadlineChange[];
  help: HeadlineHelp;
}

export interface Headline {
  figures: HeadlineItem[];
  /** One line on what the changes are measured against, or why there are none. */
  comparison: string;
  /** True when nothing is recorded yet: the figures are empty states, not zeros. */
  empty: boolean;
}

export interface HeadlineInput {
  portfolio: PortfolioScore;
  periodDays: number;
  /** Incidents at our vendors (or their suppliers) in the period. */
  incidents: Incident[];
  /** Overdue periodic reviews, and contract notice deadlines up to the horizon. */
  due: DueCounts;
  /** Days ahead that notice deadlines are counted for. */
  horizonDays: number;
  previous: Snapshot | null;
  quarterAgo: Snapshot | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
export const formatPercent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;
export const formatInteger = (x: number) => Math.round(x).toLocaleString('en');
/** One formatter for every date shown (toLocaleDateString builds one per call: 0.8 s for the 13,000 notice deadlines
 * of a 100,000-vendor register's quarter). */
const DAY_FORMAT = new Intl.DateTimeFormat('en-AU', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
export const formatDay = (iso: string | null) => (iso ? DAY_FORMAT.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : '—');

/** A provider group's name with the members behind it when they are not the group itself: "Stratus Holdings (Stratus Cloud)". */
export function providerLabel(p: Pick<ProviderDependency, 'name' | 'members'>): string {
  const others = p.members.filter((m) => m !== p.name);
  return others.length ? `${p.name} (${others.join(', ')})` : p.name;
}

function change(current: number | null, before: number | null, against: string, show: (delta: number) => string): HeadlineChange[] {
  if (current === null || before === null) return [];
  const delta = current - before;
  if (Math.abs(delta) < 1e-9) return [{ against, text: 'no change', direction: 'same' }];
  return [{ against, text: `${delta > 0 ? '▲' : '▼'} ${show(Math.abs(delta))}`, direction: delta > 0 ? 'worse' : 'better' }];
}

function changes(current: number | null, input: HeadlineInput, pick: (s: Snapshot) => number | null, show: (delta: number) => string): HeadlineChange[] {
  return [
    ...change(current, input.previous ? pick(input.previous) : null, 'since the previous snapshot', show),
    ...change(current, input.quarterAgo ? pick(input.quarterAgo) : null, 'since a quarter ago', show),
  ];
}

const points = (d: number) => `${(100 * d).toFixed(1)} percentage points`;

export function shapeHeadline(input: HeadlineInput): Headline {
  const p = input.portfolio;
  const s = p.settings;
  const e = p.bases.exposure;
  const nothing = e.total === 0;
  const shareBands = `high above ${formatPercent(s.dependencyBands.high, 0)}, moderate from ${formatPercent(s.dependencyBands.moderate, 0)}, low below (Settings → Scoring)`;
  const shareBand = (share: number): { band: HeadlineBand; words: string } =>
    share > s.dependencyBands.high
      ? { band: 'high', words: `High: above ${formatPercent(s.dependencyBands.high, 0)}` }
      : share >= s.dependencyBands.moderate
        ? { band: 'moderate', words: `Moderate: ${formatPercent(s.dependencyBands.moderate, 0)} to ${formatPercent(s.dependencyBands.high, 0)}` }
        : { band: 'low', words: `Low: below ${formatPercent(s.dependencyBands.moderate, 0)}` };
  const notRecorded = 'Not rated: no data holdings recorded';

  // 1. The largest dependency share.
  const largest = nothing ? null : p.largestDependency;
  const dependencyBand = largest ? shareBand(largest.share) : null;
  const dependency: HeadlineItem = {
    key: 'dependency',
    label: 'Largest dependency share',
    value: largest ? formatPercent(largest.share) : '—',
    raw: largest?.share ?? null,
    detail: largest ? `${providerLabel(largest)} · through ${plural(largest.vendorCount, 'vendor')}${largest.throughChain ? ` (${largest.throughChain} through their suppliers)` : ''}` : 'No data holdings recorded yet',
    band: dependencyBand?.band ?? null,
    bandWords: dependencyBand?.words ?? notRecorded,
    sentence: largest
      ? `${formatPercent(largest.share)} of our customers' data exposure sits with or behind ${providerLabel(largest)}, through ${plural(largest.vendorCount, 'vendor')}.`
      : 'No data holdings are recorded yet, so nothing can be said about what our customers’ data rides on.',
    changes: largest ? changes(largest.share, input, (snap) => snap.largestDependencyShare, points) : [],
    help: {
      what: 'The share of our customers’ data exposure held by one provider group, or by any of our live vendors whose supply chain reaches it (each vendor counted once). It is always between 0 and 100 %.',
      formula: largest
        ? `Dependency share = exposure of the ${plural(largest.vendorCount, 'vendor')} that are or rely on ${largest.name} ÷ total exposure = ${formatInteger(largest.exposure)} ÷ ${formatInteger(e.total)} = ${formatPercent(largest.share, 2)}. Exposure = people × data-category weight, summed.`
        : 'Dependency share = exposure held by the provider or by vendors whose chain reaches it ÷ total exposure. No exposure is recorded yet.',
      reading: 'If this provider failed or were breached, this much of the exposure would be affected. The higher it is, the more rides on one provider.',
      threshold: `Bands: ${shareBands}.`,
    },
  };

  // 2. Single points of failure.
  const spof = p.singlePointsOfFailure;
  const hidden = spof.filter((f) => f.kind === 'hidden').length;
  const unsupported = spof.filter((f) => f.kind === 'unsupported').length;
  const direct = spof.length - hidden - unsupported;
  const severe = spof.filter((f) => f.severity === 'high');
  const noServices = spof.length === 0 && p.bases.critical.total === 0;
  const worst = severe[0] ?? spof[0];
  const restsOn = (f: (typeof spof)[number]) => (f.provider ? `${f.kind === 'hidden' ? 'all its vendors depend on' : 'rests on'} ${f.provider.name}` : 'no live vendor supports it');
  const singlePoints: HeadlineItem = {
    key: 'singlePoints',
    label: 'Single points of failure',
    value: noServices ? '—' : formatInteger(spof.length),
    raw: noServices ? null : spof.length,
    detail: noServices ? 'No critical services with vendors recorded yet' : `${direct} direct · ${hidden} hidden in the supply chain · ${unsupported} with no live vendor`,
    band: noServices ? null : severe.length ? 'high' : spof.length ? 'moderate' : 'low',
    bandWords: noServices ? 'Not rated: no critical services with vendors recorded' : severe.length ? `High: ${plural(severe.length, 'service')} of high severity` : spof.length ? 'Moderate: none of high severity' : 'Low: none',
    sentence: noServices
      ? 'No critical or important services are linked to vendors yet, so single points of failure cannot be assessed.'
      : spof.length === 0
        ? 'No critical or important service rests on a single provider.'
        : `${plural(spof.length, 'critical or important service rests', 'critical or important services rest')} on a single provider (${direct} directly, ${hidden} hidden in our vendors’ supply chains, ${unsupported} with no live vendor)${worst ? `; the most severe: ${worst.serviceName}, ${restsOn(worst)}` : ''}.`,
    changes: noServices ? [] : changes(spof.length, input, (snap) => snap.singlePointsOfFailure, (d) => plural(d, 'service')),
    help: {
      what: 'A critical or important service whose supporting vendors (full or material reliance) all belong to one provider group (direct), all depend on one provider further down their supply chains (hidden), or that no live vendor supports (unsupported).',
      formula: noServices
        ? 'Counted over every critical and important service; none is linked to a vendor yet.'
        : `${formatInteger(spof.length)} = ${direct} direct + ${hidden} hidden + ${unsupported} unsupported; ${severe.length} of high severity. Severity: worst substitutability of the provider and whether it has an exit plan.`,
      reading: 'Each one is a service that stops if one provider fails. Hidden ones are the easiest to miss: two vendors that look like alternatives share one supplier.',
      threshold: 'High when any is of high severity (a critical service on a provider that is hard to replace, not assessed or without an exit plan); moderate when there are some; low when none.',
    },
  };

  // 3. Direct concentration (HHI) on weighted exposure.
  const bandNames = { unconcentrated: 'Unconcentrated', moderate: 'Moderate', high: 'High' } as const;
  const hhiWords = e.band === 'high' ? `High: above ${formatInteger(s.bands.high)}` : e.band === 'moderate' ? `Moderate: ${formatInteger(s.bands.moderate)} to ${formatInteger(s.bands.high)}` : `Unconcentrated: below ${formatInteger(s.bands.moderate)}`;
  const terms = e.top.filter((h) => h.key !== 0).slice(0, 3).map((h) => `${(100 * h.share).toFixed(1)}²`);
  const hhi: HeadlineItem = {
    key: 'hhi',
    label: 'Direct concentration (HHI, Herfindahl–Hirschman index)',
    value: nothing ? '—' : formatInteger(e.hhi),
    raw: nothing ? null : e.hhi,
    detail: nothing ? 'No data holdings recorded yet' : `${bandNames[e.band ?? 'unconcentrated']} · like ${e.effectiveNumber?.toFixed(2) ?? '—'} equal-sized holders`,
    band: nothing ? null : e.band === 'high' ? 'high' : e.band === 'moderate' ? 'moderate' : 'low',
    bandWords: nothing ? notRecorded : hhiWords,
    sentence: nothing
      ? 'No data holdings are recorded yet, so direct concentration cannot be measured.'
      : `Held directly, our customers' data is ${e.band === 'high' ? 'highly concentrated' : e.band === 'moderate' ? 'moderately concentrated' : 'not concentrated'}: an index of ${formatInteger(e.hhi)} out of 10,000, as if it were spread evenly over ${e.effectiveNumber?.toFixed(2) ?? '—'} holders${e.cr1Holder ? `; the largest, ${e.cr1Holder}, holds ${formatPercent(e.cr1)}` : ''}.`,
    changes: nothing ? [] : changes(e.hhi, input, (snap) => snap.hhi, (d) => `${formatInteger(d)} points`),
    help: {
      what: 'The Herfindahl–Hirschman index (HHI) of the weighted exposure held directly by each provider group: how unevenly the data is spread over those who hold it. Fourth parties behind our vendors are not in it (the dependency share covers them).',
      formula: nothing
        ? 'HHI = Σ (100 × share)² over the holders; no exposure is recorded yet.'
        : `HHI = Σ (100 × share)² over ${plural(e.holders, 'holder')} = ${terms.join(' + ')}${e.holders > 3 ? ' + …' : ''} = ${formatInteger(e.hhi)}; effective number = 10,000 ÷ HHI = ${e.effectiveNumber?.toFixed(2) ?? '—'}.`,
      reading: '0 means the data is spread thinly over many holders; 10,000 means one holder has it all. The effective number is how many equal-sized holders would give the same index.',
      threshold: `Bands (US merger guidelines 2023 by default): high above ${formatInteger(s.bands.high)}, moderate from ${formatInteger(s.bands.moderate)}, unconcentrated below (Settings → Scoring).`,
    },
  };

  // 4. People at the largest holder.
  const holder = nothing ? null : p.people.largestHolder;
  const base = p.people.customerBase;
  const baseBand = holder && holder.shareOfBase !== null ? shareBand(holder.shareOfBase) : null;
  const people: HeadlineItem = {
    key: 'people',
    label: 'People at the largest holder',
    value: holder ? `${holder.atLeast ? '≥ ' : ''}${formatInteger(holder.people)}` : '—',
    raw: holder?.people ?? null,
    detail: holder ? `${holder.name}${holder.shareOfBase !== null ? ` · ${formatPercent(holder.shareOfBase)} of our customers` : ''}` : 'No data holdings recorded yet',
    band: baseBand?.band ?? null,
    bandWords: baseBand ? baseBand.words : holder ? 'Not rated: set the customer base in Settings → Scoring' : notRecorded,
    sentence: holder
      ? `${holder.name} holds the data of ${holder.atLeast ? 'at least ' : ''}${formatInteger(holder.people)} people${holder.shareOfBase !== null && base !== null ? `, ${formatPercent(holder.shareOfBase)} of our ${formatInteger(base)} customers` : ''}.`
      : 'No data holdings are recorded yet, so no vendor can be said to hold our customers’ data.',
    changes: [],
    help: {
      what: 'The most distinct people whose data one live vendor holds: the count entered on the vendor, or at least its largest data category when none is entered (shown with ≥). People are never added up across vendors: one customer sits at many.',
      formula: holder
        ? `${holder.name}: ${holder.atLeast ? `at least ${formatInteger(holder.people)} (its largest data category; no count of distinct people entered)` : `${formatInteger(holder.people)} distinct people (entered)`}${holder.shareOfBase !== null && base !== null ? `; ÷ customer base ${formatInteger(base)} = ${formatPercent(holder.shareOfBase, 2)}` : ''}. Across all vendors: between ${formatInteger(p.people.lowerBound)} and ${formatInteger(p.people.upperBound)} distinct people.`
        : 'The largest distinct-people count of any live vendor; none is recorded yet.',
      reading: 'How many of our customers one breach at one vendor could reach. As a share of the customer base it reads as “this vendor holds this much of our customers”.',
      threshold: base === null ? 'Not rated until the customer base is set (Settings → Scoring); then the dependency-share bands apply to the share of customers.' : `The dependency-share bands applied to the share of customers: ${shareBands}.`,
    },
  };

  // 5. Incidents at our vendors in the period.
  const incidents = input.incidents;
  const noVendors = p.vendorCount === 0 && incidents.length === 0;
  const breaches = incidents.filter((i) => i.kind === 'cyberattack' || i.kind === 'fourth_party_breach' || i.kind === 'insider');
  const affected = incidents.reduce((sum, i) => sum + (i.recordsAffected ?? 0), 0);
  const latest = [...incidents].sort((a, b) => (b.occurredFrom ?? b.weWereTold ?? '').localeCompare(a.occurredFrom ?? a.weWereTold ?? ''))[0];
  const incidentItem: HeadlineItem = {
    key: 'incidents',
    label: 'Incidents at our vendors',
    value: noVendors ? '—' : formatInteger(incidents.length),
    raw: noVendors ? null : incidents.length,
    detail: noVendors ? 'No vendors recorded yet' : `In the last ${input.periodDays} days${affected ? ` · ${formatInteger(affected)} people affected` : ''}`,
    band: noVendors ? null : breaches.length ? 'high' : incidents.length ? 'moderate' : 'low',
    bandWords: noVendors ? 'Not rated: no vendors recorded' : breaches.length ? `High: ${plural(breaches.length, 'breach', 'breaches')} (cyberattack, insider or fourth-party)` : incidents.length ? 'Moderate: faults, no breach' : 'Low: none',
    sentence: noVendors
      ? 'No vendors are recorded yet.'
      : incidents.length === 0
        ? `No incidents at our vendors were recorded in the last ${input.periodDays} days.`
        : `${plural(incidents.length, 'incident')} at our vendors in the last ${input.periodDays} days${affected ? `, affecting ${formatInteger(affected)} people` : ''}; the latest: ${latest!.title} at ${latest!.vendorName} (${formatDay(latest!.occurredFrom ?? latest!.weWereTold)}).`,
    changes: [],
    help: {
      what: 'Incidents recorded at our vendors or at their suppliers that occurred, or that we were told of, in the period.',
      formula: `${formatInteger(incidents.length)} incidents from the last ${input.periodDays} days: ${breaches.length} breaches (cyberattack, insider, fourth-party breach), ${incidents.length - breaches.length} other; people affected as recorded on each (${formatInteger(affected)}).`,
      reading: 'What has already gone wrong where our customers’ data sits. Incidents also raise the vendors’ likelihood in the risk score, fading with a half-life of ' + `${s.incidentHalfLifeYears} years.`,
      threshold: 'High when any is a breach (cyberattack, insider or fourth-party breach); moderate for other incidents; low when none. Choose the period on the Board view.',
    },
  };

  // 6. Overdue reviews and notice deadlines.
  const { overdueReviews, noticeDeadlines: notices, passedDeadlines: passed, next } = input.due;
  const deadlineCount = overdueReviews + notices;
  const deadlines: HeadlineItem = {
    key: 'deadlines',
    label: 'Overdue reviews and notice deadlines',
    value: noVendors ? '—' : formatInteger(deadlineCount),
    raw: noVendors ? null : deadlineCount,
    detail: noVendors ? 'No vendors recorded yet' : `${plural(overdueReviews, 'review')} overdue · ${plural(notices, 'notice deadline')} in the next ${input.horizonDays} days`,
    band: noVendors ? null : overdueReviews || passed ? 'high' : notices ? 'moderate' : 'low',
    bandWords: noVendors ? 'Not rated: no vendors recorded' : overdueReviews || passed ? `High: ${plural(overdueReviews + passed, 'date')} already passed` : notices ? 'Moderate: deadlines coming' : 'Low: nothing due',
    sentence: noVendors
      ? 'No vendors are recorded yet.'
      : `${overdueReviews ? plural(overdueReviews, 'vendor review is', 'vendor reviews are') : 'No vendor review is'} overdue and ${notices ? plural(notices, 'contract notice deadline falls', 'contract notice deadlines fall') : 'no contract notice deadline falls'} in the next ${input.horizonDays} days${passed ? ` (${passed} already passed)` : ''}${next ? `; the next: ${next.vendorName} on ${formatDay(next.date)}` : ''}.`,
    changes: [],
    help: {
      what: 'Periodic vendor reviews whose due date has passed, and the last days to give notice on contracts ending soon (after which a contract renews or ends without choice).',
      formula: `${formatInteger(deadlineCount)} = ${overdueReviews} overdue reviews + ${notices} notice deadlines up to ${input.horizonDays} days ahead (end date − notice period).`,
      reading: 'Dates the organisation controls: an overdue review is a vendor nobody has looked at; a missed notice deadline locks in a contract.',
      threshold: 'High when a review is overdue or a notice deadline has passed; moderate when deadlines are coming; low when nothing is due.',
    },
  };

  const comparable = input.previous ?? input.quarterAgo;
  const comparison = nothing
    ? 'Nothing recorded yet: the figures appear as vendors and the data they hold are added.'
    : !comparable
      ? `No earlier snapshot of method v${p.methodVersion} to compare with yet: changes appear once a snapshot from an earlier day exists.`
      : `Changes against the previous snapshot (${formatDay(input.previous?.takenAt ?? null)}) and a quarter ago (${input.quarterAgo ? formatDay(input.quarterAgo.takenAt) : 'no snapshot that old'}); snapshots keep the dependency share, single points of failure and HHI.`;

  return { figures: [dependency, singlePoints, hhi, people, incidentItem, deadlines], comparison, empty: nothing && noVendors };
}
