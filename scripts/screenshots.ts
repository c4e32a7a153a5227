// npm run screenshots: renders every screen with the sample register in headless Chromium, light and dark,
// into screenshots/, to be looked at as a user would.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, startPreview } from '../tests/harness/processes';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'screenshots');
// Only this run's screens: a name no longer taken must not linger from an older run.
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-shots-'));

async function nav(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label, exact: true }).click();
}

/** The Scenarios view: the form, then "Stratus Cloud breached" run, saved and reopened, scrolled through its results;
 * the saved exercises; an outage past tolerance; the ranking; and the rules and costs under Settings. */
async function shootScenarios(page: Page, shot: (name: string) => Promise<unknown>, suffix: string) {
  await nav(page, 'Scenarios');
  await page.getByRole('heading', { name: 'Scenarios', level: 2 }).waitFor();
  await shot('scenarios-empty');
  await page.getByLabel('Provider: vendor, fourth party or provider group').fill('Stratus');
  await page.getByRole('list', { name: 'Matching providers' }).getByRole('button', { name: 'Stratus Cloud', exact: true }).click();
  await page.getByLabel('Starts at').fill('2026-07-01T09:00');
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await page.getByTestId('figure-people').waitFor();
  await shot('scenarios');
  await page.getByRole('table', { name: 'Obligations checklist' }).scrollIntoViewIfNeeded();
  await shot('scenarios-obligations');
  await page.getByRole('heading', { name: 'People exposed by data category' }).scrollIntoViewIfNeeded();
  await shot('scenarios-people');
  await page.getByLabel('Name').fill(`Stratus Cloud breach drill (${suffix})`);
  await page.getByRole('button', { name: 'Save exercise' }).click();
  await page.getByTestId('scenario-opened').waitFor();
  await shot('scenarios-saved');
  await page.getByRole('table', { name: 'Saved exercises' }).scrollIntoViewIfNeeded();
  await shot('scenarios-exercises');
  await page.getByRole('button', { name: 'Change' }).click();
  await page.getByLabel('Provider: vendor, fourth party or provider group').fill('Orderline');
  await page.getByRole('list', { name: 'Matching providers' }).getByRole('button', { name: 'Orderline Commerce' }).click();
  await page.getByRole('radiogroup', { name: 'What happens' }).getByText('Outage: service down').click();
  await page.getByLabel('Outage length (hours)').fill('24');
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await page.getByTestId('figure-tolerance').waitFor();
  await page.getByTestId('scenario-results').scrollIntoViewIfNeeded();
  await shot('scenarios-outage');
  await page.getByRole('button', { name: 'Rank providers' }).click();
  await page.getByTestId('ranking-people').locator('svg.recharts-surface').waitFor();
  await page.getByTestId('ranking-people').scrollIntoViewIfNeeded();
  await shot('scenarios-ranking');
  await nav(page, 'Settings');
  const rules = page.getByTestId('scenario-settings');
  await rules.getByTestId('rule-oaic-ndb').locator('summary').click();
  await rules.getByTestId('rule-oaic-ndb').scrollIntoViewIfNeeded();
  await shot('settings-scenario-rules');
}

/** The Regulatory view: the DORA RoI check with its findings, a finding opened at its field, each form (a branch and
 * the branches and links of a contract among them), the CPS 230 register's forms and the import of a package. */
