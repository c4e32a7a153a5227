// npm run screenshots: renders the main screens in headless Chromium, light and dark, into screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRegisterService } from '../db/service';
import { launchChromium, startPreview } from '../tests/harness/processes';
import { FIXTURE_VENDORS } from '../tests/fixtures/vendors';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'screenshots');
fs.mkdirSync(outDir, { recursive: true });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-shots-'));
const registerPath = path.join(work, 'Example Airline.vrr');
const service = createRegisterService({ actor: 'screenshots' });
service.open(registerPath, { create: true });
for (const vendor of FIXTURE_VENDORS) {
  const result = service.call('vendors.create', { vendor });
  if (!result.ok) throw new Error(result.error.message);
}
service.close();
const emptyPath = path.join(work, 'Empty register.vrr');

const preview = await startPreview(registerPath);
const browser = await launchChromium();
try {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme });
    const shot = (name: string) => page.screenshot({ path: path.join(outDir, `${name}-${colorScheme}.png`) });
    await page.goto(preview.url);
    await page.getByRole('row', { name: /Skyline Contact Solutions/ }).waitFor();
    await shot('register');
    await page.getByRole('row', { name: /Skyline Contact Solutions/ }).click();
    await page.getByRole('heading', { name: 'Skyline Contact Solutions', level: 3 }).waitFor();
    await shot('vendor');
    await page.getByLabel('LEI').fill('5493000IBP32UQZ0KL25');
    await page.getByLabel('Annual spend').fill('-10');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('2 fields need attention').waitFor();
    await shot('vendor-errors');
    await page.getByRole('button', { name: 'Cancel' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await shot('settings');
    await page.getByRole('button', { name: /Concentration/ }).click();
    await shot('concentration');
    await page.close();
  }
  await preview.stop();
  const empty = await startPreview(emptyPath);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(empty.url);
  await page.getByTestId('vendors-empty').waitFor();
  await page.screenshot({ path: path.join(outDir, 'register-empty-light.png') });
  await empty.stop();
  console.log(`Screenshots written to ${outDir}`);
} finally {
  await browser.close();
  await preview.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
