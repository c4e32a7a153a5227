import { useRef, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { BASES, type Basis } from '../../db/contract';
import { SUBSTITUTABILITY_LABELS } from '../../db/shared/labels';
import { exportPng, exportSvg } from '../charts/export';
import { BASIS_LABELS, BASIS_UNITS, categoryStack, countryBars, dependencyBars, hhiTrend, providerLabel, riskPoints, SERIES_COLOURS, shareBars } from '../charts/shape';
import { formatCompact, formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { Tile } from '../components/Tile';
import { ExportMenu } from '../components/ExportMenu';

const BAND_LABELS = { unconcentrated: 'Unconcentrated', moderate: 'Moderate', high: 'High' } as const;
const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;

function ChartCard({ title, subtitle, empty, children }: { title: string; subtitle: string; empty: string | null; children: ReactNode }) {
  const notify = useApp((s) => s.notify);
  const figure = useRef<HTMLElement>(null);
  const run = (work: (element: HTMLElement) => unknown) => {
    try {
      void Promise.resolve(work(figure.current!)).catch((error: unknown) => notify(messageOf(error)));
    } catch (error) {
      notify(messageOf(error));
    }
  };
  return (
    <figure className="card chart-card" aria-label={title} ref={figure}>
      <figcaption>
        <div className="chart-card__title">
          <h3>{title}</h3>
          {!empty && (
            <span className="chart-card__export">
              <button type="button" className="button button--small button--ghost" aria-label={`Export “${title}” as SVG`} onClick={() => run((e) => exportSvg(e, title))}>
                SVG
              </button>
              <button type="button" className="button button--small button--ghost" aria-label={`Export “${title}” as PNG`} onClick={() => run((e) => exportPng(e, title))}>
                PNG
              </button>
            </span>
          )}
        </div>
        <p className="muted small">{subtitle}</p>
      </figcaption>
      {empty ? <p className="chart-empty">{empty}</p> : <div className="chart-body">{children}</div>}
    </figure>
  );
}

const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border-strong)', borderRadius: 6, color: 'var(--text)' };

interface ShareBarsProps<T> {
  data: T[];
  /** Percent axis label. */
  axisLabel: string;
  labelWidth?: number;
  /** Upper end of the axis in percent, or a function of the largest value. */
  domainMax: number | ((max: number) => number);
  colour(item: T): string;
  tooltip(item: T): string;
  onOpen?(item: T): void;
  reference?: { at: number; label: string };
}

/** A horizontal bar chart of percentages, one bar per named item: the shape of three of the dashboard's charts. */
function ShareBars<T extends { name: string; share: number }>({ data, axisLabel, labelWidth = 190, domainMax, colour, tooltip, onOpen, reference }: ShareBarsProps<T>) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(220, data.length * 28 + 60)}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: reference ? 24 : 8, bottom: 24 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" unit=" %" domain={[0, domainMax]} label={{ value: axisLabel, position: 'insideBottom', offset: -14 }} />
        <YAxis type="category" dataKey="name" width={labelWidth} interval={0} />
        <Tooltip contentStyle={tooltipStyle} formatter={(_v, _n, item) => [tooltip(item.payload as T), '']} separator="" />
        {reference && (
          <ReferenceLine x={reference.at} stroke="var(--danger)" strokeDasharray="6 4" label={{ value: reference.label, position: 'top', fill: 'var(--danger)', fontSize: 12 }} />
        )}
        <Bar dataKey="share" isAnimationActive={false} cursor={onOpen ? 'pointer' : undefined} onClick={(d) => onOpen?.(d.payload as T)}>
          {data.map((item) => (
            <Cell key={item.name} fill={colour(item)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ConcentrationView() {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const openVendor = useApp((s) => s.openVendor);
  const [basis, setBasis] = useState<Basis>('exposure');
  const scoreQuery = useApiQuery('portfolio', (a) => a.scoring.portfolio({}));
  const snapshots = useApiQuery('snapshots', (a) => a.snapshots.list({}));
  const score = scoreQuery.data;

  const takeSnapshot = async () => {
    try {
      await api.snapshots.take({});
      snapshots.reload();
      notify('Snapshot taken.', 'success');
    } catch (error) {
      notify(messageOf(error));
    }
  };

  if (scoreQuery.error && !score) return <section className="page"><p className="form-error">{scoreQuery.error}</p></section>;
  if (!score) return <section className="page muted">Scoring the register…</section>;

  const s = score.settings;
  const summary = score.bases[basis];
  const unit = basis === 'spend' ? s.reportingCurrency : BASIS_UNITS[basis];
  const bars = shareBars(summary, s.test2023.share);
  const stack = categoryStack(score.exposureByCategory);
  const providers = dependencyBars(score);
  const largest = score.largestDependency;
  const countries = countryBars(score);
  const points = riskPoints(score);
  const { points: trend, earlierMethod } = hhiTrend(snapshots.data ?? [], basis, score.methodVersion);
  const people = score.people;
  const empty = summary.total === 0;

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Concentration</h2>
          <p className="muted">
            {score.vendorCount} vendors counted (active, under review, offboarding) · {score.excluded.proposed} proposed, {score.excluded.exited} exited and{' '}
            {score.excluded.fourthPartiesOnly} fourth parties left out · scored {formatDateTime(score.asOf)}
          </p>
        </div>
        <div className="page__actions">
          <ExportMenu
            tables={[
              { table: 'concentration', label: 'Concentration figures' },
              { table: 'scores', label: 'Vendor risk scores' },
            ]}
          />
          <button type="button" className="button" onClick={() => void takeSnapshot()}>
            Take snapshot
          </button>
        </div>
      </header>

      <div className="segmented" role="radiogroup" aria-label="Basis">
        {BASES.map((b) => (
          <label key={b} className={basis === b ? 'is-active' : undefined}>
            <input type="radio" name="basis" value={b} checked={basis === b} onChange={() => setBasis(b)} />
            {BASIS_LABELS[b]}
          </label>
        ))}
      </div>

      <div className="tiles">
        <Tile
          testId="tile-dependency"
          label="Largest dependency share"
          value={largest && largest.exposure > 0 ? pct(largest.share) : '—'}
          detail={largest && largest.exposure > 0 ? `${providerLabel(largest)}: held by it or behind ${largest.vendorCount} vendor${largest.vendorCount === 1 ? '' : 's'} · ${BAND_LABELS[largest.band]}` : 'Nothing recorded yet'}
          tone={largest?.band === 'high' ? 'danger' : largest?.band === 'moderate' ? 'warning' : undefined}
        />
        <Tile
          testId="tile-hhi"
          label={`HHI · ${BASIS_LABELS[basis].toLowerCase()}`}
          value={empty ? '—' : Math.round(summary.hhi).toLocaleString()}
          detail={summary.band ? `${BAND_LABELS[summary.band]}${summary.overShareLimit.length ? ` · ${summary.overShareLimit.length} above ${pct(s.test2023.share, 0)}` : ''}` : 'Nothing recorded yet'}
          tone={summary.band === 'high' ? 'danger' : summary.band === 'moderate' ? 'warning' : summary.band ? 'success' : undefined}
        />
        <Tile testId="tile-effective" label="Effective number" value={summary.effectiveNumber === null ? '—' : summary.effectiveNumber.toFixed(2)} detail="10,000 / HHI: equal-sized vendors it amounts to" />
        <Tile testId="tile-cr1" label="CR1" value={empty ? '—' : pct(summary.cr1)} detail={summary.cr1Holder ?? '—'} tone={summary.cr1 > s.test2023.share ? 'danger' : undefined} />
        <Tile testId="tile-cr3" label="CR3" value={empty ? '—' : pct(summary.cr3)} detail="Three largest together" />
        <Tile testId="tile-total" label={`Total ${BASIS_LABELS[basis].toLowerCase()}`} value={formatCompact(summary.total)} detail={unit} />
        <Tile
          testId="tile-people"
          label="People at the largest holder"
          value={people.largestHolder ? `${people.largestHolder.atLeast ? '≥ ' : ''}${formatCompact(people.largestHolder.people)}` : '—'}
          detail={people.largestHolder ? `${people.largestHolder.name}${people.largestHolder.shareOfBase !== null ? ` · ${pct(people.largestHolder.shareOfBase)} of customers` : ''}` : 'Nothing recorded yet'}
        />
        <Tile
          testId="tile-spof"
          label="Single points of failure"
          value={score.singlePointsOfFailure.length}
          detail={`${score.singlePointsOfFailure.filter((p) => p.kind === 'hidden').length} hidden in the chain · ${score.singlePointsOfFailure.filter((p) => p.kind === 'unsupported').length} unsupported`}
          tone={score.singlePointsOfFailure.length ? 'danger' : undefined}
        />
        <Tile testId="tile-hidden" label="Hidden concentrations" value={score.hiddenConcentrations} detail="Providers behind ≥ 2 vendors of critical services" tone={score.hiddenConcentrations ? 'warning' : undefined} />
      </div>
      {basis === 'spend' && score.spendWithoutRate.length > 0 && (
        <p className="muted small">Spend in {score.spendWithoutRate.join(', ')} is left out: add exchange rates in Settings → Scoring.</p>
      )}

      <div className="chart-grid">
        <ChartCard title={`Top vendors by share of ${BASIS_LABELS[basis].toLowerCase()}`} subtitle={`Share of the portfolio, % (groups counted as one); dashed line: ${pct(s.test2023.share, 0)} limit`} empty={empty ? 'No data recorded yet: add data holdings to vendors.' : null}>
          <ShareBars
            data={bars}
            axisLabel="Share (%)"
            domainMax={(max) => Math.max(40, Math.ceil(max / 10) * 10)}
            colour={(b) => (b.overLimit ? '#c2410c' : '#2f6fd6')}
            tooltip={(b) => `${b.share.toFixed(1)} % · ${formatCompact(b.value)} ${unit}`}
            onOpen={(b) => b.key && openVendor(b.key)}
            reference={{ at: 100 * s.test2023.share, label: `${pct(s.test2023.share, 0)} limit` }}
          />
        </ChartCard>

        <ChartCard title="Exposure by vendor and data category" subtitle="Weighted exposure (people × category weight) of the ten largest vendors, by category" empty={stack.rows.length ? null : 'No data holdings recorded yet.'}>
          <ResponsiveContainer width="100%" height={Math.max(260, stack.rows.length * 30 + 110)}>
            <BarChart data={stack.rows} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
              <CartesianGrid horizontal={false} strokeDasharray="3 3" />
              <XAxis type="number" tickFormatter={(v: number) => formatCompact(v)} label={{ value: 'Weighted exposure', position: 'insideBottom', offset: -4 }} height={40} />
              <YAxis type="category" dataKey="vendor" width={190} interval={0} />
              <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [formatCompact(Number(v)), name]} />
              <Legend wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
              {stack.categories.map((c, i) => (
                <Bar key={c.field} dataKey={c.field} name={c.label} stackId="exposure" fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} cursor="pointer" onClick={(d) => openVendor((d.payload as { key: number }).key)} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Dependency share by provider"
          subtitle={`Share of portfolio exposure held by each provider group or by our vendors whose supply chain reaches it; dashed line: ${pct(s.dependencyBands.high, 0)} (high)`}
          empty={providers.length ? null : 'No data holdings recorded yet.'}
        >
          <ShareBars
            data={providers}
            axisLabel="Dependency share (% of weighted exposure)"
            domainMax={100}
            colour={(p) => (p.band === 'high' ? '#c2410c' : p.band === 'moderate' ? '#b45309' : '#2f6fd6')}
            tooltip={(p) => `${p.share.toFixed(1)} % rides on it (${p.directShare.toFixed(1)} % held directly) · ${p.vendorCount} vendor${p.vendorCount === 1 ? '' : 's'}, ${p.throughChain} through their chain`}
            onOpen={(p) => openVendor(p.key)}
            reference={{ at: 100 * s.dependencyBands.high, label: `${pct(s.dependencyBands.high, 0)} high` }}
          />
        </ChartCard>

        <ChartCard title="Where the data is stored" subtitle={`Share of weighted exposure by storage country; ${pct(score.geography.outsideHomeShare)} outside ${score.geography.homeCountry}`} empty={countries.length ? null : 'No storage countries recorded on holdings.'}>
          <ShareBars
            data={countries}
            axisLabel="Share of exposure (%)"
            labelWidth={150}
            domainMax={100}
            colour={(c) => (c.home ? '#2a9d8f' : '#e07b24')}
            tooltip={(c) => `${c.share.toFixed(1)} % · ${formatCompact(c.exposure)} weighted exposure`}
          />
        </ChartCard>

        <ChartCard title="Risk matrix" subtitle={`Likelihood of an incident within a year (from incident frequency) against severity (impact and resilience gap), both 0–1; score = 100 × √(severity × likelihood); dot size: exposure${points.length >= 400 ? '; the 400 vendors with most exposure' : ''}`} empty={points.length ? null : 'No vendors with data or critical services yet.'}>
          <ResponsiveContainer width="100%" height={320}>
            <ScatterChart margin={{ left: 8, right: 24, top: 8, bottom: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" dataKey="likelihood" name="Likelihood" domain={[0, 1]} label={{ value: 'Likelihood (0–1)', position: 'insideBottom', offset: -14 }} />
              <YAxis type="number" dataKey="severity" name="Severity" domain={[0, 1]} label={{ value: 'Severity (0–1)', angle: -90, position: 'insideLeft' }} />
              <ZAxis type="number" dataKey="exposure" range={[40, 600]} name="Exposure" />
              <Tooltip
                contentStyle={tooltipStyle}
                content={({ payload }) => {
                  const p = payload?.[0]?.payload as ReturnType<typeof riskPoints>[number] | undefined;
                  return p ? (
                    <div style={tooltipStyle} className="chart-tooltip">
                      <strong>{p.name}</strong>
                      <br />
                      Score {p.score} · severity {p.severity.toFixed(2)} · likelihood {p.likelihood.toFixed(2)}
                      <br />
                      Exposure {formatCompact(p.exposure)}
                    </div>
                  ) : null;
                }}
              />
              <Scatter data={points} fill="#2f6fd6" fillOpacity={0.7} isAnimationActive={false} cursor="pointer" onClick={(d) => openVendor((d as unknown as { key: number }).key)} />
            </ScatterChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard title={`HHI over time · ${BASIS_LABELS[basis].toLowerCase()}`} subtitle={`From ${trend.length} snapshot${trend.length === 1 ? '' : 's'} of method v${score.methodVersion}${earlierMethod ? ` (${earlierMethod} earlier snapshot${earlierMethod === 1 ? '' : 's'} of method v1 not drawn: not comparable)` : ''}; dashed: ${s.bands.moderate.toLocaleString()} and ${s.bands.high.toLocaleString()} band limits`} empty={trend.length < 2 ? 'A trend needs two snapshots or more: one is taken each day the register changes, or take one now.' : null}>
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={trend} margin={{ left: 8, right: 24, top: 8, bottom: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" label={{ value: 'Snapshot date', position: 'insideBottom', offset: -14 }} />
              <YAxis domain={[0, 10_000]} label={{ value: 'HHI', angle: -90, position: 'insideLeft' }} />
              <Tooltip contentStyle={tooltipStyle} />
              <ReferenceLine y={s.bands.moderate} stroke="#e07b24" strokeDasharray="6 4" />
              <ReferenceLine y={s.bands.high} stroke="var(--danger)" strokeDasharray="6 4" />
              <Line type="monotone" dataKey="hhi" name="HHI" stroke="#2f6fd6" strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>

      <div className="two-columns">
        <div className="card">
          <h3>Single points of failure</h3>
          {score.singlePointsOfFailure.length === 0 ? (
            <p className="muted">Every critical and important service has more than one provider.</p>
          ) : (
            <ul className="link-list">
              {score.singlePointsOfFailure.map((p) => (
                <li key={p.serviceId}>
                  <span className={`badge ${p.severity === 'high' ? 'badge--danger' : ''}`}>{p.severity}</span>
                  <span>
                    {p.serviceName} <span className="muted small">({p.criticality})</span>
                  </span>
                  {p.provider ? (
                    <>
                      <span className="muted">{p.kind === 'hidden' ? 'all its vendors depend on' : 'rests on'}</span>
                      <button type="button" className="link-button" onClick={() => openVendor(p.provider!.groupKey)}>
                        {p.provider.name}
                      </button>
                      <span className="muted small">
                        {p.substitutability ? SUBSTITUTABILITY_LABELS[p.substitutability].toLowerCase() : 'substitutability not assessed (worst case)'} · {p.exitPlan ? 'exit plan' : 'no exit plan'}
                      </span>
                    </>
                  ) : (
                    <span className="muted">no live vendor supports it</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card">
          <h3>Customers' data at our vendors</h3>
          <p>
            Between <strong>{people.lowerBound.toLocaleString()}</strong> and <strong>{people.upperBound.toLocaleString()}</strong> distinct people
            {people.customerBase !== null ? ` (customer base ${people.customerBase.toLocaleString()})` : ''}: one customer can sit at many vendors, so people are
            never added up across vendors.
          </p>
          {people.notEntered > 0 && <p className="muted small">{people.notEntered} vendors have no count of distinct people: each is counted as at least its largest data category.</p>}
          {people.belowLargestCategory.length > 0 && (
            <p className="muted small">People entered below the largest category (counted as that category): {people.belowLargestCategory.join(', ')}.</p>
          )}
        </div>
      </div>

      <details className="card method">
        <summary>Weights and thresholds in force</summary>
        <dl className="facts">
          <dt>Bands (HHI)</dt>
          <dd>
            unconcentrated below {s.bands.moderate.toLocaleString()}, moderate to {s.bands.high.toLocaleString()}, high above
          </dd>
          <dt>2023 test</dt>
          <dd>
            a change with HHI after above {s.test2023.hhi.toLocaleString()}, or a holder above {pct(s.test2023.share, 0)}, each with ΔHHI above {s.test2023.deltaHhi}
          </dd>
          <dt>Reliance weights</dt>
          <dd>
            full {s.relianceWeights.full}, material {s.relianceWeights.material}, low {s.relianceWeights.low}
          </dd>
          <dt>Dependency share bands</dt>
          <dd>
            moderate from {pct(s.dependencyBands.moderate, 0)}, high above {pct(s.dependencyBands.high, 0)}
          </dd>
          <dt>Likelihood</dt>
          <dd>
            base rate {s.baseIncidentRate} a year plus the incident rate (half-life {s.incidentHalfLifeYears} years)
          </dd>
          <dt>Risk score</dt>
          <dd>
            100 × √(severity × likelihood); severity = {1 - s.resilienceWeight} × impact + {s.resilienceWeight} × resilience gap; impact full at {pct(s.impactShareCap, 0)} dependency share
          </dd>
          <dt>Spend</dt>
          <dd>
            in {s.reportingCurrency}; rates {Object.entries(s.fxRates).map(([c, r]) => `${c} ${r}`).join(', ')}
          </dd>
        </dl>
        <p className="muted small">Method v{score.methodVersion}; the method and a worked example are in docs/scoring.md.</p>
      </details>
    </section>
  );
}
