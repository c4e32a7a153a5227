import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegisterInfo } from '../../db/contract';

type Fake = typeof import('./fake-electron');

let running: Fake | null = null;
afterEach(() => {
  running?.fake.killAll();
  running = null;
});

/** Loads the main process afresh against a fresh fake Electron; the app then becomes ready unless told otherwise. */
async function startMain(prepare?: (electron: Fake) => void, { ready = true } = {}): Promise<Fake> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as Fake;
  running = electron;
  prepare?.(electron);
  await import('../../electron/main');
  if (ready) electron.fake.becomeReady();
  return electron;
}

const changes = (electron: Fake) =>
  electron.fake.windows[0]!.webContents.sent.filter((m) => m.channel === 'register:changed').map((m) => m.args[0] as RegisterInfo);

describe('main process', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
  });

  it('creates the default register in the user-data folder on first launch and opens one secure window', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const registerFile = path.join(electron.fake.userData, 'Registers', 'My register.vrr');
    expect(fs.existsSync(registerFile)).toBe(true);
    expect(electron.fake.windows[0]!.title).toBe('My register — Vendor Risk Register');
    expect(electron.fake.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(electron.fake.protocolHandlers.has('app')).toBe(true);
    expect(electron.fake.forkEnv?.VRR_BACKUP_DIR).toBe(path.join(electron.fake.userData, 'Backups'));

    // Permissions (camera, notifications, ...) are always refused.
    let granted: boolean | undefined;
    electron.defaultSessionForTests.permissionHandler!(null, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);

    // The page can reach the register through IPC.
    const info = await electron.fake.handlers.get('api:register.info')!({ senderFrame: { url: 'app://vrr/index.html', parent: null } }, {}, null);
    expect(info).toMatchObject({ ok: true, value: { name: 'My register', vendorCount: 0 } });
  });

  it('has a File menu with New, Open, Open recent and Save a copy', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const file = electron.fake.menuTemplate.find((m) => m.label === 'File');
    const labels = file.submenu.map((item: { label?: string }) => item.label).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['New register…', 'Open register…', 'Open recent', 'Save a copy…', 'Import from CSV or Excel…', 'Backups, restore and export…']));
    // The import item asks the page for its import screen.
    file.submenu.find((item: { label?: string }) => item.label === 'Import from CSV or Excel…').click();
    expect(electron.fake.windows[0]!.webContents.sent.at(-1)).toEqual({ channel: 'app:show-view', args: ['import'] });
    const recent = file.submenu.find((item: { label?: string }) => item.label === 'Open recent');
    expect(recent.submenu[0].label).toMatch(/^My register\.vrr/);
  });

  it('opens a register handed over by a second instance, and says why a bad one cannot be opened', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const other = path.join(electron.fake.userData, 'Other.vrr');
    // Create a second register through the New register… command and its save dialog.
    electron.fake.saveDialogResults.push({ canceled: false, filePath: other.replace(/\.vrr$/, '') });
    await electron.fake.handlers.get('app:new-register')!({ senderFrame: { url: 'app://vrr/index.html', parent: null } });
    await vi.waitFor(() => expect(changes(electron).at(-1)?.name).toBe('Other'));

    const first = path.join(electron.fake.userData, 'Registers', 'My register.vrr');
    electron.app.emit('second-instance', {}, ['/opt/vrr/vendor-risk-register', '--flag', first], '/', {});
    await vi.waitFor(() => expect(changes(electron).at(-1)?.path).toBe(first));

    const bogus = path.join(electron.fake.userData, 'notes.vrr');
    fs.writeFileSync(bogus, 'just text');
    electron.app.emit('second-instance', {}, ['/opt/vrr/vendor-risk-register', bogus], '/', {});
    await vi.waitFor(() => expect(electron.fake.messageBoxes.at(-1)?.detail).toMatch(/not a database at all/));
    expect(fs.readFileSync(bogus, 'utf8')).toBe('just text');
    expect(changes(electron).at(-1)?.path).toBe(first);
  });

  it('asks before a register switch would discard unsaved edits, and keeps them when told to', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const page = { senderFrame: { url: 'app://vrr/index.html', parent: null } };
    await electron.fake.handlers.get('app:set-unsaved-changes')!(page, true);
    const other = path.join(electron.fake.userData, 'Elsewhere.vrr');
    electron.fake.saveDialogResults.push({ canceled: false, filePath: other });
    electron.fake.messageBoxResponses.push(1); // Cancel
    await electron.fake.handlers.get('app:new-register')!(page);
    expect(electron.fake.messageBoxes.at(-1)?.message).toBe('You have unsaved changes.');
    expect(fs.existsSync(other)).toBe(false);
    expect(changes(electron)).toEqual([]);

    electron.fake.saveDialogResults.push({ canceled: false, filePath: other });
    electron.fake.messageBoxResponses.push(0); // Discard changes
    await electron.fake.handlers.get('app:new-register')!(page);
    await vi.waitFor(() => expect(changes(electron).at(-1)?.name).toBe('Elsewhere'));
  });

  it('refuses commands from frames other than the app page', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    electron.fake.saveDialogResults.push({ canceled: false, filePath: path.join(electron.fake.userData, 'Sneaky.vrr') });
    await electron.fake.handlers.get('app:new-register')!({ senderFrame: { url: 'https://evil.example/', parent: null } });
    await electron.fake.handlers.get('app:open-external')!({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'https://x.example/');
    expect(fs.existsSync(path.join(electron.fake.userData, 'Sneaky.vrr'))).toBe(false);
    expect(electron.fake.openedExternally).toEqual([]);
  });

  it('quits when another instance already holds the lock, leaving the file to that instance', async () => {
    const electron = await startMain((e) => (e.fake.singleInstanceLock = false));
    expect(electron.fake.quitCalled).toBe(true);
    expect(electron.fake.windows).toHaveLength(0);
  });
});

