// Every view fits a 1366×768 laptop screen: nothing pushes the page sideways or hides past the screen's edge, and no
// table needs a sideways scroll to show its last columns.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

const VIEWS = ['Register', 'Services', 'Incidents', 'Due soon', 'Concentration', 'Scenarios', 'Procurement review', 'Board', 'History', 'Import', 'Settings'];
const VENDOR_TABS = ['Overview', 'Data held', 'Services supported', 'Depends on / Used by', 'Contracts', 'Incidents', 'Why this score', 'Reviews', 'History'];

/** What sticks out: elements past the right edge of the screen (unless a scrolling or clipping box they sit in ends
 * inside it), and tables wider than their box. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.className).split(' ')[0]} “${(e.textContent ?? '').trim().slice(0, 30)}”`;
    const clippedInside = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement) {
        const overflowX = getComputedStyle(a).overflowX;
        if (overflowX !== 'visible' && a.getBoundingClientRect().right <= width + 1) return true;
      }
      return false;
    };
    const past = [...document.querySelectorAll('body *')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed' && !clippedInside(e);
    });
    const tables = [...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1);
    const page = document.documentElement.scrollWidth > width + 1 ? ['the page itself'] : [];
    return [...page, ...past.slice(0, 5).map(describe), ...tables.map((t) => `table wider than its box: ${describe(t)}`)];
  });
}

describe('on a 1366×768 laptop', () => {
  it('every view and every vendor tab fits the width of the screen', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByText('Harbourline Customer Care').first().waitFor();
    const found: string[] = [];
    for (const view of VIEWS) {
      await nav(page, view);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      for (const item of await overflowing(page)) found.push(`${view}: ${item}`);
    }
    await nav(page, 'Register');
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    for (const tab of VENDOR_TABS) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
      for (const item of await overflowing(page)) found.push(`vendor ${tab}: ${item}`);
    }
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps the vendor form’s Save in reach, at the top of the long form as at its end', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    await page.getByLabel('Owner').fill('Head of Customer Operations');
    const save = page.getByRole('button', { name: 'Save changes' });
    const inView = () => save.evaluate((b) => {
      const r = b.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await page.locator('.vendor-form input').first().focus();
    expect(await inView()).toBe(true);
    expect(problems).toEqual([]);
  });
});
