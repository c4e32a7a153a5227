import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('help', () => {
  it('shows the glossary, the settings in force and the scoring method, offline', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Help');
    await page.getByRole('heading', { name: 'Glossary' }).waitFor();
    const method = page.getByRole('article', { name: 'The scoring method' });
    await method.getByRole('heading', { name: 'Worked example' }).waitFor();
    expect(await method.textContent()).toContain('dependency share');
    await page.getByRole('table', { name: 'Settings in force' }).getByText('Dependency share bands').waitFor();
    expect(await page.getByRole('table', { name: 'Settings in force' }).textContent()).toContain('moderate from 15 %, high above 30 %');
    await page.getByLabel('Find a term').fill('HHI');
    await page.getByText('HHI (Herfindahl–Hirschman index)', { exact: true }).waitFor();
    expect(await page.locator('.glossary dt').count()).toBeLessThan(5);
    expect(problems).toEqual([]);
  });
});
