import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPreview, type PreviewProcess } from '../harness/processes';

let browser: Browser;
let work: string;
const running: PreviewProcess[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const preview of running.splice(0)) await preview.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function preview(file: string): Promise<PreviewProcess> {
  const started = await startPreview(file);
  running.push(started);
  return started;
}

async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  // Every request must stay on the harness's own origin.
  page.on('request', (request) => !request.url().startsWith(url) && problems.push(`off-origin request: ${request.url()}`));
  await page.goto(url);
  return { page, problems };
}

describe('the register in Chromium through the preview harness', () => {
  it('keeps a vendor created through the UI across a restart of the harness', async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-e2e-'));
    const file = path.join(work, 'Persisted.vrr');

    const first = await preview(file);
    const { page, problems } = await openPage(first.url);
    await expect.poll(() => page.getByTestId('register-identity').textContent()).toContain('Persisted');
    await page.getByTestId('vendors-empty').waitFor();

    await page.getByRole('button', { name: 'Add the first vendor' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Skyline Contact Solutions');
    await page.getByLabel('Service type').selectOption('customer_servicing');
    await page.getByLabel('Tier').selectOption('1');
    await page.getByLabel('LEI').fill('5493 0084 UKLV MY22 DS16');
    await page.getByLabel('Annual spend').fill('4,200,000');
    await page.getByLabel('Currency').fill('AUD');
    await page.getByRole('button', { name: 'Add vendor', exact: true }).last().click();
    await page.getByRole('status').filter({ hasText: 'Saved “Skyline Contact Solutions”' }).waitFor();
    await page.getByRole('row', { name: /Skyline Contact Solutions/ }).waitFor();
    await page.close();
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await preview(file);
    const reopened = await openPage(second.url);
    const row = reopened.page.getByRole('row', { name: /Skyline Contact Solutions/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('A$4.2M');
    await row.click();
    await expect.poll(() => reopened.page.getByLabel('LEI').inputValue()).toBe('54930084UKLVMY22DS16');
    expect([...problems, ...reopened.problems]).toEqual([]);
  });

  it('shows validation messages at the fields and saves nothing', async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-e2e-'));
    const file = path.join(work, 'Validation.vrr');
    const started = await preview(file);
    const { page } = await openPage(started.url);
    await page.getByTestId('vendors-empty').waitFor();
    await page.getByRole('button', { name: 'Add vendor' }).first().click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Broken Vendor');
    await page.getByLabel('LEI').fill('5493 0084 UKLV MY22 DS17');
    await page.getByLabel('Annual spend').fill('-5');
    await page.getByLabel('Currency').fill('AUD');
    await page.getByRole('button', { name: 'Add vendor', exact: true }).last().click();

    await expect.poll(() => page.getByText('2 fields need attention').count()).toBe(1);
    const lei = page.getByLabel('LEI');
    await expect.poll(() => lei.getAttribute('aria-invalid')).toBe('true');
    const leiMessage = await lei.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${leiMessage}"]`).textContent()).toMatch(/check digits/);
    const spendMessage = await page.getByLabel('Annual spend').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${spendMessage}"]`).textContent()).toMatch(/cannot be negative/);

    const listed = await page.evaluate(async () => (await fetch('/api/vendors.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json());
    expect(listed).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('serves the page with a strict CSP and refuses cross-origin and malformed API calls', async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-e2e-'));
    const started = await preview(path.join(work, 'Policy.vrr'));
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
});