async function shootRegulatory(page: Page, shot: (name: string) => Promise<unknown>) {
  await nav(page, 'Regulatory');
  await page.getByRole('heading', { name: 'Regulatory registers', level: 2 }).waitFor();
  await page.waitForLoadState('networkidle');
  await shot('regulatory');
  await page.getByTestId('roi-lint').click();
  const findings = page.getByTestId('roi-findings');
  await findings.waitFor();
  await shot('regulatory-findings');
  await findings.getByRole('button', { name: /^Service / }).first().click();
  await page.getByRole('form', { name: /^Function fields of / }).waitFor();
  await shot('regulatory-finding-opened');
  await page.getByRole('combobox', { name: 'Contract', exact: true }).selectOption({ label: 'HCC-2021-07 · Harbourline Customer Care' });
  await page.getByRole('form', { name: /^Register of Information fields of / }).scrollIntoViewIfNeeded();
  await shot('regulatory-contract');
  await page.getByRole('heading', { name: 'Assessment of the service (B_07.01)' }).scrollIntoViewIfNeeded();
  await shot('regulatory-contract-assessment');
  await page.getByRole('combobox', { name: 'Contract', exact: true }).selectOption({ label: 'SKY-GDS-2016 · Skyroute GDS' });
  await page.getByRole('combobox', { name: 'Linked arrangements' }).selectOption({ label: 'STR-ENT-2020 · Stratus Cloud' });
  await page.getByRole('group', { name: /^Branches using it/ }).scrollIntoViewIfNeeded();
  await shot('regulatory-contract-branches');
  await page.getByRole('button', { name: /^Edit Southern Cross Payments Europe, Frankfurt branch/ }).click();
  await page.getByRole('form', { name: 'Edit branch' }).scrollIntoViewIfNeeded();
  await shot('regulatory-branch');
  await page.getByRole('form', { name: 'Edit branch' }).getByRole('button', { name: 'Cancel' }).click();
  await findings.getByRole('button', { name: /^Vendor / }).first().click();
  await page.getByRole('form', { name: /^Provider fields of / }).waitFor();
  await shot('regulatory-provider');
  await page.getByRole('button', { name: 'Add a legal entity' }).click();
  await page.getByRole('form', { name: 'New legal entity' }).scrollIntoViewIfNeeded();
  await shot('regulatory-entity');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByTestId('cps230-contract').selectOption({ label: 'HCC-2021-07 · Harbourline Customer Care · material' });
  await page.getByTestId('cps230-service').selectOption({ label: 'Card payments · critical operation' });
  await page.getByRole('form', { name: /^CPS 230 fields of / }).scrollIntoViewIfNeeded();
  await shot('regulatory-cps230');
  await page.getByTestId('cps230-lint').click();
  await page.getByTestId('cps230-findings').scrollIntoViewIfNeeded();
  await shot('regulatory-cps230-findings');
  await page.getByTestId('roi-import-file').scrollIntoViewIfNeeded();
  await shot('regulatory-import');
}

