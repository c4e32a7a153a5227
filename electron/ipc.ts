// Binds every contract method to its own IPC channel. Each call is checked to come from the app's own page;
// its arguments are validated by dispatch in the register process.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, type AppCommands, type Envelope } from '../db/contract';
import type { RegisterHost } from './register-host';
import { apiChannel, CANCEL_CALL_CHANNEL, COMMAND_CHANNELS } from './channels';
import { isTrustedFrame } from './security';

export const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the Vendor Risk Register window.' },
};

export function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  return isTrustedFrame(event.senderFrame);
}

export function bindApi(ipcMain: IpcMain, host: RegisterHost): void {
  /** Calls in progress by page and call number, so the page can give one up (CANCEL_CALL_CHANNEL). */
  const inProgress = new Map<string, AbortController>();
  const key = (event: IpcMainInvokeEvent | IpcMainEvent, callId: unknown) => (typeof callId === 'number' ? `${event.sender?.id}:${callId}` : null);
  for (const method of METHOD_NAMES) {
    ipcMain.handle(apiChannel(method), async (event, args: unknown, registerId: unknown, callId: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) return FORBIDDEN;
      const call = key(event, callId);
      const wanted = new AbortController();
      if (call) inProgress.set(call, wanted);
      try {
        return await host.call(method, args, typeof registerId === 'string' ? registerId : null, wanted.signal);
      } catch (error) {
        return { ok: false, error: { code: 'INTERNAL', message: (error as Error).message } };
      } finally {
        if (call) inProgress.delete(call);
      }
    });
  }
  ipcMain.on(CANCEL_CALL_CHANNEL, (event, callId: unknown) => {
    const call = isTrustedSender(event) ? key(event, callId) : null;
    if (call) inProgress.get(call)?.abort();
  });
}

/** App commands the page may ask for (they open the main process's file dialogs). */
export function bindCommands(ipcMain: IpcMain, commands: AppCommands): void {
  for (const [name, channel] of Object.entries(COMMAND_CHANNELS) as [keyof typeof COMMAND_CHANNELS, string][]) {
    ipcMain.handle(channel, async (event, arg: unknown, second: unknown) => {
      if (!isTrustedSender(event)) return;
      if (name === 'saveDocumentPdf') return typeof arg === 'string' ? commands.saveDocumentPdf(arg, typeof second === 'string' ? second : 'Document') : undefined;
      if (name === 'saveFile') return typeof arg === 'string' && typeof second === 'string' ? commands.saveFile(arg, second) : null;
      if (name === 'openExternal') return typeof arg === 'string' ? commands.openExternal(arg) : undefined;
      if (name === 'savePdf') return commands.savePdf(typeof arg === 'string' ? arg : 'Document');
      if (name === 'setUnsavedChanges') return commands.setUnsavedChanges(arg === true);
      return commands[name]();
    });
  }
}
