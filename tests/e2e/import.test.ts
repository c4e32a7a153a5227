// The import screen in Chromium: a messy file is mapped automatically, checked with row errors shown, refused as a
// whole, then imported with the bad rows skipped; exports download; a backup is restored from Settings.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

const CSV = [
  'Supplier Name ;HQ Country;Service Type;Tier;Annual Spend (AUD);Currency;Next review',
  'Frontline Contact;Philippines;Contact centre;Tier 1;"1,250,000";AUD;31/03/2027',
  '',
  'Chat Co;United States;Chat;2;480000;AUD;15 March 2027',
  'chat co;AU;Other;3;;;',
  'Atlantis Systems;Atlantis;CRM;1;10;AUD;',
].join('\r\n');

describe('import screen', () => {
  it('maps, checks, refuses a file with errors, and imports the good rows when asked', async () => {
    const file = tempRegister('Empty');
    const started = await preview(file);
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Import');
    const upload = path.join(path.dirname(file), 'suppliers.csv');
    fs.writeFileSync(upload, `\uFEFF${CSV}`);
    await page.getByTestId('import-file').setInputFiles(upload);

    await expect.poll(() => page.getByTestId('import-file-facts').textContent()).toMatch(/CSV, UTF-8 \(with BOM\), separated by “;” · 4 rows \(1 blank row left out\)/);
    expect(await page.getByTestId('import-entity').inputValue()).toBe('vendors');
    expect(await page.getByLabel('Column for Vendor name').locator('option:checked').textContent()).toBe('Supplier Name');
    expect(await page.getByLabel('Column for Annual spend').locator('option:checked').textContent()).toBe('Annual Spend (AUD)');
    expect(await page.getByLabel('Column for Owner').locator('option:checked').textContent()).toBe('— not imported —');

    // A mapping saved once is applied to the next file with the same headers.
    await page.getByLabel('Column for Owner').selectOption({ label: 'Currency' });
    await page.getByLabel('Column for Spend currency').selectOption({ label: '— not imported —' });
    await page.getByLabel('Save this mapping as').fill('Supplier list');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Mapping “Supplier list” saved.').waitFor();
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page.getByTestId('import-file').setInputFiles(upload);
    await page.getByText('Applied the saved mapping “Supplier list”.').waitFor();
    expect(await page.getByLabel('Column for Owner').locator('option:checked').textContent()).toBe('Currency');
    await page.getByLabel('Column for Owner').selectOption({ label: '— not imported —' });
    await page.getByLabel('Column for Spend currency').selectOption({ label: 'Currency' });

    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-result').waitFor();
    expect(await page.getByTestId('check-create').textContent()).toContain('2');
    expect(await page.getByTestId('check-errors').textContent()).toContain('2');
    const issues = await page.getByTestId('import-issues').innerText();
    expect(issues).toMatch(/5\s+Supplier Name\s+error The same vendor as row 4/);
    expect(issues).toMatch(/6\s+HQ Country\s+error “Atlantis” is not a country/);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    await page.getByTestId('import-skip-errors').check();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('report-created').textContent()).toContain('2');
    expect(await page.getByTestId('report-skipped').textContent()).toContain('2');

    await page.getByRole('button', { name: 'Show the register' }).click();
    await page.getByText('Frontline Contact').first().waitFor();
    expect(await page.getByTestId('vendor-count').textContent()).toBe('2 vendors');

    // The register exports what it shows, as a file the browser saves.
    await page.getByText('Export', { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-vendors-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^Empty – Vendors \d{4}-\d{2}-\d{2}\.csv$/);
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    expect(saved).toContain('Frontline Contact');
    expect(saved).toContain('1250000');
    expect(problems).toEqual([]);
  });

  it('restores a backup from Settings', async () => {
    const file = tempRegister('Restorable');
    const started = await preview(file, { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Settings');
    const card = page.getByTestId('backups-card');
    await card.getByRole('table', { name: 'Backups' }).waitFor();
    await card.getByTestId('backup-now').click();
    await expect.poll(() => card.getByRole('row').count()).toBe(3);

    // A change after the backup, then the restore takes it away.
    await nav(page, 'Register');
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    await page.getByRole('button', { name: 'Delete vendor' }).click();
    await page.getByText('Deleted “Harbourline Customer Care”.').waitFor();
    await nav(page, 'Settings');
    await card.getByRole('row', { name: /Taken by hand/ }).getByRole('button', { name: 'Restore…' }).click();
    await page.getByText(/Restored the backup from/).waitFor();
    await nav(page, 'Register');
    await page.getByText('Harbourline Customer Care').first().waitFor();
    expect(problems).toEqual([]);
  });
});
