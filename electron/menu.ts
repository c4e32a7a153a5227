import { Menu, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';

export interface MenuActions {
  newRegister(): void;
  openRegister(): void;
  openRecent(filePath: string): void;
  clearRecent(): void;
  saveCopy(): void;
  openSample(): void;
  showRegisterFolder(): void;
  /** Shows a screen of the page: the import, or the backups in Settings. */
  showView(view: 'import' | 'settings'): void;
}

export function menuTemplate(actions: MenuActions, recent: string[], isMac: boolean): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((filePath) => ({ label: `${path.basename(filePath)} — ${path.dirname(filePath)}`, click: () => actions.openRecent(filePath) })),
        { type: 'separator' as const },
        { label: 'Clear recent', click: actions.clearRecent },
      ]
    : [{ label: 'No recent registers', enabled: false }];

  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New register…', accelerator: 'CmdOrCtrl+N', click: actions.newRegister },
        { label: 'Open register…', accelerator: 'CmdOrCtrl+O', click: actions.openRegister },
        { label: 'Open recent', submenu: recentItems },
        { label: 'Open the sample register', click: actions.openSample },
        { type: 'separator' },
        { label: 'Import from CSV or Excel…', accelerator: 'CmdOrCtrl+I', click: () => actions.showView('import') },
        { label: 'Save a copy…', accelerator: 'CmdOrCtrl+Shift+S', click: actions.saveCopy },
        { label: 'Backups, restore and export…', click: () => actions.showView('settings') },
        { label: 'Show registers folder', click: actions.showRegisterFolder },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}

export function installMenu(actions: MenuActions, recent: string[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, recent, process.platform === 'darwin')));
}
