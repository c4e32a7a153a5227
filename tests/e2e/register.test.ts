import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, stop, tempRegister } from './helpers';

describe('the register in Chromium through the preview harness', () => {
  it('keeps a vendor created through the UI across a restart of the harness', async () => {
    const file = tempRegister('Persisted');
    const first = await preview(file);
    const { page, problems } = await openPage(first.url);
    await expect.poll(() => page.getByTestId('register-identity').textContent()).toContain('Persisted');

    // An empty register offers the team's spreadsheet first.
    await page.getByRole('button', { name: /Import your spreadsheet/ }).click();
    await page.getByRole('heading', { name: /^Import/, level: 2 }).waitFor();
    await nav(page, 'Register');

    await page.getByRole('button', { name: /Add the first vendor/ }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Skyline Contact Solutions');
    await page.getByLabel('Service type').selectOption('customer_servicing');
    await page.getByLabel('Tier').selectOption('1');
    await page.getByLabel('LEI').fill('5493 0084 UKLV MY22 DS16');
    await page.getByLabel('Annual spend').fill('4,200,000');
    await page.getByLabel('Currency').fill('AUD');
    await page.getByRole('button', { name: 'Add vendor', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Skyline Contact Solutions”' }).waitFor();
    await page.getByRole('heading', { name: 'Skyline Contact Solutions', level: 2 }).waitFor();
    // The next step is pointed to; the vendor's tabs work with the arrow keys, Home and End.
    await page.getByRole('button', { name: 'Record the data it holds' }).click();
    expect(await page.getByRole('tab', { name: 'Data held' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('table', { name: 'Data held' }).waitFor();
    await page.getByRole('tab', { name: 'Data held' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Services supported');
    expect(await page.getByRole('tab', { name: 'Services supported' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('vendor-tab-history');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await page.close();
    await stop(first);

    const second = await preview(file);
    const reopened = await openPage(second.url);
    const row = reopened.page.getByRole('row', { name: /Skyline Contact Solutions/ });
    await row.click();
    await expect.poll(() => reopened.page.getByLabel('LEI').inputValue()).toBe('54930084UKLVMY22DS16');
    await expect.poll(() => reopened.page.getByLabel('Annual spend').inputValue()).toBe('4,200,000');
    expect([...problems, ...reopened.problems]).toEqual([]);
  });

  it('serves the page with a strict CSP and refuses cross-origin and malformed API calls', async () => {
    const started = await preview(tempRegister('Policy'));
    const page = await fetch(started.url);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);

    const api = `${started.url}api/vendors.list`;
    const crossSite = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: '{}' });
    expect(crossSite.status).toBe(403);
    const notJson = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
    const badJson = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{oops' });
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is refused; fetch cannot set Host, http can.
    const rebound = await new Promise<number>((resolve, reject) => {
      const request = http.request(api, { method: 'POST', headers: { 'Content-Type': 'application/json', Host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0));
      request.on('error', reject);
      request.end('{}');
    });
    expect(rebound).toBe(421);
  });

  it('sorts, filters as you type, and opens a vendor from the keyboard', async () => {
    const started = await preview(tempRegister('Sample'), { sample: true });
    const { page, problems } = await openPage(started.url);
    await expect.poll(() => page.getByTestId('vendor-count').textContent()).toMatch(/^\d+ vendors$/);
    await page.getByRole('searchbox', { name: 'Search vendors' }).fill('stratus');
    await expect.poll(() => page.getByTestId('vendor-count').textContent()).toBe('3 of 39 vendors');
    await page.getByRole('searchbox', { name: 'Search vendors' }).fill('');
    await page.getByRole('button', { name: /^Exposure/ }).click();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Harbourline Customer Care');
    // Keyboard: down to the second row, Enter opens it.
    await page.getByRole('grid', { name: 'Vendors' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Data held' }).waitFor();
    expect(problems).toEqual([]);
  });
});
