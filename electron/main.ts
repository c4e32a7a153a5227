// The Electron main process: lifecycle, the one window, menus, file dialogs, and the register process.
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { RegisterInfo } from '../db/contract';
import { REGISTER_CHANGED_CHANNEL, SHOW_VIEW_CHANNEL } from './channels';
import { bindApi, bindCommands } from './ipc';
import { installMenu } from './menu';
import { handleAppScheme, registerAppScheme } from './protocol';
import { RecentRegisters } from './recent';
import { HostError, startRegisterHost, type RegisterHost } from './register-host';
import { isAllowedExternalUrl, lockDownContents } from './security';
import { createMainWindow } from './window';

const EXTENSION = '.vrr';
const FILE_FILTERS = [{ name: 'Vendor Risk Register', extensions: ['vrr'] }];

const registersDir = () => path.join(app.getPath('userData'), 'Registers');
const backupsDir = () => path.join(app.getPath('userData'), 'Backups');
const defaultRegisterPath = () => path.join(registersDir(), `My register${EXTENSION}`);

let host: RegisterHost | null = null;
let mainWindow: BrowserWindow | null = null;
let current: RegisterInfo | null = null;
let recent: RecentRegisters;
/** A file the OS asked us to open before the app was ready. */
let pendingOpen: string | null = null;
let ready = false;
/** Set by the page while a form holds edits that are not saved. */
let unsavedChanges = false;

/** The last `.vrr` argument on a command line (the OS passes the file when one is double-clicked). */
export function registerFromArgs(argv: readonly string[]): string | null {
  const candidate = [...argv].reverse().find((arg) => arg.toLowerCase().endsWith(EXTENSION) && !arg.startsWith('-'));
  return candidate ? path.resolve(candidate) : null;
}

