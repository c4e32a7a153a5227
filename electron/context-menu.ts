// The page's right-click menu: Cut, Copy, Paste and Select all where they apply (Electron shows none by itself).
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export function contextMenuTemplate(params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>): MenuItemConstructorOptions[] {
  const { editFlags } = params;
  if (params.isEditable) {
    return [
      { role: 'cut', enabled: editFlags.canCut },
      { role: 'copy', enabled: editFlags.canCopy },
      { role: 'paste', enabled: editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: editFlags.canSelectAll },
    ];
  }
  return params.selectionText.trim() ? [{ role: 'copy', enabled: editFlags.canCopy }] : [];
}
