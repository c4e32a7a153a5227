import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('board view and chart export', () => {
  it('shows the headline figures of the dashboard with their changes, and exports the pack and any chart', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    const portfolio = (await (await fetch(`${started.url}api/scoring.portfolio`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as {
      value: { bases: { exposure: { hhi: number; effectiveNumber: number } } };
    };
    await nav(page, 'Board');
    const hhi = page.getByTestId('board-hhi');
    await expect.poll(() => hhi.textContent()).toContain(Math.round(portfolio.value.bases.exposure.hhi).toLocaleString('en-US'));
    expect(await hhi.textContent()).toContain('vs previous: no earlier figure');
    expect(await page.getByTestId('board-effectiveNumber').textContent()).toContain(portfolio.value.bases.exposure.effectiveNumber.toFixed(2));
    await page.getByText('Stratus Holdings (Stratus Analytics, Stratus Cloud)', { exact: true }).first().waitFor();
    expect(await page.getByTestId('board-largestDependencyShare').textContent()).toMatch(/\d+\.\d %/);
    await page.getByLabel('Period').selectOption('365');
    await page.getByRole('heading', { name: 'Incidents in the period' }).waitFor();

    const [packDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Board pack (HTML)' }).click()]);
    expect(packDownload.suggestedFilename()).toMatch(/^Board pack - Sample - .*\.html$/);
    const pack = fs.readFileSync((await packDownload.path())!, 'utf8');
    expect(pack).toContain('Appendix: method, weights and thresholds');

    await nav(page, 'Concentration');
    const title = 'Top vendors by share of weighted exposure';
    await page.getByRole('figure', { name: title }).locator('svg.recharts-surface').waitFor();
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export “${title}” as SVG` }).click()]);
    const svg = fs.readFileSync((await svgDownload.path())!, 'utf8');
    expect(svgDownload.suggestedFilename()).toBe(`${title}.svg`);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`<title>${title}</title>`);
    expect(svg).toContain('Harbourline Customer Care');

    const stacked = 'Exposure by vendor and data category';
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export “${stacked}” as PNG` }).click()]);
    const png = fs.readFileSync((await pngDownload.path())!);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(10_000);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('handles an empty register calmly', async () => {
    const started = await preview(tempRegister('Empty'));
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Board');
    await page.getByTestId('board-hhi').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(text).toContain('No data holdings recorded yet.');
    expect(problems).toEqual([]);
  });
});
