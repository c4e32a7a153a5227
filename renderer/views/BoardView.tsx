import { useState } from 'react';
import type { AppCommands, HeadlineFigure } from '../../db/contract';
import { formatCompact, formatDate } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { download } from '../files';
import { providerLabel } from '../charts/shape';

const PERIODS = [
  [30, 'Last 30 days'],
  [90, 'Last quarter'],
  [180, 'Last 6 months'],
  [365, 'Last 12 months'],
] as const;

function show(f: HeadlineFigure, value: number | null): string {
  if (value === null) return '—';
  if (f.key === 'cr1' || f.key === 'cr3' || f.key === 'largestDependencyShare') return `${(100 * value).toFixed(1)} %`;
  if (f.key === 'effectiveNumber') return value.toFixed(2);
  if (f.key === 'totalExposure') return formatCompact(value);
  return Math.round(value).toLocaleString();
}

function Change({ figure, before, label }: { figure: HeadlineFigure; before: number | null; label: string }) {
  if (figure.value === null || before === null) return <p className="board-delta muted">{label}: no earlier figure</p>;
  const delta = figure.value - before;
  if (Math.abs(delta) < 1e-9) return <p className="board-delta muted">{label}: no change</p>;
  const worse = figure.higherIsWorse ? delta > 0 : delta < 0;
  const amount = figure.key === 'cr1' || figure.key === 'cr3' || figure.key === 'largestDependencyShare' ? `${(100 * Math.abs(delta)).toFixed(1)} pts` : show(figure, Math.abs(delta));
  return (
    <p className={`board-delta ${worse ? 'text-danger' : 'text-success'}`}>
      {label}: {delta > 0 ? '▲' : '▼'} {amount}
    </p>
  );
}

