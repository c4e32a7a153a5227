import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { BASES } from '../../db/shared/vocabulary';
import type { Basis, BasisSummary, ScoringSettings } from '../../db/contract';
import { formatInteger, formatPercent, type HeadlineHelp } from '../../db/shared/headline';
import { SUBSTITUTABILITY_LABELS } from '../../db/shared/labels';
import { countryName } from '../../db/shared/countries';
import { ChartCard, tooltipWrapper } from '../charts/ChartCard';
import { ShareBars } from '../charts/ShareBars';
import { BASIS_LABELS, BASIS_UNITS, categoryStack, countryBars, dependencyBars, hhiTrend, likelihoodAxisMax, riskIsolines, riskPoints, shareBars, tooltipRows } from '../charts/shape';
import { formatCompact, formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import { Tile } from '../components/Tile';
import { ExportMenu } from '../components/ExportMenu';
import { Headline } from '../components/Headline';
import { HelpPopover } from '../components/HelpPopover';
import { DependencyMap } from '../components/DependencyMap';
import { ProviderRankingCharts } from '../components/ProviderRankingCharts';

const BAND_LABELS = { unconcentrated: 'Unconcentrated', moderate: 'Moderate', high: 'High' } as const;
const pct = formatPercent;
const OVER = '#c2410c';
const WITHIN = '#2f6fd6';
const BAND_FILL = { high: '#c2410c', moderate: '#d08a1a', unconcentrated: '#2f6fd6' } as const;

/** Help for the figures of one basis, with this register's figures in the formulas. */
function basisHelp(summary: BasisSummary, unit: string, s: ScoringSettings): Record<'hhi' | 'effective' | 'cr1' | 'cr3' | 'total', HeadlineHelp> {
  const terms = summary.top.filter((h) => h.key !== 0).slice(0, 3).map((h) => `${(100 * h.share).toFixed(1)}²`);
  const bands = `High above ${formatInteger(s.bands.high)}, moderate from ${formatInteger(s.bands.moderate)}, unconcentrated below (Settings → Scoring).`;
  return {
    hhi: {
      what: `The Herfindahl–Hirschman index (HHI) of ${BASIS_LABELS[summary.basis].toLowerCase()} held directly by each provider group.`,
      formula: summary.total ? `Σ (100 × share)² = ${terms.join(' + ')}${summary.holders > 3 ? ' + …' : ''} = ${formatInteger(summary.hhi)} over ${summary.holders} holders.` : 'Nothing recorded on this basis yet.',
      reading: '0: spread thinly over many holders; 10,000: one holder has it all.',
      threshold: bands,
    },
    effective: {
      what: 'How many equal-sized holders would give the same concentration index.',
      formula: summary.effectiveNumber === null ? 'Not shown while the index is 0.' : `10,000 ÷ ${formatInteger(summary.hhi)} = ${summary.effectiveNumber.toFixed(2)}.`,
      reading: 'Fewer effective holders means more concentration; compare it with the number of vendors counted.',
      threshold: 'No threshold of its own: it is the index read another way.',
    },
    cr1: {
      what: 'The largest holder’s share (concentration ratio of one, CR1).',
      formula: summary.cr1Holder ? `${summary.cr1Holder}: ${formatCompact(summary.top[0]?.value ?? 0)} of ${formatCompact(summary.total)} ${unit} = ${pct(summary.cr1, 2)}.` : 'Nothing recorded on this basis yet.',
      reading: 'How much one holder has on its own.',
      threshold: `Holders above ${pct(s.test2023.share, 0)} are flagged (the 2023 guidelines’ share limit).`,
    },
    cr3: {
      what: 'The three largest holders’ share together (concentration ratio of three, CR3).',
      formula: summary.total ? `${summary.top.filter((h) => h.key !== 0).slice(0, 3).map((h) => pct(h.share)).join(' + ')} = ${pct(summary.cr3, 2)}.` : 'Nothing recorded on this basis yet.',
      reading: 'Near 100 % means three holders have nearly everything.',
      threshold: 'No threshold of its own.',
    },
    total: {
      what: `The portfolio’s total on this basis (${unit}).`,
      formula: summary.basis === 'exposure' ? 'Σ over vendors and data categories of people × sensitivity weight.' : summary.basis === 'people' ? 'Σ of distinct people per vendor: a person at two vendors counts at both.' : summary.basis === 'spend' ? `Annual spend converted to ${s.reportingCurrency}.` : `Σ over critical services of reliance weights (full ${s.relianceWeights.full}, material ${s.relianceWeights.material}, low ${s.relianceWeights.low}).`,
      reading: 'The base the shares are taken of.',
      threshold: 'No threshold.',
    },
  };
}

export function ConcentrationView() {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const openVendor = useApp((s) => s.openVendor);
  const [basis, setBasis] = useState<Basis>('exposure');
  const [country, setCountry] = useState<string | null>(null);
  const query = useApiQuery('concentration', (a) => a.board.summary({ periodDays: 90 }));
  const board = query.data;

  const takeSnapshot = async () => {
    try {
      await api.snapshots.take({});
      query.reload();
      notify('Snapshot taken.', 'success');
    } catch (error) {
      notify(messageOf(error));
    }
  };

  if (query.error && !board) return <section className="page"><p className="form-error">{query.error}</p></section>;
  if (!board) return <section className="page muted">Scoring the register…</section>;

  const score = board.portfolio;
  const s = score.settings;
  const summary = score.bases[basis];
  const unit = basis === 'spend' ? s.reportingCurrency : BASIS_UNITS[basis];
  const help = basisHelp(summary, unit, s);
  const bars = shareBars(summary, s.test2023.share);
  const stack = categoryStack(score.exposureByCategory);
  const providers = dependencyBars(score);
  const countries = countryBars(score);
  const points = riskPoints(score);
  const maxLikelihood = likelihoodAxisMax(points);
  const isolines = riskIsolines(maxLikelihood).filter((l) => l.points.length > 0);
  const { points: trend, earlierMethod, methodChangeAt } = hhiTrend(board.snapshots, basis, score.methodVersion);
  const people = score.people;
  const empty = summary.total === 0;
  const selectedCountry = countries.find((c) => c.country === country) ?? null;

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Concentration</h2>
          <p className="muted">
            {score.vendorCount} vendors counted (active, under review, offboarding) · {score.excluded.proposed} proposed, {score.excluded.exited} exited and{' '}
            {score.excluded.fourthPartiesOnly} fourth parties left out · scored {formatDateTime(score.asOf)} · incidents over the last 90 days
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

      <Headline headline={board.riskHeadline} />

      <DependencyMap providers={board.providerMap} />

      <h3 className="section-title">Direct concentration by basis</h3>
      <div className="segmented" role="radiogroup" aria-label="Basis">
        {BASES.map((b) => (
          <label key={b} className={basis === b ? 'is-active' : undefined}>
            <input type="radio" name="basis" value={b} checked={basis === b} onChange={() => setBasis(b)} />
            {BASIS_LABELS[b]}
          </label>
        ))}
      </div>

      <div className="tiles basis-tiles">
        <Tile
          testId="tile-hhi"
          label={<>Concentration index (HHI) · {BASIS_LABELS[basis].toLowerCase()} <HelpPopover title="Concentration index (HHI, Herfindahl–Hirschman index)" help={help.hhi} /></>}
          value={empty ? '—' : formatInteger(summary.hhi)}
          detail={summary.band ? `${BAND_LABELS[summary.band]}${summary.overShareLimit.length ? ` · ${summary.overShareLimit.length} above ${pct(s.test2023.share, 0)}` : ''}` : 'Not rated: nothing recorded yet'}
          tone={summary.band === 'high' ? 'danger' : summary.band === 'moderate' ? 'warning' : summary.band ? 'success' : undefined}
        />
        <Tile testId="tile-effective" label={<>Effective number of holders <HelpPopover title="Effective number of holders" help={help.effective} /></>} value={summary.effectiveNumber === null ? '—' : summary.effectiveNumber.toFixed(2)} detail="10,000 ÷ index: equal-sized holders it amounts to" />
        <Tile testId="tile-cr1" label={<>Largest share (CR1) <HelpPopover title="Largest share (CR1, concentration ratio of one)" help={help.cr1} /></>} value={empty ? '—' : pct(summary.cr1)} detail={summary.cr1Holder ?? 'Nothing recorded yet'} tone={summary.cr1 > s.test2023.share ? 'danger' : undefined} />
        <Tile testId="tile-cr3" label={<>Three largest (CR3) <HelpPopover title="Three largest (CR3, concentration ratio of three)" help={help.cr3} /></>} value={empty ? '—' : pct(summary.cr3)} detail="Three largest holders together" />
        <Tile testId="tile-total" label={<>Total {BASIS_LABELS[basis].toLowerCase()} <HelpPopover title={`Total ${BASIS_LABELS[basis].toLowerCase()}`} help={help.total} /></>} value={empty ? '—' : formatCompact(summary.total)} detail={unit} />
      </div>
      {basis === 'spend' && score.spendWithoutRate.length > 0 && (
        <p className="muted small">Spend in {score.spendWithoutRate.join(', ')} is left out: add exchange rates in Settings → Scoring.</p>
      )}

      <div className="chart-grid">
        <ChartCard
          title="Dependency share by provider"
          subtitle={`Horizontal axis: % of weighted exposure held by each provider group or by our vendors whose supply chain reaches it; dashed line: ${pct(s.dependencyBands.high, 0)} (high)`}
          empty={providers.length ? null : 'No data holdings recorded yet.'}
          legend={[
            { label: `High (above ${pct(s.dependencyBands.high, 0)})`, colour: BAND_FILL.high },
            { label: `Moderate (from ${pct(s.dependencyBands.moderate, 0)})`, colour: BAND_FILL.moderate },
            { label: 'Low', colour: BAND_FILL.unconcentrated },
          ]}
          table={{ caption: 'Dependency share by provider', columns: [{ label: 'Provider' }, { label: 'Dependency share %', numeric: true }, { label: 'Held directly %', numeric: true }, { label: 'Vendors', numeric: true }, { label: 'Through their chain', numeric: true }, { label: 'Band' }], rows: providers.map((p) => [p.name, p.share.toFixed(1), p.directShare.toFixed(1), p.vendorCount, p.throughChain, p.band]) }}
        >
          <ShareBars
            data={providers}
            axisLabel="Dependency share (% of weighted exposure)"
            domainMax={100}
            colour={(p) => BAND_FILL[p.band]}
            tooltip={(p) => `${p.share.toFixed(1)} % rides on it (${p.directShare.toFixed(1)} % held directly) · ${p.vendorCount} vendor${p.vendorCount === 1 ? '' : 's'}, ${p.throughChain} through their chain`}
            onOpen={(p) => openVendor(p.key)}
            reference={{ at: 100 * s.dependencyBands.high, label: `${pct(s.dependencyBands.high, 0)} high` }}
          />
        </ChartCard>

        <ChartCard
          title={`Top holders by share of ${BASIS_LABELS[basis].toLowerCase()}`}
          subtitle={`Horizontal axis: share of the portfolio, % (groups counted as one); dashed line: ${pct(s.test2023.share, 0)} limit`}
          empty={empty ? 'No data recorded yet: add data holdings to vendors.' : null}
          legend={[
            { label: `Above the ${pct(s.test2023.share, 0)} limit`, colour: OVER },
            { label: 'Within the limit', colour: WITHIN },
          ]}
          table={{ caption: `Top holders by share of ${BASIS_LABELS[basis].toLowerCase()}`, columns: [{ label: 'Holder' }, { label: 'Share %', numeric: true }, { label: unit, numeric: true }], rows: bars.map((b) => [b.name, b.share.toFixed(1), formatInteger(b.value)]) }}
        >
          <ShareBars
            data={bars}
            axisLabel="Share (%)"
            domainMax={(max) => Math.max(40, Math.ceil(max / 10) * 10)}
            colour={(b) => (b.overLimit ? OVER : WITHIN)}
            tooltip={(b) => `${b.share.toFixed(1)} % · ${formatCompact(b.value)} ${unit}`}
            onOpen={(b) => b.key && openVendor(b.key)}
            reference={{ at: 100 * s.test2023.share, label: `${pct(s.test2023.share, 0)} limit` }}
          />
        </ChartCard>

        <ChartCard
          title="Exposure by vendor and data category"
          subtitle="Horizontal axis: weighted exposure (people × category weight) of the ten largest holders, by data category; click a bar to open the vendor"
          empty={stack.rows.length ? null : 'No data holdings recorded yet.'}
          legend={stack.categories.map((c) => ({ label: c.label, colour: c.colour }))}
          table={{ caption: 'Exposure by vendor and data category', columns: [{ label: 'Vendor' }, ...stack.categories.map((c) => ({ label: c.label, numeric: true }))], rows: stack.rows.map((r) => [String(r.vendor), ...stack.categories.map((c) => formatInteger(Number(r[c.field])))]) }}
        >
          <ResponsiveContainer width="100%" height={Math.max(260, stack.rows.length * 30 + 70)}>
            <BarChart data={stack.rows} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 24 }}>
              <CartesianGrid horizontal={false} strokeDasharray="3 3" />
              <XAxis type="number" tickFormatter={(v: number) => formatCompact(v)} label={{ value: 'Weighted exposure (people × weight)', position: 'insideBottom', offset: -14 }} />
              <YAxis type="category" dataKey="vendor" width={190} interval={0} />
              <Tooltip
                wrapperStyle={tooltipWrapper}
                allowEscapeViewBox={{ x: false, y: true }}
                content={({ active, payload, label }) => {
                  const rows = tooltipRows(payload ?? []);
                  if (!active || rows.length === 0) return null;
                  return (
                    <div className="chart-tooltip">
                      <strong>{label}</strong>
                      <table>
                        <tbody>
                          {rows.map((r) => (
                            <tr key={String(r.dataKey)}>
                              <td>
                                <span className="swatch" style={{ background: r.color }} />
                                {r.name}
                              </td>
                              <td className="num">{formatCompact(Number(r.value))}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  );
                }}
              />
              {stack.categories.map((c) => (
                <Bar key={c.field} dataKey={c.field} name={c.label} stackId="exposure" fill={c.colour} isAnimationActive={false} cursor="pointer" onClick={(d) => openVendor((d.payload as { key: number }).key)} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>

        <ChartCard
          title="Where the data is stored"
          subtitle={`Horizontal axis: share of weighted exposure by storage country, %; ${pct(score.geography.outsideHomeShare)} outside ${countryName(score.geography.homeCountry)}; click a bar for its figures`}
          empty={countries.length ? null : 'No storage countries recorded on holdings.'}
          legend={[
            { label: 'Home country', colour: '#2a9d8f' },
            { label: 'Abroad', colour: '#b45309' },
          ]}
          table={{ caption: 'Where the data is stored', columns: [{ label: 'Country' }, { label: 'Share %', numeric: true }, { label: 'Weighted exposure', numeric: true }], rows: countries.map((c) => [c.name, c.share.toFixed(1), formatInteger(c.exposure)]) }}
        >
          <ShareBars
            data={countries}
            axisLabel="Share of exposure (%)"
            labelWidth={150}
            domainMax={100}
            colour={(c) => (c.country === country ? '#0f3d7a' : c.home ? '#2a9d8f' : '#b45309')}
            tooltip={(c) => `${c.share.toFixed(1)} % · ${formatCompact(c.exposure)} weighted exposure`}
            onOpen={(c) => setCountry(c.country === country ? null : c.country)}
          />
          {selectedCountry && (
            <p className="small" data-testid="country-selected" role="status">
              <strong>{selectedCountry.name}</strong>: {selectedCountry.share.toFixed(1)} % of weighted exposure ({formatInteger(selectedCountry.exposure)}), {selectedCountry.home ? 'the home country' : 'stored abroad'}.
            </p>
          )}
        </ChartCard>

        <ChartCard
          title="Risk matrix"
          subtitle={`Horizontal axis: likelihood of an incident within a year (from incident frequency; every vendor at least the base rate, ${pct(-Math.expm1(-s.baseIncidentRate))}); vertical axis: severity (impact and resilience gap), 0–1; curves: equal risk score, 100 × √(severity × likelihood); dot size: exposure${points.length >= 400 ? '; the 400 vendors with most exposure' : ''}`}
          empty={points.length ? null : 'No vendors with data or critical services yet.'}
          legend={[{ label: 'Vendor (size: exposure)', colour: '#2f6fd6' }, ...isolines.map((l) => ({ label: `Score ${l.score}`, colour: l.score >= 75 ? '#b42318' : l.score >= 50 ? '#d08a1a' : '#8c8c8c' }))]}
          table={{ caption: 'Risk matrix', columns: [{ label: 'Vendor' }, { label: 'Score', numeric: true }, { label: 'Severity', numeric: true }, { label: 'Likelihood', numeric: true }, { label: 'Exposure', numeric: true }], rows: [...points].sort((a, b) => b.score - a.score).slice(0, 50).map((p) => [p.name, p.score, p.severity.toFixed(2), p.likelihood.toFixed(2), formatInteger(p.exposure)]) }}
        >
          <ResponsiveContainer width="100%" height={340}>
            <ScatterChart margin={{ left: 8, right: 24, top: 8, bottom: 28 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" dataKey="likelihood" name="Likelihood" domain={[0, maxLikelihood]} tickFormatter={(v: number) => v.toFixed(1)} allowDataOverflow label={{ value: 'Likelihood of an incident within a year (0–1)', position: 'insideBottom', offset: -16 }} />
              <YAxis type="number" dataKey="severity" name="Severity" domain={[0, 1]} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: 'Severity (0–1)', angle: -90, position: 'insideLeft', offset: 10 }} />
              <ZAxis type="number" dataKey="exposure" range={[40, 600]} name="Exposure" />
              {isolines.map((l) => (
                <Scatter key={l.score} data={l.points} line={{ stroke: l.score >= 75 ? '#b42318' : l.score >= 50 ? '#d08a1a' : '#8c8c8c', strokeDasharray: '6 4', strokeWidth: 1.5 }} shape={() => <g />} legendType="none" isAnimationActive={false} tooltipType="none" />
              ))}
              <Tooltip
                wrapperStyle={tooltipWrapper}
                content={({ payload }) => {
                  const p = payload?.[0]?.payload as (ReturnType<typeof riskPoints>[number] & { isoline?: number }) | undefined;
                  return p && p.isoline === undefined ? (
                    <div className="chart-tooltip">
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

        <ChartCard
          title={`Concentration index over time · ${BASIS_LABELS[basis].toLowerCase()}`}
          subtitle={`Vertical axis: index (HHI), 0–10,000; horizontal axis: snapshot date. ${trend.length} snapshot${trend.length === 1 ? '' : 's'} of method v${score.methodVersion}${earlierMethod ? ` (${earlierMethod} earlier of method v1 not drawn: not comparable; the method change is marked)` : ''}; dashed: ${s.bands.moderate.toLocaleString('en')} and ${s.bands.high.toLocaleString('en')} band limits`}
          empty={trend.length < 2 ? 'A trend needs two snapshots or more: one is taken each day the register changes, or take one now.' : null}
          legend={[
            { label: 'Concentration index', colour: '#2f6fd6' },
            { label: 'Band limits', colour: '#d08a1a' },
            ...(methodChangeAt ? [{ label: 'Method change', colour: '#566170' }] : []),
          ]}
          table={{ caption: 'Concentration index over time', columns: [{ label: 'Snapshot date' }, { label: 'Index', numeric: true }, { label: 'Largest dependency share %', numeric: true }], rows: trend.map((t) => [t.date, formatInteger(t.hhi), t.dependency === null ? '—' : t.dependency.toFixed(1)]) }}
        >
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={trend} margin={{ left: 8, right: 24, top: 16, bottom: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" label={{ value: 'Snapshot date', position: 'insideBottom', offset: -14 }} />
              <YAxis domain={[0, 10_000]} label={{ value: 'Index (0–10,000)', angle: -90, position: 'insideLeft', offset: 10 }} />
              <Tooltip wrapperStyle={tooltipWrapper} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border-strong)', color: 'var(--text)' }} />
              <ReferenceLine y={s.bands.moderate} stroke="#d08a1a" strokeDasharray="6 4" />
              <ReferenceLine y={s.bands.high} stroke="var(--danger)" strokeDasharray="6 4" />
              {methodChangeAt && <ReferenceLine x={methodChangeAt} stroke="#566170" strokeWidth={2} label={{ value: `method v${score.methodVersion}`, position: 'top', fill: 'var(--text-muted)', fontSize: 12 }} />}
              <Line type="monotone" dataKey="hhi" name="Index" stroke="#2f6fd6" strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>

      <ProviderRankingCharts ranking={board.scenarioRanking} onOpen={openVendor} />

      <div className="two-columns">
        <div className="card">
          <h3>Single points of failure</h3>
          {score.singlePointsOfFailure.length === 0 ? (
            <p className="muted">{board.riskHeadline.figures.find((f) => f.key === 'singlePoints')!.sentence}</p>
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
          {empty && basis === 'exposure' ? (
            <p className="muted">No data holdings recorded yet.</p>
          ) : (
            <p>
              Between <strong>{people.lowerBound.toLocaleString('en')}</strong> and <strong>{people.upperBound.toLocaleString('en')}</strong> distinct people
              {people.customerBase !== null ? ` (customer base ${people.customerBase.toLocaleString('en')})` : ''}: one customer can sit at many vendors, so people are
              never added up across vendors.
            </p>
          )}
          {people.notEntered > 0 && <p className="muted small">{people.notEntered} vendors have no count of distinct people: each is counted as at least its largest data category.</p>}
          {people.belowLargestCategory.length > 0 && (
            <p className="muted small">People entered below the largest category (counted as that category): {people.belowLargestCategory.join(', ')}.</p>
          )}
        </div>
      </div>

      <details className="card method">
        <summary>Weights and thresholds in force</summary>
        <dl className="facts">
          <dt>Concentration index (HHI) bands</dt>
          <dd>
            unconcentrated below {s.bands.moderate.toLocaleString('en')}, moderate to {s.bands.high.toLocaleString('en')}, high above
          </dd>
          <dt>2023 test of a change</dt>
          <dd>
            a change with the index after above {s.test2023.hhi.toLocaleString('en')}, or a holder above {pct(s.test2023.share, 0)}, each with a rise of the index (ΔHHI) above {s.test2023.deltaHhi}
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
            100 × √(severity × likelihood); severity = {Number((1 - s.resilienceWeight).toFixed(2))} × impact + {s.resilienceWeight} × resilience gap; impact full at {pct(s.impactShareCap, 0)} dependency share
          </dd>
          <dt>Spend</dt>
          <dd>
            in {s.reportingCurrency}; rates {Object.entries(s.fxRates).map(([c, r]) => `${c} ${r}`).join(', ')}
          </dd>
        </dl>
        <p className="muted small">Method v{score.methodVersion}; the method and a worked example are under Help.</p>
      </details>
    </section>
  );
}
