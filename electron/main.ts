// The Electron main process: lifecycle, the one window, menus, file dialogs, and the register process.
import { app, BrowserWindow, dialog, ipcMain, session, shell, type Session } from 'electron';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegisterInfo } from '../db/contract';
import { electronBindingPath } from '../scripts/native-binding.mjs';
import { REGISTER_CHANGED_CHANNEL, SHOW_VIEW_CHANNEL } from './channels';
import { bindApi, bindCommands } from './ipc';
import { installMenu } from './menu';
import { handleAppScheme, registerAppScheme } from './protocol';
import { DOCUMENT_CONTENT_SECURITY_POLICY } from './csp';
import { RecentRegisters } from './recent';
import { HostError, startRegisterHost, type RegisterHost } from './register-host';
import { APP_SCHEME, isAllowedExternalUrl, lockDownContents } from './security';
import { createMainWindow, WEB_PREFERENCES } from './window';

const EXTENSION = '.vrr';
const FILE_FILTERS = [{ name: 'Vendor Risk Register', extensions: ['vrr'] }];

const registersDir = () => path.join(app.getPath('userData'), 'Registers');
const backupsDir = () => path.join(app.getPath('userData'), 'Backups');
const defaultRegisterPath = () => path.join(registersDir(), `My register${EXTENSION}`);

let host: RegisterHost | null = null;
let mainWindow: BrowserWindow | null = null;
let current: RegisterInfo | null = null;
let recent: RecentRegisters;
/** A file the OS asked us to open before start-up was over (the first register open and the window shown). */
let pendingOpen: string | null = null;
let started = false;
/** Set by the page while a form holds edits that are not saved. */
let unsavedChanges = false;
/** Set once the register process has closed the register, so the app may really quit. */
let registerClosed = false;
let closingForQuit: Promise<void> | null = null;

/**
 * The register named by a command-line argument: a path, absolute or relative to the folder the command was run in,
 * or a `file://` URI (Linux file managers pass those for `%U` in the .desktop entry).
 */