/** Every view, tab and dialog, in the order a risk manager meets them. */
async function walk(page: Page, shot: (name: string) => Promise<unknown>, suffix: string) {
  await page.getByText('Harbourline Customer Care').first().waitFor();
  await shot('register');
  await page.getByRole('button', { name: /^Stored in:/ }).click();
  await page.getByLabel('Narrow the stored in choices').fill('phil');
  await shot('register-filter');
  await page.getByRole('checkbox', { name: 'Philippines' }).check();
  await page.keyboard.press('Escape');
  await page.getByRole('checkbox', { name: /^Select all/ }).click();
  await page.getByRole('button', { name: 'Edit selected…' }).click();
  await page.getByRole('dialog', { name: /^Edit / }).waitFor();
  await shot('register-bulk-edit');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByRole('button', { name: /^Columns:/ }).click();
  await shot('register-columns');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name: 'Go to a view or vendor' }).waitFor();
  await shot('quick-jump');
  await page.keyboard.press('Escape');

  await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
  await page.getByRole('heading', { name: 'Harbourline Customer Care', level: 2 }).waitFor();
  await shot('vendor-overview');
  for (const [tab, name] of [
    ['Data held', 'vendor-holdings'],
    ['Services supported', 'vendor-services'],
    ['Depends on / Used by', 'vendor-dependencies'],
    ['Contracts', 'vendor-contracts'],
    ['Incidents', 'vendor-incidents'],
    ['Why this score', 'vendor-score'],
    ['Reviews', 'vendor-reviews'],
    ['History', 'vendor-history'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForLoadState('networkidle');
    await shot(name);
  }
  await page.getByRole('button', { name: 'Delete vendor' }).click();
  await page.getByRole('alertdialog').waitFor();
  await shot('confirm-delete');
  await page.keyboard.press('Escape');

  await nav(page, 'Incidents');
  await page.getByRole('table', { name: 'Incidents' }).waitFor();
  await shot('incidents');
  await page.getByRole('row', { name: /Chat provider compromise/ }).click();
  await page.getByRole('dialog').waitFor();
  await shot('incident-form');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await nav(page, 'Procurement review');
  await page.getByTestId('recommendation').waitFor();
  await page.getByLabel('Compare Parley AI').check();
  await page.getByLabel('Compare ChatNest').check();
  await page.getByRole('table', { name: 'Candidates side by side' }).waitFor();
  await shot('procurement');
  await page.getByRole('button', { name: 'Review memo' }).click();
  await page.getByRole('article', { name: 'Review memo' }).waitFor();
  await page.waitForLoadState('networkidle');
  await shot('memo');
  if (suffix === '1366x768-light') await page.pdf({ path: path.join(outDir, 'memo.pdf'), format: 'A4', printBackground: true });

  await nav(page, 'Services');
  await page.getByText('Customer contact centre').first().waitFor();
  await shot('services');
  await nav(page, 'Due soon');
  await page.getByRole('heading', { name: 'Due soon' }).waitFor();
  await page.waitForLoadState('networkidle');
  await shot('due-soon');
  await nav(page, 'History');
  await page.getByRole('heading', { name: 'History', level: 2 }).waitFor();
  await page.waitForLoadState('networkidle');
  await shot('history');
  await nav(page, 'Help');
  await page.getByRole('heading', { name: 'Help', level: 2 }).waitFor();
  await shot('help');
  await nav(page, 'Settings');
  await page.getByRole('table', { name: 'Data categories' }).waitFor();
  await shot('settings');
  await page.getByTestId('backups-card').getByRole('table', { name: 'Backups' }).scrollIntoViewIfNeeded();
  await shot('settings-backups');

  await nav(page, 'Import');
  await page.getByTestId('import-file').waitFor({ state: 'attached' });
  await shot('import-choose');
  const upload = path.join(work, `suppliers-${suffix}.csv`);
  fs.writeFileSync(
    upload,
    [
      'Supplier Name;HQ Country;Service Type;Tier;Annual Spend (AUD);Currency;Next review;Depends on',
      `Frontline Contact ${suffix};Philippines;Contact centre;Tier 1;"1,250,000";AUD;31/03/2027;Stratus Cloud`,
      `Parcel Notify ${suffix};Australia;Other;3;"48,000";AUD;15 March 2027;`,
      'harbourline customer care;Australia;Contact centre;1;"2,400,000";AUD;2027-06-30;',
      'Atlantis Systems;Atlantis;CRM;4;10;AUD;31/02/2027;',
    ].join('\r\n'),
  );
  await page.getByTestId('import-file').setInputFiles(upload);
  await page.getByTestId('import-check').waitFor();
  await shot('import-mapping');
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-check-result').waitFor();
  await page.getByTestId('import-check-result').scrollIntoViewIfNeeded();
  await shot('import-check');
  await page.getByTestId('import-skip-errors').check();
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-report').waitFor();
  await shot('import-report');

  await nav(page, 'Concentration');
  await page.getByTestId('dependency-map').locator('g[role="button"]').first().waitFor();
  await page.waitForLoadState('networkidle');
  await shot('concentration');
  await page.getByTestId('dependency-map').screenshot({ path: path.join(outDir, `dependency-map-${suffix}.png`) });
  await page.getByRole('button', { name: 'About “Largest dependency share”' }).click();
  await shot('concentration-help');
  await page.keyboard.press('Escape');
  if (suffix.startsWith('1920')) {
    for (const [index, figure] of (await page.locator('figure.chart-card').all()).entries()) {
      await figure.screenshot({ path: path.join(outDir, `chart-${index + 1}-${suffix}.png`) });
    }
  }
  await nav(page, 'Board');
  await page.getByTestId('board-providers').locator('svg.recharts-surface').waitFor();
  await page.waitForLoadState('networkidle');
  await shot('board');
  const { width, height } = page.viewportSize()!;
  await page.setViewportSize({ width, height: 3000 });
  await shot('board-full');
  await page.setViewportSize({ width, height });
  await shootScenarios(page, shot, suffix);
  await shootRegulatory(page, shot);
}

/** `npm run screenshots -- --only=regulatory` renders one part only (while working on it). */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const preview = await startPreview(path.join(work, 'Sample.vrr'), { sample: true });
const browser = await launchChromium();
try {
  // Every screen at a laptop's and a projector's size, light and dark.
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const suffix = `${width}x${height}-${colorScheme}`;
      const page = await browser.newPage({ viewport: { width, height }, colorScheme });
      const shot = (name: string) => page.screenshot({ path: path.join(outDir, `${name}-${suffix}.png`) });
      await page.goto(preview.url);
      if (only === 'regulatory') {
        await page.getByText('Harbourline Customer Care').first().waitFor();
        await shootRegulatory(page, shot);
      } else await walk(page, shot, suffix);
      await page.close();
    }
  }
  if (!only) {
    const pack = (await (await fetch(`${preview.url}api/board.pack`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"periodDays":365}' })).json()) as { value: { html: string } };
    const packPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await packPage.setContent(pack.value.html);
    await packPage.screenshot({ path: path.join(outDir, 'board-pack-screen.png') });
    await packPage.pdf({ path: path.join(outDir, 'board-pack.pdf'), format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    await packPage.close();
    execFileSync('pdftoppm', ['-png', '-r', '70', path.join(outDir, 'board-pack.pdf'), path.join(outDir, 'board-pack-page')]);

    const empty = await startPreview(path.join(work, 'Empty.vrr'));
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(empty.url);
    await page.getByTestId('vendors-empty').waitFor();
    await page.screenshot({ path: path.join(outDir, 'welcome-light.png') });
    await empty.stop();
  }
  console.log(`Screenshots written to ${outDir}`);
} finally {
  await browser.close();
  await preview.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
