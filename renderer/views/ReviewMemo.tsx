import type { AppCommands } from '../../db/contract';
import { formatDate, formatDateTime } from '../format';
import { useApp } from '../store';
import { useApiQuery } from '../useApiQuery';
import { OUTCOME_LABELS, ReviewFindings } from './ProcurementView';

/** The review memo: a printable document with the figures, the rule, the inputs and the decisions taken. */
export function ReviewMemo({ commands }: { commands: AppCommands | null }) {
  const vendorId = useApp((s) => s.memoVendor);
  const register = useApp((s) => s.register);
  const setView = useApp((s) => s.setView);
  const review = useApiQuery(`memo:${vendorId}`, (api) => (vendorId === null ? Promise.resolve(null) : api.reviews.whatIf({ vendorId })));
  const decisions = useApiQuery(`memo-decisions:${vendorId}`, (api) => (vendorId === null ? Promise.resolve([]) : api.reviews.list({ vendorId })));
  const r = review.data;
  if (!r) return <section className="page muted">{review.error ?? 'Preparing the memo…'}</section>;
  const title = `Review memo — ${r.name}`;

  return (
    <section className="page memo-page">
      <div className="memo-toolbar no-print">
        <button type="button" className="link-button" onClick={() => setView('procurement')}>
          ← Procurement review
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
        {commands && (
          <button type="button" className="button button--primary" onClick={() => void commands.savePdf(title)}>
            Save as PDF
          </button>
        )}
      </div>
      <article className="memo" aria-label="Review memo">
        <header className="memo__header">
          <p className="memo__kicker">Vendor review memo · {register?.name}</p>
          <h2>{r.name}</h2>
          <p className="muted">
            Figures as of {formatDateTime(r.asOf)} · status {r.status.replace('_', ' ')}
          </p>
        </header>
        <ReviewFindings review={r} />
        <section>
          <h4>Decisions</h4>
          {decisions.data?.length ? (
            <table className="table" aria-label="Decisions">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Reviewer</th>
                  <th>Decision</th>
                  <th>Conditions</th>
                </tr>
              </thead>
              <tbody>
                {decisions.data.map((d) => (
                  <tr key={d.id}>
                    <td className="nowrap">{formatDate(d.reviewDate)}</td>
                    <td>{d.reviewer}</td>
                    <td>{OUTCOME_LABELS[d.outcome]}</td>
                    <td className="prewrap">{d.conditions ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No decision recorded yet.</p>
          )}
        </section>
        <footer className="memo__footer muted small">
          Method v{r.methodVersion} (docs/scoring.md). Risk score = 100 × √(severity × likelihood), resilience weight {r.score.settings.resilienceWeight}; HHI bands{' '}
          {r.score.settings.bands.moderate.toLocaleString()} / {r.score.settings.bands.high.toLocaleString()}; 2023 test: HHI above {r.score.settings.test2023.hhi.toLocaleString()} or a share above{' '}
          {Math.round(100 * r.score.settings.test2023.share)} %, each with ΔHHI above {r.score.settings.test2023.deltaHhi}.
        </footer>
      </article>
    </section>
  );
}
