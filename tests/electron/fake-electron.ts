// A stand-in for the `electron` module, so the main-process glue runs under Node in tests.
// It records what the glue asks of Electron and is as strict as Electron where that matters:
// - the app becomes ready only when a test says so (`fake.becomeReady()`), emitting 'will-finish-launching' and
//   'ready' first; schemes can be registered only before, protocol handlers, sessions and windows only after;
// - app.quit() runs Electron's sequence: 'before-quit' (preventable), each window's 'close' (preventable) and 'closed',
//   'will-quit' (preventable), 'quit'; app.exit() ends at once without any of them;
// - utilityProcess.fork runs the *bundled* entry (dist/electron/*.cjs) in a real child process, which kill() ends
//   with SIGTERM, as Electron does, without asking it anything first;
// - dialogs answer from queues the tests fill, and are cancelled when nothing is queued.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Listener = (...args: any[]) => unknown;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHILD_LAUNCHER = path.join(repoRoot, 'tests', 'electron', 'utility-process-child.mjs');

export const fake = {
  userData: fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-electron-')),
  singleInstanceLock: true,
  ready: false,
  /** True once the quit sequence ran to its end ('quit' emitted). */
  quitCalled: false,
  quitRequests: 0,
  /** True while app.quit() closes the windows (Electron emits no 'window-all-closed' then). */
  quitting: false,
  appPath: '',
  exitCode: null as number | null,
  windows: [] as FakeBrowserWindow[],
  handlers: new Map<string, Listener>(),
  /** ipcMain.on listeners (one-way messages from the page), by channel. */
  listeners: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  menuTemplate: [] as any[],
  popups: [] as any[][],
  openedExternally: [] as string[],
  trashed: [] as string[],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  sessions: new Map<string, FakeSession>(),
  messageBoxes: [] as any[],
  errorBoxes: [] as { title: string; content: string }[],
  saveDialogs: [] as any[],
  /** Answers for the next dialogs, consumed in order. */
  messageBoxResponses: [] as number[],
  openDialogResults: [] as { canceled: boolean; filePaths: string[] }[],
  saveDialogResults: [] as { canceled: boolean; filePath?: string }[],
  forkEnv: null as null | Record<string, string | undefined>,
  utilityProcesses: [] as FakeUtilityProcess[],
  /** While true, messages to the register process wait in `heldHostMessages` (to stop start-up at a chosen point). */
  holdHostMessages: false,
  heldHostMessages: [] as { child: FakeUtilityProcess; message: unknown }[],
  recentDocuments: [] as string[],

  /** Electron's start-up: 'will-finish-launching', then 'ready', then whenReady() resolves. */
  becomeReady() {
    if (fake.ready) return;
    app.emit('will-finish-launching');
    fake.ready = true;
    app.emit('ready', {});
    resolveReady();
  },
  releaseHostMessages() {
    fake.holdHostMessages = false;
    for (const { child, message } of fake.heldHostMessages.splice(0)) child.postMessage(message);
  },
  /** Ends every register process a test started (as a crash would). */
  killAll() {
    for (const child of fake.utilityProcesses) child.kill();
  },
};

const notReady = (what: string) => new Error(`${what} can only be used after the app is ready (the fake mirrors Electron).`);

// ---- app
let resolveReady: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

