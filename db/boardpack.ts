// The board pack: one self-contained HTML document (inline styles, inline SVG charts, no script, no external resource
// of any kind), laid out for A4 landscape with page numbers: a cover, the executive summary (the headline's sentences
// with their bands) as page 2, then one idea per page, and appendices with the method version and every setting.
// Charts are drawn at their printed size (1 unit = 1 CSS px), so every label of 12 px prints at 9 pt.
import { METHOD_VERSION, type BoardSummary } from './contract';
import { countryName } from './shared/countries';
import { formatDay, formatInteger, formatPercent, providerLabel, type HeadlineBand, type HeadlineItem } from './shared/headline';
import { explainSettings } from './shared/settings-explained';
import { layoutMap, mapSvg, MAP_COLOURS, pruneMap } from './shared/map-layout';
import { rankingBars, rankingHelp } from './shared/scenario-figures';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Rows a table of the pack lists: the pack stays a few pages whatever the register's size; the rest is counted. */
const LISTED_ROWS = 12;
const listed = <T>(rows: readonly T[]) => rows.slice(0, LISTED_ROWS);
const more = (rows: readonly unknown[], columns: number, one: string, count = rows.length) =>
  count > LISTED_ROWS ? `<tr><td colspan="${columns}" class="muted">and ${plural(count - LISTED_ROWS, `more ${one}`, `more ${one}s`)} (${plural(count, one)} in all; the app lists every one)</td></tr>` : '';

/** Colours of a band; the words always go with them. */
export const BAND_COLOURS: Record<'high' | 'moderate' | 'low' | 'none', { ink: string; fill: string }> = {
  high: { ink: '#b42318', fill: '#fdecea' },
  moderate: { ink: '#8a3c04', fill: '#fff1dc' },
  low: { ink: '#067647', fill: '#e3f5ea' },
  none: { ink: '#4a5563', fill: '#eef1f5' },
};
const bandChip = (band: HeadlineBand, words: string) => `<span class="band band-${band ?? 'none'}">${escape(words)}</span>`;

interface Bar {
  label: string;
  value: number;
  colour: string;
}

/** Characters that fit in a label column of `width` px at 12 px. */
const charsFor = (width: number) => Math.floor(width / 7);

export function fitLabel(label: string, chars = 32): string {
  const glyphs = [...label];
  return glyphs.length <= chars ? label : `${glyphs.slice(0, chars - 1).join('').trimEnd()}…`;
}

/**
 * A horizontal bar chart of percentages, as inline SVG at its printed size: title, axis with unit, gridlines, an
 * optional limit line. A label too long for its column keeps its start, ends in "…" with a key number, and the chart's
 * key (returned with it) gives the whole name.
 */
