import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, tempRegister } from './helpers';

/** Calls the register API of a running harness, as the page does. */
async function call<T>(base: string, method: string, args: object): Promise<T> {
  const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

describe('procurement review', () => {
  it('escalates a vendor that would hold 35 % of exposure, approves a small one, and the dashboard then equals the review’s after figures', async () => {
    const file = tempRegister('Procurement');
    const started = await preview(file);
    const base = started.url;
    const categories = await call<{ id: number; code: string }[]>(base, 'categories.list', {});
    const category = (code: string) => categories.find((c) => c.code === code)!.id;
    const vendor = (name: string, extra: object) => call<{ id: number }>(base, 'vendors.create', { vendor: { name, serviceType: 'other', tier: 2, exitPlan: true, substitutability: 'easy', ...extra } });
    const hold = (vendorId: number, code: string, records: number, storageCountry = 'AU') => call(base, 'holdings.save', { holding: { vendorId, categoryId: category(code), records, storageCountry } });
    // Ten equal vendors (HHI 1,000); 150 cards × weight 4 = 600 → 600 / (1,000 + 600) = 37.5 % of exposure after
    // signing, and HHI rises by 797: the 2023 test flags it.
    for (let i = 1; i <= 10; i++) await hold((await vendor(`Vendor ${i}`, {})).id, 'name', 100);
    await hold((await vendor('Big chat platform', { status: 'proposed', exitPlan: false })).id, 'payment_card', 150, 'US');
    await hold((await vendor('Survey tool', { status: 'proposed' })).id, 'email', 20);

    const { page, problems } = await openPage(base);
    await nav(page, 'Procurement review');
    await page.getByRole('navigation', { name: 'Proposed vendors' }).getByRole('button', { name: 'Big chat platform' }).click();
    const recommendation = page.getByTestId('recommendation');
    await expect.poll(() => recommendation.textContent()).toContain('Recommendation: Escalate');
    expect(await recommendation.textContent()).toContain('Big chat platform would hold 37.5 % of weighted exposure (more than 30.0 %) and HHI would rise by 797 (more than 100)');
    await page.getByText('Tokenise card data').first().waitFor();

    // Comparing the two candidates side by side.
    await page.getByLabel('Compare Big chat platform').check();
    await page.getByLabel('Compare Survey tool').check();
    const comparison = page.getByRole('table', { name: 'Candidates side by side' });
    await expect.poll(() => comparison.textContent()).toMatch(/Escalate.*Approve/);

    await page.getByRole('navigation', { name: 'Proposed vendors' }).getByRole('button', { name: 'Survey tool' }).click();
    await expect.poll(() => recommendation.textContent()).toContain('Recommendation: Approve');
    const after = {
      exposure: (await page.getByTestId('hhi-after-exposure').textContent())!.trim(),
      people: (await page.getByTestId('hhi-after-people').textContent())!.trim(),
      cr1: (await page.getByTestId('cr1-after-exposure').textContent())!.trim(),
    };

    await page.getByLabel('Reviewer').fill('Head of Procurement');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Decision recorded' }).waitFor();
    expect((await call<{ status: string }[]>(base, 'reviews.list', {})).length).toBe(1);

    await nav(page, 'Concentration');
    await expect.poll(() => page.getByTestId('tile-hhi').textContent()).toContain(after.exposure);
    expect(await page.getByTestId('tile-cr1').textContent()).toContain(after.cr1.split(' %')[0]!);
    await page.getByRole('radiogroup', { name: 'Basis' }).getByText('People (per vendor)', { exact: true }).click();
    await expect.poll(() => page.getByTestId('tile-hhi').textContent()).toContain(after.people);

    // The memo renders to PDF pages, with the same figures as the review screen.
    await nav(page, 'Register');
    await page.getByRole('row', { name: /Survey tool/ }).click();
    await page.getByRole('tab', { name: 'Reviews' }).click();
    await page.getByRole('table', { name: 'Reviews' }).getByText('Head of Procurement').waitFor();
    await page.getByRole('button', { name: 'Review memo' }).click();
    const memo = page.getByRole('article', { name: 'Review memo' });
    await memo.getByTestId('hhi-after-exposure').waitFor();
    const memoAfter = (await memo.getByTestId('hhi-after-exposure').textContent())!.trim();
    // Approved since: the memo's "after" equals the live portfolio, which equals the review screen's "after".
    expect(memoAfter).toBe(after.exposure);

    const pdf = path.join(path.dirname(file), 'memo.pdf');
    fs.writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(path.dirname(file), 'memo')]);
    const pages = fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith('memo') && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(fs.statSync(path.join(path.dirname(file), pages[0]!)).size).toBeGreaterThan(5_000);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toMatch(/vendor review memo/i);
    expect(text).toContain('Survey tool');
    expect(text).toContain(memoAfter);
    expect(text).not.toContain('Vendor Risk Register\n'); // the app frame is not printed
    expect(problems).toEqual([]);
  });
});