function registerFromArg(arg: string, workingDirectory: string): string | null {
  if (arg.startsWith('-')) return null;
  let file = arg;
  if (/^file:/i.test(arg)) {
    try {
      file = fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  return file.toLowerCase().endsWith(EXTENSION) ? path.resolve(workingDirectory, file) : null;
}

/** The last register named on a command line (the OS passes the file when one is double-clicked). */
export function registerFromArgs(argv: readonly string[], workingDirectory: string): string | null {
  for (const arg of [...argv].reverse()) {
    const file = registerFromArg(arg, workingDirectory);
    if (file) return file;
  }
  return null;
}

/** In development the register process loads a better-sqlite3 built for Electron, kept beside the Node build. */
function nativeBindingForDevelopment(): string | null {
  if (app.isPackaged) return null;
  const root = app.getAppPath();
  try {
    const betterSqlite3 = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
    const file = electronBindingPath(root, { betterSqlite3, electron: process.versions.electron ?? '', platform: process.platform, arch: process.arch });
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
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

/**
 * Asks where to save, and never lets an existing file be replaced without asking: the overwrite prompt is opt-in on
 * Linux, and GTK does not add the extension, so a name the dialog did not check ("Risk" for "Risk.vrr") is asked
 * about here. Null when the user cancels.
 */
async function chooseSaveTarget(title: string, defaultPath: string, filters: { name: string; extensions: string[] }[]): Promise<string | null> {
  const options = { title, defaultPath, filters, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  const extension = `.${filters[0]!.extensions[0]}`;
  const target = result.filePath.toLowerCase().endsWith(extension) ? result.filePath : `${result.filePath}${extension}`;
  if (target === result.filePath || !fs.existsSync(target)) return target;
  const replace = { type: 'warning' as const, title, message: `“${path.basename(target)}” already exists. Do you want to replace it?`, detail: `It is in ${path.dirname(target)}.`, buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1 };
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, replace) : await dialog.showMessageBox(replace);
  return response === 0 ? target : null;
}

const PDF_FILTERS = [{ name: 'PDF', extensions: ['pdf'] }];

async function newRegister(): Promise<void> {
  fs.mkdirSync(registersDir(), { recursive: true });
  const target = await chooseSaveTarget('New register', path.join(registersDir(), `New register${EXTENSION}`), FILE_FILTERS);
  if (!target) return;
  if (current && path.resolve(target) === current.path) {
    await showProblem('That register is open.', 'Choose another name for the new register.');
    return;
  }
  if (!(await confirmDiscard('Creating a new register'))) return;
  // The user has agreed to replace it; the replaced file goes to the trash, not oblivion.
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
  const target = await chooseSaveTarget('Save as PDF', path.join(app.getPath('documents'), `${safeName}.pdf`), PDF_FILTERS);
  if (!target) return;
  try {
    const pdf = await mainWindow.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    fs.writeFileSync(target, pdf);
    shell.showItemInFolder(target);
  } catch (error) {
    await showProblem('The PDF could not be saved.', (error as Error).message);
  }
}

/** Saves a file the page made (an export, a chart image) where the user chooses, in Documents by default. */
async function saveFile(base64: string, fileName: string): Promise<string | null> {
  const safeName = path.basename(fileName).replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Export';
  const extension = path.extname(safeName).slice(1).toLowerCase() || 'txt';
  const target = await chooseSaveTarget('Save', path.join(app.getPath('documents'), safeName), [{ name: extension.toUpperCase(), extensions: [extension] }]);
  if (!target) return null;
  try {
    fs.writeFileSync(target, Buffer.from(base64, 'base64'));
    return target;
  } catch (error) {
    await showProblem('The file could not be saved.', (error as Error).message);
    return null;
  }
}

/** Documents being printed, served to the print session by token. */
const printedDocuments = new Map<string, string>();
const PRINT_PARTITION = 'vrr-print';
const PRINT_ORIGIN = 'app://print';

/**
 * The session documents are printed in: it serves only the document being printed, with the documents' CSP as a
 * header (no script, no remote origin, whatever the HTML itself says), and refuses every other request.
 */
function printSession(): Session {
  const printing = session.fromPartition(PRINT_PARTITION, { cache: false });
  if (!printing.protocol.isProtocolHandled(APP_SCHEME)) {
    printing.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    printing.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith(`${PRINT_ORIGIN}/`) }));
    printing.protocol.handle(APP_SCHEME, (request) => {
      const html = printedDocuments.get(new URL(request.url).pathname.replace(/^\//, ''));
      const headers = { 'Content-Security-Policy': DOCUMENT_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
      if (html === undefined || !request.url.startsWith(`${PRINT_ORIGIN}/`)) return new Response('Not found', { status: 404, headers });
      return new Response(html, { headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
    });
  }
  return printing;
}

/** Prints a self-contained document in a hidden window with scripts off, then saves the PDF where the user chooses. */
async function saveDocumentPdf(html: string, suggestedName: string): Promise<void> {
  if (!mainWindow) return;
  const safeName = suggestedName.replace(/\.html$/i, '').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Document';
  const target = await chooseSaveTarget('Save as PDF', path.join(app.getPath('documents'), `${safeName}.pdf`), PDF_FILTERS);
  if (!target) return;
  const token = `${randomUUID()}.html`;
  printedDocuments.set(token, html);
  const printer = new BrowserWindow({ show: false, webPreferences: { ...WEB_PREFERENCES, javascript: false, session: printSession() } });
  try {
    await printer.loadURL(`${PRINT_ORIGIN}/${token}`);
    const pdf = await printer.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(target, pdf);
    shell.showItemInFolder(target);
  } catch (error) {
    await showProblem('The PDF could not be saved.', (error as Error).message);
  } finally {
    printedDocuments.delete(token);
    printer.destroy();
  }
}

async function saveCopy(): Promise<void> {
  if (!host || !current) return;
  const stamp = new Date().toISOString().slice(0, 10);
  const target = await chooseSaveTarget('Save a copy', path.join(path.dirname(current.path), `${current.name} (copy ${stamp})${EXTENSION}`), FILE_FILTERS);
  if (!target) return;
  if (path.resolve(target) === current.path) {
    await showProblem('That is the open register.', 'Choose another name for the copy.');
    return;
  }
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
  recent = new RecentRegisters(app.getPath('userData'));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setSpellCheckerEnabled(false);
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
    saveFile,
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
  started = true;
  // A file the OS handed over while the first register was being opened.
  const handedOver = pendingOpen;
  pendingOpen = null;
  if (handedOver && handedOver !== current.path) await openRegisterFile(handedOver);
}

/** A register the OS asks us to open (double-click, "Open with", a second launch): now, or once start-up is over. */
function openFromOutside(file: string): void {
  if (started) void openRegisterFile(file);
  else pendingOpen = file;
}

/** Quitting first lets the register process close the register (jobs stopped, log checkpointed into the file). */
async function closeRegisterThenQuit(): Promise<void> {
  if (!(await confirmDiscard('Quitting'))) return;
  try {
    await host?.close();
  } catch (error) {
    await showProblem('The register was not closed cleanly.', `${(error as Error).message}\n\nIts last changes are kept beside it and are recovered when it is next opened.`);
  }
  registerClosed = true;
  app.quit();
}

/** Nothing may keep a windowless process holding the single-instance lock: say what went wrong, and end. */
function failedToStart(error: unknown): void {
  dialog.showErrorBox('Vendor Risk Register could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another window is already running: it receives our command line through 'second-instance'.
  app.quit();
} else {
  pendingOpen = registerFromArgs(process.argv.slice(1), process.cwd());
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const file = registerFromArgs(argv.slice(1), workingDirectory);
    if (file) openFromOutside(file);
  });
  // macOS hands over double-clicked files through open-file, possibly before the app is ready.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openFromOutside(filePath);
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, openExternal));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (registerClosed || !host) return;
    event.preventDefault();
    closingForQuit ??= closeRegisterThenQuit().finally(() => (closingForQuit = null));
  });
  start().catch(failedToStart);
}