export function svgBars(title: string, bars: Bar[], axisLabel: string, options: { width?: number; labelWidth?: number; limit?: { at: number; label: string } } = {}): string {
  const { width = 960, labelWidth = 280, limit } = options;
  const left = labelWidth + 12;
  const right = 56;
  const rowHeight = 28;
  const top = 30;
  const height = top + bars.length * rowHeight + 52;
  const max = Math.max(limit ? limit.at * 1.3 : 0, 10, ...bars.map((b) => b.value));
  const step = max <= 60 ? 10 : 20;
  const axisMax = Math.min(100, Math.ceil(max / step) * step);
  const x = (v: number) => left + ((width - left - right) * v) / axisMax;
  const ticks = Array.from({ length: axisMax / step + 1 }, (_, i) => i * step);
  const chars = charsFor(labelWidth);
  const key: string[] = [];
  const shown = bars.map((b) => {
    if ([...b.label].length <= chars) return b.label;
    key.push(b.label);
    return `${fitLabel(b.label, chars - 4)} [${key.length}]`;
  });
  const bottom = top + bars.length * rowHeight;
  const parts = [
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}">`,
    `<title>${escape(title)}</title>`,
    ...ticks.map((t) => `<line x1="${x(t)}" y1="${top - 4}" x2="${x(t)}" y2="${bottom}" stroke="#d9dee6" stroke-dasharray="3 3"/><text x="${x(t)}" y="${bottom + 18}" text-anchor="middle" font-size="12" fill="#4a5563">${t.toFixed(0)} %</text>`),
    ...bars.map((b, i) => {
      const y = top + i * rowHeight;
      return `<text x="${left - 10}" y="${y + 18}" text-anchor="end" font-size="13" fill="#17202c"><title>${escape(b.label)}</title>${escape(shown[i]!)}</text><rect x="${left}" y="${y + 5}" width="${Math.max(1, x(b.value) - left)}" height="${rowHeight - 10}" rx="2" fill="${b.colour}"/><text x="${x(b.value) + 6}" y="${y + 18}" font-size="12" fill="#17202c">${b.value.toFixed(1)} %</text>`;
    }),
    limit
      ? `<line x1="${x(limit.at)}" y1="${top - 8}" x2="${x(limit.at)}" y2="${bottom}" stroke="#b42318" stroke-width="2" stroke-dasharray="6 4"/><text x="${x(limit.at)}" y="${top - 12}" text-anchor="middle" font-size="12" fill="#b42318">${escape(limit.label)}</text>`
      : '',
    `<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle" font-size="13" fill="#4a5563">${escape(axisLabel)}</text>`,
    '</svg>',
    key.length ? `<figcaption class="key">Key: ${key.map((k, i) => `[${i + 1}] ${escape(k)}`).join('; ')}</figcaption>` : '',
    '</figure>',
  ];
  return parts.join('');
}

/** The concentration index trend from snapshots of the method in force, with the band limits and the method change marked. */
export function svgTrend(points: { date: string; hhi: number }[], bands: { moderate: number; high: number }, methodChange: string | null): string {
  const width = 960;
  const height = 330;
  const [left, right, top, bottom] = [76, 30, methodChange ? 34 : 20, 60];
  const yMax = Math.max(bands.high * 1.2, ...points.map((p) => p.hhi)) * 1.05;
  const x = (i: number) => left + ((width - left - right) * i) / Math.max(1, points.length - 1);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / yMax);
  const ticks = Array.from({ length: 5 }, (_, i) => (yMax * i) / 4);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.hhi).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return [
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Concentration index over time">`,
    '<title>Concentration index (HHI) over time</title>',
    ...ticks.map((t) => `<line x1="${left}" y1="${y(t)}" x2="${width - right}" y2="${y(t)}" stroke="#d9dee6" stroke-dasharray="3 3"/><text x="${left - 8}" y="${y(t) + 4}" text-anchor="end" font-size="12" fill="#4a5563">${Math.round(t).toLocaleString('en')}</text>`),
    `<line x1="${left}" y1="${y(bands.moderate)}" x2="${width - right}" y2="${y(bands.moderate)}" stroke="#b45309" stroke-dasharray="6 4"/><text x="${width - right}" y="${y(bands.moderate) - 5}" text-anchor="end" font-size="12" fill="#8a3c04">moderate from ${bands.moderate.toLocaleString('en')}</text>`,
    `<line x1="${left}" y1="${y(bands.high)}" x2="${width - right}" y2="${y(bands.high)}" stroke="#b42318" stroke-dasharray="6 4"/><text x="${width - right}" y="${y(bands.high) - 5}" text-anchor="end" font-size="12" fill="#b42318">high above ${bands.high.toLocaleString('en')}</text>`,
    methodChange
      ? `<line x1="${x(0)}" y1="${top - 16}" x2="${x(0)}" y2="${height - bottom}" stroke="#4a5563" stroke-width="2"/><text x="${x(0) + 6}" y="${top - 20}" font-size="12" fill="#17202c">${escape(methodChange)}</text>`
      : '',
    `<path d="${path}" fill="none" stroke="#1d5fc2" stroke-width="3"/>`,
    ...points.map((p, i) => `<circle cx="${x(i)}" cy="${y(p.hhi)}" r="4" fill="#1d5fc2"/>${i % labelEvery === 0 || i === points.length - 1 ? `<text x="${x(i)}" y="${height - bottom + 20}" text-anchor="middle" font-size="12" fill="#4a5563">${escape(p.date)}</text>` : ''}`),
    `<text x="${(left + width - right) / 2}" y="${height - 10}" text-anchor="middle" font-size="13" fill="#4a5563">Snapshot date</text>`,
    `<text x="18" y="${(top + height - bottom) / 2}" transform="rotate(-90 18 ${(top + height - bottom) / 2})" text-anchor="middle" font-size="13" fill="#4a5563">Index, 0–10,000</text>`,
    '</svg></figure>',
  ].join('');
}

