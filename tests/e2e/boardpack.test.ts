import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/processes';
import { preview, tempRegister } from './helpers';

async function call<T>(base: string, method: string, args: object): Promise<T> {
  const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

/** Opens the pack offline in Chromium, prints it to PDF and returns what was seen. */
async function renderPack(html: string, folder: string) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: 'load' });
    const charts = await page.locator('svg[role="img"]').evaluateAll((svgs) => svgs.map((svg) => ({ label: svg.getAttribute('aria-label'), width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height })));
    const pdf = path.join(folder, 'pack.pdf');
    fs.writeFileSync(pdf, await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }));
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, path.join(folder, 'pack')]);
    const pages = fs.readdirSync(folder).filter((f) => /^pack-\d+\.png$/.test(f)).sort();
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    return { requests, charts, pages, text };
  } finally {
    await browser.close();
  }
}

describe('board pack', () => {
  it('exports the sample register as a self-contained pack whose figures equal the dashboard’s', async () => {
    const file = tempRegister('Sample');
    const started = await preview(file, { sample: true });
    await call(started.url, 'snapshots.take', {});
    const pack = await call<{ html: string; fileName: string }>(started.url, 'board.pack', { periodDays: 365 });
    const portfolio = await call<{ bases: { exposure: { hhi: number; cr1: number; cr1Holder: string } }; largestDependency: { name: string; share: number; vendorCount: number } }>(started.url, 'scoring.portfolio', {});
    expect(pack.fileName).toMatch(/^Board pack - Sample - \d{4}-\d{2}-\d{2}\.html$/);
    expect(pack.html).not.toMatch(/<script|<link|src="http|href="http|url\(/i);

    const folder = path.dirname(file);
    fs.writeFileSync(path.join(folder, pack.fileName), pack.html);
    const seen = await renderPack(pack.html, folder);
    expect(seen.requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
    expect(seen.charts.map((c) => c.label)).toEqual(['Top vendors by share of weighted exposure', 'Dependency share: exposure held by or behind each provider', 'Share of weighted exposure by storage country']);
    for (const chart of seen.charts) expect(chart.width * chart.height).toBeGreaterThan(10_000);
    expect(seen.pages.length).toBeGreaterThanOrEqual(9);
    const text = seen.text.replace(/\s+/g, ' ');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain(Math.round(portfolio.bases.exposure.hhi).toLocaleString('en'));
    expect(text).toContain(`${portfolio.bases.exposure.cr1Holder} holds ${(100 * portfolio.bases.exposure.cr1).toFixed(1)} %`);
    expect(text).toContain('Appendix: method, weights and thresholds');
    const largest = portfolio.largestDependency;
    expect(text).toContain(`${(100 * largest.share).toFixed(1)} % of our customers' data exposure sits with or behind ${largest.name}, through ${largest.vendorCount} vendors`);
    expect(text).toContain('Method v2.');
    expect(text).toMatch(/One snapshot so far/);
  });

  it('handles an empty register', async () => {
    const file = tempRegister('Empty');
    const started = await preview(file);
    const pack = await call<{ html: string }>(started.url, 'board.pack', {});
    const seen = await renderPack(pack.html, path.dirname(file));
    expect(seen.text).not.toMatch(/NaN|Infinity|undefined/);
    expect(seen.text).toContain('No data holdings recorded');
    expect(seen.pages.length).toBeGreaterThanOrEqual(9);
  });
});
