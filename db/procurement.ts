// Procurement review: what signing a proposed vendor would do to the portfolio, a recommendation by the 2023 test,
// and the decision, recorded with the figures it was taken on. The register is read once; the portfolio is analysed
// before and after in memory.
import {
  ApiError,
  BASES,
  METHOD_VERSION,
  vendorFieldsOf,
  type BasisSummary,
  type DependencyChange,
  type MethodArgs,
  type MetricSnapshot,
  type ProcurementReview,
  type Recommendation,
  type Review,
  type SinglePointOfFailure,
} from './contract';
import type { RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { saveReview } from './reviews';
import { analyse, vendorScoreFrom } from './scoring';
import { factsOf, groupsReached, portfolioOf } from './facts';
import { countryName } from './shared/countries';
import { getVendor, updateVendor } from './vendors';

const snapshotOf = (b: BasisSummary): MetricSnapshot => ({ hhi: b.hhi, effectiveNumber: b.effectiveNumber, cr1: b.cr1, cr1Holder: b.cr1Holder, band: b.band });
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const int = (x: number) => Math.round(x).toLocaleString('en');
const LIVE = `v.direct = 1 AND v.status IN ('active', 'under_review', 'offboarding')`;
/** Categories this sensitive (weight at or above) call for a condition when the vendor would hold a second copy. */
const SENSITIVE_WEIGHT = 3;

export function whatIf(db: RegisterDb, vendorId: number, now = new Date()): ProcurementReview {
  const vendor = getVendor(db, vendorId);
  const facts = factsOf(db);
  const fact = facts.vendors.get(vendorId)!;
  const before = analyse(facts, portfolioOf(facts));
  const after = fact.live ? before : analyse(facts, portfolioOf(facts, vendorId));
  const settings = facts.settings;
  const test = settings.test2023;

  const metrics = BASES.map((basis) => ({ basis, before: snapshotOf(before.bases[basis]), after: snapshotOf(after.bases[basis]), deltaHhi: after.bases[basis].hhi - before.bases[basis].hhi }));
  const exposureChange = metrics[0]!;
  const delta = exposureChange.deltaHhi;
  const share = after.provider(fact.groupKey)?.directShare ?? 0;

  // The 2023 merger guidelines' test of a change, on weighted exposure.
  const testReasons: string[] = [];
  if (after.bases.exposure.hhi > test.hhi && delta > test.deltaHhi) {
    testReasons.push(`HHI on exposure would be ${int(after.bases.exposure.hhi)} (above ${int(test.hhi)}) and rise by ${int(delta)} (more than ${int(test.deltaHhi)}).`);
  }
  if (share > test.share && delta > test.deltaHhi) {
    testReasons.push(`${vendor.name}${fact.groupKey !== fact.id ? ` with its group` : ''} would hold ${pct(share)} of weighted exposure (more than ${pct(test.share)}) and HHI would rise by ${int(delta)} (more than ${int(test.deltaHhi)}).`);
  }
  const added = after.totalExposure - before.totalExposure;
  const exposureReading =
    delta < 0
      ? `HHI on exposure would fall by ${int(-delta)} because ${vendor.name} spreads the shares, while total exposure rises by ${int(added)} (from ${int(before.totalExposure)} to ${int(after.totalExposure)}): more data would be held, so risk does not fall.`
      : `HHI on exposure would rise by ${int(delta)}, and total exposure by ${int(added)} (from ${int(before.totalExposure)} to ${int(after.totalExposure)}).`;

  // New: a service that would rest on one provider where it did not before (or not on that one, or not that way).
  const spofKey = (p: SinglePointOfFailure) => `${p.serviceId}:${p.kind}:${p.provider?.groupKey ?? ''}`;
  const spofBefore = new Set(before.singlePointsOfFailure.map(spofKey));
  const newSinglePointsOfFailure = after.singlePointsOfFailure.filter((p) => !spofBefore.has(spofKey(p)));

  // Only the providers the vendor rides on can gain: every other share is diluted by its exposure.
  const dependencyChanges: DependencyChange[] = [...groupsReached(facts, fact)]
    .sort(after.providerOrder)
    .map((g) => after.provider(g)!)
    .filter((p) => p.share > (before.provider(p.groupKey)?.share ?? 0))
    .map((p) => {
      const b = before.provider(p.groupKey);
      return { groupKey: p.groupKey, name: p.name, shareBefore: b?.share ?? 0, shareAfter: p.share, vendorsBefore: b?.vendorCount ?? 0, hiddenAfter: p.hidden, bandAfter: p.band };
    });

  // Whether a live vendor already holds each category, or stores data in each country (EXISTS stops at the first).
  const holdings = db
    .prepare(
      `SELECT c.id AS category_id, c.label, c.code, c.weight, h.tokenised, h.storage_country,
              EXISTS (SELECT 1 FROM holdings o JOIN vendors v ON v.id = o.vendor_id
                      WHERE o.category_id = h.category_id AND v.id <> h.vendor_id AND ${LIVE}) AS held_elsewhere,
              EXISTS (SELECT 1 FROM holdings o JOIN vendors v ON v.id = o.vendor_id
                      WHERE o.storage_country = h.storage_country AND v.id <> h.vendor_id AND ${LIVE}) AS country_known
       FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = ? ORDER BY c.sort_order`,
    )
    .all(vendorId) as { category_id: number; label: string; code: string; weight: number; tokenised: number; storage_country: string | null; held_elsewhere: number; country_known: number }[];
  // The other live vendors holding a category: their ids read from the holdings' category index, whether each is live
  // from the facts (tens of thousands of vendors' rows otherwise, for each sensitive category).
  const holdersIn = db.prepare('SELECT json_group_array(vendor_id) FROM holdings WHERE category_id = ?').pluck();
  const otherLiveHolders = (categoryId: number) => new Set((JSON.parse(holdersIn.get(categoryId) as string) as number[]).filter((id) => id !== vendorId && facts.vendors.get(id)?.live)).size;
  const newCategories = [...new Set(holdings.filter((h) => !h.held_elsewhere).map((h) => h.label))];
  const duplicatedCategories = [...new Set(holdings.filter((h) => h.held_elsewhere).map((h) => h.label))];
  const newCountries = [...new Set(holdings.filter((h) => h.storage_country && !h.country_known).map((h) => h.storage_country!))].sort();

  const score = vendorScoreFrom(facts, vendorId, now, after);

  const reasons = [...testReasons];
  if (settings.reviewRule.escalateOnNewSinglePoint) {
    for (const p of newSinglePointsOfFailure.filter((p) => p.criticality === 'critical')) {
      reasons.push(`The critical service “${p.serviceName}” would rest on one ${p.kind === 'hidden' ? `provider behind its vendors, ${p.provider?.name}` : `provider, ${p.provider?.name}`}.`);
    }
  }

  const conditions: string[] = [];
  for (const h of holdings.filter((h) => h.held_elsewhere && h.weight >= SENSITIVE_WEIGHT && !h.tokenised)) {
    conditions.push(`Avoid a second copy of “${h.label}”: ${otherLiveHolders(h.category_id)} of our vendors already hold it. Tokenise it or keep it out of scope.`);
  }
  if (holdings.some((h) => h.code === 'payment_card' && !h.tokenised && !h.held_elsewhere)) conditions.push('Tokenise card data (or keep full card numbers out of scope) before go-live.');
  if (!vendor.exitPlan) conditions.push('An exit plan is required before signing.');
  if (vendor.substitutability === null) conditions.push('Assess how easily the vendor could be replaced.');
  else if (vendor.substitutability === 'difficult' || vendor.substitutability === 'not_substitutable') conditions.push('Document substitution options and step-in rights in the contract.');
  if (share > test.share / 2) conditions.push(`Reduce the data held: the vendor would hold ${pct(share)} of exposure.`);
  for (const d of dependencyChanges.filter((c) => c.bandAfter !== 'unconcentrated')) {
    conditions.push(`Assess ${d.name}: ${pct(d.shareAfter)} of exposure would ride on it (${pct(d.shareBefore)} today, through ${d.vendorsBefore} of our vendors).`);
  }
  const abroad = newCountries.filter((c) => c !== settings.homeCountry);
  if (abroad.length) conditions.push(`Confirm cross-border safeguards for data stored in ${abroad.map(countryName).join(', ')}.`);
  for (const i of score.incidents.slice(0, 3)) conditions.push(`Review the incident “${i.title}”${i.via ? ` at ${i.via}` : ''} and what changed since.`);

  const recommendation: Recommendation = {
    outcome: reasons.length ? 'escalate' : conditions.length ? 'approve_with_conditions' : 'approve',
    reasons,
    conditions,
    rule: `Escalate when the change fails the 2023 merger guidelines' test on weighted exposure — HHI after signing above ${int(test.hhi)} with a rise of more than ${int(test.deltaHhi)}, or the vendor's group holding more than ${pct(test.share)} with a rise of more than ${int(test.deltaHhi)}${settings.reviewRule.escalateOnNewSinglePoint ? ' — or when a critical service would rest on one provider' : ''}; otherwise approve, with conditions where the findings call for them.`,
  };

  return {
    methodVersion: METHOD_VERSION,
    vendorId,
    name: vendor.name,
    status: vendor.status,
    asOf: now.toISOString(),
    share,
    exposure: fact.exposure,
    totalExposureBefore: before.totalExposure,
    totalExposureAfter: after.totalExposure,
    exposureReading,
    metrics,
    test2023: { flagged: testReasons.length > 0, reasons: testReasons },
    newSinglePointsOfFailure,
    dependencyChanges,
    largestDependencyBefore: before.providers[0] ? { name: before.providers[0].name, share: before.providers[0].share } : null,
    largestDependencyAfter: after.providers[0] ? { name: after.providers[0].name, share: after.providers[0].share } : null,
    newCountries,
    newCategories,
    duplicatedCategories,
    score,
    recommendation,
  };
}

export function decide(db: RegisterDb, ctx: WriteContext, args: MethodArgs<'reviews.decide'>): Review {
  return db.transaction(() => {
    const review = whatIf(db, args.vendorId);
    if (args.outcome === 'approve_with_conditions' && !args.conditions) {
      throw new ApiError('VALIDATION', 'State the conditions of the approval.', { fields: { conditions: 'State the conditions of the approval.' } });
    }
    const exposure = review.metrics[0]!;
    const saved = saveReview(db, ctx, {
      review: {
        vendorId: args.vendorId,
        reviewDate: args.reviewDate,
        reviewer: args.reviewer,
        outcome: args.outcome,
        conditions: args.conditions,
        metrics: {
          methodVersion: review.methodVersion,
          recommendation: review.recommendation.outcome,
          reasons: review.recommendation.reasons,
          share: review.share,
          hhiBefore: exposure.before.hhi,
          hhiAfter: exposure.after.hhi,
          deltaHhi: exposure.deltaHhi,
          totalExposureBefore: review.totalExposureBefore,
          totalExposureAfter: review.totalExposureAfter,
          cr1After: exposure.after.cr1,
          largestDependencyAfter: review.largestDependencyAfter,
          riskScore: review.score.score,
        },
      },
    });
    if (args.outcome !== 'reject') {
      const vendor = getVendor(db, args.vendorId);
      if (vendor.status !== 'active') updateVendor(db, ctx, vendor.id, vendor.version, { ...vendorFieldsOf(vendor), status: 'active', lastAssessed: args.reviewDate });
    }
    return saved;
  })();
}
