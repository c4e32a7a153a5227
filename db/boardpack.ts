// The board pack: one self-contained HTML document (inline styles, inline SVG charts, no script, no external resource
// of any kind), laid out for A4 landscape with page numbers, one idea per page, and an appendix with the method.
import { METHOD_VERSION, type BoardSummary, type HeadlineFigure } from './contract';
import { countryName } from './shared/countries';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number | null, digits = 1) => (x === null ? '—' : `${(100 * x).toFixed(digits)} %`);
const int = (x: number | null) => (x === null ? '—' : Math.round(x).toLocaleString('en'));
const compact = (x: number) => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(x);
const date = (iso: string | null) => (iso ? new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).toLocaleDateString('en-AU', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) : '—');

function formatFigure(f: HeadlineFigure, value: number | null): string {
  if (value === null) return '—';
  if (f.key === 'cr1' || f.key === 'cr3' || f.key === 'largestDependencyShare') return pct(value);
  if (f.key === 'effectiveNumber') return value.toFixed(2);
  if (f.key === 'totalExposure') return compact(value);
  return int(value);
}

function change(f: HeadlineFigure, before: number | null): string {
  if (f.value === null || before === null) return '<span class="muted">no earlier figure</span>';
  const delta = f.value - before;
  if (Math.abs(delta) < 1e-9) return '<span class="muted">no change</span>';
  const worse = f.higherIsWorse ? delta > 0 : delta < 0;
  const shown = f.key === 'cr1' || f.key === 'cr3' || f.key === 'largestDependencyShare' ? `${(100 * Math.abs(delta)).toFixed(1)} pts` : f.key === 'effectiveNumber' ? Math.abs(delta).toFixed(2) : f.key === 'totalExposure' ? compact(Math.abs(delta)) : int(Math.abs(delta));
  return `<span class="${worse ? 'worse' : 'better'}">${delta > 0 ? '▲' : '▼'} ${shown}</span>`;
}

interface Bar {
  label: string;
  value: number;
  colour: string;
}

/** A horizontal bar chart of percentages, as inline SVG: title, axis with unit, gridlines, an optional limit line. */
/** What fits left of the bars (about 240 px at 13 px): a longer label keeps its start and ends in "…" (the whole label is its tooltip). */
const LABEL_CHARS = 32;

export function fitLabel(label: string): string {
  const chars = [...label];
  return chars.length <= LABEL_CHARS ? label : `${chars.slice(0, LABEL_CHARS - 1).join('').trimEnd()}…`;
}

export function svgBars(title: string, bars: Bar[], axisLabel: string, limit?: { at: number; label: string }): string {
  const width = 900;
  const left = 250;
  const right = 40;
  const rowHeight = 30;
  const top = 36;
  const height = top + bars.length * rowHeight + 56;
  const max = Math.max(limit ? limit.at * 1.3 : 0, 10, ...bars.map((b) => b.value));
  const step = max <= 60 ? 10 : 20;
  const axisMax = Math.ceil(max / step) * step;
  const x = (v: number) => left + ((width - left - right) * v) / axisMax;
  const ticks = Array.from({ length: axisMax / step + 1 }, (_, i) => i * step);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escape(title)}">`,
    `<title>${escape(title)}</title>`,
    ...ticks.map((t) => `<line x1="${x(t)}" y1="${top - 6}" x2="${x(t)}" y2="${top + bars.length * rowHeight}" stroke="#d9dee6" stroke-dasharray="3 3"/><text x="${x(t)}" y="${top + bars.length * rowHeight + 18}" text-anchor="middle" font-size="12" fill="#566170">${t.toFixed(0)} %</text>`),
    ...bars.map((b, i) => {
      const y = top + i * rowHeight;
      return `<text x="${left - 10}" y="${y + 19}" text-anchor="end" font-size="13" fill="#17202c"><title>${escape(b.label)}</title>${escape(fitLabel(b.label))}</text><rect x="${left}" y="${y + 5}" width="${Math.max(1, x(b.value) - left)}" height="${rowHeight - 10}" rx="2" fill="${b.colour}"/><text x="${x(b.value) + 6}" y="${y + 19}" font-size="12" fill="#17202c">${b.value.toFixed(1)} %</text>`;
    }),
    limit
      ? `<line x1="${x(limit.at)}" y1="${top - 10}" x2="${x(limit.at)}" y2="${top + bars.length * rowHeight}" stroke="#b42318" stroke-width="2" stroke-dasharray="6 4"/><text x="${x(limit.at)}" y="${top - 14}" text-anchor="middle" font-size="12" fill="#b42318">${escape(limit.label)}</text>`
      : '',
    `<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle" font-size="13" fill="#566170">${escape(axisLabel)}</text>`,
    '</svg>',
  ];
  return parts.join('');
}