/**
 * Horizontal stacked bars of counts (people, services) as inline SVG at its printed size: title, axis with its unit,
 * gridlines, each part in its colour with the legend under the chart, the total at the end of each bar.
 */
export function svgStackedBars(title: string, rows: { label: string; parts: number[]; total: string }[], parts: { label: string; colour: string }[], axisLabel: string, format: (v: number) => string, options: { width?: number; labelWidth?: number } = {}): string {
  const { width = 470, labelWidth = 170 } = options;
  const left = labelWidth + 12;
  const right = 90;
  const rowHeight = 26;
  const top = 10;
  const height = top + rows.length * rowHeight + 52;
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((s, v) => s + v, 0)));
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((m) => max / m <= 5)!;
  const axisMax = Math.ceil(max / step) * step;
  const x = (v: number) => left + ((width - left - right) * v) / axisMax;
  const ticks = Array.from({ length: Math.round(axisMax / step) + 1 }, (_, i) => i * step);
  const bottom = top + rows.length * rowHeight;
  const chars = charsFor(labelWidth);
  return [
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}">`,
    `<title>${escape(title)}</title>`,
    ...ticks.map((t) => `<line x1="${x(t)}" y1="${top - 4}" x2="${x(t)}" y2="${bottom}" stroke="#d9dee6" stroke-dasharray="3 3"/><text x="${x(t)}" y="${bottom + 18}" text-anchor="middle" font-size="12" fill="#4a5563">${escape(format(t))}</text>`),
    ...rows.map((r, i) => {
      const y = top + i * rowHeight;
      let at = 0;
      const rects = r.parts.map((v, p) => {
        const rect = v > 0 ? `<rect x="${x(at)}" y="${y + 5}" width="${Math.max(1, x(at + v) - x(at))}" height="${rowHeight - 10}" fill="${parts[p]!.colour}"/>` : '';
        at += v;
        return rect;
      });
      return `<text x="${left - 10}" y="${y + 17}" text-anchor="end" font-size="12" fill="#17202c"><title>${escape(r.label)}</title>${escape(fitLabel(r.label, chars))}</text>${rects.join('')}<text x="${x(at) + 6}" y="${y + 17}" font-size="12" fill="#17202c">${escape(r.total)}</text>`;
    }),
    `<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle" font-size="13" fill="#4a5563">${escape(axisLabel)}</text>`,
    '</svg>',
    `<figcaption class="key">${parts.map((p) => `<span style="color:${p.colour}">■</span> ${escape(p.label)}`).join(' · ')}</figcaption></figure>`,
  ].join('');
}

