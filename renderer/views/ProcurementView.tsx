import { useState } from 'react';
import { REVIEW_OUTCOMES } from '../../db/shared/vocabulary';
import type { ProcurementReview, ReviewOutcome } from '../../db/contract';
import { countryName } from '../../db/shared/countries';
import { BASIS_LABELS } from '../charts/shape';
import { Field } from '../components/Field';
import { DateInput } from '../components/DateInput';
import { formatCompact, formatDate } from '../format';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';

export const OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  approve: 'Approve',
  approve_with_conditions: 'Approve with conditions',
  reject: 'Reject',
};

const RECOMMENDATION_LABELS: Record<ProcurementReview['recommendation']['outcome'], string> = {
  escalate: 'Escalate',
  approve_with_conditions: 'Approve with conditions',
  approve: 'Approve',
};

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const hhi = (x: number) => Math.round(x).toLocaleString();
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x)).toLocaleString()}`;

/** Everything the review found, in the order a committee reads it. Shared by the screen and the printed memo. */
export function ReviewFindings({ review }: { review: ProcurementReview }) {
  const r = review.recommendation;
  return (
    <>
      <div className={`recommendation recommendation--${r.outcome}`} data-testid="recommendation">
        <p className="recommendation__outcome">Recommendation: {RECOMMENDATION_LABELS[r.outcome]}</p>
        {r.reasons.length > 0 && (
          <ul>
            {r.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        <p className="small">Rule: {r.rule}</p>
      </div>

      <table className="table" aria-label="Before and after">
        <thead>
          <tr>
            <th>Basis</th>
            <th className="num">HHI before</th>
            <th className="num">HHI after</th>
            <th className="num">Change</th>
            <th>Band</th>
            <th className="num">Effective number</th>
            <th>CR1 before → after</th>
          </tr>
        </thead>
        <tbody>
          {review.metrics.map((m) => (
            <tr key={m.basis} data-testid={`metric-${m.basis}`}>
              <td className="cell-title">{BASIS_LABELS[m.basis]}</td>
              <td className="num">{hhi(m.before.hhi)}</td>
              <td className="num" data-testid={`hhi-after-${m.basis}`}>
                {hhi(m.after.hhi)}
              </td>
              <td className={`num${m.deltaHhi > 0 ? ' text-danger' : ''}`}>{signed(m.deltaHhi)}</td>
              <td>{m.before.band === m.after.band ? (m.after.band ?? '—') : `${m.before.band ?? '—'} → ${m.after.band ?? '—'}`}</td>
              <td className="num nowrap">
                {m.before.effectiveNumber === null ? '—' : m.before.effectiveNumber.toFixed(2)} → {m.after.effectiveNumber === null ? '—' : m.after.effectiveNumber.toFixed(2)}
              </td>
              <td>
                <span className="muted">{pct(m.before.cr1)} →</span>{' '}
                <span data-testid={`cr1-after-${m.basis}`}>
                  {pct(m.after.cr1)} <span className="muted">{m.after.cr1Holder ?? ''}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <p className="muted" data-testid="exposure-reading">
        {review.exposureReading}
      </p>

      <dl className="facts findings">
        <dt>Share of exposure</dt>
        <dd data-testid="review-share">
          {pct(review.share)} ({formatCompact(review.exposure)} weighted exposure)
        </dd>
        <dt>2023 test of the change</dt>
        <dd data-testid="review-test2023">{review.test2023.flagged ? review.test2023.reasons.join(' ') : 'Not flagged'}</dd>
        <dt>Largest dependency share</dt>
        <dd>
          {review.largestDependencyBefore ? `${review.largestDependencyBefore.name} ${pct(review.largestDependencyBefore.share)}` : '—'} →{' '}
          {review.largestDependencyAfter ? `${review.largestDependencyAfter.name} ${pct(review.largestDependencyAfter.share)}` : '—'}
        </dd>
        <dt>Risk score</dt>
        <dd>
          {review.score.score.toFixed(1)} / 100 ({review.score.factors.map((f) => `${f.label.toLowerCase()} ${f.value.toFixed(2)}`).join(', ')})
        </dd>
        <dt>New single points of failure</dt>
        <dd>{review.newSinglePointsOfFailure.length ? review.newSinglePointsOfFailure.map((p) => `${p.serviceName} (${p.kind === 'hidden' ? `all its vendors depend on ${p.provider?.name}` : `rests on ${p.provider?.name ?? 'nothing live'}`})`).join('; ') : 'None'}</dd>
        <dt>Providers it would add to</dt>
        <dd>
          {review.dependencyChanges.length
            ? review.dependencyChanges.map((d) => `${d.name} ${pct(d.shareBefore)} → ${pct(d.shareAfter)} (${d.vendorsBefore} of our vendors already${d.hiddenAfter ? '; hidden concentration' : ''})`).join('; ')
            : 'None'}
        </dd>
        <dt>Countries newly used</dt>
        <dd>{review.newCountries.length ? review.newCountries.map(countryName).join(', ') : 'None'}</dd>
        <dt>Data categories newly outsourced</dt>
        <dd>{review.newCategories.length ? review.newCategories.join(', ') : 'None'}</dd>
        <dt>Second copies of data already held</dt>
        <dd>{review.duplicatedCategories.length ? review.duplicatedCategories.join(', ') : 'None'}</dd>
        <dt>Incident history</dt>
        <dd>
          {review.score.incidents.length
            ? review.score.incidents.map((i) => `${i.title}${i.via ? ` (at ${i.via})` : ''}, ${formatDate(i.at)}`).join('; ')
            : 'None recorded at the vendor or its fourth parties'}
        </dd>
      </dl>

      {r.conditions.length > 0 && (
        <div>
          <h4>Suggested conditions</h4>
          <ul className="conditions">
            {r.conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function Decision({ review, onDecided }: { review: ProcurementReview; onDecided(): void }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const recommended: ReviewOutcome = review.recommendation.outcome === 'approve' ? 'approve' : review.recommendation.outcome === 'approve_with_conditions' ? 'approve_with_conditions' : 'reject';
  const [reviewer, setReviewer] = useState('');
  const [reviewDate, setReviewDate] = useState(new Date().toISOString().slice(0, 10));
  const [outcome, setOutcome] = useState<ReviewOutcome>(recommended);
  const [conditions, setConditions] = useState(review.recommendation.conditions.join('\n'));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const record = async () => {
    try {
      await api.reviews.decide({ vendorId: review.vendorId, reviewer, reviewDate, outcome, conditions });
      notify(`Decision recorded: ${OUTCOME_LABELS[outcome].toLowerCase()} “${review.name}”.`, 'success');
      reloadVendors();
      onDecided();
    } catch (error) {
      const fields = fieldErrorsOf(error, '');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  return (
    <form
      className="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void record();
      }}
    >
      <h3>Decision</h3>
      <div className="grid grid--3">
        <Field label="Reviewer" required error={errors.reviewer}>
          <input value={reviewer} onChange={(e) => setReviewer(e.target.value)} />
        </Field>
        <Field label="Date" error={errors.reviewDate}>
          <DateInput value={reviewDate} onChange={(v) => setReviewDate(v ?? '')} />
        </Field>
        <Field label="Decision" error={errors.outcome}>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as ReviewOutcome)}>
            {REVIEW_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Conditions" error={errors.conditions} wide>
          <textarea rows={4} value={conditions} onChange={(e) => setConditions(e.target.value)} />
        </Field>
      </div>
      <div className="form-footer">
        <span className="muted small">An approval makes the vendor active; the figures above are kept with the decision.</span>
        <span className="spacer" />
        <button type="submit" className="button button--primary">
          Record decision
        </button>
      </div>
    </form>
  );
}

function Comparison({ ids }: { ids: number[] }) {
  const reviews = useApiQuery(`compare:${ids.join(',')}`, (api) => Promise.all(ids.map((vendorId) => api.reviews.whatIf({ vendorId }))));
  if (!reviews.data) return <p className="muted">Comparing…</p>;
  const rows: [string, (r: ProcurementReview) => string][] = [
    ['Recommendation', (r) => RECOMMENDATION_LABELS[r.recommendation.outcome]],
    ['Share of exposure', (r) => pct(r.share)],
    ['HHI after (exposure)', (r) => hhi(r.metrics[0]!.after.hhi)],
    ['Change in HHI', (r) => signed(r.metrics[0]!.deltaHhi)],
    ['CR1 after', (r) => `${pct(r.metrics[0]!.after.cr1)} ${r.metrics[0]!.after.cr1Holder ?? ''}`],
    ['New single points of failure', (r) => String(r.newSinglePointsOfFailure.length)],
    ['Total exposure after', (r) => formatCompact(r.totalExposureAfter)],
    ['Providers it would add to', (r) => r.dependencyChanges.map((d) => d.name).join(', ') || 'None'],
    ['Countries newly used', (r) => r.newCountries.join(', ') || 'None'],
    ['Risk score', (r) => r.score.score.toFixed(1)],
    ['Suggested conditions', (r) => String(r.recommendation.conditions.length)],
  ];
  return (
    <div className="card">
      <h3>Candidates side by side</h3>
      <table className="table" aria-label="Candidates side by side">
        <thead>
          <tr>
            <th />
            {reviews.data.map((r) => (
              <th key={r.vendorId}>{r.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {reviews.data!.map((r) => (
                <td key={r.vendorId}>{value(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProcurementView() {
  const openVendor = useApp((s) => s.openVendor);
  const openMemo = useApp((s) => s.openMemo);
  const proposed = useApiQuery('proposed', (api) => api.vendors.list({ statuses: ['proposed'], limit: 500 }));
  const [selected, setSelected] = useState<number | null>(null);
  const [compared, setCompared] = useState<number[]>([]);
  const current = selected ?? proposed.data?.rows[0]?.id ?? null;
  const review = useApiQuery(`what-if:${current}`, (api) => (current === null ? Promise.resolve(null) : api.reviews.whatIf({ vendorId: current })));

  const rows = proposed.data?.rows ?? [];
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Procurement review</h2>
          <p className="muted">What signing a proposed vendor would do to the portfolio, before the contract is signed.</p>
        </div>
      </header>
      {proposed.data && rows.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No proposed vendors</p>
          <p>Add a vendor with the status “Proposed”, with the data it would hold, the services it would support and what it depends on.</p>
          <button type="button" className="button button--primary" onClick={() => openVendor('new')}>
            Add a proposed vendor
          </button>
        </div>
      ) : (
        <div className="review-layout">
          <nav className="card review-list" aria-label="Proposed vendors">
            <h3>Proposed</h3>
            <ul>
              {rows.map((row) => (
                <li key={row.id} className={row.id === current ? 'is-selected' : undefined}>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${row.name}`}
                    checked={compared.includes(row.id)}
                    onChange={(e) => setCompared(e.target.checked ? [...compared, row.id] : compared.filter((id) => id !== row.id))}
                  />
                  <button type="button" className="link-button" onClick={() => setSelected(row.id)}>
                    {row.name}
                  </button>
                </li>
              ))}
            </ul>
            <p className="muted small">Tick two or more to compare them.</p>
          </nav>
          <div className="stack review-main">
            {compared.length >= 2 && <Comparison ids={compared} />}
            {review.data && (
              <>
                <div className="card">
                  <div className="card__header card__header--row">
                    <h3>{review.data.name}</h3>
                    <div className="actions">
                      <button type="button" className="button button--small" onClick={() => openVendor(review.data!.vendorId)}>
                        Open vendor
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => openMemo(review.data!.vendorId)}
                      >
                        Review memo
                      </button>
                    </div>
                  </div>
                  <ReviewFindings review={review.data} />
                </div>
                <Decision
                  key={review.data.vendorId}
                  review={review.data}
                  onDecided={() => {
                    setSelected(null);
                    proposed.reload();
                  }}
                />
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
