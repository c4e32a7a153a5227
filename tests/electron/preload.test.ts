import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Bridge } from '../../db/contract';
import { fake, ipcRenderer } from './fake-electron';

describe('preload', () => {
  it('exposes one function per contract method and the app commands, never ipcRenderer', async () => {
    await import('../../electron/preload');
    const bridge = fake.exposed.get('vrr') as Bridge;
    expect(Object.keys(bridge).sort()).toEqual(['api', 'cancel', 'commands', 'onRegisterChanged', 'onShowView']);
    const exposedMethods = Object.entries(bridge.api).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    expect(exposedMethods.sort()).toEqual([...METHOD_NAMES].sort());
    expect(JSON.stringify(Object.keys(bridge.commands).sort())).toBe(JSON.stringify(['newRegister', 'openExternal', 'openRegister', 'openSample', 'saveCopy', 'saveDocumentPdf', 'saveFile', 'savePdf', 'setUnsavedChanges']));
    const everything = JSON.stringify(bridge, (_key, value: unknown) => (typeof value === 'function' ? 'fn' : value));
    expect(everything).not.toMatch(/ipcRenderer|invoke|send/);

    await bridge.api.vendors!.list!({ search: 'chat' }, 'register-1', 3);
    expect(fake.invoked.at(-1)).toEqual({ channel: 'api:vendors.list', args: [{ search: 'chat' }, 'register-1', 3] });
    bridge.cancel(3);
    expect(fake.invoked.at(-1)).toEqual({ channel: 'call:cancel', args: [3] });

    const seen: unknown[] = [];
    const stop = bridge.onRegisterChanged((info) => seen.push(info));
    ipcRenderer.emit('register:changed', { id: 'b' });
    stop();
    ipcRenderer.emit('register:changed', { id: 'c' });
    expect(seen).toEqual([{ id: 'b' }]);

    const views: string[] = [];
    const stopViews = bridge.onShowView((view) => views.push(view));
    ipcRenderer.emit('app:show-view', 'import');
    stopViews();
    ipcRenderer.emit('app:show-view', 'settings');
    expect(views).toEqual(['import']);
  });
});

describe('the bundled preload', () => {
  it('runs in a sandbox whose require offers only electron, and exposes the same bridge', () => {
    const bundle = path.resolve('dist/electron/preload.cjs');
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does).`);
    const exposed = new Map<string, unknown>();
    const sandboxedElectron = { contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) }, ipcRenderer };
    const requireOnlyElectron = (name: string) => {
      if (name === 'electron') return sandboxedElectron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', fs.readFileSync(bundle, 'utf8'))(requireOnlyElectron, module, module.exports);
    const bridge = exposed.get('vrr') as Bridge;
    const exposedMethods = Object.entries(bridge.api).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    expect(exposedMethods.sort()).toEqual([...METHOD_NAMES].sort());
  });
});
