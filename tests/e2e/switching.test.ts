import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, switchRegister, tempRegister } from './helpers';

const SECTIONS = ['Register', 'Services', 'Incidents', 'Due soon', 'Concentration', 'Procurement review', 'Board', 'Settings'];

describe('switching registers', () => {
  it('leaves nothing of the previous register visible in any view', async () => {
    const started = await preview(tempRegister('Register A'), { sample: true, registerSwitching: true });
    const { page, problems } = await openPage(started.url);
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    await page.getByRole('tab', { name: 'Incidents' }).click();
    await page.getByText('Cyberattack on the contact centre').waitFor();

    // Another register is opened (as File → Open does in the app) while A's vendor page is on screen.
    const other = tempRegister('Register B');
    expect(await switchRegister(started, other, true)).toMatchObject({ ok: true, value: { name: 'Register B' } });

    await expect.poll(() => page.getByTestId('register-identity').textContent()).toContain('Register B');
    for (const section of SECTIONS) {
      await nav(page, section);
      await page.waitForLoadState('networkidle');
      const text = await page.locator('body').innerText();
      expect(text, section).not.toMatch(/Harbourline|Register A|Stratus|\[24\]7\.ai/);
    }
    expect(problems).toEqual([]);
  });
});
