import { beforeAll, describe, expect, it } from 'vitest';
import { contextMenuTemplate } from '../../electron/context-menu';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../electron/csp';
import { serveRenderer } from '../../electron/protocol';
import { APP_ENTRY, isAllowedExternalUrl, isTrustedFrame } from '../../electron/security';
import { createMainWindow, WEB_PREFERENCES } from '../../electron/window';
import { fake } from './fake-electron';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

describe('the main window', () => {
  beforeAll(() => fake.becomeReady());

  it('is created with every security option', () => {
    const window = createMainWindow('/app/preload.cjs') as unknown as { options: { webPreferences: Record<string, unknown> }; loadedUrl: string };
    const prefs = window.options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    // The spell checker would download dictionaries: no network traffic from an offline app.
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
    expect(prefs).toMatchObject(WEB_PREFERENCES);
    expect(window.loadedUrl).toBe(APP_ENTRY);
    expect(APP_ENTRY.startsWith('app://')).toBe(true);
  });

  it('denies navigation, redirects, webviews and window.open, sending only allowed links to the system browser', () => {
    fake.openedExternally.length = 0;
    const { webContents: contents } = createMainWindow('/p.cjs') as unknown as (typeof fake.windows)[number];
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://example.com/');
      expect(prevented, event).toBe(true);
    }
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://www.oaic.gov.au/privacy')).toEqual({ action: 'deny' });
    expect(open('mailto:risk@example.com')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('https://user:pw@example.com/')).toEqual({ action: 'deny' });
    expect(open('http://vendor.example/')).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://www.oaic.gov.au/privacy', 'mailto:risk@example.com']);
  });

  it('offers Cut, Copy, Paste and Select all on right-click where they apply', () => {
    fake.popups.length = 0;
    const { webContents: contents } = createMainWindow('/p.cjs') as unknown as (typeof fake.windows)[number];
    const flags = { canCut: false, canCopy: true, canPaste: true, canSelectAll: true, canUndo: false, canRedo: false, canDelete: false, canEditRichly: false };
    contents.emit('context-menu', {}, { isEditable: true, selectionText: '', editFlags: flags });
    expect(fake.popups.at(-1)!.map((item) => item.role ?? item.type)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
    expect(fake.popups.at(-1)!.find((item) => item.role === 'cut').enabled).toBe(false);
    contents.emit('context-menu', {}, { isEditable: false, selectionText: 'Acme Pty Ltd', editFlags: flags });
    expect(fake.popups.at(-1)!.map((item) => item.role)).toEqual(['copy']);
    contents.emit('context-menu', {}, { isEditable: false, selectionText: '', editFlags: flags });
    expect(fake.popups).toHaveLength(2);
    expect(contextMenuTemplate({ isEditable: false, selectionText: '  ', editFlags: flags })).toEqual([]);
  });
});

describe('external links', () => {
  it('allows only secure web pages and e-mail without attachments', () => {
    expect(isAllowedExternalUrl('https://www.acsc.gov.au/')).toBe(true);
    expect(isAllowedExternalUrl('mailto:a@b.c')).toBe(true);
    expect(isAllowedExternalUrl('mailto:a@b.c?subject=Review&body=Hello&cc=d@e.f')).toBe(true);
    for (const url of [
      'http://vendor.example/',
      'mailto:a@b.c?attach=/home/me/.ssh/id_rsa',
      'mailto:a@b.c?subject=x&Attachment=C:\\secrets.txt',
      'file:///c:/windows',
      'smb://share/x',
      'javascript:void 0',
      'data:text/html,hi',
      'app://vrr/index.html',
      'not a url',
      'https://u:p@x.example/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('trusted frames', () => {
  it('trusts only the top frame of the app page', () => {
    expect(isTrustedFrame({ url: 'app://vrr/index.html', parent: null })).toBe(true);
    expect(isTrustedFrame({ url: 'app://vrr/index.html', parent: { url: 'app://vrr/index.html' } })).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedFrame({ url: 'app://other/index.html', parent: null })).toBe(false);
    expect(isTrustedFrame({ url: 'file:///app/index.html', parent: null })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows only the app itself: no remote origins, no eval, no inline code', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY_HEADER).toMatch(/frame-ancestors 'none'/);
  });

  it('is in the built page and sent with every file the app protocol serves', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-renderer-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<html></html>');
    fs.writeFileSync(path.join(os.tmpdir(), 'outside-root.txt'), 'secret');

    const page = await serveRenderer(new Request('app://vrr/index.html'), root);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);

    const missing = await serveRenderer(new Request('app://vrr/nope.js'), root);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect((await serveRenderer(new Request('app://vrr/..%2Foutside-root.txt'), root)).status).toBe(404);
    expect((await serveRenderer(new Request('app://elsewhere/index.html'), root)).status).toBe(404);
    // A malformed escape is a bad request, answered with the policy, never a throw out of the handler.
    const malformed = await serveRenderer(new Request('app://vrr/assets/%E0%A4%A.js'), root);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    fs.rmSync(root, { recursive: true });

    const built = path.resolve('dist/renderer/index.html');
    if (fs.existsSync(built)) expect(fs.readFileSync(built, 'utf8')).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });
});
