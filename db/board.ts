// The board's view of the register: headline figures with their change since the last snapshot and since a quarter
// ago, and what happened in the period.
import { METHOD_VERSION, type BoardSummary, type HeadlineFigure, type Snapshot } from './contract';
import type { RegisterDb } from './connection';
import { listCategories } from './categories';
import { providersMap } from './dependency-map';
import { dueSummary } from './due';
import { listIncidents } from './incidents';
import { listReviews } from './reviews';
import { analyse, listSnapshots, portfolioScore } from './scoring';
import { factsOf, portfolioOf } from './facts';
import { rankProviders } from './scenarios';
import { shapeHeadline } from './shared/headline';

const DAY = 86_400_000;
const QUARTER_DAYS = 91;
/** Notice deadlines the board lists; the rest are counted (the Due soon view lists every one). */
const NOTICE_DEADLINES_LISTED = 20;

export function boardSummary(db: RegisterDb, registerName: string, periodDays: number, now = new Date()): BoardSummary {
  // One read of the register and one walk of the chains for the portfolio, the map and the scenario ranking.
  const facts = factsOf(db);
  const analysis = analyse(facts, portfolioOf(facts));
  const portfolio = portfolioScore(db, facts, analysis, now);
  const snapshots = listSnapshots(db);
  const today = now.toISOString().slice(0, 10);
  // The previous snapshot is the latest from an earlier day; a quarter ago is the latest on or before that date.
  // Only figures of the method in force are compared: a snapshot from another method is never "the previous figure".
  const comparable = snapshots.filter((s) => s.methodVersion === METHOD_VERSION);
  const earlier = comparable.filter((s) => s.takenAt.slice(0, 10) < today);
  const previous = earlier.at(-1) ?? null;
  const quarterDate = new Date(now.getTime() - QUARTER_DAYS * DAY).toISOString().slice(0, 10);
  const quarter = comparable.filter((s) => s.takenAt.slice(0, 10) <= quarterDate).at(-1) ?? null;

  const e = portfolio.bases.exposure;
  const current: Record<HeadlineFigure['key'], number | null> = {
    largestDependencyShare: portfolio.largestDependency?.share ?? null,
    hhi: e.total > 0 ? e.hhi : null,
    effectiveNumber: e.effectiveNumber,
    cr1: e.total > 0 ? e.cr1 : null,
    cr3: e.total > 0 ? e.cr3 : null,
    totalExposure: e.total,
    vendorCount: portfolio.vendorCount,
    singlePointsOfFailure: portfolio.singlePointsOfFailure.length,
    hiddenConcentrations: portfolio.hiddenConcentrations,
  };
  const from = (s: Snapshot | null, key: HeadlineFigure['key']): number | null => (s ? ((s as unknown as Record<string, number | null>)[key] ?? null) : null);
  const figure = (key: HeadlineFigure['key'], label: string, higherIsWorse: boolean): HeadlineFigure => ({
    key,
    label,
    value: current[key],
    previous: from(previous, key),
    quarterAgo: from(quarter, key),
    higherIsWorse,
  });

  const start = new Date(now.getTime() - periodDays * DAY).toISOString().slice(0, 10);
  const inPeriod = (date: string | null) => date !== null && date.slice(0, 10) >= start && date.slice(0, 10) <= today;
  const incidents = listIncidents(db, { kinds: [] }).filter((i) => inPeriod(i.occurredFrom) || inPeriod(i.weWereTold));
  const { counts: due, noticeDeadlines } = dueSummary(db, QUARTER_DAYS, today, NOTICE_DEADLINES_LISTED);
  return {
    asOf: now.toISOString(),
    periodDays,
    registerName,
    previousSnapshotAt: previous?.takenAt ?? null,
    quarterSnapshotAt: quarter?.takenAt ?? null,
    headline: [
      figure('largestDependencyShare', `Largest dependency share${portfolio.largestDependency ? ` (${portfolio.largestDependency.name})` : ''}`, true),
      figure('hhi', 'HHI (weighted exposure)', true),
      figure('effectiveNumber', 'Effective number of vendors', false),
      figure('cr1', 'Largest share (CR1)', true),
      figure('cr3', 'Three largest (CR3)', true),
      figure('totalExposure', 'Weighted exposure', true),
      figure('vendorCount', 'Vendors counted', false),
      figure('singlePointsOfFailure', 'Single points of failure', true),
      figure('hiddenConcentrations', 'Hidden concentrations', true),
    ],
    riskHeadline: shapeHeadline({ portfolio, periodDays, incidents, due, horizonDays: QUARTER_DAYS, previous, quarterAgo: quarter }),
    portfolio,
    incidents,
    reviews: listReviews(db).filter((r) => inPeriod(r.reviewDate)),
    noticeDeadlines,
    due,
    snapshots,
    categories: listCategories(db),
    providerMap: providersMap(db, facts, analysis),
    scenarioRanking: rankProviders(facts, analysis.groupTallies, now),
  };
}
