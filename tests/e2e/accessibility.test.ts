// axe-core on every view and the vendor tabs, light and dark: no critical or serious violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/processes';
import { violations } from './axe';
import { preview, tempRegister } from './helpers';

const VIEWS = ['Register', 'Services', 'Incidents', 'Due soon', 'Concentration', 'Scenarios', 'Procurement review', 'Board', 'History', 'Import', 'Settings', 'Help'];
const VENDOR_TABS = ['Overview', 'Data held', 'Services supported', 'Depends on / Used by', 'Contracts', 'Incidents', 'Why this score', 'Reviews', 'History'];

type Browser = Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no critical or serious violation on any view or vendor tab (${colorScheme})`, async () => {
      const started = await preview(tempRegister('Sample'), { sample: true });
      // The page's CSP forbids script it did not ship: the checker is let in for the test only.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      try {
        await page.goto(started.url);
        await page.getByText('Harbourline Customer Care').first().waitFor();
        const found: string[] = [];
        const nav = (label: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label, exact: true }).click();
        for (const view of VIEWS) {
          await nav(view);
          await page.getByRole('heading', { level: 2 }).first().waitFor();
          await page.waitForLoadState('networkidle');
          for (const v of await violations(page)) found.push(`${view}: ${v}`);
        }
        // The scenario rules under Settings, one opened, with an error at a field.
        await nav('Settings');
        const rules = page.getByTestId('scenario-settings');
        await rules.getByTestId('rule-oaic-ndb').locator('summary').click();
        await rules.getByTestId('rule-oaic-ndb').getByRole('group', { name: 'Step 1' }).getByLabel('Deadline (hours)').fill('soon');
        await rules.getByRole('button', { name: 'Save rules and costs' }).click();
        await rules.locator('[aria-invalid="true"]').first().waitFor();
        for (const v of await violations(page)) found.push(`scenario rules: ${v}`);
        await nav('Register');
        // The register's pop-ups and dialogs: a filter, the views menu, the bulk edit.
        await page.getByRole('button', { name: /^Stored in:/ }).click();
        for (const v of await violations(page)) found.push(`filter menu: ${v}`);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Views' }).click();
        for (const v of await violations(page)) found.push(`views menu: ${v}`);
        await page.keyboard.press('Escape');
        await page.getByRole('checkbox', { name: 'Select Harbourline Customer Care' }).click();
        await page.getByRole('button', { name: 'Edit selected…' }).click();
        await page.getByRole('dialog', { name: 'Edit 1 vendor' }).waitFor();
        for (const v of await violations(page)) found.push(`bulk edit: ${v}`);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Clear selection' }).click();
        await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
        for (const tab of VENDOR_TABS) {
          await page.getByRole('tab', { name: tab }).click();
          await page.waitForLoadState('networkidle');
          for (const v of await violations(page)) found.push(`vendor ${tab}: ${v}`);
        }
        // Control borders stand out from their surface by 3:1 at least (WCAG 1.4.11).
        await page.getByRole('tab', { name: 'Overview' }).click();
        const ratio = await page.getByLabel('Owner').evaluate((input) => {
          const rgb = (css: string) => css.match(/[\d.]+/g)!.slice(0, 3).map(Number);
          const luminance = (css: string) => {
            const [r, g, b] = rgb(css).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
            return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
          };
          let surface: Element | null = input.parentElement;
          while (surface && getComputedStyle(surface).backgroundColor === 'rgba(0, 0, 0, 0)') surface = surface.parentElement;
          const [a, b] = [luminance(getComputedStyle(input).borderTopColor), luminance(getComputedStyle(surface!).backgroundColor)];
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        });
        expect(ratio).toBeGreaterThanOrEqual(3);
        expect(found).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