const STYLE = `
  @page { size: A4 landscape; margin: 14mm 16mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 11px system-ui, sans-serif; color: #4a5563; } @bottom-left { content: "Vendor Risk Register · board pack"; font: 11px system-ui, sans-serif; color: #4a5563; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif; color: #17202c; background: #fff; }
  section.page { break-after: page; page-break-after: always; }
  section.page:last-child { break-after: auto; page-break-after: auto; }
  @media screen {
    body { background: #dfe4eb; padding: 16px 0; }
    section.page { width: 297mm; min-height: 210mm; margin: 0 auto 16px; padding: 14mm 16mm; background: #fff; box-shadow: 0 2px 10px rgba(16, 24, 40, .18); }
  }
  h1 { font-size: 38px; margin: 0 0 8px; letter-spacing: -0.02em; }
  h2 { font-size: 24px; margin: 0 0 4px; }
  h3 { font-size: 16px; margin: 12px 0 4px; }
  .lead { color: #3b4656; margin: 0 0 12px; font-size: 15px; }
  .cover { border-left: 10px solid #1d5fc2; padding: 18mm 0 0 14mm; min-height: 150mm; }
  .cover .kicker { text-transform: uppercase; letter-spacing: .08em; font-weight: 700; color: #1d5fc2; }
  .cover .headline { font-size: 20px; font-weight: 600; max-width: 230mm; margin: 10mm 0; }
  .cover ol { font-size: 15px; columns: 2; max-width: 200mm; padding-left: 20px; }
  .summary { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 16px; }
  .summary article { border: 1px solid #d9dee6; border-left-width: 6px; border-radius: 6px; padding: 8px 12px; break-inside: avoid; }
  .summary h3 { margin: 0; font-size: 13px; text-transform: uppercase; letter-spacing: .03em; color: #3b4656; }
  .summary .value { font-size: 26px; font-weight: 700; margin-right: 10px; }
  .summary p { margin: 4px 0 0; font-size: 14px; }
  .summary .changes { font-size: 13px; color: #3b4656; }
  ${Object.entries(BAND_COLOURS).map(([band, c]) => `.summary article.is-${band} { border-left-color: ${c.ink}; }`).join(' ')}
  .worse { color: #b42318; font-weight: 600; } .better { color: #067647; font-weight: 600; } .muted { color: #4a5563; }
  table { width: 100%; border-collapse: collapse; margin-top: 6px; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
  th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #3b4656; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .band { display: inline-block; padding: 1px 9px; border-radius: 999px; font-weight: 700; font-size: 13px; border: 1px solid currentColor; }
  ${Object.entries(BAND_COLOURS).map(([band, c]) => `.band-${band} { background: ${c.fill}; color: ${c.ink}; }`).join(' ')}
  .two { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
  figure.chart { margin: 6px 0 8px; }
  figure.chart svg { max-width: 100%; height: auto; display: block; }
  .key { font-size: 12px; color: #3b4656; margin-top: 2px; }
  table.compact td, table.compact th { padding: 3px 8px; font-size: 13px; }
  table.settings td, table.settings th { padding: 2px 6px; font-size: 12px; line-height: 1.3; }
  .note { border-left: 4px solid #d9dee6; padding: 6px 10px; color: #3b4656; }
  code { font: 12px ui-monospace, 'DejaVu Sans Mono', monospace; }
`;

const bandColour = (band: 'high' | 'moderate' | 'unconcentrated' | null) => (band === 'high' ? '#c2410c' : band === 'moderate' ? '#d08a1a' : '#1d5fc2');

function summaryCard(f: HeadlineItem): string {
  const changes = f.changes.map((c) => `${escape(c.against)}: <span class="${c.direction === 'same' ? 'muted' : c.direction}">${escape(c.text)}</span>`).join(' · ');
  return `<article data-figure="${f.key}" class="is-${f.band ?? 'none'}"><h3>${escape(f.label)}</h3><div><span class="value">${escape(f.value)}</span>${bandChip(f.band, f.bandWords)}</div>
    <p>${escape(f.sentence)}</p>${changes ? `<p class="changes">${changes}</p>` : ''}</article>`;
}

const compact = (v: number) => (v >= 1e6 ? `${Number((v / 1e6).toFixed(1))} M` : v >= 1e3 ? `${Number((v / 1e3).toFixed(0))} k` : String(v));