/** The register's risk on one page for the board: calm, and every figure traceable to the dashboard and the method. */
export function BoardView({ commands }: { commands: AppCommands | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const openVendor = useApp((s) => s.openVendor);
  const [periodDays, setPeriodDays] = useState(90);
  const summary = useApiQuery(`board:${periodDays}`, (a) => a.board.summary({ periodDays }));
  const b = summary.data;

  const exportPack = async (format: 'html' | 'pdf') => {
    try {
      const pack = await api.board.pack({ periodDays });
      if (format === 'pdf' && commands) return void (await commands.saveDocumentPdf(pack.html, pack.fileName));
      download(new Blob([pack.html], { type: 'text/html' }), pack.fileName);
    } catch (error) {
      notify(messageOf(error));
    }
  };

  if (summary.error && !b) return <section className="page"><p className="form-error">{summary.error}</p></section>;
  if (!b) return <section className="page muted">Preparing the board view…</section>;
  const e = b.portfolio.bases.exposure;

  return (
    <section className="page board">
      <header className="page__header">
        <div>
          <h2>Board</h2>
          <p className="muted">
            As of {formatDate(b.asOf.slice(0, 10))} · changes against the previous snapshot ({formatDate(b.previousSnapshotAt)}) and a quarter ago ({formatDate(b.quarterSnapshotAt)})
          </p>
        </div>
        <div className="actions">
          <label className="select-inline">
            <span>Period</span>
            <select value={periodDays} onChange={(ev) => setPeriodDays(Number(ev.target.value))}>
              {PERIODS.map(([days, label]) => (
                <option key={days} value={days}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={() => void exportPack('html')}>
            Board pack (HTML)
          </button>
          {commands && (
            <button type="button" className="button button--primary" onClick={() => void exportPack('pdf')}>
              Board pack (PDF)
            </button>
          )}
        </div>
      </header>

      <div className="board-tiles">
        {b.headline.map((f) => (
          <div key={f.key} className="tile" data-testid={`board-${f.key}`}>
            <p className="tile__label">{f.label}</p>
            <p className="tile__value">{show(f, f.value)}</p>
            <Change figure={f} before={f.previous} label="vs previous" />
            <Change figure={f} before={f.quarterAgo} label="vs quarter ago" />
          </div>
        ))}
      </div>

      <div className="two-columns">
        <div className="card">
          <h3>Top concentrations</h3>
          {e.top.length === 0 ? (
            <p className="muted">No data holdings recorded yet.</p>
          ) : (
            <ul className="share-list">
              {e.top.slice(0, 6).map((h) => (
                <li key={h.key}>
                  <button type="button" className="link-button" disabled={h.key === 0} onClick={() => openVendor(h.key)}>
                    {h.name}
                  </button>
                  <span className="share-bar" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, (100 * h.share) / Math.max(e.cr1, 0.3))}%` }} className={h.share > b.portfolio.settings.test2023.share ? 'is-over' : undefined} />
                  </span>
                  <span className="num">{(100 * h.share).toFixed(1)} %</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card">
          <h3>Where one failure would hurt</h3>
          <p className="small muted">Providers the most exposure rides on (dependency share: held by them or behind our vendors)</p>
          <ul className="plain-list">
            {b.portfolio.providers.slice(0, 5).map((f) => (
              <li key={f.groupKey}>
                <strong>{providerLabel(f)}</strong>{' '}
                <span className="muted">
                  {(100 * f.share).toFixed(1)} % · {f.band} · {f.vendorCount} vendor{f.vendorCount === 1 ? '' : 's'}
                  {f.hidden ? ' · hidden concentration' : ''}
                </span>
              </li>
            ))}
            {b.portfolio.providers.length === 0 && <li className="muted">No data holdings recorded.</li>}
          </ul>
          <p className="small muted">Single points of failure</p>
          <ul className="plain-list">
            {b.portfolio.singlePointsOfFailure.map((p) => (
              <li key={p.serviceId}>
                <strong>{p.serviceName}</strong>{' '}
                <span className="muted">
                  {p.provider ? `${p.kind === 'hidden' ? 'all its vendors depend on' : 'rests on'} ${p.provider.name}${p.exitPlan ? '' : ', no exit plan'}` : 'no live vendor supports it'} · {p.severity}
                </span>
              </li>
            ))}
            {b.portfolio.singlePointsOfFailure.length === 0 && <li className="muted">None: every critical and important service has more than one provider.</li>}
          </ul>
        </div>
        <div className="card">
          <h3>Incidents in the period</h3>
          {b.incidents.length === 0 ? (
            <p className="muted">No incidents in the period.</p>
          ) : (
            <ul className="plain-list">
              {b.incidents.map((i) => (
                <li key={i.id}>
                  <span className="muted">{formatDate(i.occurredFrom ?? i.weWereTold)}</span> <strong>{i.vendorName}</strong> — {i.title}
                  {i.clocks.notificationLagDays !== null && i.clocks.notificationLagDays > 3 && <span className="text-danger"> (told after {i.clocks.notificationLagDays} days)</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card">
          <h3>Decisions and deadlines</h3>
          <p className="small muted">Reviews decided in the period</p>
          <ul className="plain-list">
            {b.reviews.map((r) => (
              <li key={r.id}>
                <span className="muted">{formatDate(r.reviewDate)}</span> <strong>{r.vendorName}</strong> — {r.outcome.replace(/_/g, ' ')}
              </li>
            ))}
            {b.reviews.length === 0 && <li className="muted">None.</li>}
          </ul>
          <p className="small muted">Contract notice deadlines in the next quarter</p>
          <ul className="plain-list">
            {b.noticeDeadlines.map((d) => (
              <li key={`${d.vendorId}:${d.date}:${d.detail}`}>
                <span className={d.daysLeft < 0 ? 'text-danger' : 'muted'}>{formatDate(d.date)}</span> <strong>{d.vendorName}</strong> — {d.detail}
              </li>
            ))}
            {b.noticeDeadlines.length === 0 && <li className="muted">None.</li>}
          </ul>
        </div>
      </div>
    </section>
  );
}
