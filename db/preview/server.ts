// The preview server: the built renderer and the register API over HTTP on 127.0.0.1, for using the app in any browser
// without Electron (`npm run preview`); the e2e tests start it the same way. Every address is under a secret made for
// this run (http://127.0.0.1:<port>/<secret>/), so no other local program or user can read or change the register.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RegisterInfo } from '../contract';
import { createRegisterService, type RegisterService } from '../service';

export interface PageHeaders {
  /** The Content-Security-Policy header of the app's pages. */
  contentSecurityPolicy: string;
  /** Content type by file extension. */
  contentTypes: Record<string, string>;
}

export interface PreviewOptions {
  registerPath: string;
  /** Create the register (when missing) filled with the sample data. */
  sample?: boolean;
  staticDir: string;
  pageHeaders: PageHeaders;
  port?: number;
  /** Where backups go; defaults to a Backups folder beside the register. */
  backupDir?: string;
  /** Serves POST <secret>/__preview/open, which opens another register as the File menu does: for tests only. */
  registerSwitching?: boolean;
  /** The secret in every address; a new random one when not given. */
  secret?: string;
}

export interface PreviewServer {
  /** The address to open, secret included, ending in "/". */
  url: string;
  service: RegisterService;
  /** Opens another register and tells connected pages, as the app's File menu does. */
  openRegister(filePath: string, create?: boolean, sample?: boolean): RegisterInfo;
  close(): Promise<void>;
}

/** Imports send whole files (base64) in one call: a 64 MB body holds a file of about 48 MB. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Bodies being received at once, in total, so a few large requests cannot exhaust memory. */
const MAX_BODIES_IN_FLIGHT_BYTES = 128 * 1024 * 1024;

class RequestProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Exactly `application/json`, optionally with a UTF-8 charset: not `application/jsonfoo`, not `text/plain`. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((p) => p === 'charset=utf-8' || p === 'charset="utf-8"');
}

function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new RequestProblem(400, 'The address is not valid: it has a malformed % escape.');
  }
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, headers: PageHeaders): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': headers.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const service = createRegisterService({ backupDir: options.backupDir });
  const openOrCreate = (filePath: string, create = !fs.existsSync(filePath), sample = false) => service.open(filePath, { create, sample });
  openOrCreate(options.registerPath, undefined, options.sample);

  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const prefix = Buffer.from(`/${secret}/`);
  const staticRoot = path.resolve(options.staticDir);
  const listeners = new Set<http.ServerResponse>();
  let origin = '';
  let bodiesInFlight = 0;

  const sendJson = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', options.pageHeaders);
  const refuse = (res: http.ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { ok: false, error: { code, message } });

  /** The path after the secret, or null when the request does not start with it (compared in constant time). */
  const afterSecret = (pathname: string): string | null => {
    const given = Buffer.from(pathname.slice(0, prefix.length));
    if (given.length !== prefix.length || !timingSafeEqual(given, prefix)) return null;
    return pathname.slice(prefix.length - 1);
  };

  const readBody = (req: http.IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_BODY_BYTES) return reject(new RequestProblem(413, `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB. Import a smaller file, or split it.`));
      const chunks: Buffer[] = [];
      let size = 0;
      let counted = 0;
      const release = () => {
        bodiesInFlight -= counted;
        counted = 0;
      };
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        bodiesInFlight += chunk.length;
        counted += chunk.length;
        if (size > MAX_BODY_BYTES || bodiesInFlight > MAX_BODIES_IN_FLIGHT_BYTES) {
          release();
          req.destroy();
          reject(
            size > MAX_BODY_BYTES
              ? new RequestProblem(413, `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB. Import a smaller file, or split it.`)
              : new RequestProblem(503, 'The preview is receiving other large requests. Try again when they are done.'),
          );
        } else chunks.push(chunk);
      });
      req.on('end', () => {
        release();
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', (error) => {
        release();
        reject(error);
      });
    });

  const readJson = async (req: http.IncomingMessage): Promise<unknown> => {
    if (!isJsonContentType(req.headers['content-type'])) throw new RequestProblem(415, 'Send the arguments as JSON (Content-Type: application/json).');
    const body = await readBody(req);
    try {
      return body ? (JSON.parse(body) as unknown) : {};
    } catch (error) {
      throw new RequestProblem(400, `The request is not valid JSON: ${(error as Error).message}`);
    }
  };

  const broadcast = (info: RegisterInfo) => {
    for (const res of listeners) res.write(`event: register\ndata: ${JSON.stringify(info)}\n\n`);
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      // Only pages served from this address may call it (no DNS rebinding, no cross-site posts).
      const host = req.headers.host ?? '';
      if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) return send(res, 421, 'Misdirected request', 'text/plain', options.pageHeaders);
      if (req.method === 'POST' && req.headers.origin && req.headers.origin !== origin && req.headers.origin !== `http://${host}`) {
        return refuse(res, 403, 'FORBIDDEN', 'Cross-origin requests are not allowed.');
      }
      const route = afterSecret(url.pathname);
      if (route === null) {
        return send(res, 403, 'Open the address that `npm run preview` printed: it includes this run’s key.', 'text/plain; charset=utf-8', options.pageHeaders);
      }

      if (route === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }

      if (route.startsWith('/api/') && req.method === 'POST') {
        const method = decodePath(route.slice('/api/'.length));
        const args = await readJson(req);
        const registerId = req.headers['x-register-id'];
        // A page that goes away (or aborts its fetch) no longer wants the answer: a long call is cancelled.
        const gone = new AbortController();
        res.on('close', () => gone.abort());
        return sendJson(res, 200, await service.request(method, args, typeof registerId === 'string' ? registerId : null, gone.signal));
      }

      if (route === '/__preview/open' && req.method === 'POST' && options.registerSwitching) {
        const { path: filePath, create, sample } = (await readJson(req)) as { path?: unknown; create?: unknown; sample?: unknown };
        if (typeof filePath !== 'string') throw new RequestProblem(400, 'Give the register’s path.');
        try {
          return sendJson(res, 200, { ok: true, value: preview.openRegister(filePath, create === true, sample === true) });
        } catch (error) {
          return refuse(res, 200, 'CONFLICT', (error as Error).message);
        }
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain', options.pageHeaders);
      const relative = route === '/' ? 'index.html' : decodePath(route).replace(/^\/+/, '');
      const file = path.resolve(staticRoot, relative);
      if (!file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return send(res, 404, 'Not found', 'text/plain', options.pageHeaders);
      }
      send(res, 200, fs.readFileSync(file), options.pageHeaders.contentTypes[path.extname(file)] ?? 'application/octet-stream', options.pageHeaders);
    } catch (error) {
      if (res.headersSent) return res.end();
      if (error instanceof RequestProblem) return refuse(res, error.status, 'VALIDATION', error.message);
      refuse(res, 500, 'INTERNAL', (error as Error).message);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const preview: PreviewServer = {
    url: `${origin}/${secret}/`,
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
  return preview;
}
