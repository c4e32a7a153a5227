import type { Vendor, VendorScore } from '../../../db/contract';
import { formatDate } from '../../format';
import { useApiQuery } from '../../useApiQuery';

/** "Why this score": each factor with its inputs, and how they combine into the score. */
export function ScoreTab({ vendor }: { vendor: Vendor }) {
  const score = useApiQuery(`score:${vendor.id}:${vendor.version}`, (api) => api.scoring.vendor({ id: vendor.id }));
  const s = score.data;
  if (score.error) return <p className="form-error">{score.error}</p>;
  if (!s) return <p className="muted">Scoring…</p>;
  return (
    <div className="stack">
      <div className="card">
        <div className="card__header card__header--row">
          <div>
            <h3>Risk score</h3>
            <p className="muted small">
              Score = 100 × √(severity × likelihood), where severity = {1 - s.settings.resilienceWeight} × impact + {s.settings.resilienceWeight} × resilience gap (method v{s.methodVersion}).
              Unknowns count as the worst case: a vendor whose substitutability was not assessed counts as not substitutable, and one without a review date as overdue.
              {!s.counted && ' This vendor is outside the live portfolio (proposed, exited or a fourth party): it is scored as if it were added.'}
            </p>
          </div>
          <p className="score-value" data-testid="risk-score">
            {s.score.toFixed(1)}
            <span className="muted small"> / 100</span>
          </p>
        </div>
        <table className="table" aria-label="Why this score">
          <thead>
            <tr>
              <th>Factor</th>
              <th>Inputs</th>
              <th className="num">Value (0–1)</th>
            </tr>
          </thead>
          <tbody>
            {s.factors.map((f) => (
              <tr key={f.key}>
                <td className="cell-title">{f.label}</td>
                <td>
                  <ul className="plain-list">
                    {f.inputs.map((i) => (
                      <li key={i.label}>
                        <span className="muted">{i.label}:</span> {i.value}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="num">{f.value.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={2}>Score = 100 × √(severity × likelihood)</th>
              <th className="num">{s.score.toFixed(1)}</th>
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="card">
        <h3>Incidents counted in the likelihood</h3>
        {s.incidents.length === 0 ? (
          <p className="muted">No incidents at this vendor or at any supplier in its chain.</p>
        ) : (
          <table className="table" aria-label="Incidents counted">
            <thead>
              <tr>
                <th>Incident</th>
                <th>Dated from</th>
                <th className="num">Age (years)</th>
                <th className="num">Kind factor</th>
                <th className="num">Decay</th>
                <th className="num">Counted</th>
              </tr>
            </thead>
            <tbody>
              {s.incidents.map((i) => (
                <tr key={i.incidentId}>
                  <td>
                    <span className="cell-title">{i.title}</span>
                    {i.via && <span className="cell-sub">at fourth party {i.via}</span>}
                  </td>
                  <td className="nowrap">
                    {formatDate(i.at)} <span className="muted small">({DATE_SOURCE[i.dateSource]})</span>
                  </td>
                  <td className="num">{i.ageYears.toFixed(2)}</td>
                  <td className="num">{i.kindFactor}</td>
                  <td className="num">{i.decay.toFixed(3)}</td>
                  <td className="num">{i.weighted.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {s.notCounted.length > 0 && (
          <p className="muted small">Not counted: {s.notCounted.map((n) => `${n.title} (${n.reason})`).join('; ')}.</p>
        )}
      </div>
    </div>
  );
}

const DATE_SOURCE: Record<VendorScore['incidents'][number]['dateSource'], string> = {
  occurred: 'occurred',
  detected: 'detected by the vendor',
  told: 'we were told',
  contained: 'contained',
  recorded: 'no date: recorded in the register',
};
