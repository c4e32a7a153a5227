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

/** Every table of the register as the preview's full JSON export gives it (a read: it writes nothing). */
async function registerContent(url: string): Promise<Record<string, unknown[]>> {
  const call = async (method: string, args: unknown) => {
    const response = await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    const envelope = (await response.json()) as { ok: boolean; value: unknown; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
    return envelope.value;
  };
  const { jobId } = (await call('exports.json', {})) as { jobId: string };
  let status = (await call('jobs.status', { jobId })) as { state: string; result: { base64: string } };
  while (status.state === 'running') status = (await call('jobs.status', { jobId })) as typeof status;
  return (JSON.parse(Buffer.from(status.result.base64, 'base64').toString('utf8')) as { tables: Record<string, unknown[]> }).tables;
}

describe('import screen', () => {
  it('maps, checks, refuses a file with errors, and imports the good rows when asked', async () => {
    const file = tempRegister('Empty');
    const started = await preview(file);
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Import');
    const upload = path.join(path.dirname(file), 'suppliers.csv');
    fs.writeFileSync(upload, `\uFEFF${CSV}`);
    await page.getByTestId('import-file').setInputFiles(upload);

    await expect.poll(() => page.getByTestId('import-file-facts').textContent()).toMatch(/CSV, UTF-8 \(with BOM\), separated by “;” · headers on row 1 · 4 rows \(1 blank row left out\)/);
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
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-vendors-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^Empty – Vendors \d{4}-\d{2}-\d{2}\.csv$/);
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    expect(saved).toContain('Frontline Contact');
    expect(saved).toContain('1250000');
    expect(problems).toEqual([]);
  });

  it('imports a workbook with a title row, a hidden column, a totals row and a wide holdings sheet, then undoes it', async () => {
    const file = tempRegister('Workbook');
    const started = await preview(file);
    const { page, problems } = await openPage(started.url);
    const content = () => registerContent(started.url);
    await nav(page, 'Import');
    const workbook = path.join(import.meta.dirname, '../fixtures/import/item13-wide-holdings.xlsx');

    // The vendors sheet: headers found on row 3 under the title, the hidden legacy tier marked and not matched, the total left out.
    await page.getByTestId('import-file').setInputFiles(workbook);
    await expect.poll(() => page.getByTestId('import-file-facts').textContent()).toMatch(/Excel workbook, sheet “Vendors” · headers on row 3 · 4 rows/);
    expect(await page.getByLabel('Column for Tier').locator('option:checked').textContent()).toBe('Tier');
    expect(await page.getByLabel('Column for Tier').locator('option').allTextContents()).toContain('Tier (legacy) (hidden)');
    expect(await page.getByTestId('import-notes').innerText()).toMatch(/Hidden in the sheet: Tier \(legacy\)/);
    expect(await page.getByTestId('import-odd-rows').innerText()).toMatch(/Row 1 \(title, above the headers\): Third parties[\s\S]*Leave out row 7 \(total\):\s*Total · 5700000/);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-result').waitFor();
    expect(await page.getByTestId('check-create').textContent()).toContain('3');
    expect(await page.getByTestId('check-errors').textContent()).toContain('0');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('report-created').textContent()).toContain('3');
    expect(await page.getByTestId('report-left-out').textContent()).toBe('1 row left out as not records: row 7 (total) “Total · 5700000”.');
    // The day's snapshot follows the import once it is written (scored apart from it): waited for, so that it is part
    // of the register as it was before the holdings import.
    await expect.poll(async () => (await content()).snapshots?.length, { timeout: 10_000 }).toBe(1);
    const before = await content();

    // The holdings sheet, one column per data category.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByTestId('import-file').setInputFiles(workbook);
    await page.getByTestId('import-sheet').selectOption('Holdings');
    await expect.poll(() => page.getByTestId('import-file-facts').textContent()).toMatch(/sheet “Holdings”/);
    expect(await page.getByTestId('import-entity').inputValue()).toBe('holdings');
    expect(await page.getByTestId('import-wide-on').isChecked()).toBe(true);
    expect(await page.getByLabel('Data category of Email (people)').locator('option:checked').textContent()).toBe('Email address');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-check-result').waitFor();
    expect(await page.getByTestId('check-create').textContent()).toContain('7');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('report-created').textContent()).toContain('7');
    const imported = await content();
    expect(imported.holdings?.length).toBe((before.holdings?.length ?? 0) + 7);

    // Undo: the register is back, in content, as it was before the holdings import.
    await page.getByTestId('import-undo').click();
    await page.getByText(/Undone: the register is back as it was before importing item13-wide-holdings\.xlsx/).waitFor();
    expect(await content()).toEqual(before);
    await nav(page, 'Register');
    await page.getByText('Stratus Cloud').first().waitFor();
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
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete vendor' }).click();
    await page.getByText(/^Deleted “Harbourline Customer Care”/).waitFor();
    await nav(page, 'Settings');
    await card.getByRole('row', { name: /Taken by hand/ }).getByRole('button', { name: 'Restore…' }).click();
    await page.getByRole('alertdialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText(/Restored the backup from/).waitFor();
    await nav(page, 'Register');
    await page.getByText('Harbourline Customer Care').first().waitFor();
    expect(problems).toEqual([]);
  });
});
