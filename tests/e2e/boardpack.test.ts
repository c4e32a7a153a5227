import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BoardSummary, PortfolioScore } from '../../db/contract';
import { launchChromium } from '../harness/processes';
import { preview, tempRegister } from './helpers';

async function call<T>(base: string, method: string, args: object): Promise<T> {
  const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

/** A4 landscape less the pack's page margins (297 − 2 × 16 mm), in CSS px: the width charts are printed at. */
const PRINTED_WIDTH = Math.floor(((297 - 32) / 25.4) * 96);

/** Opens the pack offline in Chromium, prints it to PDF and returns what was seen, page by page. */
async function renderPack(html: string, folder: string) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: PRINTED_WIDTH, height: 1000 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const charts = await page.locator('svg[role="img"]').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const scale = (svg as SVGSVGElement).getScreenCTM()!.a;
        // The smallest label as printed, in CSS px (12 px = 9 pt).
        const smallest = Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
        // Labels that start left of the drawing (cut off when printed), in SVG units.
        const cut = [...svg.querySelectorAll('text')].filter((t) => t.getBBox().x < 0).map((t) => t.textContent);
        return { label: svg.getAttribute('aria-label'), width: svg.getBoundingClientRect().width, smallest, cut };
      }),
    );
    const pdf = path.join(folder, 'pack.pdf');
    fs.writeFileSync(pdf, await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }));
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
    const pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-']).toString().replace(/\s+/g, ' ').trim());
    // How far down each page its content reaches (0..1 of the page height), running footer left out.
    const reach = Array.from({ length: count }, (_, i) => {
      const html = execFileSync('pdftotext', ['-bbox', '-f', String(i + 1), '-l', String(i + 1), pdf, '-']).toString();
      const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(html)![1]);
      const bottoms = [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)].map((m) => [Number(m[1]), Number(m[2])] as const).filter(([top]) => top < height - 50);
      return Math.max(0, ...bottoms.map(([, bottom]) => bottom)) / height;
    });
    return { requests, charts, pages, reach };
  } finally {
    await browser.close();
  }
}

/** A page carries content: more than its running footer and a heading, and (but the last) down to at least 40 % of the page. */
function expectEveryPageCarriesContent({ pages, reach }: { pages: string[]; reach: number[] }) {
  for (const [i, text] of pages.entries()) {
    const body = text.replace(/Vendor Risk Register · board pack|Page \d+ of \d+/g, '').trim();
    expect(body.length, `page ${i + 1}: ${body}`).toBeGreaterThan(400);
    if (i < pages.length - 1) expect(reach[i], `page ${i + 1} is nearly empty: ${body.slice(0, 80)}`).toBeGreaterThan(0.4);
  }
}

describe('board pack', () => {
  it('exports the sample register as a self-contained pack: cover, executive summary on page 2, one idea per page, labels of 9 pt or more', async () => {
    const file = tempRegister('Sample');
    const started = await preview(file, { sample: true });
    await call(started.url, 'snapshots.take', {});
    const pack = await call<{ html: string; fileName: string }>(started.url, 'board.pack', { periodDays: 365 });
    const portfolio = await call<PortfolioScore>(started.url, 'scoring.portfolio', {});
    const board = await call<BoardSummary>(started.url, 'board.summary', { periodDays: 365 });
    expect(pack.fileName).toMatch(/^Board pack - Sample - \d{4}-\d{2}-\d{2}\.html$/);
    expect(pack.html).not.toMatch(/<script|<link|src="http|href="http|url\((?!#)/i);

    const folder = path.dirname(file);
    fs.writeFileSync(path.join(folder, pack.fileName), pack.html);
    const seen = await renderPack(pack.html, folder);
    expect(seen.requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
    expect(seen.charts.map((c) => c.label)).toEqual(['Dependency share by provider', 'Dependency map of the largest providers', 'Whose breach would expose most people', 'Whose outage would stop most critical services', 'Top holders by share of weighted exposure', 'Share of weighted exposure by storage country']);
    for (const chart of seen.charts) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.smallest, chart.label!).toBeGreaterThanOrEqual(12);
    }
    // The ranking's providers carry their members' names: none starts off the page.
    for (const chart of seen.charts.filter((c) => c.label!.startsWith('Whose'))) expect(chart.cut, chart.label!).toEqual([]);

    expectEveryPageCarriesContent(seen);
    expect(seen.pages[0]).toMatch(/Board pack/i);
    expect(seen.pages[0]).toContain('In this pack');
    expect(seen.pages[1]).toContain('Executive summary');
    // The summary's sentences are the headline's, and its figures the engine's.
    for (const figure of board.riskHeadline.figures) expect(seen.pages[1]).toContain(figure.sentence.replace(/\s+/g, ' ').slice(0, 60));
    const largest = portfolio.largestDependency!;
    expect(seen.pages[1]).toContain(`${(100 * largest.share).toFixed(1)} % of our customers' data exposure sits with or behind ${largest.name}`);
    expect(seen.pages[1]).toContain(`through ${largest.vendorCount} vendors.`);
    expect(seen.pages[1]).toContain(Math.round(portfolio.bases.exposure.hhi).toLocaleString('en'));
    expect(seen.pages[1]).toContain('High: above 30 %');
    const all = seen.pages.join(' ');
    expect(all).toMatch(/Page 1 of \d+/);
    expect(all).toContain('Appendix: settings in force');
    expect(all).toContain('Scoring method v2.');
    expect(all).toContain('Incident half-life');
    expect(all).toMatch(/One snapshot of method v2 so far/);
    expect(all).toContain('1 snapshot kept');
    expect(all).not.toMatch(/\b1 snapshots\b|\b1 vendors\b|no earlier figure/);
  });

  it('handles an empty register with honest empty states and no near-empty page', async () => {
    const file = tempRegister('Empty');
    const started = await preview(file);
    const pack = await call<{ html: string }>(started.url, 'board.pack', {});
    const seen = await renderPack(pack.html, path.dirname(file));
    const all = seen.pages.join(' ');
    expect(all).not.toMatch(/NaN|Infinity|undefined/);
    expect(all).toContain('No data holdings are recorded yet');
    expect(all).toContain('Not rated');
    expect(seen.pages[1]).toContain('Executive summary');
    expectEveryPageCarriesContent(seen);
  });
});