/** In development the register process loads a better-sqlite3 built for Electron, kept beside the Node build. */
function nativeBindingForDevelopment(): string | null {
  if (app.isPackaged) return null;
  const file = path.join(app.getAppPath(), '.native', `electron-${process.versions.electron}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  return fs.existsSync(file) ? file : null;
}

async function openExternal(url: string): Promise<void> {
  if (isAllowedExternalUrl(url)) await shell.openExternal(url);
}

function refreshMenu(): void {
  installMenu(
    {
      newRegister: () => void newRegister(),
      openRegister: () => void openRegisterDialog(),
      openRecent: (filePath) => void openRegisterFile(filePath),
      clearRecent: () => {
        recent.clear();
        refreshMenu();
      },
      saveCopy: () => void saveCopy(),
      openSample: () => void openSample(),
      showRegisterFolder: () => void shell.openPath(current ? path.dirname(current.path) : registersDir()),
      showView: (view) => mainWindow?.webContents.send(SHOW_VIEW_CHANNEL, view),
    },
    recent.list(),
  );
}

async function showProblem(message: string, detail: string): Promise<void> {
  const options = { type: 'error' as const, title: 'Vendor Risk Register', message, detail, buttons: ['OK'] };
  await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

/** Asks before unsaved edits in the window would be lost; true when it is fine to go on. */
async function confirmDiscard(action: string): Promise<boolean> {
  if (!unsavedChanges || !mainWindow) return true;
  const { response } = await dialog.showMessageBox(mainWindow, {
    type: 'warning',
    title: 'Vendor Risk Register',
    message: 'You have unsaved changes.',
    detail: `${action} will discard them.`,
    buttons: ['Discard changes', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  });
  if (response !== 0) return false;
  unsavedChanges = false;
  return true;
}

/** Opens or creates a register in the register process; on failure the open register stays open and the user is told why. */
async function openRegisterFile(filePath: string, create = false, sample = false): Promise<boolean> {
  if (!host || !(await confirmDiscard(create ? 'Creating a new register' : 'Opening another register'))) return false;
  try {
    const info = await host.open(filePath, create, sample);
    current = info;
    recent.add(info.path);
    refreshMenu();
    app.addRecentDocument(info.path);
    if (mainWindow) {
      mainWindow.setTitle(`${info.name} — Vendor Risk Register`);
      mainWindow.setRepresentedFilename(info.path);
      mainWindow.webContents.send(REGISTER_CHANGED_CHANNEL, info);
    }
    return true;
  } catch (error) {
    if (error instanceof HostError && error.problem === 'NOT_FOUND') {
      recent.remove(path.resolve(filePath));
      refreshMenu();
    }
    await showProblem(create ? 'The register could not be created.' : 'The register could not be opened.', (error as Error).message);
    return false;
  }
}

async function openRegisterDialog(): Promise<void> {
  const options = { title: 'Open register', defaultPath: current ? path.dirname(current.path) : registersDir(), filters: FILE_FILTERS, properties: ['openFile' as const] };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  const chosen = result.filePaths[0];
  if (!result.canceled && chosen) await openRegisterFile(chosen);
}

function withExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith(EXTENSION) ? filePath : `${filePath}${EXTENSION}`;
}

async function newRegister(): Promise<void> {
  fs.mkdirSync(registersDir(), { recursive: true });
  const options = { title: 'New register', defaultPath: path.join(registersDir(), `New register${EXTENSION}`), filters: FILE_FILTERS };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return;
  const target = withExtension(result.filePath);
  if (current && path.resolve(target) === current.path) {
    await showProblem('That register is open.', 'Choose another name for the new register.');
    return;
  }
  if (!(await confirmDiscard('Creating a new register'))) return;
  // The save dialog has already asked before replacing; the replaced file goes to the trash, not oblivion.
  if (fs.existsSync(target)) await shell.trashItem(target);
  await openRegisterFile(target, true);
}

async function openSample(): Promise<void> {
  const file = path.join(registersDir(), `Sample register${EXTENSION}`);
  await openRegisterFile(file, !fs.existsSync(file), true);
}

async function savePdf(suggestedName: string): Promise<void> {
  if (!mainWindow) return;
  const safeName = suggestedName.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Document';
  const result = await dialog.showSaveDialog(mainWindow, { title: 'Save as PDF', defaultPath: path.join(app.getPath('documents'), `${safeName}.pdf`), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (result.canceled || !result.filePath) return;
  try {
    const pdf = await mainWindow.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    fs.writeFileSync(result.filePath, pdf);
    shell.showItemInFolder(result.filePath);
  } catch (error) {
    await showProblem('The PDF could not be saved.', (error as Error).message);
  }
}

/** Prints a self-contained document in a hidden window with scripts off, then saves the PDF where the user chooses. */
async function saveDocumentPdf(html: string, suggestedName: string): Promise<void> {
  if (!mainWindow) return;
  const safeName = suggestedName.replace(/\.html$/i, '').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Document';
  const result = await dialog.showSaveDialog(mainWindow, { title: 'Save as PDF', defaultPath: path.join(app.getPath('documents'), `${safeName}.pdf`), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (result.canceled || !result.filePath) return;
  const printer = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    await printer.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
    const pdf = await printer.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(result.filePath, pdf);
    shell.showItemInFolder(result.filePath);
  } catch (error) {
    await showProblem('The PDF could not be saved.', (error as Error).message);
  } finally {
    printer.destroy();
  }
}

async function saveCopy(): Promise<void> {
  if (!host || !current) return;
  const stamp = new Date().toISOString().slice(0, 10);
  const options = { title: 'Save a copy', defaultPath: path.join(path.dirname(current.path), `${current.name} (copy ${stamp})${EXTENSION}`), filters: FILE_FILTERS };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return;
  const target = withExtension(result.filePath);
  try {
    await host.saveCopy(target, (fraction) => mainWindow?.setProgressBar(fraction));
    mainWindow?.setProgressBar(-1);
    shell.showItemInFolder(target);
  } catch (error) {
    mainWindow?.setProgressBar(-1);
    await showProblem('The copy could not be saved.', (error as Error).message);
  }
}

/** First launch creates the default register; later launches reopen the last one. A bad file is never replaced. */
async function openInitialRegister(): Promise<void> {
  const lastUsed = recent.list().find((p) => fs.existsSync(p));
  const first = pendingOpen ?? lastUsed ?? defaultRegisterPath();
  pendingOpen = null;
  if (await openRegisterFile(first, !fs.existsSync(first) && first === defaultRegisterPath())) return;

  while (!current) {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: 'Vendor Risk Register',
      message: 'Which register would you like to use?',
      detail: 'The register could not be opened (see the previous message). It has not been changed.',
      buttons: ['Open another register…', 'Create a new register…', 'Quit'],
      defaultId: 0,
      cancelId: 2,
    });
    if (response === 0) await openRegisterDialog();
    else if (response === 1) await newRegister();
    else {
      app.quit();
      return;
    }
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  ready = true;
  recent = new RecentRegisters(app.getPath('userData'));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  handleAppScheme(path.join(__dirname, '..', 'renderer'));

  const env: Record<string, string> = { VRR_BACKUP_DIR: backupsDir() };
  const binding = nativeBindingForDevelopment();
  if (binding) env.VRR_NATIVE_BINDING = binding;
  host = startRegisterHost(path.join(__dirname, 'db-host.cjs'), env);
  bindApi(ipcMain, host);
  bindCommands(ipcMain, {
    newRegister,
    openRegister: openRegisterDialog,
    saveCopy,
    openSample,
    savePdf,
    saveDocumentPdf,
    openExternal,
    setUnsavedChanges: async (dirty) => void (unsavedChanges = dirty),
  });
  refreshMenu();

  await openInitialRegister();
  if (!current) return;
  mainWindow = createMainWindow(path.join(__dirname, 'preload.cjs'), path.join(__dirname, '..', '..', 'assets', 'icon.png'));
  mainWindow.setTitle(`${current.name} — Vendor Risk Register`);
  mainWindow.on('close', (event) => {
    if (!unsavedChanges) return;
    event.preventDefault();
    void confirmDiscard('Closing the window').then((discard) => discard && mainWindow?.close());
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another window is already running: it receives our command line through 'second-instance'.
  app.quit();
} else {
  pendingOpen = registerFromArgs(process.argv.slice(1));
  app.on('second-instance', (_event, argv) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const file = registerFromArgs(argv.slice(1));
    if (file) void openRegisterFile(file);
  });
  // macOS hands over double-clicked files through open-file, possibly before the app is ready.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    if (ready && current) void openRegisterFile(filePath);
    else pendingOpen = filePath;
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, openExternal));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => host?.stop());
  void start();
}
