import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BoardSummary, PortfolioScore } from '../../db/contract';
import { nav, openPage, preview, tempRegister } from './helpers';

async function call<T>(base: string, method: string, args: object): Promise<T> {
  const envelope = (await (await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) })).json()) as { value: T };
  return envelope.value;
}

describe('board view and chart export', () => {
  it('shows the headline of the engine in words, three charts, Print, and exports the pack and any chart', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    // Two snapshots of method v2: the trend is drawn.
    await call(started.url, 'snapshots.take', {});
    await call(started.url, 'snapshots.take', {});
    const { page, problems } = await openPage(started.url);
    const portfolio = await call<PortfolioScore>(started.url, 'scoring.portfolio', {});
    const board = await call<BoardSummary>(started.url, 'board.summary', { periodDays: 90 });
    await nav(page, 'Board');
    const largest = portfolio.largestDependency!;
    const dependency = page.getByTestId('headline-dependency');
    await expect.poll(() => dependency.textContent()).toContain(`${(100 * largest.share).toFixed(1)} % of our customers' data exposure sits with or behind Stratus Holdings`);
    expect(await dependency.textContent()).toContain('High: above 30 %');
    expect(await page.getByTestId('headline-hhi').textContent()).toContain(Math.round(portfolio.bases.exposure.hhi).toLocaleString('en-US'));
    // The same sentences as Concentration and the pack: all come from the board summary's headline.
    for (const figure of board.riskHeadline.figures) {
      const shown = (await page.getByTestId(`headline-${figure.key}`).textContent())!;
      expect(shown).toContain(figure.sentence);
      expect(shown).toContain(figure.value);
      expect(shown).toContain(figure.bandWords);
    }
    expect((await page.locator('main').innerText()).match(/no earlier/gi)).toHaveLength(1);
    // Every figure's help opens, with the formula worked on this register's figures.
    for (const figure of board.riskHeadline.figures) {
      await page.getByTestId(`headline-${figure.key}`).getByRole('button', { name: `About “${figure.label}”` }).click();
      const dialog = page.getByRole('dialog', { name: `About “${figure.label}”` });
      expect(await dialog.textContent()).toContain(figure.help.formula);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }

    for (const chart of ['board-providers', 'board-single-points', 'board-trend']) await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();
    expect(await page.getByTestId('board-trend').locator('.recharts-line').count()).toBe(2);
    // Print draws the charts again at the width of an A4 page before the print dialog opens.
    await page.evaluate(() => {
      const w = window as unknown as { print(): void; printedWidth?: number };
      w.print = () => (w.printedWidth = Math.max(...[...document.querySelectorAll('.board-charts svg.recharts-surface')].map((svg) => svg.getBoundingClientRect().width)));
    });
    await page.getByRole('button', { name: 'Print' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printedWidth?: number }).printedWidth ?? Infinity)).toBeLessThanOrEqual(660);
    await page.getByLabel('Period').selectOption('365');
    await expect.poll(() => page.getByTestId('headline-incidents').textContent()).toContain('last 365 days');

    const [packDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Board pack (HTML)' }).click()]);
    expect(packDownload.suggestedFilename()).toMatch(/^Board pack - Sample - .*\.html$/);
    const pack = fs.readFileSync((await packDownload.path())!, 'utf8');
    expect(pack).toContain('Appendix: settings in force');
    expect(pack).toContain(board.riskHeadline.figures[0]!.sentence.replace(/'/g, '&#39;'));

    await nav(page, 'Concentration');
    const title = 'Top holders by share of weighted exposure';
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

  it('handles an empty register honestly: not rated, no green zeros', async () => {
    const started = await preview(tempRegister('Empty'));
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Board');
    await page.getByTestId('headline-hhi').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(text).toContain('No data holdings recorded yet: nothing rides on any provider.');
    expect(await page.locator('.band-chip--low').count()).toBe(0);
    expect(await page.locator('.band-chip--none').count()).toBe(6);
    expect(problems).toEqual([]);
  });
});