const PAGE = { senderFrame: { url: 'app://vrr/index.html', parent: null } };

/** A register file made beforehand (as the user's own files are). */
async function makeRegister(file: string): Promise<string> {
  const { createRegisterService } = await import('../../db/service');
  const service = createRegisterService({ actor: 'tester', backupDir: path.join(path.dirname(file), 'Backups') });
  service.open(file, { create: true });
  service.close();
  return file;
}

const firstRegister = (electron: Fake) => path.join(electron.fake.userData, 'Registers', 'My register.vrr');

describe('quitting', () => {
  it('asks the register process to close the register first: the .vrr alone holds the last edits', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const created = await electron.fake.handlers.get('api:vendors.create')!(PAGE, { vendor: { name: 'Last edit', serviceType: 'other', status: 'active', tier: 2 } }, null);
    expect(created).toMatchObject({ ok: true });

    electron.app.quit();
    await vi.waitFor(() => expect(electron.fake.quitCalled).toBe(true));
    const file = firstRegister(electron);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['My register.vrr']);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT name FROM vendors').pluck().all()).toEqual(['Last edit']);
    db.close();
  });

  it('still asks about unsaved edits when the window is closed, and quits only when told to discard them', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    await electron.fake.handlers.get('app:set-unsaved-changes')!(PAGE, true);
    const window = electron.fake.windows[0]!;

    electron.fake.messageBoxResponses.push(1); // Cancel
    window.close();
    await vi.waitFor(() => expect(electron.fake.messageBoxes.at(-1)?.message).toBe('You have unsaved changes.'));
    expect(electron.fake.windows).toEqual([window]);
    expect(electron.fake.quitCalled).toBe(false);

    electron.fake.messageBoxResponses.push(0); // Discard changes
    window.close();
    await vi.waitFor(() => expect(electron.fake.quitCalled).toBe(true));
    expect(electron.fake.messageBoxes.filter((box) => box.message === 'You have unsaved changes.')).toHaveLength(2);
    expect(fs.existsSync(`${firstRegister(electron)}-wal`)).toBe(false);
  });
});

