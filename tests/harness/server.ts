// The preview harness: the built renderer and the register API over HTTP on 127.0.0.1.
// `npm run preview` uses it to try the UI in any browser; the e2e tests drive it with Chromium.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY_HEADER, CONTENT_TYPES } from '../../electron/csp';
import type { RegisterInfo } from '../../db/contract';
import { createRegisterService, type RegisterService } from '../../db/service';

export interface HarnessOptions {
  registerPath: string;
  /** Create the register (when missing) filled with the sample data. */
  sample?: boolean;
  staticDir: string;
  port?: number;
  /** Where pre-migration backups go; defaults to the register's folder. */
  backupDir?: string;
}

export interface Harness {
  url: string;
  service: RegisterService;
  /** Opens another register and tells connected pages, as the app's File menu does. */
  openRegister(filePath: string, create?: boolean, sample?: boolean): RegisterInfo;
  close(): Promise<void>;
}

// Imports send whole files (base64) in one call, as the app does over IPC.
const MAX_BODY_BYTES = 400 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request too large.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const service = createRegisterService({ backupDir: options.backupDir });
  const openOrCreate = (filePath: string, create = !fs.existsSync(filePath), sample = false) => service.open(filePath, { create, sample });
  openOrCreate(options.registerPath, undefined, options.sample);

  const staticRoot = path.resolve(options.staticDir);
  const listeners = new Set<http.ServerResponse>();
  let origin = '';

  const broadcast = (info: RegisterInfo) => {
    for (const res of listeners) res.write(`event: register\ndata: ${JSON.stringify(info)}\n\n`);
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      // Only pages served from this address may call it (no DNS rebinding, no cross-site posts).
      const host = req.headers.host ?? '';
      if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) return send(res, 421, 'Misdirected request', 'text/plain');
      if (req.method === 'POST' && req.headers.origin && req.headers.origin !== origin && req.headers.origin !== `http://${host}`) {
        return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin requests are not allowed.' } });
      }

      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }

      if (url.pathname.startsWith('/api/') && req.method === 'POST') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return sendJson(res, 415, { ok: false, error: { code: 'VALIDATION', message: 'Send the arguments as JSON.' } });
        }
        let args: unknown;
        try {
          const body = await readBody(req);
          args = body ? JSON.parse(body) : {};
        } catch (error) {
          return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: `The request is not valid JSON: ${(error as Error).message}` } });
        }
        const registerId = req.headers['x-register-id'];
        const method = decodeURIComponent(url.pathname.slice('/api/'.length));
        return sendJson(res, 200, service.call(method, args, typeof registerId === 'string' ? registerId : null));
      }

      if (url.pathname === '/__harness/open' && req.method === 'POST') {
        const { path: filePath, create, sample } = JSON.parse(await readBody(req)) as { path: string; create?: boolean; sample?: boolean };
        try {
          return sendJson(res, 200, { ok: true, value: harness.openRegister(filePath, create, sample) });
        } catch (error) {
          return sendJson(res, 200, { ok: false, error: { code: 'CONFLICT', message: (error as Error).message } });
        }
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(staticRoot, relative);
      if (!file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return send(res, 404, 'Not found', 'text/plain');
      }
      send(res, 200, fs.readFileSync(file), CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    } catch (error) {
      sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: (error as Error).message } });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const harness: Harness = {
    url: `${origin}/`,
    service,
    openRegister(filePath, create, sample) {
      const info = openOrCreate(path.resolve(filePath), create, sample);
      broadcast(info);
      return info;
    },
    async close() {
      for (const res of listeners) res.end();
      listeners.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      service.close();
    },
  };
  return harness;
}
