import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegisterInfo } from '../../db/contract';

type Fake = typeof import('./fake-electron');

/** Loads the main process afresh against a fresh fake Electron and waits for its window. */
async function startMain(prepare?: (electron: Fake) => void): Promise<Fake> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as Fake;
  prepare?.(electron);
  await import('../../electron/main');
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
    electron.fake.permissionHandler!(null, 'media', (answer: boolean) => (granted = answer));
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
    electron.app.emit('second-instance', {}, ['/opt/vrr/vendor-risk-register', '--flag', first], '/');
    await vi.waitFor(() => expect(changes(electron).at(-1)?.path).toBe(first));

    const bogus = path.join(electron.fake.userData, 'notes.vrr');
    fs.writeFileSync(bogus, 'just text');
    electron.app.emit('second-instance', {}, ['/opt/vrr/vendor-risk-register', bogus], '/');
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
