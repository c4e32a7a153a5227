// The one-page brief of a saved scenario (a tabletop exercise): one self-contained HTML document (inline styles, no
// script, no external resource), A4 portrait, printed to PDF by the app as the board pack is. It carries the figures
// the exercise was taken on, the obligations checklist with its deadlines, and the figures recomputed today where they
// differ.
import type { ReopenedScenario } from './contract-scenarios';
import { formatDue, peopleRange, serviceVendorsLine } from './shared/scenario-figures';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Free text is cut so the brief stays on one page; the app keeps it whole. */
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

const STYLE = `
  @page { size: A4 portrait; margin: 12mm 13mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 10px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif; color: #17202c; background: #fff; }
  @media screen { body { background: #dfe4eb; padding: 16px 0; } main { width: 210mm; min-height: 297mm; margin: 0 auto; padding: 12mm 13mm; background: #fff; box-shadow: 0 2px 10px rgba(16, 24, 40, .18); } }
  .kicker { text-transform: uppercase; letter-spacing: .08em; font-weight: 700; color: #1d5fc2; font-size: 10px; margin: 0; }
  h1 { font-size: 20px; margin: 2px 0 2px; }
  h2 { font-size: 11px; margin: 7px 0 2px; text-transform: uppercase; letter-spacing: .04em; color: #3b4656; }
  p { margin: 2px 0; }
  .muted { color: #4a5563; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 1px 5px; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
  th { font-size: 9.5px; text-transform: uppercase; letter-spacing: .03em; color: #3b4656; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.due { white-space: nowrap; }
  .small { font-size: 9px; }
  .figures td:first-child { width: 32%; font-weight: 600; }
  .changed { color: #b42318; font-weight: 600; }
  .check { font-size: 12px; width: 14px; }
  .two { display: grid; grid-template-columns: 11fr 9fr; gap: 10px; }
  .note { border-left: 3px solid #d9dee6; padding: 2px 8px; color: #3b4656; white-space: pre-wrap; }
  .status-applies { color: #b42318; font-weight: 700; } .status-check { color: #8a3c04; font-weight: 700; }
  footer { margin-top: 6px; color: #4a5563; }
`;

export function scenarioBriefHtml(reopened: ReopenedScenario, registerName: string): { html: string; fileName: string } {
  const { saved, comparison } = reopened;
  const r = saved.result;
  const i = saved.input;
  const changed = comparison.filter((c) => c.changed);
  const recomputed = reopened.current
    ? changed.length
      ? `Recomputed on ${formatDue(reopened.current.asOf.slice(0, 16))} UTC: ${changed.length} of ${comparison.length} figures differ from those saved (marked).`
      : `Recomputed on ${formatDue(reopened.current.asOf.slice(0, 16))} UTC: every figure is as saved.`
    : `The provider is no longer in the register: the figures are those saved.`;
  const scenarioLine = `${i.mode === 'breach' ? 'Breach' : 'Outage'} of ${r.target.name}${r.target.kind === 'group' ? ` (provider group: ${r.target.members.join(', ')})` : ''} · starts ${formatDue(i.startsAt)} · we become aware ${formatDue(r.awareAt)}${i.toldAfterHours ? ` (told after ${i.toldAfterHours} hours)` : ''}${i.outageHours !== null ? ` · lasts ${i.outageHours} hours` : ''}`;
  const stopped = r.services.filter((s) => s.state === 'stopped');
  const rows = [
    `<p class="kicker">Tabletop exercise brief · ${escape(registerName)}</p>`,
    `<h1>${escape(saved.name)}</h1>`,
    `<p><b>${escape(scenarioLine)}</b></p>`,
    `<p class="muted">Figures as saved on ${escape(formatDue(saved.savedAt.slice(0, 16)))} UTC by ${escape(saved.savedBy)}. ${escape(recomputed)}</p>`,
    saved.assumptions ? `<h2>Assumptions</h2><p class="note">${escape(cut(saved.assumptions, 500))}</p>` : '',
    `<h2>Figures</h2><table class="figures"><tbody>${comparison
      .map((c) => `<tr><td>${escape(c.label)}</td><td>${escape(c.saved)}${c.changed && c.now !== null ? ` <span class="changed">→ now ${escape(c.now)}</span>` : ''}</td></tr>`)
      .join('')}</tbody></table>`,
    `<h2>Obligations checklist</h2>${
      r.obligations.length
        ? `<table><thead><tr><th></th><th>Regime</th><th>Step</th><th>Deadline</th></tr></thead><tbody>${r.obligations
            .flatMap((o) =>
              o.steps.map(
                (s, n) =>
                  `<tr><td class="check">☐</td><td>${n === 0 ? `<b>${escape(o.regime)}</b> <span class="status-${o.status}">${o.status === 'applies' ? 'applies' : 'check'}</span>` : ''}</td><td>${escape(s.step)}</td><td class="due">${escape(formatDue(s.due))}</td></tr>`,
              ),
            )
            .join('')}</tbody></table>`
        : '<p class="muted">No notification rule is triggered.</p>'
    }`,
    `<div class="two"><div><h2>${i.mode === 'outage' ? 'Services stopped' : 'Services stopped if the affected vendors go offline'}</h2>${
      stopped.length
        ? `<table><thead><tr><th>Service</th><th>Tolerance</th><th>Vendors: how replaceable, exit plan</th></tr></thead><tbody>${stopped
            .map(
              (s) =>
                `<tr><td>${escape(s.name)} <span class="muted small">${s.criticality}</span></td><td>${s.maxOutageHours === null ? 'not set' : `${s.maxOutageHours} h${s.toleranceBreached ? ' <span class="changed">exceeded</span>' : ''}`}</td><td>${escape(serviceVendorsLine(s))}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : '<p class="muted">No critical or important service stops.</p>'
    }</div><div>${
      r.exposure
        ? `<h2>People exposed by data category</h2><table><thead><tr><th>Category</th><th class="num">People</th></tr></thead><tbody>${r.exposure.categories
            .map((c) => `<tr><td>${escape(c.label)}${c.notifiable ? ' <b>(notifiable)</b>' : ''}</td><td class="num">${peopleRange(c.lower, c.upper)}</td></tr>`)
            .join('')}</tbody></table>`
        : ''
    }</div></div>`,
    r.cost ? `<h2>Cost range</h2><p>${escape(r.cost.explanation)}</p><p class="muted">${escape(r.cost.sources.join(' '))}</p>` : '',
    saved.notes ? `<h2>Notes</h2><p class="note">${escape(cut(saved.notes, 500))}</p>` : '',
    `<footer class="small">People are never added up across vendors: the bounds are the largest vendor's distinct people and the sum over vendors (capped by the customer base). Affected vendors: the provider's own and every live vendor whose supply chain reaches it (scoring method v${r.methodVersion}). Deadlines run from when we become aware, in register time; each rule is a setting of the register with its source. Generated by Vendor Risk Register; this document loads nothing from outside itself.</footer>`,
  ];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Scenario brief — ${escape(saved.name)}</title><style>${STYLE}</style></head><body><main>${rows.join('\n')}</main></body></html>`;
  const safe = saved.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Scenario';
  return { html, fileName: `Scenario brief - ${safe} - ${saved.savedAt.slice(0, 10)}.html` };
}
