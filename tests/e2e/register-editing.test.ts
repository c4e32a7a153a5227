import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fieldMessage, nav, openPage, preview, sha256, stop, tempRegister } from './helpers';

async function addVendor(page: Page, name: string) {
  await nav(page, 'Register');
  await page.getByRole('button', { name: /Add (the first )?vendor/ }).first().click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Add vendor', exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

async function addHolding(page: Page, category: string, records: string, country: string) {
  const row = page.locator('tr.add-row');
  await row.getByLabel('Data category').selectOption({ label: category });
  await row.getByLabel('People').fill(records);
  await row.getByLabel('Stored in').selectOption({ label: country });
  await row.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('table', { name: 'Data held' }).locator('tbody tr:not(.add-row)').filter({ has: page.locator(`option:checked`, { hasText: category }) }).first().waitFor();
}

async function pickVendor(page: Page, label: string, name: string) {
  await page.getByRole('combobox', { name: label }).fill(name);
  await page.getByRole('option', { name, exact: true }).click();
}

describe('editing the register through the UI', () => {
  it('records holdings, a service link, a fourth party, an incident and a weight change, all kept and audited', async () => {
    const file = tempRegister('Editing');
    const first = await preview(file);
    const { page, problems } = await openPage(first.url);

    // A service to link to.
    await nav(page, 'Services');
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Online sales chat');
    await page.getByLabel('Criticality').selectOption('critical');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.getByRole('heading', { name: 'Online sales chat' }).waitFor();

    await addVendor(page, 'Stratus Cloud');
    await addVendor(page, 'Chatterbox Messaging');

    await page.getByRole('tab', { name: 'Data held' }).click();
    await addHolding(page, 'Name', '420,000', 'United States');
    await addHolding(page, 'Email address', '380,000', 'United States');
    await addHolding(page, 'Full payment card (PAN + expiry + CVV)', '160,000', 'United States');
    await expect.poll(() => page.getByTestId('holdings-total-records').textContent()).toBe('960,000 data items');
    await expect.poll(() => page.getByTestId('holdings-total-exposure').textContent()).toBe('1,440,000');

    await page.getByRole('tab', { name: 'Services supported' }).click();
    await page.getByLabel('Service to link').selectOption({ label: 'Online sales chat' });
    await page.getByLabel('Reliance', { exact: true }).selectOption('full');
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByRole('table', { name: 'Services supported' }).getByText('Online sales chat').waitFor();

    await page.getByRole('tab', { name: 'Depends on / Used by' }).click();
    await pickVendor(page, 'Depends on', 'Stratus Cloud');
    await page.getByLabel('For what').fill('Hosting');
    await page.getByRole('button', { name: 'Add supplier' }).click();
    await page.getByRole('table', { name: 'Supply chain' }).getByRole('row', { name: /Stratus Cloud its own supplier/ }).waitFor();

    await page.getByRole('tab', { name: 'Incidents' }).click();
    await page.getByRole('button', { name: 'Log incident' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Title').fill('Chat malware read card numbers');
    await drawer.getByLabel('Occurred from').fill('2017-09-26');
    await drawer.getByLabel('Vendor detected').fill('2017-10-12');
    await drawer.getByLabel('We were told').fill('2018-03-28');
    await drawer.getByLabel('Full payment card (PAN + expiry + CVV)').check();
    await expect.poll(() => drawer.getByLabel('Derived figures').textContent()).toContain('167 days');
    await drawer.getByRole('button', { name: 'Log incident' }).click();
    await page.getByRole('table', { name: 'Incidents' }).getByText('Chat malware read card numbers').waitFor();

    await nav(page, 'Settings');
    await page.getByLabel('Weight of Email address').fill('1.25');
    await page.getByRole('table', { name: 'Data categories' }).getByRole('row', { name: /Email address/ }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByLabel('Weight of Email address').inputValue()).toBe('1.25');
    await page.close();
    await stop(first);

    // Restart on the same file: everything is there.
    const second = await preview(file);
    const again = await openPage(second.url);
    const p = again.page;
    const row = p.getByRole('row', { name: /Chatterbox Messaging/ });
    await expect.poll(() => row.textContent()).toMatch(/≥ 420K.*1\.5M.*1 · 2017.*1/);
    await row.click();
    await p.getByRole('tab', { name: 'Data held' }).click();
    await expect.poll(() => p.getByTestId('holdings-total-exposure').textContent()).toBe('1,535,000');
    await p.getByRole('tab', { name: 'Services supported' }).click();
    await p.getByRole('table', { name: 'Services supported' }).getByText('Online sales chat').waitFor();
    await p.getByRole('tab', { name: 'Depends on / Used by' }).click();
    await p.getByRole('button', { name: 'Stratus Cloud', exact: true }).waitFor();

    // History shows each change with its before and after.
    await p.getByRole('tab', { name: 'History' }).click();
    const history = p.getByRole('list', { name: 'Change history' });
    await history.getByText('Incident added').waitFor();
    for (const title of ['Vendor added', 'Data holding added', 'Service link added', 'Fourth-party link added']) await history.getByText(title).first().waitFor();
    const holding = history.locator('li', { hasText: 'Data holding added' }).filter({ hasText: '160,000' });
    await expect.poll(() => holding.count()).toBe(1);

    await nav(p, 'Settings');
    await expect.poll(() => p.getByLabel('Weight of Email address').inputValue()).toBe('1.25');
    expect([...problems, ...again.problems]).toEqual([]);
  });

  it('shows each refusal at its field and leaves the file unchanged', async () => {
    const file = tempRegister('Refusals');
    const setup = await preview(file);
    const { page } = await openPage(setup.url);
    await addVendor(page, 'CyberSource');
    await addVendor(page, 'ANZ Merchant Payments');
    await page.getByRole('tab', { name: 'Depends on / Used by' }).click();
    await pickVendor(page, 'Depends on', 'CyberSource');
    await page.getByRole('button', { name: 'Add supplier' }).click();
    await page.getByRole('button', { name: 'CyberSource', exact: true }).waitFor();
    await page.close();
    await stop(setup);
    const before = sha256(file);

    const started = await preview(file);
    const { page: p, problems } = await openPage(started.url);

    // Duplicate name in another case, and a bad LEI, on a new vendor.
    await nav(p, 'Register');
    await p.getByRole('button', { name: 'Add vendor' }).click();
    await p.getByRole('textbox', { name: 'Name', exact: true }).fill('cybersource');
    await p.getByLabel('LEI').fill('5493 0084 UKLV MY22 DS17');
    await p.getByRole('button', { name: 'Add vendor', exact: true }).click();
    expect(await fieldMessage(p, p.getByLabel('LEI'))).toMatch(/check digits/);
    await p.getByLabel('LEI').fill('');
    await p.getByRole('button', { name: 'Add vendor', exact: true }).click();
    expect(await fieldMessage(p, p.getByRole('textbox', { name: 'Name', exact: true }))).toMatch(/already in the register/);
    await p.getByRole('button', { name: 'Cancel' }).click();
    await p.getByRole('alertdialog', { name: 'Unsaved changes' }).getByRole('button', { name: 'Leave without saving' }).click();

    // A negative count on CyberSource's data.
    await p.getByRole('row', { name: /CyberSource/ }).click();
    await p.getByRole('tab', { name: 'Data held' }).click();
    const add = p.locator('tr.add-row');
    await add.getByLabel('Data category').selectOption({ label: 'Name' });
    await add.getByLabel('People').fill('-5');
    await add.getByRole('button', { name: 'Add' }).click();
    expect(await fieldMessage(p, add.getByLabel('People'))).toMatch(/cannot be negative/);

    // A cycle: CyberSource depending on ANZ, which already depends on CyberSource.
    await p.getByRole('tab', { name: 'Depends on / Used by' }).click();
    await pickVendor(p, 'Depends on', 'ANZ Merchant Payments');
    await p.getByRole('button', { name: 'Add supplier' }).click();
    expect(await fieldMessage(p, p.locator('#supplier-picker'))).toMatch(/cycle: CyberSource → ANZ Merchant Payments → CyberSource/);

    // A contract that ends before it starts.
    await p.getByRole('tab', { name: 'Contracts' }).click();
    await p.getByRole('button', { name: 'Add contract' }).click();
    await p.getByLabel('Reference').fill('CS-1');
    await p.getByLabel('Start', { exact: true }).fill('2025-05-01');
    await p.getByLabel('End', { exact: true }).fill('2025-04-30');
    await p.getByRole('button', { name: 'Save contract' }).click();
    expect(await fieldMessage(p, p.getByLabel('End', { exact: true }))).toMatch(/before the start/);

    await p.close();
    await stop(started);
    expect(sha256(file)).toBe(before);
    expect(problems).toEqual([]);
  });
});
