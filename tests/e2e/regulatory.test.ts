// The Regulatory view in the real UI: a finding opens its record's form at the field to fix, and axe-core finds no
// critical or serious violation on the view with its findings and each of its forms open (a branch's, and a contract's
// branches and links among them), light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/processes';
import { violations } from './axe';
import { nav, preview, tempRegister } from './helpers';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the Regulatory view', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`opens a finding at its field, and its forms have no critical or serious violation (${colorScheme})`, async () => {
      const started = await preview(tempRegister('Sample'), { sample: true });
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      try {
        await page.goto(started.url);
        await page.getByText('Harbourline Customer Care').first().waitFor();
        await nav(page, 'Regulatory');
        await page.getByRole('heading', { name: 'Regulatory registers', level: 2 }).waitFor();
        const found: string[] = [];
        const check = async (state: string) => {
          await page.waitForLoadState('networkidle');
          for (const v of await violations(page)) found.push(`${state}: ${v}`);
        };
        await page.getByTestId('roi-lint').click();
        const findings = page.getByTestId('roi-findings');
        await findings.waitFor();
        await check('findings');

        // A function's finding opens the service's function fields with the cursor in the field to fix.
        await findings.getByRole('row').filter({ hasText: 'B_06.01.0080' }).first().getByRole('button').click();
        const fn = page.getByRole('form', { name: /^Function fields of / });
        await fn.waitFor();
        expect(await fn.getByLabel('RTO (hours)').evaluate((el) => el === document.activeElement)).toBe(true);
        await check('function form');

        // A provider's missing identifier opens its identifiers.
        await findings.getByRole('row').filter({ hasText: 'B_05.01.0010' }).first().getByRole('button').click();
        await page.getByRole('form', { name: /^Provider fields of / }).waitFor();
        await check('provider form');

        // The assessment of a contract's service opens the contract's RoI fields at the field.
        await findings.getByRole('row').filter({ hasText: 'B_07.01.0070' }).first().getByRole('button').click();
        const contract = page.getByRole('form', { name: /^Register of Information fields of / });
        await contract.waitFor();
        expect(await contract.getByLabel('Date of the last audit').evaluate((el) => el === document.activeElement)).toBe(true);
        await check('contract form with its assessment');

        await page.getByRole('combobox', { name: 'Contract', exact: true }).selectOption({ label: 'HCC-2021-07 · Harbourline Customer Care' });
        await page.getByRole('form', { name: 'Register of Information fields of HCC-2021-07' }).waitFor();
        await page.getByRole('button', { name: 'Add a legal entity' }).click();
        await page.getByRole('form', { name: 'New legal entity' }).waitFor();
        await page.getByRole('button', { name: /^Edit Southern Cross Payments Europe, Frankfurt branch/ }).click();
        await page.getByRole('form', { name: 'Edit branch' }).waitFor();
        await page.getByTestId('cps230-contract').selectOption({ label: 'HCC-2021-07 · Harbourline Customer Care · material' });
        await page.getByTestId('cps230-service').selectOption({ label: 'Card payments · critical operation' });
        await page.getByRole('form', { name: 'Critical operation Card payments' }).waitFor();
        await check('every form open');

        // A contract used through a branch shows it beside its head office, and its linked arrangements (B_02.03).
        await page.getByRole('combobox', { name: 'Contract', exact: true }).selectOption({ label: 'SKY-GDS-2016 · Skyroute GDS' });
        const sky = page.getByRole('form', { name: 'Register of Information fields of SKY-GDS-2016' });
        expect(await sky.getByLabel(/Frankfurt branch/).isChecked()).toBe(true);
        await sky.getByLabel('Linked arrangements').selectOption({ label: 'STR-ENT-2020 · Stratus Cloud' });
        await sky.getByRole('button', { name: 'Unlink STR-ENT-2020' }).waitFor();
        await check('contract with its branches and links');

        // The CPS 230 checks: a finding opens the contract's CPS 230 fields at the field, a provider's opens its page.
        await page.getByTestId('cps230-lint').click();
        const cps230 = page.getByTestId('cps230-findings');
        await cps230.waitFor();
        await check('CPS 230 findings');
        await cps230.getByRole('button', { name: 'Contract AFM-2023-11' }).click();
        const material = page.getByRole('form', { name: 'CPS 230 fields of AFM-2023-11' });
        expect(await material.getByLabel('Material arrangement').evaluate((el) => el === document.activeElement)).toBe(true);
        await cps230.getByRole('button', { name: 'Vendor Harbourline Customer Care' }).click();
        await page.getByRole('heading', { name: 'Harbourline Customer Care', level: 2 }).waitFor();
        await page.waitForFunction(() => document.activeElement?.id && document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent === 'ABN');
        expect(found).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
