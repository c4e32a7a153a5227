import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppCommands } from '../../db/contract';
import { formatInteger, formatPercent } from '../../db/shared/headline';
import { ChartCard, tooltipWrapper } from '../charts/ChartCard';
import { ShareBars } from '../charts/ShareBars';
import { dependencyBars, hhiTrend, singlePointBars } from '../charts/shape';
import { formatDate } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { download } from '../files';
import { Headline } from '../components/Headline';
import { ProviderRankingCharts } from '../components/ProviderRankingCharts';

const PERIODS = [
  [30, 'Last 30 days'],
  [90, 'Last quarter'],
  [180, 'Last 6 months'],
  [365, 'Last 12 months'],
] as const;
const BAND_FILL = { high: '#c2410c', moderate: '#d08a1a', unconcentrated: '#2f6fd6' } as const;
const SEVERITY_FILL = { high: '#b42318', medium: '#d08a1a', low: '#2f6fd6' } as const;

/** The register's risk for the board, readable on a projector: the headline in words, three charts, and what happened in the period. */
export function BoardView({ commands }: { commands: AppCommands | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const openVendor = useApp((s) => s.openVendor);
  const setView = useApp((s) => s.setView);
  const [periodDays, setPeriodDays] = useState(90);
  const [printing, setPrinting] = useState(false);
  const summary = useApiQuery(`board:${periodDays}`, (a) => a.board.summary({ periodDays }));
  const b = summary.data;

  const exportPack = async (format: 'html' | 'pdf') => {
    try {
      const pack = await api.board.pack({ periodDays });
      if (format === 'pdf' && commands) return void (await commands.saveDocumentPdf(pack.html, pack.fileName));
      const where = await download(new Blob([pack.html], { type: 'text/html' }), pack.fileName);
      if (where) notify(where, 'success');
    } catch (error) {
      notify(messageOf(error));
    }
  };

  // Charts measure their box: narrowed to the page first, they are drawn at print size; the dialog opens after they are.
  useEffect(() => {
    if (!printing) return;
    const timer = window.setTimeout(() => {
      window.print();
      setPrinting(false);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [printing]);

  if (summary.error && !b) return <section className="page"><p className="form-error">{summary.error}</p></section>;
  if (!b) return <section className="page muted">Preparing the board view…</section>;
  const p = b.portfolio;
  const s = p.settings;
  const providers = dependencyBars(p);
  const { points: trend, earlierMethod, methodChangeAt } = hhiTrend(b.snapshots, 'exposure', p.methodVersion);
  const spofBars = singlePointBars(p.singlePointsOfFailure);

  return (
    <section className={`page board board--projector${printing ? ' board--printing' : ''}`}>
      <header className="page__header">
        <div>
          <h2>Board</h2>
          <p className="muted">
            {b.registerName} · as of {formatDate(b.asOf.slice(0, 10))} · incidents and decisions over the period chosen; changes against snapshots
          </p>
        </div>
        <div className="actions no-print">
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
          <button type="button" className="button" onClick={() => setPrinting(true)}>
            Print
          </button>
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

      <Headline headline={b.riskHeadline} large />

      <div className="board-charts">
        <ChartCard
          testId="board-providers"
          title="What our customers' data rides on"
          subtitle={`Horizontal axis: dependency share, % of weighted exposure held by each provider or behind our vendors that rely on it; dashed line: ${formatPercent(s.dependencyBands.high, 0)} (high)`}
          empty={providers.length ? null : 'No data holdings recorded yet: nothing rides on any provider.'}
          legend={[
            { label: `High (above ${formatPercent(s.dependencyBands.high, 0)})`, colour: BAND_FILL.high },
            { label: `Moderate (from ${formatPercent(s.dependencyBands.moderate, 0)})`, colour: BAND_FILL.moderate },
            { label: 'Low', colour: BAND_FILL.unconcentrated },
          ]}
          table={{ caption: "What our customers' data rides on", columns: [{ label: 'Provider' }, { label: 'Dependency share %', numeric: true }, { label: 'Vendors', numeric: true }, { label: 'Band' }], rows: providers.slice(0, 8).map((f) => [f.name, f.share.toFixed(1), f.vendorCount, f.band]) }}
        >
          <ShareBars
            data={providers.slice(0, 8)}
            axisLabel="Dependency share (% of weighted exposure)"
            labelWidth={240}
            rowHeight={44}
            domainMax={100}
            colour={(f) => BAND_FILL[f.band]}
            tooltip={(f) => `${f.share.toFixed(1)} % rides on it · ${f.vendorCount} vendor${f.vendorCount === 1 ? '' : 's'}${f.hidden ? ' · hidden concentration' : ''}`}
            onOpen={(f) => openVendor(f.key)}
            reference={{ at: 100 * s.dependencyBands.high, label: `${formatPercent(s.dependencyBands.high, 0)} high` }}
          />
        </ChartCard>

        <ChartCard
          testId="board-single-points"
          title="Single points of failure"
          subtitle="Horizontal axis: number of critical and important services resting on one provider, by how they rest on it and by severity"
          empty={p.singlePointsOfFailure.length ? null : b.riskHeadline.figures.find((f) => f.key === 'singlePoints')!.sentence}
          legend={[
            { label: 'High severity', colour: SEVERITY_FILL.high },
            { label: 'Medium', colour: SEVERITY_FILL.medium },
            { label: 'Low', colour: SEVERITY_FILL.low },
          ]}
          table={{ caption: 'Single points of failure', columns: [{ label: 'Service' }, { label: 'Kind' }, { label: 'Rests on' }, { label: 'Severity' }], rows: p.singlePointsOfFailure.map((f) => [f.serviceName, f.kind, f.provider?.name ?? 'no live vendor', f.severity]) }}
        >
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={spofBars} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 24 }}>
              <CartesianGrid horizontal={false} strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} label={{ value: 'Services', position: 'insideBottom', offset: -14 }} />
              <YAxis type="category" dataKey="kind" width={200} interval={0} />
              <Tooltip wrapperStyle={tooltipWrapper} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border-strong)', color: 'var(--text)' }} />
              <Bar dataKey="high" name="High severity" stackId="s" fill={SEVERITY_FILL.high} isAnimationActive={false} />
              <Bar dataKey="medium" name="Medium" stackId="s" fill={SEVERITY_FILL.medium} isAnimationActive={false} />
              <Bar dataKey="low" name="Low" stackId="s" fill={SEVERITY_FILL.low} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <ul className="plain-list">
            {p.singlePointsOfFailure.map((f) => (
              <li key={f.serviceId}>
                <strong>{f.serviceName}</strong>{' '}
                <span className="muted">
                  {f.provider ? `${f.kind === 'hidden' ? 'all its vendors depend on' : 'rests on'} ${f.provider.name}${f.exitPlan ? '' : ', no exit plan'}` : 'no live vendor supports it'} · {f.severity}
                </span>
              </li>
            ))}
          </ul>
        </ChartCard>

        <ChartCard
          testId="board-trend"
          title="Concentration over time"
          subtitle={`Left axis: concentration index (HHI), 0–10,000; right axis: largest dependency share, %; horizontal axis: snapshot date. Only snapshots of method v${p.methodVersion} are drawn${earlierMethod ? `; ${earlierMethod} earlier of method v1 are not comparable and the change is marked` : ''}`}
          empty={trend.length < 2 ? `A trend needs two snapshots of method v${p.methodVersion}: ${trend.length === 1 ? 'there is only one so far' : 'there are none yet'}. One is taken each day the register changes.` : null}
          legend={[
            { label: 'Concentration index (left axis)', colour: '#2f6fd6' },
            { label: 'Largest dependency share (right axis)', colour: '#c2410c' },
            ...(methodChangeAt ? [{ label: 'Method change', colour: '#566170' }] : []),
          ]}
          table={{ caption: 'Concentration over time', columns: [{ label: 'Snapshot date' }, { label: 'Index', numeric: true }, { label: 'Largest dependency share %', numeric: true }], rows: trend.map((t) => [t.date, formatInteger(t.hhi), t.dependency === null ? '—' : t.dependency.toFixed(1)]) }}
        >
          <ResponsiveContainer width="100%" height={300}>
            <LineChart data={trend} margin={{ left: 8, right: 8, top: 16, bottom: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" label={{ value: 'Snapshot date', position: 'insideBottom', offset: -14 }} />
              <YAxis yAxisId="hhi" domain={[0, 10_000]} label={{ value: 'Index (0–10,000)', angle: -90, position: 'insideLeft', offset: 10 }} />
              <YAxis yAxisId="share" orientation="right" domain={[0, 100]} unit=" %" label={{ value: 'Dependency share (%)', angle: 90, position: 'insideRight', offset: 10 }} />
              <Tooltip wrapperStyle={tooltipWrapper} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border-strong)', color: 'var(--text)' }} />
              <ReferenceLine yAxisId="hhi" y={s.bands.high} stroke="var(--danger)" strokeDasharray="6 4" />
              {methodChangeAt && <ReferenceLine yAxisId="hhi" x={methodChangeAt} stroke="#566170" strokeWidth={2} label={{ value: `method v${p.methodVersion}`, position: 'top', fill: 'var(--text-muted)', fontSize: 13 }} />}
              <Line yAxisId="hhi" type="monotone" dataKey="hhi" name="Concentration index" stroke="#2f6fd6" strokeWidth={3} isAnimationActive={false} />
              <Line yAxisId="share" type="monotone" dataKey="dependency" name="Largest dependency share (%)" stroke="#c2410c" strokeWidth={3} isAnimationActive={false} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>

        <div className="card">
          <h3>Incidents, decisions and deadlines</h3>
          <p className="small muted">Incidents in the period</p>
          <ul className="plain-list">
            {b.incidents.map((i) => (
              <li key={i.id}>
                <span className="muted">{formatDate(i.occurredFrom ?? i.weWereTold)}</span> <strong>{i.vendorName}</strong> — {i.title}
                {i.clocks.notificationLagDays !== null && i.clocks.notificationLagDays > 3 && <span className="text-danger"> (told after {i.clocks.notificationLagDays} days)</span>}
              </li>
            ))}
            {b.incidents.length === 0 && <li className="muted">None in the period.</li>}
          </ul>
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
            {b.due.noticeDeadlines > b.noticeDeadlines.length && (
              <li className="muted">
                and {(b.due.noticeDeadlines - b.noticeDeadlines.length).toLocaleString('en')} more ({b.due.noticeDeadlines.toLocaleString('en')} in all):{' '}
                <button type="button" className="link-button" onClick={() => setView('due')}>
                  see them all in Due soon
                </button>
              </li>
            )}
          </ul>
        </div>
      </div>
      <ProviderRankingCharts ranking={b.scenarioRanking} labelWidth={260} onOpen={openVendor} />
    </section>
  );
}
