import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

describe('the History view', () => {
  it('shows every change in words under the person’s name, filtered by who and what', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await nav(page, 'Settings');
    await page.getByLabel('Your name in the history').fill('Alex Risk-Manager');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('status').filter({ hasText: 'recorded as made by “Alex Risk-Manager”' }).waitFor();

    // A change made now is recorded under that name.
    await nav(page, 'Register');
    await page.getByRole('row', { name: /Harbourline Customer Care/ }).click();
    await page.getByLabel('Owner').fill('Head of Contact Centres');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    await nav(page, 'History');
    await page.getByLabel('Who').selectOption('Alex Risk-Manager');
    const first = page.getByRole('list', { name: 'Change history' }).getByRole('listitem').first();
    await expect.poll(() => first.textContent()).toContain('Vendor changed: Harbourline Customer Care');
    expect(await first.textContent()).toMatch(/Alex Risk-Manager.*OwnerHead of Customer Operations→Head of Contact Centres/);
    expect(await page.getByRole('list', { name: 'Change history' }).getByRole('listitem').count()).toBe(1);

    await page.getByLabel('Who').selectOption('');
    await page.getByLabel('What').selectOption('dependency');
    await expect.poll(() => first.textContent()).toMatch(/^Fourth-party link added: .* → /);
    expect(await page.getByRole('list', { name: 'Change history' }).textContent()).not.toMatch(/Supplier id|\bid \d/);
    expect(problems).toEqual([]);
  });
});