describe('registers handed over by the OS', () => {
  it('opens file:// URIs (Linux file managers, %U) and relative paths from the folder the second launch ran in', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const folder = path.join(electron.fake.userData, 'Shared drive');
    fs.mkdirSync(folder);
    const spaced = await makeRegister(path.join(folder, 'My register 2026.vrr'));
    electron.app.emit('second-instance', {}, ['/opt/vrr/vendor-risk-register', `file://${encodeURI(spaced)}`], '/', {});
    await vi.waitFor(() => expect(changes(electron).at(-1)?.path).toBe(spaced));

    const relative = await makeRegister(path.join(folder, 'Other.vrr'));
    electron.app.emit('second-instance', {}, ['/opt/vrr/vendor-risk-register', 'Other.vrr'], folder, {});
    await vi.waitFor(() => expect(changes(electron).at(-1)?.path).toBe(relative));
    expect(electron.fake.messageBoxes).toEqual([]);
  });

  it('opens the register named on its own command line as a file:// URI', async () => {
    const folder = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'vrr-argv-'));
    const named = await makeRegister(path.join(folder, 'Named on the command line.vrr'));
    const argv = process.argv;
    const cwd = process.cwd();
    try {
      process.chdir(path.dirname(folder));
      process.argv = ['/opt/vrr/vendor-risk-register', '--no-sandbox', `file://${encodeURI(named)}`];
      const electron = await startMain();
      await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
      expect(electron.fake.windows[0]!.title).toBe('Named on the command line — Vendor Risk Register');
    } finally {
      process.argv = argv;
      process.chdir(cwd);
    }
    expect(fs.existsSync(named)).toBe(true);
  });

  it('opens a macOS open-file sent before the app is ready', async () => {
    const folder = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'vrr-open-file-'));
    const file = await makeRegister(path.join(folder, 'Before ready.vrr'));
    const electron = await startMain(undefined, { ready: false });
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    electron.app.emit('open-file', event, file);
    expect(event.defaultPrevented).toBe(true);
    electron.fake.becomeReady();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    expect(electron.fake.windows[0]!.title).toBe('Before ready — Vendor Risk Register');
  });

  it('opens a macOS open-file sent after ready while the first register is still opening', async () => {
    const folder = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'vrr-open-file-'));
    const file = await makeRegister(path.join(folder, 'During start-up.vrr'));
    const electron = await startMain((e) => (e.fake.holdHostMessages = true));
    await vi.waitFor(() => expect(electron.fake.heldHostMessages).toHaveLength(1));
    electron.app.emit('open-file', { preventDefault: () => undefined }, file);
    electron.fake.releaseHostMessages();
    await vi.waitFor(() => expect(changes(electron).at(-1)?.path).toBe(file));
    expect(electron.fake.windows[0]!.title).toBe('During start-up — Vendor Risk Register');
  });

  it('opens a macOS open-file sent once the window is up', async () => {
    const folder = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'vrr-open-file-'));
    const file = await makeRegister(path.join(folder, 'Later.vrr'));
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    electron.app.emit('open-file', { preventDefault: () => undefined }, file);
    await vi.waitFor(() => expect(changes(electron).at(-1)?.path).toBe(file));
  });
});

describe('start-up', () => {
  it('shows a failure before the window exists and ends, releasing the single-instance lock', async () => {
    const electron = await startMain((e) => {
      e.utilityProcess.fork = () => {
        throw new Error('The register process could not be started.');
      };
    });
    await vi.waitFor(() => expect(electron.fake.exitCode).toBe(1));
    expect(electron.fake.errorBoxes).toEqual([{ title: 'Vendor Risk Register could not start', content: 'The register process could not be started.' }]);
    expect(electron.fake.windows).toHaveLength(0);
  });

  it('passes the Electron build of better-sqlite3 for this better-sqlite3 and Electron to the register process in development', async () => {
    const { electronBindingPath } = await import('../../scripts/native-binding.mjs');
    const appPath = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'vrr-app-'));
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const betterSqlite3 = (JSON.parse(fs.readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string }).version;
    fs.mkdirSync(path.join(appPath, 'node_modules', 'better-sqlite3'), { recursive: true });
    fs.writeFileSync(path.join(appPath, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ version: betterSqlite3 }));
    const binding = electronBindingPath(appPath, { betterSqlite3, electron: '42.11.18', platform: process.platform, arch: process.arch });
    expect(binding).toContain(`better-sqlite3-${betterSqlite3}-electron-42.11.18-`);
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.copyFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node'), binding);

    const versions = process.versions as Record<string, string | undefined>;
    versions.electron = '42.11.18';
    try {
      // The fake's register process can load only the binding it is given (as under Electron).
      const electron = await startMain((e) => (e.fake.appPath = appPath));
      await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
      expect(electron.fake.forkEnv?.VRR_NATIVE_BINDING).toBe(binding);
    } finally {
      delete versions.electron;
    }
  });
});