/** If one provider is hit: the ten providers whose breach would expose most people, and whose outage would stop most critical services. */
function rankingPage(summary: BoardSummary): string {
  const ranking = summary.scenarioRanking;
  const { byPeople, byCritical } = rankingBars(ranking);
  const help = rankingHelp(ranking);
  // Providers' names carry their members' in capitals ("IBM (IBM WebSphere Commerce)"), wider than the 7 px a glyph
  // the bars allow: cut at 8 px a glyph so the name is not cut off at the page's edge.
  const labelWidth = 170;
  const fitted = (name: string) => fitLabel(name, Math.floor(labelWidth / 8));
  const people = svgStackedBars(
    'Whose breach would expose most people',
    byPeople.map((b) => ({ label: fitted(b.name), parts: [b.lower, b.extra], total: b.lower === b.upper ? compact(b.lower) : `${compact(b.lower)}–${compact(b.upper)}` })),
    [
      { label: 'people exposed, at least', colour: '#b42318' },
      { label: 'possibly up to (people overlap across vendors)', colour: '#f3b3ab' },
    ],
    'People (distinct)',
    compact,
    { labelWidth },
  );
  const services = byCritical.length
    ? svgStackedBars(
        'Whose outage would stop most critical services',
        byCritical.map((b) => ({ label: fitted(b.name), parts: [b.critical, b.important], total: `${b.critical}${b.important ? ` + ${b.important}` : ''}` })),
        [
          { label: 'critical services', colour: '#b42318' },
          { label: 'important services', colour: '#d08a1a' },
        ],
        'Services stopped',
        (v) => String(v),
        { labelWidth },
      )
    : '<p class="note">No provider’s outage would stop a critical service on its own.</p>';
  return `<section class="page" data-page="ranking"><h2>If one provider is hit</h2><p class="lead">The providers whose breach would expose the most people, and whose outage would stop the most critical services: each provider group with every live vendor that belongs to it or whose supply chain reaches it.</p>
      <div class="two"><div><h3>By people exposed</h3>${people}<p class="muted">${escape(help.people.formula)}</p></div><div><h3>By critical services stopped</h3>${services}<p class="muted">${escape(help.critical.formula)}</p></div></div>
      <p>${plural(ranking.providerCount, 'provider group')} ranked. People are never added up as if distinct: a bar runs from the largest vendor's distinct people to the sum over vendors${ranking.customerBase !== null ? `, capped by the customer base of ${formatInteger(ranking.customerBase)}` : ''}. Each provider's breach or outage can be run in the app under Scenarios, with its notification deadlines and cost range.</p></section>`;
}

