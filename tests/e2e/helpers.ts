// Shared setup for the e2e tests: one Chromium per file, a fresh temp folder and harness per test.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, startPreview, type PreviewProcess } from '../harness/processes';

let browser: Browser;
const running: PreviewProcess[] = [];
const folders: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const preview of running.splice(0)) await preview.stop();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

export function tempRegister(name: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-e2e-'));
  folders.push(folder);
  return path.join(folder, `${name}.vrr`);
}

export async function preview(file: string, options: { sample?: boolean; registerSwitching?: boolean } = {}): Promise<PreviewProcess> {
  const started = await startPreview(file, options);
  running.push(started);
  return started;
}

/** Opens another register in a preview started with `registerSwitching`, as File → Open does in the app. */
export async function switchRegister(started: PreviewProcess, file: string, create = false): Promise<unknown> {
  const response = await fetch(`${started.url}__preview/open`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: file, create }) });
  return response.json();
}

export async function stop(preview: PreviewProcess): Promise<void> {
  await preview.stop();
  running.splice(running.indexOf(preview), 1);
}

export interface OpenedPage {
  page: Page;
  /** Page errors, console errors and requests that left the harness's origin. */
  problems: string[];
}

export async function openPage(url: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  // Blob and data URLs the page makes itself (chart and pack exports) are local too; a blob URL carries the page's
  // origin only, not its path (the preview's secret).
  const local = (requested: string) => requested.startsWith(url) || requested.startsWith(`blob:${new URL(url).origin}/`) || requested.startsWith('data:');
  page.on('request', (request) => !local(request.url()) && problems.push(`off-origin request: ${request.url()}`));
  // The app asks in its own dialogs: a browser dialog is a problem (and is dismissed).
  page.on('dialog', (dialog) => {
    problems.push(`browser dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, problems };
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function nav(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click();
}

/** The message shown for a field: the element its aria-describedby names. */
export async function fieldMessage(page: Page, control: ReturnType<Page['getByLabel']>): Promise<string | null> {
  await control.and(page.locator('[aria-invalid="true"]')).waitFor();
  const id = await control.getAttribute('aria-describedby');
  return id ? page.locator(`[id="${id}"]`).textContent() : null;
}
