// Everyday work in the register table: filters that open with the keyboard and close on Escape or a click outside,
// saved views, a bulk edit with one audit entry per vendor, undo after a delete and a bulk edit, and typed dates.
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Incident, VendorPage } from '../../db/contract';
import { nav, openPage, preview, tempRegister } from './helpers';

async function call<T>(url: string, method: string, args: unknown): Promise<T> {
  const answer = (await (await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) })).json()) as { ok: boolean; value: T };
  if (!answer.ok) throw new Error(`${method} failed`);
  return answer.value;
}

describe('the register table', () => {
  it('filters with a keyboard menu, saves the view, bulk-edits the selection and undoes it', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    const count = page.getByTestId('vendor-count');
    await expect.poll(() => count.textContent()).toMatch(/^\d+ vendors$/);
    const all = Number((await count.textContent())!.split(' ')[0]);

    // "Stored in": opens from the keyboard, narrows by typing, closes on Escape with the focus back on its button.
    const stored = page.getByRole('button', { name: /^Stored in:/ });
    await stored.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Filter by stored in' });
    await page.keyboard.type('Philipp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    const expected = await call<VendorPage>(started.url, 'vendors.list', { storageCountries: ['PH'] });
    await expect.poll(() => count.textContent()).toBe(`${expected.total} of ${all} vendors`);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Philippines');

    // A click outside closes a filter too.
    await page.getByRole('button', { name: /^Status:/ }).click();
    await page.getByRole('dialog', { name: 'Filter by status' }).waitFor();
    await page.getByRole('heading', { name: 'Register' }).click();
    await page.getByRole('dialog', { name: 'Filter by status' }).waitFor({ state: 'detached' });

    // Saved view: saved, cleared, shown again.
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByTestId('view-save').click();
    await page.getByLabel('Name of the view').fill('Data in the Philippines');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect.poll(() => count.textContent()).toBe(`${all} vendors`);
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: 'Show “Data in the Philippines”' }).click();
    await expect.poll(() => count.textContent()).toBe(`${expected.total} of ${all} vendors`);

    // Select every vendor shown and change their status: one audit entry per vendor, undone in one click.
    await page.getByRole('checkbox', { name: /^Select all/ }).click();
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe(`${expected.total} selected`);
    await page.getByRole('button', { name: 'Edit selected…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Edit \d+ vendors?$/ });
    await dialog.getByLabel('Status').selectOption('under_review');
    await dialog.getByRole('button', { name: /^Change / }).click();
    await dialog.waitFor({ state: 'detached' });
    const changed = await call<VendorPage>(started.url, 'vendors.list', { storageCountries: ['PH'] });
    expect(changed.rows.every((r) => r.status === 'under_review')).toBe(true);
    const audit = await call<AuditEntry[]>(started.url, 'audit.list', { limit: expected.total });
    expect(audit.filter((e) => e.entity === 'vendor' && e.action === 'update')).toHaveLength(expected.total);
    await page.getByTestId('undo').click();
    await expect.poll(async () => (await call<VendorPage>(started.url, 'vendors.list', { storageCountries: ['PH'] })).rows.map((r) => r.status)).toEqual(expected.rows.map((r) => r.status));
    expect(problems).toEqual([]);
  });

  it('undoes a deleted vendor with everything it held', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    const before = await call<VendorPage>(started.url, 'vendors.list', { limit: 1000 });
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    await page.getByRole('button', { name: 'Delete vendor' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete vendor' }).click();
    await page.getByText(/^Deleted “Harbourline Customer Care”/).waitFor();
    expect((await call<VendorPage>(started.url, 'vendors.list', { limit: 1000 })).total).toBe(before.total - 1);
    await page.getByTestId('undo').click();
    await page.getByText(/^Undone/).waitFor();
    const after = await call<VendorPage>(started.url, 'vendors.list', { limit: 1000 });
    expect(after.rows.map(({ updatedAt: _u, ...r }) => r)).toEqual(before.rows.map(({ updatedAt: _u, ...r }) => r));
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).waitFor();
    expect(problems).toEqual([]);
  });
});

describe('the data a vendor holds', () => {
  it('Enter in the add row adds the holding and leaves the focus ready for the next', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    await page.getByRole('tab', { name: 'Data held' }).click();
    const rows = page.locator('tbody tr:not(.add-row)');
    const before = await rows.count();
    const add = page.locator('tr.add-row');
    await add.getByLabel('Data category').selectOption({ label: 'Health, biometric or genetic data' });
    await add.getByLabel('People').fill('1,200');
    await add.getByLabel('People').press('Enter');
    await expect.poll(() => rows.count()).toBe(before + 1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Data category');
    expect(problems).toEqual([]);
  });
});

describe('dates', () => {
  it('reads a date typed day first, shows what it read, and names an impossible one at its field', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    await call(started.url, 'settings.updateDateOrder', { order: 'dmy' });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Incidents');
    await page.getByRole('button', { name: 'Log incident' }).click();
    const drawer = page.getByRole('dialog', { name: 'Log an incident' });
    await drawer.getByRole('combobox', { name: /Where it happened/ }).fill('Harbourline');
    await page.locator('.picker__list').getByRole('option', { name: /Harbourline Customer Care/ }).click();
    await drawer.getByLabel('Title').fill('Contact-centre platform breach');
    const told = drawer.getByLabel('We were told');
    await told.fill('31/02/2025');
    await drawer.getByRole('button', { name: 'Log incident' }).click();
    // Refused at the field, which takes the focus.
    await told.and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('dd/mm/yyyy hh:mm');

    await told.fill('30/06/2025 14:30');
    // What the text was read as, in words (the month named, so day and month cannot be confused).
    await expect.poll(() => drawer.locator('.date-input__read').first().textContent()).toMatch(/^Read as 30 June? 2025 14:30$/);
    await drawer.getByRole('button', { name: 'Log incident' }).click();
    await drawer.waitFor({ state: 'detached' });
    const incidents = await call<Incident[]>(started.url, 'incidents.list', {});
    expect(incidents.find((i) => i.title === 'Contact-centre platform breach')?.weWereTold).toBe('2025-06-30T14:30');
    expect(problems).toEqual([]);
  });
});
