import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('the keyboard', () => {
  it('keeps focus inside the incident drawer, closes it with Escape and returns focus to what opened it', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Incidents');
    const opener = page.getByRole('button', { name: 'Log incident' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Log an incident' });
    await drawer.waitFor();
    const insideDrawer = () => drawer.evaluate((d) => d.contains(document.activeElement));
    expect(await insideDrawer()).toBe(true);
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
      expect(await insideDrawer()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
  });
});
