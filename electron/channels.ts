// IPC channel names, shared by the main process and the preload.
export const apiChannel = (method: string) => `api:${method}`;

export const COMMAND_CHANNELS = {
  newRegister: 'app:new-register',
  openRegister: 'app:open-register',
  saveCopy: 'app:save-copy',
  openSample: 'app:open-sample',
  savePdf: 'app:save-pdf',
  saveDocumentPdf: 'app:save-document-pdf',
  saveFile: 'app:save-file',
  openExternal: 'app:open-external',
  setUnsavedChanges: 'app:set-unsaved-changes',
} as const;

/** The page no longer wants the answer to one of its calls (by the call's number): a long one is cancelled. */
export const CANCEL_CALL_CHANNEL = 'call:cancel';

export const REGISTER_CHANGED_CHANNEL = 'register:changed';
/** The main process asks the page to show one of its screens (File → Import…, File → Backups…). */
export const SHOW_VIEW_CHANNEL = 'app:show-view';
