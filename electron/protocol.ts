// app://vrr/ serves the built renderer from the app's own files, with the CSP as a header.
import { protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY_HEADER, CONTENT_TYPES } from './csp';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export async function serveRenderer(request: Request, root: string): Promise<Response> {
  const url = new URL(request.url);
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER, 'X-Content-Type-Options': 'nosniff' };
  if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404, headers });
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return new Response('Bad request', { status: 400, headers });
  }
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return new Response('Not found', { status: 404, headers });
  try {
    const body = await fs.readFile(file);
    return new Response(body, {
      headers: { ...headers, 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
    });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}

export function handleAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, root));
}
