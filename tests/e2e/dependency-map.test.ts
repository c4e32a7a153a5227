import { describe, expect, it } from 'vitest';
import type { PortfolioScore } from '../../db/contract';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('the dependency map', () => {
  it('shows the largest providers with the engine’s shares, one service’s chain, and one provider’s dependents found by search', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    const portfolio = (await (await fetch(`${started.url}api/scoring.portfolio`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as { value: PortfolioScore };
    await nav(page, 'Concentration');
    const map = page.getByTestId('dependency-map');
    const largest = portfolio.value.largestDependency!;
    const provider = map.getByRole('button', { name: `${largest.name} Provider · ${(100 * largest.share).toFixed(1)} % rides on it` });
    await provider.waitFor();
    expect(await map.getByTestId('dependency-map-title').textContent()).toContain('largest providers by dependency share');
    for (const p of portfolio.value.providers.slice(0, 5)) await map.getByRole('button', { name: `${p.name} Provider · ${(100 * p.share).toFixed(1)} % rides on it` }).waitFor();

    // A service: its vendors and their suppliers down the chain.
    await map.getByRole('button', { name: 'Card payments Service · critical' }).click();
    await expect.poll(() => map.getByTestId('dependency-map-title').textContent()).toContain('Card payments: its vendors and their suppliers');
    await map.getByRole('button', { name: /^CyberSource Fourth party/ }).waitFor();

    // Search for a provider: who relies on it.
    await map.getByLabel('Find a service or vendor').fill('Stratus Cloud');
    await map.getByRole('list', { name: 'Matches' }).getByRole('button', { name: 'Stratus Cloud' }).click();
    await expect.poll(() => map.getByTestId('dependency-map-title').textContent()).toContain('Who relies on Stratus Cloud');
    expect(await map.locator('g[role="button"]').count()).toBeGreaterThan(5);
    // Keyboard works too: back to the largest providers.
    await map.getByRole('button', { name: 'Largest providers' }).press('Enter');
    await provider.waitFor();
    expect(problems).toEqual([]);
  });
});
