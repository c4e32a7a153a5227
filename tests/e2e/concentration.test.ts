import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('the concentration dashboard', () => {
  it('leads with the sample register’s largest dependency share, with figures equal to the engine’s', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Concentration');
    const engine = (await (await fetch(`${started.url}api/scoring.portfolio`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as {
      value: {
        bases: { exposure: { hhi: number; cr1: number; cr1Holder: string } };
        largestDependency: { name: string; share: number; vendorCount: number };
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
    const dependency = await page.getByTestId('tile-dependency').textContent();
    expect(dependency).toContain(`${(100 * largest.share).toFixed(1)} %`);
    expect(dependency).toContain('Stratus Cloud');
    expect(dependency).toContain(`${largest.vendorCount} vendors`);
    expect(dependency).toContain('High');
    await expect.poll(() => page.getByTestId('tile-hidden').textContent()).toContain(String(engine.value.hiddenConcentrations));
    expect(await page.getByTestId('tile-spof').textContent()).toContain(String(engine.value.singlePointsOfFailure.length));
    await page.locator('.card', { hasText: 'Single points of failure' }).getByRole('button', { name: 'Stratus Holdings', exact: true }).first().waitFor();

    // Every chart draws (an svg) or says why it is empty.
    for (const figure of await page.locator('figure.chart-card').all()) {
      expect((await figure.locator('svg.recharts-surface').count()) + (await figure.locator('.chart-empty').count())).toBeGreaterThan(0);
    }

    // The basis switch changes the figures.
    await page.getByRole('radiogroup', { name: 'Basis' }).getByText('People (per vendor)', { exact: true }).click();
    await expect.poll(() => page.getByTestId('tile-hhi').textContent()).toContain('HHI · people (per vendor)');

    // A vendor's mark opens its page, where the score is explained and adds up.
    await page.getByRole('radiogroup', { name: 'Basis' }).getByText('Weighted exposure', { exact: true }).click();
    await page.locator('figure.chart-card').first().locator('.recharts-bar-rectangle').first().click();
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
    expect(problems).toEqual([]);
  });

  it('shows empty states, not NaN, for an empty register', async () => {
    const started = await preview(tempRegister('Empty'));
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Concentration');
    await page.getByTestId('tile-hhi').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(await page.locator('.chart-empty').count()).toBe(6);
    expect(await page.getByTestId('tile-dependency').textContent()).toContain('Nothing recorded yet');
    expect(problems).toEqual([]);
  });
});