describe('save dialogs', () => {
  it('ask before replacing, also when GTK returns the name without .vrr', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const existing = await makeRegister(path.join(electron.fake.userData, 'Registers', 'Existing.vrr'));
    const before = fs.readFileSync(existing);

    electron.fake.saveDialogResults.push({ canceled: false, filePath: existing.replace(/\.vrr$/, '') });
    electron.fake.messageBoxResponses.push(1); // Cancel
    await electron.fake.handlers.get('app:new-register')!(PAGE);
    expect(electron.fake.saveDialogs.at(-1).properties).toContain('showOverwriteConfirmation');
    expect(electron.fake.messageBoxes.at(-1).message).toBe('“Existing.vrr” already exists. Do you want to replace it?');
    expect(fs.readFileSync(existing)).toEqual(before);
    expect(changes(electron)).toEqual([]);

    electron.fake.saveDialogResults.push({ canceled: false, filePath: existing.replace(/\.vrr$/, '') });
    electron.fake.messageBoxResponses.push(1); // Cancel
    await electron.fake.handlers.get('app:save-copy')!(PAGE);
    expect(electron.fake.saveDialogs.at(-1).properties).toContain('showOverwriteConfirmation');
    expect(electron.fake.messageBoxes.at(-1).message).toBe('“Existing.vrr” already exists. Do you want to replace it?');
    expect(fs.readFileSync(existing)).toEqual(before);

    // A name the dialog itself checked (it ends in .vrr) is not asked about twice; Replace replaces.
    electron.fake.saveDialogResults.push({ canceled: false, filePath: existing.replace(/\.vrr$/, '') });
    electron.fake.messageBoxResponses.push(0); // Replace
    await electron.fake.handlers.get('app:new-register')!(PAGE);
    await vi.waitFor(() => expect(changes(electron).at(-1)?.path).toBe(existing));
    expect(electron.fake.trashed).toEqual([existing]);
  });
});

describe('printing documents', () => {
  it('prints with the documents’ CSP as a header in a session that fetches nothing, whatever the HTML says', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.fake.windows).toHaveLength(1));
    const target = path.join(electron.fake.userData, 'Board pack.pdf');
    electron.fake.saveDialogResults.push({ canceled: false, filePath: target });
    const html = '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src *"></head><body><img src="https://tracker.example/p.png"><script>alert(1)</script></body></html>';

    let served: Response | null = null;
    let refused: boolean | null = null;
    const original = electron.BrowserWindow.prototype.loadURL;
    vi.spyOn(electron.BrowserWindow.prototype, 'loadURL').mockImplementation(async function (this: InstanceType<Fake['BrowserWindow']>, url: string) {
      const printing = electron.fake.sessions.get('vrr-print')!;
      served = await printing.protocol.handlers.get('app')!(new Request(url));
      printing.beforeRequest!({ url: 'https://tracker.example/p.png' }, (answer: { cancel: boolean }) => (refused = answer.cancel));
      return original.call(this, url);
    });
    await electron.fake.handlers.get('app:save-document-pdf')!(PAGE, html, 'Board pack.html');

    const { DOCUMENT_CONTENT_SECURITY_POLICY } = await import('../../electron/csp');
    expect(served!.headers.get('content-security-policy')).toBe(DOCUMENT_CONTENT_SECURITY_POLICY);
    expect(DOCUMENT_CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(DOCUMENT_CONTENT_SECURITY_POLICY).not.toMatch(/script-src|https?:|\*/);
    expect(await served!.text()).toBe(html);
    expect(refused).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^%PDF/);
    expect(electron.fake.saveDialogs.at(-1).properties).toContain('showOverwriteConfirmation');
  });
});
