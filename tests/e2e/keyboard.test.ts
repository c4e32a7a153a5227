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

describe('keyboard shortcuts and focus', () => {
  it('offers a skip link, focuses each view’s heading, jumps anywhere with Ctrl+K and saves with Ctrl+S', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.getByText('Harbourline Customer Care').first().waitFor();
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}:${document.activeElement?.textContent?.trim().slice(0, 40)}`);

    // The first Tab reaches the skip link, which takes focus past the navigation.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('a:Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');

    // Moving to a view puts focus on its heading.
    await nav(page, 'Incidents');
    await expect.poll(focused).toBe('h2:Incidents');

    // Ctrl+K: a view or a vendor by part of its name.
    await page.keyboard.press('Control+k');
    const jump = page.getByRole('dialog', { name: 'Go to a view or vendor' });
    await jump.getByRole('combobox').fill('board');
    await page.keyboard.press('Enter');
    // The board's figures come from an analyst thread: its heading shows once they have come.
    await expect.poll(focused, { timeout: 15_000 }).toBe('h2:Board');
    await page.keyboard.press('Control+k');
    await jump.getByRole('combobox').fill('Harbourline');
    await jump.getByRole('option', { name: /Harbourline Customer Care/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Harbourline Customer Care', level: 2 }).waitFor();

    // Ctrl+S saves the form being edited.
    await page.getByLabel('Owner').fill('Head of Contact Centres');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: /Saved/ }).waitFor();
    const saved = (await (await fetch(`${started.url}api/vendors.list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ search: 'Harbourline Customer' }) })).json()) as { value: { rows: { owner: string }[] } };
    expect(saved.value.rows[0]!.owner).toBe('Head of Contact Centres');
    expect(problems).toEqual([]);
  });
});

describe('confirmations', () => {
  it('asks in the app, not the browser: Escape keeps the holding, the confirm button removes it', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    await page.getByRole('tab', { name: 'Data held' }).click();
    const remove = page.getByRole('button', { name: 'Remove Date of birth' });
    await remove.click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove “Date of birth”?' });
    await dialog.waitFor();
    // A destructive question starts on Cancel.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await remove.count()).toBe(1);

    await remove.click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await remove.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });
});
