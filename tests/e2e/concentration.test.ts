import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('the concentration dashboard', () => {
  it('leads with the sample register’s largest dependency share, with figures equal to the engine’s', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Concentration');
    const engine = (await (await fetch(`${started.url}api/scoring.portfolio`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as {
      value: {
        bases: { exposure: { hhi: number; cr1: number; cr1Holder: string; total: number } };
        largestDependency: { name: string; share: number; vendorCount: number; exposure: number };
        hiddenConcentrations: number;
        singlePointsOfFailure: unknown[];
      };
    };
    const exposure = engine.value.bases.exposure;
    expect(exposure.cr1Holder).toBe('Harbourline Customer Care');

    await expect.poll(() => page.getByTestId('tile-cr1').textContent()).toContain('Harbourline Customer Care');
    expect(await page.getByTestId('tile-cr1').textContent()).toContain(`${(100 * exposure.cr1).toFixed(1)} %`);
    expect(await page.getByTestId('tile-hhi').textContent()).toContain(Math.round(exposure.hhi).toLocaleString('en-US'));
    const largest = engine.value.largestDependency;
    expect(largest.name).toBe('Stratus Holdings');

    // The headline: the engine's figures, bands in words, and the sentence built from them; one line for "no earlier figure".
    const dependency = (await page.getByTestId('headline-dependency').textContent())!;
    expect(dependency).toContain(`${(100 * largest.share).toFixed(1)} %`);
    expect(dependency).toContain('High: above 30 %');
    expect(dependency).toContain(`${(100 * largest.share).toFixed(1)} % of our customers' data exposure sits with or behind Stratus Holdings (Stratus Analytics, Stratus Cloud), through ${largest.vendorCount} vendors.`);
    expect(await page.getByTestId('headline-singlePoints').textContent()).toContain(`${engine.value.singlePointsOfFailure.length} critical or important services rest on a single provider`);
    expect(await page.getByTestId('headline-hhi').textContent()).toContain(Math.round(exposure.hhi).toLocaleString('en-US'));
    expect(await page.getByTestId('headline-comparison').textContent()).toMatch(/^No earlier snapshot of method v2/);
    expect((await page.locator('main').innerText()).match(/no earlier/gi)).toHaveLength(1);

    // Every help popover opens, with this register's inputs in its formula.
    const helpButtons = page.getByRole('button', { name: /^About “/ });
    expect(await helpButtons.count()).toBeGreaterThanOrEqual(11);
    for (const button of await helpButtons.all()) {
      await button.click();
      const dialog = page.getByRole('dialog', { name: (await button.getAttribute('aria-label'))! });
      await dialog.waitFor();
      const text = (await dialog.textContent())!;
      expect(text).toContain('Formula, with this register’s figures');
      expect(text).toContain('Threshold in force');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'About “Largest dependency share”' }).click();
    expect(await page.getByRole('dialog', { name: 'About “Largest dependency share”' }).textContent()).toContain(`${Math.round(largest.exposure).toLocaleString('en-US')} ÷ ${Math.round(engine.value.bases.exposure.total).toLocaleString('en-US')}`);
    await page.keyboard.press('Escape');
    await page.locator('.card', { hasText: 'Single points of failure' }).getByRole('button', { name: 'Stratus Holdings', exact: true }).first().waitFor();

    // Every chart draws (an svg) or says why it is empty.
    for (const figure of await page.locator('figure.chart-card').all()) {
      expect((await figure.locator('svg.recharts-surface').count()) + (await figure.locator('.chart-empty').count())).toBeGreaterThan(0);
      if (await figure.locator('.chart-empty').count()) continue;
      // Drawn charts carry a legend and their data as a table.
      expect(await figure.getByRole('list', { name: /^Legend of/ }).locator('li').count()).toBeGreaterThan(0);
      expect(await figure.locator('details.chart-data table tbody tr').count()).toBeGreaterThan(0);
    }

    // The category chart's tooltip lists only the categories a vendor holds, with its colours distinct.
    const stacked = page.getByRole('figure', { name: 'Exposure by vendor and data category' });
    const colours = await stacked.locator('.chart-legend .swatch').evaluateAll((swatches) => swatches.map((s) => getComputedStyle(s).backgroundColor));
    expect(new Set(colours).size).toBe(colours.length);
    expect(colours.length).toBeLessThanOrEqual(8);
    await stacked.locator('.recharts-bar-rectangle').first().hover();
    const tooltip = stacked.locator('.chart-tooltip');
    await tooltip.waitFor();
    const amounts = await tooltip.locator('td.num').allTextContents();
    expect(amounts.length).toBeGreaterThan(0);
    for (const amount of amounts) expect(amount).not.toBe('0');

    // The risk matrix has axis titles and lines of equal score; storage bars can be clicked.
    const matrix = page.getByRole('figure', { name: 'Risk matrix' });
    await matrix.getByText('Likelihood of an incident within a year (0–1)').waitFor();
    await matrix.getByText('Severity (0–1)').waitFor();
    expect(await matrix.locator('.recharts-scatter-line').count()).toBe(await matrix.getByRole('list', { name: /^Legend/ }).getByText(/^Score \d+/).count());
    expect(await matrix.locator('.recharts-scatter-line').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('figure', { name: 'Where the data is stored' }).locator('.recharts-bar-rectangle').first().click();
    expect(await page.getByTestId('country-selected').textContent()).toContain('Australia');

    // The basis switch changes the figures.
    await page.getByRole('radiogroup', { name: 'Basis' }).getByText('People (per vendor)', { exact: true }).click();
    await expect.poll(() => page.getByTestId('tile-hhi').textContent()).toContain('(HHI) · people (per vendor)');

    // A vendor's mark opens its page, where the score is explained and adds up.
    await page.getByRole('radiogroup', { name: 'Basis' }).getByText('Weighted exposure', { exact: true }).click();
    await page.getByRole('figure', { name: /^Top holders by share/ }).locator('.recharts-bar-rectangle').first().click();
    await page.getByRole('heading', { name: 'Harbourline Customer Care', level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Why this score' }).click();
    const table = page.getByRole('table', { name: 'Why this score' });
    await table.waitFor();
    // Score = 100 × √(severity × likelihood), from the values the table shows.
    const values = new Map((await table.locator('tbody tr').all()).length ? await Promise.all((await table.locator('tbody tr').all()).map(async (row) => [await row.locator('td').first().textContent(), Number(await row.locator('td.num').textContent())] as const)) : []);
    const total = Number(await table.locator('tfoot th.num').textContent());
    expect(Math.abs(100 * Math.sqrt(values.get('Severity')! * values.get('Likelihood (a year)')!) - total)).toBeLessThanOrEqual(0.15);
    await page.getByRole('table', { name: 'Incidents counted' }).getByText('Cyberattack on the contact centre’s customer-servicing platform').waitFor();
    expect(problems).toEqual([]);
  });

  it('uses the weights and thresholds edited in Settings, and refuses inconsistent ones at the field', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Settings');
    // Each group of settings says what it does, beside its fields.
    await page.getByRole('group', { name: 'Dependency share bands' }).getByText('Rate the share of our customers’ data exposure that rides on one provider', { exact: false }).waitFor();
    await page.getByRole('group', { name: /^Concentration index \(HHI, Herfindahl–Hirschman index\) bands/ }).getByText('ΔHHI, the change in the index', { exact: false }).waitFor();
    await page.getByLabel('Moderate from (0–1)').fill('0.5');
    await page.getByLabel('High above (0–1)').fill('0.4');
    await page.getByRole('button', { name: 'Save scoring settings' }).click();
    await expect.poll(() => page.getByLabel('High above (0–1)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${(await page.getByLabel('High above (0–1)').getAttribute('aria-describedby'))!.split(' ').at(-1)}"]`).textContent()).toMatch(/above the moderate band/);

    await page.getByLabel('Moderate from (0–1)').fill('0.15');
    await page.getByLabel('High above (0–1)').fill('0.3');
    await page.getByLabel('Moderate from (HHI)').fill('100');
    await page.getByLabel('High above (HHI)').fill('500');
    await page.getByRole('button', { name: 'Save scoring settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Scoring settings saved' }).waitFor();
    await nav(page, 'Concentration');
    await expect.poll(() => page.getByTestId('tile-hhi').textContent()).toContain('High');
    await page.getByText('Weights and thresholds in force').click();
    await page.getByText('unconcentrated below 100, moderate to 500, high above').waitFor();
    expect(await page.getByTestId('headline-hhi').textContent()).toContain('High: above 500');
    expect(problems).toEqual([]);
  });

  it('shows empty states, not NaN, for an empty register', async () => {
    const started = await preview(tempRegister('Empty'));
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Concentration');
    await page.getByTestId('tile-hhi').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    // Seven charts, and the provider ranking's two.
    expect(await page.locator('.chart-empty').count()).toBe(9);
    for (const key of ['dependency', 'singlePoints', 'hhi', 'people', 'incidents', 'deadlines']) {
      const figure = (await page.getByTestId(`headline-${key}`).textContent())!;
      expect(figure, key).toContain('Not rated');
      expect(figure, key).not.toMatch(/\b0\b/);
    }
    expect(problems).toEqual([]);
  });
});