class FakeEvent {
  defaultPrevented = false;
  preventDefault() {
    this.defaultPrevented = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = () => fake.singleInstanceLock;
  whenReady = () => readyPromise;
  isReady = () => fake.ready;
  getPath = (name: string) => (name === 'userData' ? fake.userData : os.tmpdir());
  getAppPath = () => fake.appPath || repoRoot;
  addRecentDocument = (file: string) => void fake.recentDocuments.push(file);
  exit = (code = 0) => {
    fake.exitCode = code;
    fake.killAll();
  };
  quit = () => {
    fake.quitRequests++;
    const beforeQuit = new FakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    fake.quitting = true;
    try {
      for (const window of [...fake.windows]) {
        if (!window.close()) return;
      }
    } finally {
      fake.quitting = false;
    }
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit', new FakeEvent(), 0);
    fake.quitCalled = true;
    fake.killAll();
  };
}
export const app = new FakeApp();

// ---- windows
class FakeWebContents extends EventEmitter {
  windowOpenHandler: Listener | null = null;
  sent: { channel: string; args: unknown[] }[] = [];
  printed: unknown[] = [];
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  async printToPDF(options: unknown) {
    this.printed.push(options);
    return Buffer.from('%PDF-1.7 fake');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  title = '';
  progress: number[] = [];
  destroyed = false;
  constructor(public options: any) {
    super();
    if (!fake.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    fake.windows.push(this);
  }
  static getAllWindows() {
    return [...fake.windows];
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  /** Emits 'close' (which a listener may prevent), then 'closed'; false when the close was prevented. */
  close(): boolean {
    if (this.destroyed) return true;
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    fake.windows.splice(fake.windows.indexOf(this), 1);
    this.emit('closed');
    if (fake.windows.length === 0 && !fake.quitting) app.emit('window-all-closed');
  }
  isDestroyed() {
    return this.destroyed;
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
}
export const BrowserWindow = FakeBrowserWindow;

// ---- IPC
export const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.handlers.set(channel, listener);
  },
  on(channel: string, listener: Listener) {
    fake.listeners.set(channel, listener);
  },
};

const rendererEvents = new EventEmitter();
export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]) {
    fake.invoked.push({ channel, args });
    return Promise.resolve({ channel, args });
  },
  send(channel: string, ...args: unknown[]) {
    fake.invoked.push({ channel, args });
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

// ---- dialogs, shell, menus
export const dialog = {
  showMessageBox: async (...args: any[]) => {
    fake.messageBoxes.push(args.at(-1));
    const options = args.at(-1);
    return { response: fake.messageBoxResponses.shift() ?? options.cancelId ?? 0 };
  },
  showErrorBox: (title: string, content: string) => void fake.errorBoxes.push({ title, content }),
  showOpenDialog: async () => fake.openDialogResults.shift() ?? { canceled: true, filePaths: [] },
  showSaveDialog: async (...args: any[]) => {
    fake.saveDialogs.push(args.at(-1));
    return fake.saveDialogResults.shift() ?? { canceled: true, filePath: '' };
  },
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
  buildFromTemplate: (template: any[]) => Object.assign([...template], { popup: () => void fake.popups.push(template) }),
  setApplicationMenu: (template: any[]) => void (fake.menuTemplate = template),
};

// ---- protocol and sessions
type ProtocolHandler = (request: Request) => Promise<Response> | Response;

class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>();
  handle(scheme: string, handler: ProtocolHandler) {
    if (!fake.ready) throw notReady('protocol.handle');
    if (this.handlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled in this session.`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string) {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string) {
    return this.handlers.has(scheme);
  }
}

class FakeSession {
  readonly protocol = new FakeProtocol();
  permissionHandler: Listener | null = null;
  beforeRequest: Listener | null = null;
  spellChecker = true;
  setSpellCheckerEnabled(enabled: boolean) {
    this.spellChecker = enabled;
  }
  readonly webRequest = { onBeforeRequest: (listener: Listener) => void (this.beforeRequest = listener) };
  setPermissionRequestHandler(handler: Listener) {
    this.permissionHandler = handler;
  }
}

const defaultSession = new FakeSession();

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => {
    if (fake.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    fake.schemes.push(...schemes);
  },
  handle: (scheme: string, handler: ProtocolHandler) => {
    defaultSession.protocol.handle(scheme, handler);
    fake.protocolHandlers.set(scheme, async (request) => handler(request));
  },
};

export const session = {
  get defaultSession() {
    if (!fake.ready) throw notReady('session.defaultSession');
    return defaultSession;
  },
  fromPartition(partition: string, _options?: { cache?: boolean }) {
    if (!fake.ready) throw notReady('session.fromPartition');
    const existing = fake.sessions.get(partition);
    if (existing) return existing;
    const created = new FakeSession();
    fake.sessions.set(partition, created);
    return created;
  },
};

// ---- utility process: the bundled entry in a real child process
/** The bundle Electron would run: main.cjs and db-host.cjs sit side by side in dist/electron. */
export function bundledEntry(entry: string): string {
  const bundled = fs.existsSync(entry) ? entry : path.join(repoRoot, 'dist', 'electron', path.basename(entry));
  if (!fs.existsSync(bundled)) throw new Error(`${bundled} is missing: run \`npm run build\` first (npm test does).`);
  return bundled;
}

class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;
  exited = false;
  constructor(entry: string, env: Record<string, string | undefined>) {
    super();
    // As under Electron, a binding the process is given is the only better-sqlite3 it can load.
    const childEnv = env.VRR_NATIVE_BINDING ? { ...env, VRR_ONLY_NATIVE_ADDON: env.VRR_NATIVE_BINDING } : env;
    this.child = fork(CHILD_LAUNCHER, [bundledEntry(entry)], { env: childEnv as NodeJS.ProcessEnv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('spawn', () => this.emit('spawn'));
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.emit('exit', code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0));
    });
  }
  get pid() {
    return this.child.pid;
  }
  postMessage(message: unknown) {
    if (fake.holdHostMessages) fake.heldHostMessages.push({ child: this, message });
    else if (!this.exited) this.child.send(message as never);
  }
  /** SIGTERM, as Electron sends it: the process is not asked to close anything first. */
  kill() {
    return this.exited ? false : this.child.kill('SIGTERM');
  }
}

export const utilityProcess = {
  fork(entry: string, _args: string[], options: { env: Record<string, string | undefined>; serviceName?: string }) {
    if (!fake.ready) throw notReady('utilityProcess.fork');
    fake.forkEnv = options.env;
    const child = new FakeUtilityProcess(entry, options.env);
    fake.utilityProcesses.push(child);
    return child;
  },
};

export type WebContents = FakeWebContents;
export type IpcMain = typeof ipcMain;
export type IpcMainInvokeEvent = { senderFrame: { url: string; parent: unknown } | null };
export type IpcRendererEvent = unknown;
export type UtilityProcess = FakeUtilityProcess;
export type MenuItemConstructorOptions = any;
export type ContextMenuParams = any;
export type Session = FakeSession;

export const defaultSessionForTests = defaultSession;

export default { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, dialog, shell, Menu, protocol, session, utilityProcess };
