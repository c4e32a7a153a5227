import { BrowserWindow, Menu, shell } from 'electron';
import { contextMenuTemplate } from './context-menu';
import { APP_ENTRY, lockDownContents } from './security';

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  // The spell checker downloads dictionaries: network traffic from an app that promises none.
  spellcheck: false,
} as const;

export function createMainWindow(preload: string, icon?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Vendor Risk Register',
    backgroundColor: '#13233d',
    icon,
    webPreferences: { ...WEB_PREFERENCES, preload },
  });
  lockDownContents(window.webContents, (url) => shell.openExternal(url));
  window.webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params);
    if (template.length) Menu.buildFromTemplate(template).popup({ window });
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}