/** The HHI trend from snapshots as an inline SVG line chart with the band limits. */
export function svgTrend(points: { date: string; hhi: number }[], bands: { moderate: number; high: number }): string {
  const width = 900;
  const height = 360;
  const [left, right, top, bottom] = [70, 30, 20, 60];
  const yMax = Math.max(bands.high * 1.2, ...points.map((p) => p.hhi)) * 1.05;
  const x = (i: number) => left + ((width - left - right) * i) / Math.max(1, points.length - 1);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / yMax);
  const ticks = Array.from({ length: 5 }, (_, i) => (yMax * i) / 4);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.hhi).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="HHI over time">`,
    '<title>HHI over time</title>',
    ...ticks.map((t) => `<line x1="${left}" y1="${y(t)}" x2="${width - right}" y2="${y(t)}" stroke="#d9dee6" stroke-dasharray="3 3"/><text x="${left - 8}" y="${y(t) + 4}" text-anchor="end" font-size="12" fill="#566170">${Math.round(t).toLocaleString('en')}</text>`),
    `<line x1="${left}" y1="${y(bands.moderate)}" x2="${width - right}" y2="${y(bands.moderate)}" stroke="#b45309" stroke-dasharray="6 4"/><text x="${width - right}" y="${y(bands.moderate) - 5}" text-anchor="end" font-size="12" fill="#b45309">moderate ${bands.moderate.toLocaleString('en')}</text>`,
    `<line x1="${left}" y1="${y(bands.high)}" x2="${width - right}" y2="${y(bands.high)}" stroke="#b42318" stroke-dasharray="6 4"/><text x="${width - right}" y="${y(bands.high) - 5}" text-anchor="end" font-size="12" fill="#b42318">high ${bands.high.toLocaleString('en')}</text>`,
    `<path d="${path}" fill="none" stroke="#1d5fc2" stroke-width="3"/>`,
    ...points.map((p, i) => `<circle cx="${x(i)}" cy="${y(p.hhi)}" r="4" fill="#1d5fc2"/>${i % labelEvery === 0 || i === points.length - 1 ? `<text x="${x(i)}" y="${height - bottom + 20}" text-anchor="middle" font-size="12" fill="#566170">${escape(p.date)}</text>` : ''}`),
    `<text x="${(left + width - right) / 2}" y="${height - 10}" text-anchor="middle" font-size="13" fill="#566170">Snapshot date</text>`,
    `<text x="18" y="${(top + height - bottom) / 2}" transform="rotate(-90 18 ${(top + height - bottom) / 2})" text-anchor="middle" font-size="13" fill="#566170">HHI (0–10,000)</text>`,
    '</svg>',
  ].join('');
}

const STYLE = `
  @page { size: A4 landscape; margin: 14mm 16mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 10px system-ui, sans-serif; color: #566170; } @bottom-left { content: "Vendor Risk Register · board pack"; font: 10px system-ui, sans-serif; color: #566170; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif; color: #17202c; background: #fff; }
  section.page { page-break-after: always; break-after: page; min-height: 170mm; padding: 4mm 0; }
  section.page:last-child { page-break-after: auto; }
  h1 { font-size: 34px; margin: 0 0 8px; letter-spacing: -0.02em; }
  h2 { font-size: 22px; margin: 0 0 4px; }
  .lead { color: #566170; margin: 0 0 14px; font-size: 14px; }
  .cover { display: flex; flex-direction: column; justify-content: center; min-height: 160mm; border-left: 10px solid #1d5fc2; padding-left: 14mm; }
  .cover .kicker { text-transform: uppercase; letter-spacing: .08em; font-weight: 700; color: #1d5fc2; }
  .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
  .tile { border: 1px solid #d9dee6; border-top: 4px solid #1d5fc2; border-radius: 6px; padding: 10px 12px; }
  .tile .label { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: #566170; font-weight: 700; }
  .tile .value { font-size: 26px; font-weight: 700; margin: 2px 0; }
  .tile .delta { font-size: 12px; }
  .worse { color: #b42318; font-weight: 600; } .better { color: #067647; font-weight: 600; } .muted { color: #566170; }
  table { width: 100%; border-collapse: collapse; margin-top: 8px; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
  th { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #566170; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .band { display: inline-block; padding: 1px 8px; border-radius: 999px; font-weight: 700; font-size: 12px; }
  .band-high { background: #fdecea; color: #b42318; } .band-moderate { background: #fff4e0; color: #9a4a05; } .band-unconcentrated { background: #e7f7ee; color: #067647; }
  .two { display: grid; grid-template-columns: 3fr 2fr; gap: 18px; }
  table.compact td, table.compact th { padding: 2px 8px; }
  h3 { font-size: 15px; margin: 10px 0 2px; }
  .note { border-left: 4px solid #d9dee6; padding: 6px 10px; color: #566170; }
  code { font: 12px ui-monospace, 'DejaVu Sans Mono', monospace; }
`;

export function boardPackHtml(summary: BoardSummary): { html: string; fileName: string } {
  const p = summary.portfolio;
  const s = p.settings;
  const e = p.bases.exposure;
  const asOf = date(summary.asOf);
  const tiles = summary.headline
    .map(
      (f) => `<div class="tile"><div class="label">${escape(f.label)}</div><div class="value">${formatFigure(f, f.value)}</div>
        <div class="delta">vs previous snapshot: ${change(f, f.previous)}</div><div class="delta">vs a quarter ago: ${change(f, f.quarterAgo)}</div></div>`,
    )
    .join('');
  const shares = e.top.slice(0, 12).map((h) => ({ label: h.name, value: 100 * h.share, colour: h.share > s.test2023.share ? '#c2410c' : '#1d5fc2' }));
  const providers = p.providers.slice(0, 10);
  const largest = p.largestDependency;
  const countries = p.geography.byCountry.slice(0, 10).map((c) => ({ label: countryName(c.country), value: 100 * c.share, colour: c.country === p.geography.homeCountry ? '#2a9d8f' : '#e07b24' }));
  // Only figures of the method in force are drawn together; earlier ones are counted, not compared.
  const trend = summary.snapshots.filter((snap) => snap.methodVersion === METHOD_VERSION).map((snap) => ({ date: snap.takenAt.slice(0, 10), hhi: snap.hhi }));
  const olderMethod = summary.snapshots.length - trend.length;
  const empty = (text: string) => `<p class="note">${escape(text)}</p>`;
  const sources = [...new Set(summary.incidents.map((i) => i.sourceUrl).filter((u): u is string => !!u))];

  const pages = [
    `<section class="page"><div class="cover"><div class="kicker">Board pack</div><h1>${escape(summary.registerName)}</h1>
      <p class="lead">Vendor concentration risk as of ${asOf} · period: the last ${summary.periodDays} days</p>
      <p class="muted">${p.vendorCount} vendors counted (active, under review, offboarding); ${p.excluded.proposed} proposed, ${p.excluded.exited} exited and ${p.excluded.fourthPartiesOnly} fourth parties left out.
      Every figure is computed from the register with the method in the appendix.</p></div></section>`,

    `<section class="page"><h2>Headline figures</h2><p class="lead">Concentration on weighted exposure (records × data sensitivity), groups counted as one.
      ${largest ? `<b>${pct(largest.share)} of our customers' data exposure sits with or behind ${escape(largest.name)}</b>, through ${largest.vendorCount} vendor${largest.vendorCount === 1 ? '' : 's'} (dependency share, ${largest.band}).` : ''}
      HHI band: <span class="band band-${e.band ?? 'unconcentrated'}">${e.band ?? 'no data'}</span>.
      Previous snapshot: ${date(summary.previousSnapshotAt)}; a quarter ago: ${date(summary.quarterSnapshotAt)}.</p><div class="tiles">${tiles}</div></section>`,

    `<section class="page"><h2>Where concentration sits</h2><p class="lead">${e.cr1Holder ? `${escape(e.cr1Holder)} holds ${pct(e.cr1)} of weighted exposure; the three largest hold ${pct(e.cr3)}.` : 'No data holdings are recorded yet.'}</p>
      ${shares.length ? svgBars('Top vendors by share of weighted exposure', shares, 'Share of weighted exposure (%)', { at: 100 * s.test2023.share, label: `${pct(s.test2023.share, 0)} limit` }) : empty('No data holdings recorded: nothing to chart.')}</section>`,

    `<section class="page"><h2>Dependencies and single points of failure</h2><p class="lead">The providers most of our customers' data rides on, directly or through our vendors' suppliers, and the services that rest on one provider.</p><div class="two"><div>
      ${providers.length ? svgBars('Dependency share: exposure held by or behind each provider', providers.map((f) => ({ label: `${f.name} (${f.vendorCount})`, value: 100 * f.share, colour: f.band === 'high' ? '#c2410c' : f.band === 'moderate' ? '#b45309' : '#1d5fc2' })), 'Share of weighted exposure (%); (n) = vendors counted', { at: 100 * s.dependencyBands.high, label: `${pct(s.dependencyBands.high, 0)} high` }) : empty('No data holdings recorded.')}
      </div><div><table><thead><tr><th>Service</th><th>Rests on</th><th>Kind</th><th>Severity</th></tr></thead><tbody>
      ${p.singlePointsOfFailure.map((f) => `<tr><td>${escape(f.serviceName)} <span class="muted">(${f.criticality})</span></td><td>${escape(f.provider?.name ?? 'no live vendor')}</td><td>${f.kind}</td><td class="${f.severity === 'high' ? 'worse' : ''}">${f.severity}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">Every critical and important service has more than one provider.</td></tr>'}
      </tbody></table>
      <p class="muted">${p.hiddenConcentrations} hidden concentration${p.hiddenConcentrations === 1 ? '' : 's'}: providers behind two or more of our vendors that support critical services.</p></div></div></section>`,

    `<section class="page"><h2>Where customer data is stored</h2><p class="lead">${pct(p.geography.outsideHomeShare)} of weighted exposure is stored outside ${escape(countryName(p.geography.homeCountry))}.</p>
      ${countries.length ? svgBars('Share of weighted exposure by storage country', countries, 'Share of weighted exposure (%)') : empty('No storage countries recorded.')}</section>`,

    `<section class="page"><h2>In the period and the quarter ahead</h2><div class="two"><div><h3>Incidents (last ${summary.periodDays} days)</h3><table><thead><tr><th>Date</th><th>Vendor</th><th>Incident</th><th class="num">Told after</th></tr></thead><tbody>
      ${summary.incidents.map((i) => `<tr><td>${date(i.occurredFrom ?? i.weWereTold)}</td><td>${escape(i.vendorName)}</td><td>${escape(i.title)}</td><td class="num">${i.clocks.notificationLagDays === null ? '—' : `${i.clocks.notificationLagDays} d`}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">No incidents in the period.</td></tr>'}
      </tbody></table><h3>Reviews decided</h3><table><thead><tr><th>Date</th><th>Vendor</th><th>Decision</th></tr></thead><tbody>
      ${summary.reviews.map((r) => `<tr><td>${date(r.reviewDate)}</td><td>${escape(r.vendorName)}</td><td>${escape(r.outcome.replace(/_/g, ' '))}</td></tr>`).join('') || '<tr><td colspan="3" class="muted">No reviews decided in the period.</td></tr>'}
      </tbody></table></div><div><h3>Contract notice deadlines (next quarter)</h3><table><thead><tr><th>Deadline</th><th>Vendor</th><th>Contract</th></tr></thead><tbody>
      ${summary.noticeDeadlines.map((d) => `<tr><td class="${d.daysLeft < 0 ? 'worse' : ''}">${date(d.date)}</td><td>${escape(d.vendorName)}</td><td>${escape(d.detail)}</td></tr>`).join('') || '<tr><td colspan="3" class="muted">No notice deadlines in the next quarter.</td></tr>'}
      </tbody></table></div></div></section>`,

    `<section class="page"><h2>Trend</h2><p class="lead">HHI on weighted exposure at each snapshot (taken on demand, and after the first change of a day).</p>
      ${trend.length >= 2 ? svgTrend(trend, s.bands) : empty(trend.length === 1 ? `One snapshot so far (${trend[0]!.date}, HHI ${int(trend[0]!.hhi)}): the trend appears from the second.` : 'No snapshots yet: the trend appears once two have been taken.')}
      ${olderMethod ? `<p class="note">${olderMethod} earlier snapshot${olderMethod === 1 ? ' was' : 's were'} computed with method v1 and ${olderMethod === 1 ? 'is' : 'are'} not drawn: their figures are not comparable with method v${METHOD_VERSION}.</p>` : ''}</section>`,

    `<section class="page"><h2>Appendix: method, weights and thresholds</h2><div class="two"><div>
      <p><b>Method v${METHOD_VERSION}.</b> <b>Exposure</b> E(v) = Σ<sub>c</sub> people(v,c) × weight(c), a count of person × category data items weighted by sensitivity; share s(v) = E(v) / Σ E. Vendors are aggregated to their ultimate parent.</p>
      <p><b>Dependency share</b> of a provider group = exposure held by the group or by any live vendor whose supply chain reaches it (each vendor once) / Σ E. Bands: from ${pct(s.dependencyBands.moderate, 0)} moderate, above ${pct(s.dependencyBands.high, 0)} high.</p>
      <p><b>HHI</b> = Σ (100·s)², 0–10,000, reported to the whole point; <b>effective number</b> = 10,000 / HHI; <b>CR1</b>, <b>CR3</b> = largest, three largest shares.
      Bands: below ${int(s.bands.moderate)} unconcentrated, to ${int(s.bands.high)} moderate, above high. 2023 test of a change: HHI after above ${int(s.test2023.hhi)} with a rise above ${int(s.test2023.deltaHhi)}, or a holder above ${pct(s.test2023.share, 0)} with a rise above ${int(s.test2023.deltaHhi)}.</p>
      <p><b>Single point of failure</b>: a critical or important service whose live vendors (full or material reliance) are all one group, or all depend on one provider group, or that no live vendor supports.</p>
      <p><b>Risk score</b> = 100 × √(severity × likelihood); severity = ${1 - s.resilienceWeight} × impact + ${s.resilienceWeight} × resilience gap; likelihood = 1 − e<sup>−(${s.baseIncidentRate} + rate)</sup>, rate = ln 2 / ${s.incidentHalfLifeYears} × Σ kind factor × 0.5<sup>age/${s.incidentHalfLifeYears} y</sup>.</p>
      <p><b>Bases</b>: exposure, people (per vendor; a person at two vendors counts at both), annual spend (in ${escape(s.reportingCurrency)}; rates ${escape(Object.entries(s.fxRates).map(([c, r]) => `${c} ${r}`).join(', '))}), critical-service reliance (full ${s.relianceWeights.full}, material ${s.relianceWeights.material}, low ${s.relianceWeights.low}).
      HHI on people ${int(p.bases.people.hhi)}, on spend ${int(p.bases.spend.hhi)}, on critical services ${int(p.bases.critical.hhi)}.</p>
      <p><b>Impact</b> = 0.7 × min(1, dependency share of the vendor's group / ${s.impactShareCap}) + 0.3 × min(1, critical reliance / ${s.impactCriticalCap}). <b>Resilience gap</b> = mean of substitutability (easy ${s.substitutabilityGap.easy}, medium ${s.substitutabilityGap.medium}, difficult ${s.substitutabilityGap.difficult}, not substitutable or not assessed ${s.substitutabilityGap.not_substitutable}), no exit plan (1) and review overdue or not scheduled (1).
      Incident kind factors: ${escape(Object.entries(s.incidentKindFactors).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`).join(', '))}.</p>
      </div><div><table class="compact"><thead><tr><th>Data category</th><th class="num">Weight in force</th><th class="num">Default</th></tr></thead><tbody>
      ${summary.categories.map((c) => `<tr><td>${escape(c.label)}</td><td class="num">${c.weight}</td><td class="num">${c.defaultWeight ?? '—'}</td></tr>`).join('')}
      </tbody></table><p class="muted">Full method and a worked example: docs/scoring.md.</p></div></div></section>`,

    `<section class="page"><h2>Appendix: data sources</h2><p>All figures come from the register “${escape(summary.registerName)}” as of ${asOf}: ${p.vendorCount} vendors counted, holding data of between ${int(p.people.lowerBound)} and ${int(p.people.upperBound)} distinct people, ${summary.snapshots.length} snapshot${summary.snapshots.length === 1 ? '' : 's'}.</p>
      ${sources.length ? `<p>Incident sources cited in the period:</p><ul>${sources.map((u) => `<li><code>${escape(u)}</code></li>`).join('')}</ul>` : '<p class="muted">No incident sources cited in the period.</p>'}
      <p class="muted">Generated by Vendor Risk Register. This document loads nothing from outside itself.</p></section>`,
  ];

  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Board pack — ${escape(summary.registerName)} — ${summary.asOf.slice(0, 10)}</title><style>${STYLE}</style></head><body>${pages.join('\n')}</body></html>`;
  return { html, fileName: `Board pack - ${summary.registerName} - ${summary.asOf.slice(0, 10)}.html` };
}
