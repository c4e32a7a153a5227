import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('the concentration dashboard', () => {
  it('shows the sample register’s dominant contact-centre share and hidden fourth-party concentration, with figures equal to the engine’s', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Concentration');
    const engine = (await (await fetch(`${started.url}api/scoring.portfolio`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as {
      value: { bases: { exposure: { hhi: number; cr1: number; cr1Holder: string } }; fourthParties: { name: string; hidden: boolean }[] };
    };
    const exposure = engine.value.bases.exposure;
    expect(exposure.cr1Holder).toBe('Harbourline Customer Care');

    await expect.poll(() => page.getByTestId('tile-cr1').textContent()).toContain('Harbourline Customer Care');
    expect(await page.getByTestId('tile-cr1').textContent()).toContain(`${(100 * exposure.cr1).toFixed(1)} %`);
    expect(await page.getByTestId('tile-hhi').textContent()).toContain(Math.round(exposure.hhi).toLocaleString('en-US'));
    const hidden = engine.value.fourthParties.filter((f) => f.hidden).map((f) => f.name);
    expect(hidden).toContain('Stratus Cloud');
    await expect.poll(() => page.getByTestId('tile-hidden').textContent()).toContain(String(hidden.length));
    await page.locator('.card', { hasText: 'Hidden concentrations' }).getByRole('button', { name: 'Stratus Cloud', exact: true }).waitFor();

    // Every chart draws (an svg) or says why it is empty.
    for (const figure of await page.locator('figure.chart-card').all()) {
      expect((await figure.locator('svg.recharts-surface').count()) + (await figure.locator('.chart-empty').count())).toBeGreaterThan(0);
    }

    // The basis switch changes the figures.
    await page.getByRole('radiogroup', { name: 'Basis' }).getByText('Records', { exact: true }).click();
    await expect.poll(() => page.getByTestId('tile-hhi').textContent()).toContain('HHI · records');

    // A vendor's mark opens its page, where the score is explained and adds up.
    await page.getByRole('radiogroup', { name: 'Basis' }).getByText('Weighted exposure', { exact: true }).click();
    await page.locator('figure.chart-card').first().locator('.recharts-bar-rectangle').first().click();
    await page.getByRole('heading', { name: 'Harbourline Customer Care', level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Why this score' }).click();
    const table = page.getByRole('table', { name: 'Why this score' });
    await table.waitFor();
    const points = await table.locator('tbody tr td:last-child').allTextContents();
    const total = Number(await table.locator('tfoot th.num').textContent());
    expect(Math.abs(points.reduce((s, p) => s + Number(p), 0) - total)).toBeLessThanOrEqual(0.15);
    await page.getByRole('table', { name: 'Incidents counted' }).getByText('Cyberattack on the contact centre’s customer-servicing platform').waitFor();
    expect(problems).toEqual([]);
  });

  it('uses the weights and thresholds edited in Settings, and refuses inconsistent ones at the field', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Settings');
    await page.getByLabel('Score weight: impact').fill('0.9');
    await page.getByRole('button', { name: 'Save scoring settings' }).click();
    await expect.poll(() => page.getByLabel('Score weight: impact').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await page.getByLabel('Score weight: impact').getAttribute('aria-describedby')}"]`).textContent()).toMatch(/add up to 1/);

    await page.getByLabel('Score weight: impact').fill('0.5');
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
    expect(problems).toEqual([]);
  });
});
