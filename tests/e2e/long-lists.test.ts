// A provider behind many vendors: its page shows one page of its dependents at a time, says where the page sits, moves
// on with Next and finds a name in the whole list (the tab once drew every dependent: 250,000 nodes at 50,000).
import { describe, expect, it } from 'vitest';
import { openPage, preview, tempRegister } from './helpers';

async function call<T>(base: string, method: string, args: unknown): Promise<T> {
  const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error!.message);
  return envelope.value;
}

describe('long lists', () => {
  it('pages a provider’s dependents and finds one among them', async () => {
    const started = await preview(tempRegister('Long lists'));
    const vendor = (name: string) => call<{ id: number }>(started.url, 'vendors.create', { vendor: { name, serviceType: 'other', status: 'active', tier: 2 } });
    const provider = await vendor('Acme Cloud');
    for (let i = 0; i < 230; i++) {
      const shop = await vendor(`Shop ${String(i).padStart(3, '0')}`);
      await call(started.url, 'dependencies.add', { vendorId: shop.id, supplierId: provider.id });
    }
    const { page, problems } = await openPage(started.url);
    await page.getByRole('row', { name: /Acme Cloud/ }).click();
    await page.getByRole('tab', { name: 'Depends on / Used by' }).click();

    const usedBy = page.locator('.card', { has: page.getByRole('heading', { name: /^Used by/ }) });
    await expect.poll(() => usedBy.getByRole('heading').textContent()).toBe('Used by (230)');
    expect(await usedBy.locator('.link-list li').count()).toBe(100);
    const pages = usedBy.getByRole('navigation', { name: 'Pages of Used by' });
    expect(await pages.textContent()).toContain('1–100 of 230');
    await pages.getByRole('button', { name: 'Next' }).click();
    await usedBy.getByRole('button', { name: 'Shop 100', exact: true }).waitFor();
    expect(await pages.textContent()).toContain('101–200 of 230');

    await usedBy.getByRole('searchbox', { name: 'Find in Used by' }).fill('shop 22');
    await expect.poll(() => usedBy.locator('.link-list li').count()).toBe(10);
    expect(await usedBy.locator('.link-list li').first().textContent()).toContain('Shop 220');
    expect(await pages.count()).toBe(0);
    await usedBy.getByRole('button', { name: 'Shop 225', exact: true }).click();
    await page.getByRole('heading', { name: 'Shop 225', level: 2 }).waitFor();
    expect(problems).toEqual([]);
  });
});
