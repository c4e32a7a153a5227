import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult, VendorPage } from '../../db/contract';
import { formatDue, peopleRange, scenarioFigures, serviceVendorsLine } from '../../db/shared/scenario-figures';
import { launchChromium } from '../harness/processes';
import { fieldMessage, nav, openPage, preview, tempRegister } from './helpers';

async function call<T>(base: string, method: string, args: object): Promise<T> {
  const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

/** Prints an HTML document to PDF in Chromium (as the app prints the brief) and returns its pages' text. */
async function printToText(html: string, folder: string): Promise<{ pages: number; text: string }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = path.join(folder, 'brief.pdf');
    fs.writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
    return { pages, text: execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ') };
  } finally {
    await browser.close();
  }
}

describe('scenarios', () => {
  it('runs “Stratus Cloud breached”, saves it, prints its one-page brief with the same figures, and reopens it', async () => {
    const file = tempRegister('Sample');
    const started = await preview(file, { sample: true });
    const base = started.url;
    const { page, problems } = await openPage(base);
    await page.getByText('Harbourline Customer Care').first().waitFor();
    await nav(page, 'Scenarios');

    await page.getByLabel('Provider: vendor, fourth party or provider group').fill('Stratus');
    await page.getByRole('list', { name: 'Matching providers' }).getByRole('button', { name: 'Stratus Cloud', exact: true }).click();
    await page.getByLabel('Starts at').fill('2026-07-01T09:00');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    await page.getByTestId('figure-people').waitFor();

    // The screen shows the engine's figures, shaped by the one function the brief uses too.
    const stratus = (await call<VendorPage>(base, 'vendors.list', { search: 'Stratus Cloud', limit: 5 })).rows.find((r) => r.name === 'Stratus Cloud')!;
    const result = await call<ScenarioResult>(base, 'scenarios.run', { scenario: { target: { kind: 'vendor', id: stratus.id }, mode: 'breach', startsAt: '2026-07-01T09:00' } });
    const figures = new Map(scenarioFigures(result).map((f) => [f.key, f.value]));
    expect(await page.getByTestId('value-people').textContent()).toBe(peopleRange(result.exposure!.lower, result.exposure!.upper));
    expect(await page.getByTestId('value-people').textContent()).toBe('6,000,000 to 9,500,000');
    // A list's tile shows its count large and the list in its detail.
    for (const f of scenarioFigures(result).filter((f) => ['vendors', 'notifiable', 'countries', 'critical', 'obligations', 'cost'].includes(f.key))) {
      expect(await page.getByTestId(`value-${f.key}`).textContent(), f.key).toBe(f.headline ?? f.value);
      expect(await page.getByTestId(`figure-${f.key}`).textContent(), f.key).toContain(f.detail);
    }
    const checklist = page.getByRole('table', { name: 'Obligations checklist' });
    await expect.poll(() => checklist.textContent()).toContain('OAIC Notifiable Data Breaches scheme');
    expect(await checklist.textContent()).toContain('2026-07-31 09:00');
    // The help of a figure opens with its formula on this scenario's inputs.
    await page.getByRole('button', { name: 'About “People exposed”' }).click();
    expect(await page.getByRole('dialog', { name: 'About “People exposed”' }).textContent()).toContain('Harbourline Customer Care: 6,000,000');
    await page.keyboard.press('Escape');

    // A laptop's screen shows the results without sideways scrolling.
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    await page.getByLabel('Name').fill('Stratus Cloud breach drill');
    await page.getByLabel('Assumptions').fill('Every tenant of the hosting provider is exposed.');
    await page.getByRole('button', { name: 'Save exercise' }).click();
    const opened = page.getByTestId('scenario-opened');
    await expect.poll(() => opened.textContent()).toContain('every figure is as saved');

    // Print: the brief downloads as HTML in the preview (the app saves it as PDF); printed, it keeps to one page.
    const downloading = page.waitForEvent('download');
    await opened.getByRole('button', { name: 'Brief (HTML)' }).click();
    const downloaded = await downloading;
    const briefPath = path.join(path.dirname(file), 'brief.html');
    await downloaded.saveAs(briefPath);
    expect(downloaded.suggestedFilename()).toMatch(/^Scenario brief - Stratus Cloud breach drill - \d{4}-\d{2}-\d{2}\.html$/);
    const printed = await printToText(fs.readFileSync(briefPath, 'utf8'), path.dirname(file));
    expect(printed.pages).toBe(1);
    for (const key of ['people', 'vendors', 'notifiable', 'countries', 'critical', 'obligations', 'cost']) expect(printed.text, key).toContain(figures.get(key)!);
    // Each stopped service's vendors, as the screen lists them.
    for (const s of result.services.filter((s) => s.state === 'stopped')) expect(printed.text, s.name).toContain(serviceVendorsLine(s));
    expect(printed.text).toContain('Stratus Cloud breach drill');
    expect(printed.text).toContain('Every tenant of the hosting provider is exposed.');
    expect(printed.text).toContain(formatDue('2026-07-31T09:00'));
    expect(printed.text).toContain('every figure is as saved');

    // The register changes; reopening the exercise recomputes its figures and shows what moved.
    const categories = await call<{ id: number; code: string }[]>(base, 'categories.list', {});
    await call(base, 'holdings.save', { holding: { vendorId: stratus.id, categoryId: categories.find((c) => c.code === 'health_biometric')!.id, records: 1000, storageCountry: 'AU' } });
    await page.reload();
    await nav(page, 'Scenarios');
    await page.getByRole('button', { name: 'Open Stratus Cloud breach drill' }).click();
    const comparison = page.getByRole('table', { name: 'Saved and recomputed figures' });
    await expect.poll(() => comparison.textContent()).toContain('Health, biometric or genetic data');
    expect(await page.getByTestId('scenario-opened').textContent()).toMatch(/\d+ figures differ on today’s register/);
    expect(problems).toEqual([]);
  });

  it('takes a rule’s deadline as edited in Settings, refuses a deadline that is not a number at its field, and restores the defaults', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.getByText('Harbourline Customer Care').first().waitFor();
    const oaicDeadline = async () => {
      await nav(page, 'Scenarios');
      const picked = page.getByTestId('scenario-target');
      if (!(await picked.isVisible())) {
        await page.getByLabel('Provider: vendor, fourth party or provider group').fill('Stratus');
        await page.getByRole('list', { name: 'Matching providers' }).getByRole('button', { name: 'Stratus Cloud', exact: true }).click();
      }
      await page.getByLabel('Starts at').fill('2026-07-01T09:00');
      await page.getByRole('button', { name: 'Run scenario' }).click();
      const row = page.getByRole('table', { name: 'Obligations checklist' }).getByRole('row', { name: /Finish assessing/ });
      await row.waitFor();
      return row.getByRole('cell').last().textContent();
    };
    expect(await oaicDeadline()).toBe('2026-07-31 09:0030 days after we became aware');

    await nav(page, 'Settings');
    const card = page.getByTestId('scenario-settings');
    const oaic = card.getByTestId('rule-oaic-ndb');
    // Keyboard: the rule opens from its summary.
    await oaic.locator('summary').focus();
    await page.keyboard.press('Enter');
    const hours = oaic.getByRole('group', { name: 'Step 1' }).getByLabel('Deadline (hours)');
    await hours.fill('ten days');
    await card.getByRole('button', { name: 'Save rules and costs' }).click();
    expect(await fieldMessage(page, hours)).toBe('Enter a number of hours, or leave it empty for no fixed clock.');
    // Revealing the field scrolls the view, never the window with the app's title bar.
    expect(await page.evaluate(() => document.documentElement.scrollTop)).toBe(0);
    await hours.fill('240');
    await card.getByRole('button', { name: 'Save rules and costs' }).click();
    await expect.poll(() => oaic.locator('summary').textContent()).toContain('10 days after we became aware');

    expect(await oaicDeadline()).toBe('2026-07-11 09:0010 days after we became aware');

    await nav(page, 'Settings');
    await card.getByRole('button', { name: 'Restore the defaults' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore the defaults' }).click();
    await expect.poll(() => oaic.locator('summary').textContent()).toContain('30 days after we became aware');
    expect(await oaicDeadline()).toBe('2026-07-31 09:0030 days after we became aware');
    expect(problems).toEqual([]);
  });

  it('flags an outage of the online shop’s sole provider past its 12-hour tolerance', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.getByText('Harbourline Customer Care').first().waitFor();
    await nav(page, 'Scenarios');
    await page.getByLabel('Provider: vendor, fourth party or provider group').fill('Orderline');
    await page.getByRole('list', { name: 'Matching providers' }).getByRole('button', { name: 'Orderline Commerce' }).click();
    await page.getByRole('radiogroup', { name: 'What happens' }).getByText('Outage: service down').click();
    await page.getByLabel('Starts at').fill('2026-07-01T09:00');
    await page.getByLabel('Outage length (hours)').fill('24');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    await page.getByTestId('figure-tolerance').waitFor();
    expect(await page.getByTestId('value-tolerance').textContent()).toBe('1 of 1');
    expect(await page.getByTestId('scenario-results').textContent()).toContain('past its 12 h tolerance');
    expect(await page.getByRole('table', { name: 'Obligations checklist' }).textContent()).toContain('2026-07-02 09:00');
    expect(problems).toEqual([]);
  });
});