export function boardPackHtml(summary: BoardSummary): { html: string; fileName: string } {
  const p = summary.portfolio;
  const s = p.settings;
  const e = p.bases.exposure;
  const h = summary.riskHeadline;
  const asOf = formatDay(summary.asOf);
  const empty = (text: string) => `<p class="note">${escape(text)}</p>`;
  const providers = p.providers.slice(0, 10).map((f) => ({ label: `${providerLabel(f)} (${f.vendorCount})`, value: 100 * f.share, colour: bandColour(f.band) }));
  const holders = e.top.slice(0, 10).map((x) => ({ label: x.name, value: 100 * x.share, colour: x.share > s.test2023.share ? '#c2410c' : '#1d5fc2' }));
  const countries = p.geography.byCountry.slice(0, 10).map((c) => ({ label: countryName(c.country), value: 100 * c.share, colour: c.country === p.geography.homeCountry ? '#2a9d8f' : '#b45309' }));
  // Only figures of the method in force are drawn together; earlier ones are counted and the change is marked.
  const trend = summary.snapshots.filter((snap) => snap.methodVersion === METHOD_VERSION).map((snap) => ({ date: snap.takenAt.slice(0, 10), hhi: snap.hhi }));
  const olderMethod = summary.snapshots.length - trend.length;
  const methodChange = olderMethod && trend.length ? `method v${METHOD_VERSION} from ${trend[0]!.date}; ${plural(olderMethod, 'earlier snapshot')} of method v1 not drawn` : null;
  const sources = [...new Set(listed(summary.incidents).map((i) => i.sourceUrl).filter((u): u is string => !!u))];
  const spof = p.singlePointsOfFailure;
  const trendBlock =
    trend.length >= 2
      ? svgTrend(trend, s.bands, methodChange)
      : empty(
          `${trend.length === 1 ? `One snapshot of method v${METHOD_VERSION} so far (${trend[0]!.date}, index ${formatInteger(trend[0]!.hhi)})` : `No snapshot of method v${METHOD_VERSION} yet`}: the trend is drawn from the second.${olderMethod ? ` ${plural(olderMethod, 'earlier snapshot')} of method v1 ${olderMethod === 1 ? 'is' : 'are'} not comparable and not drawn.` : ''}`,
        );

  const printedMap = pruneMap(summary.providerMap);
  // With nothing held there is nothing to chart: those pages are left out rather than printed nearly empty.
  const hasData = e.total > 0;
  const pages = [
    `<section class="page"><div class="cover"><div class="kicker">Board pack</div><h1>${escape(summary.registerName)}</h1>
      <p class="lead">Vendor concentration risk as of ${asOf} · period: the last ${summary.periodDays} days</p>
      <p>${plural(p.vendorCount, 'vendor')} counted (active, under review, offboarding); ${p.excluded.proposed} proposed, ${p.excluded.exited} exited and ${plural(p.excluded.fourthPartiesOnly, 'fourth party', 'fourth parties')} left out of the portfolio's own figures.
      Every figure is computed from the register with scoring method v${METHOD_VERSION}, described with every setting in force in the appendix.</p>
      <p class="headline">${escape(h.figures[0]!.sentence)}</p>
      <h3>In this pack</h3><ol>CONTENTS</ol></div></section>`,

    `<section class="page" data-page="summary"><h2>Executive summary</h2><p class="lead">${escape(h.comparison)}</p>
      <div class="summary">${h.figures.map(summaryCard).join('')}</div></section>`,

    hasData && `<section class="page"><h2>What our customers' data rides on</h2><p class="lead">${escape(h.figures[0]!.sentence)} A provider's dependency share is the exposure held by it or by any of our vendors whose supply chain reaches it; (n) = vendors counted.</p>
      ${providers.length ? svgBars('Dependency share by provider', providers, 'Dependency share (% of weighted exposure)', { limit: { at: 100 * s.dependencyBands.high, label: `${formatPercent(s.dependencyBands.high, 0)}: high` } }) : empty('No data holdings recorded: nothing rides on any provider yet.')}
      <p>${plural(p.providerCount, 'provider group')} in all; ${plural(p.hiddenConcentrations, 'hidden concentration')}: ${p.hiddenConcentrations === 1 ? 'a provider' : 'providers'} behind two or more of our vendors that support critical services.</p></section>`,

    hasData && summary.providerMap.nodes.length > 0 && `<section class="page"><h2>The dependency map</h2><p class="lead">Services (left) rest on our vendors (middle), which rely on the largest providers (right), directly or — dashed — through their suppliers' chains. A dot's area grows with the share of exposure; its colour is its band.</p>
      <figure class="chart">${mapSvg(layoutMap(printedMap, { nodeHeight: 36, nodesep: 8 }), 'Dependency map of the largest providers')}
      <figcaption class="key">Colours: ${Object.entries({ high: 'high', moderate: 'moderate', unconcentrated: 'low' }).map(([band, words]) => `<span style="color:${MAP_COLOURS[band as keyof typeof MAP_COLOURS]}">●</span> ${words}`).join(' · ')}.${printedMap.omitted ? ` ${plural(printedMap.omitted, 'smaller vendor')} left out; the app's map shows every provider's dependents and any service's chain.` : ''}</figcaption></figure></section>`,

    hasData && `<section class="page"><h2>Services resting on one provider</h2><p class="lead">${escape(h.figures[1]!.sentence)}</p>
      <table><thead><tr><th>Service</th><th>Criticality</th><th>Kind</th><th>Rests on</th><th>Replaceable?</th><th>Exit plan</th><th>Severity</th></tr></thead><tbody>
      ${spof.map((f) => `<tr><td>${escape(f.serviceName)}</td><td>${f.criticality}</td><td>${f.kind === 'hidden' ? 'hidden in the supply chain' : f.kind === 'unsupported' ? 'no live vendor' : 'direct'}</td><td>${escape(f.provider?.name ?? '—')}</td><td>${f.provider ? (f.substitutability ? f.substitutability.replace(/_/g, ' ') : 'not assessed (worst case)') : '—'}</td><td>${f.provider ? (f.exitPlan ? 'yes' : 'no') : '—'}</td><td>${bandChip(f.severity === 'medium' ? 'moderate' : f.severity, f.severity)}</td></tr>`).join('') || `<tr><td colspan="7" class="muted">${escape(h.figures[1]!.sentence)}</td></tr>`}
      </tbody></table>
      <h3>People whose data our vendors hold</h3><p>${escape(h.figures[3]!.sentence)} Across all live vendors: between ${formatInteger(p.people.lowerBound)} and ${formatInteger(p.people.upperBound)} distinct people${p.people.customerBase !== null ? ` (customer base ${formatInteger(p.people.customerBase)})` : ''}; one customer can sit at many vendors, so people are never added up across vendors.</p></section>`,

    hasData && rankingPage(summary),

    hasData && `<section class="page"><h2>Who holds the data, and where</h2><p class="lead">${escape(h.figures[2]!.sentence)} ${formatPercent(p.geography.outsideHomeShare)} of weighted exposure is stored outside ${escape(countryName(p.geography.homeCountry))}.</p>
      <div class="two"><div><h3>Share of weighted exposure held directly</h3>${holders.length ? svgBars('Top holders by share of weighted exposure', holders, 'Share of weighted exposure (%)', { width: 470, labelWidth: 170, limit: { at: 100 * s.test2023.share, label: `${formatPercent(s.test2023.share, 0)} limit` } }) : empty('No data holdings recorded.')}</div>
      <div><h3>Where it is stored</h3>${countries.length ? svgBars('Share of weighted exposure by storage country', countries, 'Share of weighted exposure (%)', { width: 470, labelWidth: 150 }) : empty('No storage countries recorded.')}</div></div></section>`,

    (hasData || summary.incidents.length > 0 || summary.reviews.length > 0 || summary.noticeDeadlines.length > 0) &&
      `<section class="page"><h2>Incidents, decisions and deadlines</h2><p class="lead">${escape(h.figures[4]!.sentence)} ${escape(h.figures[5]!.sentence)}</p><div class="two"><div><h3>Incidents (last ${summary.periodDays} days)</h3><table class="compact"><thead><tr><th>Date</th><th>Vendor</th><th>Incident</th><th class="num">Told after</th></tr></thead><tbody>
      ${listed(summary.incidents).map((i) => `<tr><td>${formatDay(i.occurredFrom ?? i.weWereTold)}</td><td>${escape(i.vendorName)}</td><td>${escape(i.title)}</td><td class="num">${i.clocks.notificationLagDays === null ? '—' : plural(i.clocks.notificationLagDays, 'day')}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">No incidents in the period.</td></tr>'}${more(summary.incidents, 4, 'incident')}
      </tbody></table><h3>Reviews decided</h3><table class="compact"><thead><tr><th>Date</th><th>Vendor</th><th>Decision</th></tr></thead><tbody>
      ${listed(summary.reviews).map((r) => `<tr><td>${formatDay(r.reviewDate)}</td><td>${escape(r.vendorName)}</td><td>${escape(r.outcome.replace(/_/g, ' '))}</td></tr>`).join('') || '<tr><td colspan="3" class="muted">No reviews decided in the period.</td></tr>'}${more(summary.reviews, 3, 'review')}
      </tbody></table></div><div><h3>Contract notice deadlines (next quarter)</h3><table class="compact"><thead><tr><th>Deadline</th><th>Vendor</th><th>Contract</th></tr></thead><tbody>
      ${listed(summary.noticeDeadlines).map((d) => `<tr><td class="${d.daysLeft < 0 ? 'worse' : ''}">${formatDay(d.date)}</td><td>${escape(d.vendorName)}</td><td>${escape(d.detail)}</td></tr>`).join('') || '<tr><td colspan="3" class="muted">No notice deadlines in the next quarter.</td></tr>'}${more(summary.noticeDeadlines, 3, 'notice deadline', summary.due.noticeDeadlines)}
      </tbody></table><h3>Trend of the concentration index</h3>${trend.length >= 2 ? '<p class="muted">Drawn on the next page.</p>' : trendBlock}</div></div></section>`,

    ...(trend.length >= 2 ? [`<section class="page"><h2>Trend</h2><p class="lead">The concentration index (HHI) on weighted exposure at each snapshot of method v${METHOD_VERSION} (taken on demand, and after the first change of a day).</p>${trendBlock}</section>`] : []),

    `<section class="page"><h2>Appendix: settings in force</h2><p class="lead">Every weight and threshold the figures were computed with (scoring method v${METHOD_VERSION}); change them in the app under Settings → Scoring.</p>
      <table class="compact settings"><thead><tr><th>Setting</th><th>Value</th><th>What it does</th></tr></thead><tbody>
      ${explainSettings(s).map((x) => `<tr><td>${escape(x.label)}</td><td>${escape(x.value)}</td><td>${escape(x.meaning)}</td></tr>`).join('')}
      </tbody></table></section>`,

    `<section class="page"><h2>Appendix: method, data categories and sources</h2><div class="two"><div><p><b>Scoring method v${METHOD_VERSION}.</b> <b>Weighted exposure</b> of a vendor = Σ over data categories of people × sensitivity weight; shares are of the portfolio's total, with vendors of one ultimate parent counted as one group.
      <b>Dependency share</b> of a provider = exposure held by the provider or by any live vendor whose supply chain reaches it (each vendor once) ÷ total. <b>Concentration index (HHI, Herfindahl–Hirschman index)</b> = Σ (100 × share)², 0–10,000; <b>effective number</b> = 10,000 ÷ HHI.
      <b>Single point of failure</b>: a critical or important service whose live vendors are all one group, or all depend on one provider, or that no live vendor supports.
      <b>Vendor risk score</b> = 100 × √(severity × likelihood), severity = ${Number((1 - s.resilienceWeight).toFixed(2))} × impact + ${s.resilienceWeight} × resilience gap, likelihood = 1 − e<sup>−(${s.baseIncidentRate} + incident rate)</sup>.
      Other bases of the index: people ${formatInteger(p.bases.people.hhi)}, annual spend ${formatInteger(p.bases.spend.hhi)}, critical services ${formatInteger(p.bases.critical.hhi)}.</p>
      <p>All figures come from the register “${escape(summary.registerName)}” as of ${asOf}: ${plural(p.vendorCount, 'vendor')} counted, holding the data of between ${formatInteger(p.people.lowerBound)} and ${formatInteger(p.people.upperBound)} distinct people; ${plural(summary.snapshots.length, 'snapshot')} kept.</p>
      ${sources.length ? `<p>Incident sources cited in the period:</p><ul>${sources.map((u) => `<li><code>${escape(u)}</code></li>`).join('')}</ul>` : '<p class="muted">No incident sources cited in the period.</p>'}
      <p class="muted">The full method, with a worked example, is in the app under Help. Generated by Vendor Risk Register; this document loads nothing from outside itself.</p></div>
      <div><table class="compact"><thead><tr><th>Data category</th><th class="num">Weight in force</th><th class="num">Default</th></tr></thead><tbody>
      ${summary.categories.map((c) => `<tr><td>${escape(c.label)}</td><td class="num">${c.weight}</td><td class="num">${c.defaultWeight ?? '—'}</td></tr>`).join('')}
      </tbody></table></div></div></section>`,
  ];

  const shown = pages.filter((page): page is string => typeof page === 'string');
  const contents = shown.slice(1).map((page) => `<li>${/<h2>(.*?)<\/h2>/.exec(page)![1]}</li>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Board pack — ${escape(summary.registerName)} — ${summary.asOf.slice(0, 10)}</title><style>${STYLE}</style></head><body>${shown.join('\n').replace('CONTENTS', contents)}</body></html>`;
  return { html, fileName: `Board pack - ${summary.registerName} - ${summary.asOf.slice(0, 10)}.html` };
}
