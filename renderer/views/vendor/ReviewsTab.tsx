import type { Vendor } from '../../../db/contract';
import { formatDate } from '../../format';
import { useApp } from '../../store';
import { useApiQuery } from '../../useApiQuery';
import { OUTCOME_LABELS } from '../ProcurementView';

export function ReviewsTab({ vendor }: { vendor: Vendor }) {
  const reviews = useApiQuery(`reviews:${vendor.id}:${vendor.version}`, (api) => api.reviews.list({ vendorId: vendor.id }));
  const openMemo = useApp((s) => s.openMemo);
  return (
    <div className="card">
      <div className="card__header card__header--row">
        <h3>Reviews</h3>
        <button type="button" className="button button--small" onClick={() => openMemo(vendor.id)}>
          Review memo
        </button>
      </div>
      {reviews.data?.length === 0 ? (
        <p className="muted">No review recorded. Proposed vendors are reviewed in Procurement review.</p>
      ) : (
        <table className="table" aria-label="Reviews">
          <thead>
            <tr>
              <th>Date</th>
              <th>Reviewer</th>
              <th>Decision</th>
              <th className="num">HHI after</th>
              <th className="num">Share</th>
              <th>Conditions</th>
            </tr>
          </thead>
          <tbody>
            {reviews.data?.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatDate(r.reviewDate)}</td>
                <td>{r.reviewer}</td>
                <td>{OUTCOME_LABELS[r.outcome]}</td>
                <td className="num">{typeof r.metrics?.hhiAfter === 'number' ? Math.round(r.metrics.hhiAfter).toLocaleString() : '—'}</td>
                <td className="num">{typeof r.metrics?.share === 'number' ? `${(100 * r.metrics.share).toFixed(1)} %` : '—'}</td>
                <td className="prewrap">{r.conditions ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
