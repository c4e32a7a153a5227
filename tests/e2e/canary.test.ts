// The stale-state canary: register A holds distinctive strings; answers for A (a delete's notice, an export, the board
// pack) are held back in the browser until register B is open. Nothing of A may then appear on B's screens, in B's
// downloads, or in answers to B's id.
import type { Download, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nav, openPage, preview, switchRegister, tempRegister } from './helpers';

const CANARY = 'CANARY-A';
const SECTIONS = ['Register', 'Services', 'Incidents', 'Due soon', 'Concentration', 'Procurement review', 'Board', 'Import', 'Settings'];

async function call<T>(base: string, method: string, args: unknown, registerId?: string): Promise<{ ok: boolean; value?: T; error?: { code: string } }> {
  const response = await fetch(`${base}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(registerId ? { 'X-Register-Id': registerId } : {}) },
    body: JSON.stringify(args),
  });
  return (await response.json()) as { ok: boolean; value?: T; error?: { code: string } };
}

describe('the stale-state canary', () => {
  it('keeps every answer for register A out of register B’s window, downloads and id', async () => {
    const started = await preview(tempRegister('Register A'), { sample: true, registerSwitching: true });
    const a = await call<{ id: string }>(started.url, 'register.info', {});
    await call(started.url, 'vendors.create', { vendor: { name: `${CANARY} Distinctive Vendor`, serviceType: 'other', status: 'active', tier: 1, notes: `${CANARY} notes` } }, a.value!.id);
    const { page, problems } = await openPage(started.url);
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));

    // Answers for A reach the server while A is open, but the page gets them only once B is open.
    let switched!: () => void;
    const bIsOpen = new Promise<void>((resolve) => (switched = resolve));
    const held: Promise<void>[] = [];
    const heldJobIds: string[] = [];
    const holdAnswer = async (route: Route) => {
      const response = await route.fetch();
      const body = await response.text();
      const jobId = /"jobId":"([^"]+)"/.exec(body)?.[1];
      if (jobId) heldJobIds.push(jobId);
      await bIsOpen;
      await route.fulfill({ response, body });
    };
    const arrived = (method: string) =>
      new Promise<void>((resolve) => {
        void page.route(`**/api/${method}`, async (route) => {
          resolve();
          await holdAnswer(route);
        });
      });

    // 1. Delete the canary vendor from its page: the "Deleted …" notice is held back.
    await page.getByRole('row', { name: new RegExp(`${CANARY} Distinctive Vendor`) }).click();
    const deleteArrived = arrived('vendors.delete');
    await page.getByRole('button', { name: 'Delete vendor' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete vendor' }).click();
    await deleteArrived;
    held.push(deleteArrived);

    // 2. Export the vendors as CSV: the export job's start is held back.
    await nav(page, 'Register');
    const exportArrived = arrived('exports.table');
    await page.getByRole('button', { name: 'Export', exact: true }).first().click();
    await page.getByTestId('export-vendors-csv').click();
    await exportArrived;

    // 3. The board pack: held back too.
    await nav(page, 'Board');
    const packArrived = arrived('board.pack');
    await page.getByRole('button', { name: 'Board pack (HTML)' }).click();
    await packArrived;

    // Register B is opened (as File → Open does), then A's answers are let through.
    const b = (await switchRegister(started, tempRegister('Register B'), true)) as { ok: boolean; value: { id: string } };
    expect(b.ok).toBe(true);
    await expect.poll(() => page.getByTestId('register-identity').textContent()).toContain('Register B');
    switched();

    for (const section of SECTIONS) {
      await nav(page, section);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('body').innerText(), section).not.toContain(CANARY);
    }
    expect(await page.content()).not.toContain(CANARY);
    for (const download of downloads) {
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(path!, 'utf8'), download.suggestedFilename()).not.toContain(CANARY);
    }
    // A's job is not given out to B's id, nor to a call without an id.
    expect(heldJobIds.length).toBeGreaterThan(0);
    for (const jobId of heldJobIds) {
      for (const registerId of [b.value.id, undefined]) {
        const answer = await call(started.url, 'jobs.status', { jobId }, registerId);
        expect(JSON.stringify(answer)).not.toContain(CANARY);
        expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    }
    // Anything for A's id is refused now.
    expect(await call(started.url, 'vendors.list', {}, a.value!.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(problems).toEqual([]);
  });
});
