import { describe, expect, it } from 'vitest';
import { openPage, preview, tempRegister } from './helpers';

async function call<T>(base: string, method: string, args: object): Promise<T> {
  const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

describe('choosing a vendor', () => {
  it('moves through matches with the keyboard, says when nothing matches, and adds a missing supplier as a fourth party in place', async () => {
    const started = await preview(tempRegister('Pickers'));
    const base = started.url;
    const vendor = (name: string, extra: object = {}) => call<{ id: number }>(base, 'vendors.create', { vendor: { name, ...extra } });
    await vendor('Airline bookings');
    await vendor('Stratus Analytics', { direct: false });
    await vendor('Stratus Cloud', { direct: false });

    const { page, problems } = await openPage(base);
    await page.getByRole('row', { name: /Airline bookings/ }).click();
    await page.getByRole('tab', { name: 'Depends on / Used by' }).click();
    const picker = page.getByRole('combobox', { name: 'Depends on' });

    // Arrow keys and Enter: the second match is chosen without the mouse.
    await picker.fill('Stratus');
    await page.getByRole('option', { name: 'Stratus Cloud', exact: true }).waitFor();
    expect(await page.locator('.picker__list').getByRole('option').allTextContents()).toEqual(['Stratus Analytics', 'Stratus Cloud', 'Add “Stratus” as a fourth party']);
    await picker.press('ArrowDown');
    expect(await page.locator('.picker__list').getByRole('option', { selected: true }).textContent()).toBe('Stratus Cloud');
    await picker.press('Enter');
    await page.locator('.picker__value', { hasText: 'Stratus Cloud' }).waitFor();
    await page.getByRole('button', { name: 'Add supplier' }).click();
    await page.getByRole('button', { name: 'Remove the link to Stratus Cloud' }).waitFor();

    // A supplier not yet in the register: created as a fourth party from the picker and linked at once.
    await page.getByRole('combobox', { name: 'Depends on' }).fill('Nimbus Hosting');
    await page.getByRole('option', { name: 'Add “Nimbus Hosting” as a fourth party' }).waitFor();
    await page.getByRole('combobox', { name: 'Depends on' }).press('Enter');
    await page.getByRole('button', { name: 'Remove the link to Nimbus Hosting' }).waitFor();
    const created = await call<{ rows: { name: string; direct: boolean }[] }>(base, 'vendors.list', { search: 'Nimbus' });
    expect(created.rows).toMatchObject([{ name: 'Nimbus Hosting', direct: false }]);

    // Without a way to create, a search that finds nothing says so.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByLabel('Ultimate parent').fill('Qwerty');
    await page.getByRole('status').filter({ hasText: 'No vendor matches “Qwerty”.' }).waitFor();
    expect(await page.locator('.picker__list').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('linking vendors from the Services page', () => {
  it('links vendors to a service on its card and shows the engine’s single point of failure', async () => {
    const started = await preview(tempRegister('Services'));
    const base = started.url;
    for (const name of ['PayCo', 'ChatCo']) await call(base, 'vendors.create', { vendor: { name } });
    await call(base, 'services.save', { service: { name: 'Card payments', criticality: 'critical' } });

    const { page, problems } = await openPage(base);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Services', exact: true }).click();
    const card = page.locator('article', { hasText: 'Card payments' });
    await card.getByText('Single point of failure: no live vendor supports it.').waitFor();

    await card.getByRole('combobox', { name: 'Link a vendor' }).fill('PayCo');
    await card.getByRole('option', { name: 'PayCo', exact: true }).waitFor();
    await card.getByRole('combobox', { name: 'Link a vendor' }).press('Enter');
    await card.getByRole('button', { name: 'Link', exact: true }).click();
    await card.getByRole('button', { name: 'PayCo' }).waitFor();
    await card.getByText('Single point of failure: rests on PayCo.').waitFor();

    await card.getByRole('combobox', { name: 'Link a vendor' }).fill('ChatCo');
    await card.getByRole('option', { name: 'ChatCo', exact: true }).waitFor();
    await card.getByRole('combobox', { name: 'Link a vendor' }).press('Enter');
    await card.getByLabel('Reliance').selectOption('material');
    await card.getByRole('button', { name: 'Link', exact: true }).click();
    await card.getByText('Material reliance').waitFor();
    await expect.poll(() => card.getByText(/Single point of failure/).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
