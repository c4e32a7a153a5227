// The preview server is a feature: it answers only requests that carry this run's secret, opens other registers only
// when started for tests, takes exactly JSON, and bounds what it reads.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isJsonContentType, MAX_BODY_BYTES, startPreviewServer, type PreviewServer } from '../../db/preview/server';
import { tempDir } from './helpers';

const running: PreviewServer[] = [];
afterEach(async () => {
  for (const preview of running.splice(0)) await preview.close();
});

async function start(options: { registerSwitching?: boolean } = {}): Promise<{ preview: PreviewServer; dir: string; origin: string }> {
  const dir = tempDir();
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Preview</title>');
  const preview = await startPreviewServer({
    registerPath: path.join(dir, 'Risk.vrr'),
    staticDir,
    pageHeaders: { contentSecurityPolicy: "default-src 'self'", contentTypes: { '.html': 'text/html; charset=utf-8' } },
    ...options,
  });
  running.push(preview);
  return { preview, dir, origin: new URL(preview.url).origin };
}

const post = (url: string, body: string, type = 'application/json') => fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });

describe('the preview server', () => {
  it('prints an address with a secret of its own, and refuses every request without it', async () => {
    const { preview, origin } = await start();
    const other = await start();
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\/$/);
    expect(new URL(preview.url).pathname).not.toBe(new URL(other.preview.url).pathname);

    expect((await fetch(preview.url)).status).toBe(200);
    expect(await (await post(`${preview.url}api/register.info`, '{}')).json()).toMatchObject({ ok: true });
    // The secret with its first character changed (to another: one secret in 64 begins with an x).
    const secret = new URL(preview.url).pathname.slice(1);
    const nearlySecret = `${secret.startsWith('x') ? 'y' : 'x'}${secret.slice(1)}`;
    for (const url of [`${origin}/`, `${origin}/index.html`, `${origin}/api/register.info`, `${origin}/api/events`, `${origin}/${nearlySecret}api/register.info`]) {
      const response = url.endsWith('events') || url.endsWith('/') || url.endsWith('.html') ? await fetch(url) : await post(url, '{}');
      expect(response.status, url).toBe(403);
    }
    // Another run's secret does not open this one.
    expect((await post(`${origin}${new URL(other.preview.url).pathname}api/register.info`, '{}')).status).toBe(403);
  });

  it('opens other registers only when started for tests, and only with JSON', async () => {
    const plain = await start();
    const target = path.join(plain.dir, 'elsewhere', 'Created.vrr');
    expect((await post(`${plain.preview.url}__preview/open`, JSON.stringify({ path: target, create: true }))).status).toBe(405);
    expect(fs.existsSync(target)).toBe(false);

    const forTests = await start({ registerSwitching: true });
    const created = path.join(forTests.dir, 'Created.vrr');
    expect((await post(`${forTests.preview.url}__preview/open`, JSON.stringify({ path: created, create: true }), 'text/plain')).status).toBe(415);
    expect(await (await post(`${forTests.preview.url}__preview/open`, JSON.stringify({ path: created, create: true }))).json()).toMatchObject({ ok: true, value: { name: 'Created' } });
  });

  it('takes exactly application/json', async () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=UTF-8')).toBe(true);
    for (const type of ['application/jsonfoo', 'application/json-seq', 'text/plain', 'application/json; charset=latin1', 'application/json;boundary=x', undefined]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
    const { preview } = await start();
    expect((await post(`${preview.url}api/register.info`, '{}', 'application/jsonfoo')).status).toBe(415);
  });

  it('answers a malformed % escape with 400, not 500', async () => {
    const { preview } = await start();
    expect((await post(`${preview.url}api/vendors.%E0%A4%A`, '{}')).status).toBe(400);
    expect((await fetch(`${preview.url}%E0%A4%A.js`)).status).toBe(400);
  });

  it('refuses a body larger than its bound before reading it all', async () => {
    const { preview } = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${preview.url}api/imports.read`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) } }, (res) => resolve(res.statusCode ?? 0));
      request.on('error', reject);
      request.write('{"fileName":"big.csv","base64":"');
    });
    expect(status).toBe(413);
  });
});
