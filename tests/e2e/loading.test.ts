// The first paint carries the register table's code only: charts, the importer, the board and the help pages load
// when their view is first opened (the whole app was one 1.1 MB script before).
import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

type Loaded = { name: string; bytes: number };

describe('loading', () => {
  it('paints the register from its own code and loads a view’s code when the view is first opened', async () => {
    const started = await preview(tempRegister('Loading'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.getByTestId('vendor-rows').getByRole('row').first().waitFor();
    const scripts = () =>
      page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => entry.name.endsWith('.js'))
          .map((entry): Loaded => ({ name: entry.name.split('/').pop()!, bytes: entry.decodedBodySize })),
      );
    const first = await scripts();
    expect(first.map((s) => s.name).filter((name) => /Concentration|ProviderRanking|ImportView|BoardView|HelpView|VendorPage|Settings/.test(name))).toEqual([]);
    expect(first.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(450_000);

    await nav(page, 'Concentration');
    await page.locator('figure.chart-card svg.recharts-surface').first().waitFor();
    expect((await scripts()).map((s) => s.name).some((name) => name.startsWith('ConcentrationView-'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
