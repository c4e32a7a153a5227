// A stand-in for the `electron` module, so the main-process glue runs under Node in tests.
// It records what the glue asks of Electron; utilityProcess.fork runs the real register host in-process.
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { serveRegister, type HostPort, type HostRequest, type HostResponse } from '../../db/host';

type Listener = (...args: any[]) => unknown;

export const fake = {
  userData: fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-electron-')),
  singleInstanceLock: true,
  quitCalled: false,
  windows: [] as FakeBrowserWindow[],
  handlers: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  menuTemplate: [] as any[],
  openedExternally: [] as string[],
  trashed: [] as string[],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  messageBoxes: [] as any[],
  /** Answers for the next dialogs, consumed in order. */
  messageBoxResponses: [] as number[],
  openDialogResults: [] as { canceled: boolean; filePaths: string[] }[],
  saveDialogResults: [] as { canceled: boolean; filePath?: string }[],
  permissionHandler: null as null | Listener,
  forkEnv: null as null | Record<string, string | undefined>,
};

// ---- app
class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = () => fake.singleInstanceLock;
  quit = () => void (fake.quitCalled = true);
  whenReady = () => Promise.resolve();
  getPath = (name: string) => (name === 'userData' ? fake.userData : os.tmpdir());
  getAppPath = () => process.cwd();
  addRecentDocument = () => undefined;
}
export const app = new FakeApp();

// ---- windows
class FakeWebContents extends EventEmitter {
  windowOpenHandler: Listener | null = null;
  sent: { channel: string; args: unknown[] }[] = [];
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  title = '';
  progress: number[] = [];
  constructor(public options: any) {
    super();
    fake.windows.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  setTitle(title: string) {
    this.title = title;
  }
  setRepresentedFilename() {}
  setProgressBar(value: number) {
    this.progress.push(value);
  }
  destroy() {}
}
export const BrowserWindow = FakeBrowserWindow;

// ---- IPC
export const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.handlers.set(channel, listener);
  },
};

const rendererEvents = new EventEmitter();
export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]) {
    fake.invoked.push({ channel, args });
    return Promise.resolve({ channel, args });
  },
  on: (channel: string, listener: Listener) => rendererEvents.on(channel, listener),
  removeListener: (channel: string, listener: Listener) => rendererEvents.removeListener(channel, listener),
  emit: (channel: string, ...args: unknown[]) => rendererEvents.emit(channel, {}, ...args),
};

export const contextBridge = {
  exposeInMainWorld(key: string, value: unknown) {
    fake.exposed.set(key, value);
  },
};

// ---- dialogs, shell, menus, protocol, session
export const dialog = {
  showMessageBox: async (...args: any[]) => {
    fake.messageBoxes.push(args.at(-1));
    return { response: fake.messageBoxResponses.shift() ?? 0 };
  },
  showOpenDialog: async () => fake.openDialogResults.shift() ?? { canceled: true, filePaths: [] },
  showSaveDialog: async () => fake.saveDialogResults.shift() ?? { canceled: true },
};

export const shell = {
  openExternal: async (url: string) => void fake.openedExternally.push(url),
  trashItem: async (file: string) => {
    fake.trashed.push(file);
    fs.rmSync(file, { force: true });
  },
  showItemInFolder: () => undefined,
  openPath: async () => '',
};

export const Menu = {
  buildFromTemplate: (template: any[]) => template,
  setApplicationMenu: (template: any[]) => void (fake.menuTemplate = template),
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => void fake.schemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void fake.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: { setPermissionRequestHandler: (handler: Listener) => void (fake.permissionHandler = handler) },
};

// ---- utility process: the real register host, in-process, over a fake port
class FakeUtilityProcess extends EventEmitter {
  private readonly hostSide = new EventEmitter();
  constructor(env: Record<string, string | undefined>) {
    super();
    const port: HostPort = {
      on: (event, listener) => void this.hostSide.on(event, listener),
      postMessage: (message: HostResponse) => queueMicrotask(() => this.emit('message', message)),
    };
    serveRegister(port, { backupDir: env.VRR_BACKUP_DIR, actor: 'tester' });
  }
  postMessage(message: HostRequest) {
    queueMicrotask(() => this.hostSide.emit('message', { data: message }));
  }
  kill() {
    this.hostSide.emit('message', { data: { id: 0, type: 'close' } });
    this.emit('exit', 0);
  }
}

export const utilityProcess = {
  fork(_entry: string, _args: string[], options: { env: Record<string, string | undefined> }) {
    fake.forkEnv = options.env;
    return new FakeUtilityProcess(options.env);
  },
};

export type WebContents = FakeWebContents;
export type IpcMain = typeof ipcMain;
export type IpcMainInvokeEvent = { senderFrame: { url: string; parent: unknown } | null };
export type IpcRendererEvent = unknown;
export type UtilityProcess = FakeUtilityProcess;
export type MenuItemConstructorOptions = any;

export default { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, dialog, shell, Menu, protocol, session, utilityProcess };
