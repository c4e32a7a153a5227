import type { Vendor } from '../../../db/contract';
import { formatCompact, formatDate } from '../../format';
import { useApiQuery } from '../../useApiQuery';

/** "Why this score": each factor with its inputs and the points it adds; the points add up to the score. */
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
              Score = 100 × (impact × {s.settings.riskWeights.impact} + likelihood × {s.settings.riskWeights.likelihood} + resilience gap × {s.settings.riskWeights.resilience}).
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
              <th className="num">Weight</th>
              <th className="num">Points</th>
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
                <td className="num">{f.weight}</td>
                <td className="num">{f.points.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={4}>Score</th>
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
                <th>Date</th>
                <th className="num">Severity</th>
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
                  <td className="nowrap">{formatDate(i.at)}</td>
                  <td className="num">{formatCompact(i.severity)}</td>
                  <td className="num">{i.kindFactor}</td>
                  <td className="num">{i.decay.toFixed(3)}</td>
                  <td className="num">{formatCompact(i.weighted)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
