// Procurement review: what signing a proposed vendor would do to the portfolio, a recommendation by the stated rule,
// and the decision, recorded with the figures it was taken on.
import {
  ApiError,
  BASES,
  vendorFieldsOf,
  type BasisSummary,
  type MethodArgs,
  type MetricSnapshot,
  type ProcurementReview,
  type Recommendation,
  type Review,
  type SharedFourthParty,
} from './contract';
import type { RegisterDb } from './connection';
import type { WriteContext } from './audit';
import { saveReview } from './reviews';
import { scorePortfolio, scoreVendor } from './scoring';
import { countryName } from './shared/countries';
import { getVendor, updateVendor } from './vendors';

const snapshotOf = (b: BasisSummary): MetricSnapshot => ({ hhi: b.hhi, effectiveNumber: b.effectiveNumber, cr1: b.cr1, cr1Holder: b.cr1Holder, band: b.band });
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function whatIf(db: RegisterDb, vendorId: number, now = new Date()): ProcurementReview {
  const vendor = getVendor(db, vendorId);
  const before = scorePortfolio(db, now);
  const after = scorePortfolio(db, now, vendorId);
  const settings = after.settings;
  const rule = settings.reviewRule;

  const exposure = (db.prepare('SELECT exposure FROM vendors WHERE id = ?').pluck().get(vendorId) as number) ?? 0;
  const share = after.bases.exposure.total > 0 ? exposure / after.bases.exposure.total : 0;
  const metrics = BASES.map((basis) => ({
    basis,
    before: snapshotOf(before.bases[basis]),
    after: snapshotOf(after.bases[basis]),
    deltaHhi: after.bases[basis].hhi - before.bases[basis].hhi,
  }));

  const spofBefore = new Set(before.singlePointsOfFailure.map((p) => p.serviceId));
  const newSinglePointsOfFailure = after.singlePointsOfFailure.filter((p) => !spofBefore.has(p.serviceId));

  const partiesBefore = new Map(before.fourthParties.map((f) => [f.vendorId, f]));
  const sharedFourthParties: SharedFourthParty[] = after.fourthParties
    .filter((f) => f.vendors.includes(vendor.name) && partiesBefore.has(f.vendorId))
    .map((f) => {
      const b = partiesBefore.get(f.vendorId)!;
      return { vendorId: f.vendorId, name: f.name, vendorsBefore: b.vendors, exposureBehindBefore: b.exposureBehind, shareBefore: b.share, hiddenAfter: f.hidden };
    });

  const countriesBefore = new Set(before.geography.byCountry.map((c) => c.country));
  const newCountries = after.geography.byCountry.map((c) => c.country).filter((c) => !countriesBefore.has(c));
  const holdings = db
    .prepare(
      `SELECT c.label, c.code, h.tokenised, h.storage_country,
              EXISTS (SELECT 1 FROM holdings o JOIN vendors v ON v.id = o.vendor_id
                      WHERE o.category_id = h.category_id AND v.id <> h.vendor_id AND v.direct = 1 AND v.status IN ('active', 'under_review', 'offboarding')) AS held_elsewhere
       FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = ? ORDER BY c.sort_order`,
    )
    .all(vendorId) as { label: string; code: string; tokenised: number; storage_country: string | null; held_elsewhere: number }[];
  const newCategories = [...new Set(holdings.filter((h) => !h.held_elsewhere).map((h) => h.label))];

  const score = scoreVendor(db, vendorId, now);
  const exposureAfter = after.bases.exposure;
  const exposureChange = metrics[0]!;

  // The rule.
  const reasons: string[] = [];
  if (exposureAfter.hhi > rule.postHhi && exposureChange.deltaHhi > rule.deltaHhi) {
    reasons.push(`HHI on exposure would be ${Math.round(exposureAfter.hhi).toLocaleString('en')} (above ${rule.postHhi.toLocaleString('en')}) and rise by ${Math.round(exposureChange.deltaHhi).toLocaleString('en')} (more than ${rule.deltaHhi}).`);
  }
  if (share > rule.share) reasons.push(`${vendor.name} would hold ${pct(share)} of weighted exposure (more than ${pct(rule.share)}).`);
  if (rule.escalateOnNewSinglePoint) {
    for (const p of newSinglePointsOfFailure) reasons.push(`${vendor.name} would be the only vendor of the critical service “${p.serviceName}”.`);
  }

  const conditions: string[] = [];
  if (holdings.some((h) => h.code === 'payment_card' && !h.tokenised)) conditions.push('Tokenise card data (or keep full card numbers out of scope) before go-live.');
  if (!vendor.exitPlan) conditions.push('An exit plan is required before signing.');
  if (vendor.substitutability === 'difficult' || vendor.substitutability === 'not_substitutable') conditions.push('Document substitution options and step-in rights in the contract.');
  if (share > rule.share / 2) conditions.push(`Reduce the records held: the vendor would hold ${pct(share)} of exposure.`);
  for (const f of sharedFourthParties.filter((p) => p.hiddenAfter)) {
    conditions.push(`Assess ${f.name}: it already sits behind ${f.vendorsBefore.length} of our vendors (${pct(f.shareBefore)} of exposure).`);
  }
  const abroad = newCountries.filter((c) => c !== settings.homeCountry);
  if (abroad.length) conditions.push(`Confirm cross-border safeguards for data stored in ${abroad.map(countryName).join(', ')}.`);
  for (const i of score.incidents.slice(0, 3)) conditions.push(`Review the incident “${i.title}”${i.via ? ` at ${i.via}` : ''} and what changed since.`);

  const recommendation: Recommendation = {
    outcome: reasons.length ? 'escalate' : conditions.length ? 'approve_with_conditions' : 'approve',
    reasons,
    conditions,
    rule: `Escalate when the HHI on exposure after signing is above ${rule.postHhi.toLocaleString('en')} and rises by more than ${rule.deltaHhi}, when the vendor would hold more than ${pct(rule.share)} of exposure${rule.escalateOnNewSinglePoint ? ', or when it would be the only vendor of a critical service' : ''}; otherwise approve, with conditions where the findings call for them.`,
  };

  return {
    vendorId,
    name: vendor.name,
    status: vendor.status,
    asOf: after.asOf,
    share,
    exposure,
    metrics,
    newSinglePointsOfFailure,
    sharedFourthParties,
    newCountries,
    newCategories,
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
          recommendation: review.recommendation.outcome,
          reasons: review.recommendation.reasons,
          share: review.share,
          hhiBefore: exposure.before.hhi,
          hhiAfter: exposure.after.hhi,
          deltaHhi: exposure.deltaHhi,
          cr1After: exposure.after.cr1,
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
