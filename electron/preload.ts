// Exposes one function per contract method (and the app commands) to the page. ipcRenderer itself never leaves
// this file. Sandboxed preloads cannot load local modules, so this is bundled into one file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type AppCommands, type Bridge, type RegisterInfo } from '../db/contract';
import { apiChannel, CANCEL_CALL_CHANNEL, COMMAND_CHANNELS, REGISTER_CHANGED_CHANNEL, SHOW_VIEW_CHANNEL } from './channels';

const bridge: Bridge = {
  api: buildApi((method) => (args: unknown, registerId: string | null, callId?: number) => ipcRenderer.invoke(apiChannel(method), args, registerId, callId)),
  cancel: (callId: number) => ipcRenderer.send(CANCEL_CALL_CHANNEL, callId),
  onRegisterChanged(listener) {
    const forward = (_event: IpcRendererEvent, info: RegisterInfo) => listener(info);
    ipcRenderer.on(REGISTER_CHANGED_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(REGISTER_CHANGED_CHANNEL, forward);
  },
  onShowView(listener) {
    const forward = (_event: IpcRendererEvent, view: string) => listener(view);
    ipcRenderer.on(SHOW_VIEW_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(SHOW_VIEW_CHANNEL, forward);
  },
  commands: {
    newRegister: () => ipcRenderer.invoke(COMMAND_CHANNELS.newRegister),
    openRegister: () => ipcRenderer.invoke(COMMAND_CHANNELS.openRegister),
    saveCopy: () => ipcRenderer.invoke(COMMAND_CHANNELS.saveCopy),
    openSample: () => ipcRenderer.invoke(COMMAND_CHANNELS.openSample),
    savePdf: (suggestedName: string) => ipcRenderer.invoke(COMMAND_CHANNELS.savePdf, suggestedName),
    saveDocumentPdf: (html: string, suggestedName: string) => ipcRenderer.invoke(COMMAND_CHANNELS.saveDocumentPdf, html, suggestedName),
    saveFile: (base64: string, fileName: string) => ipcRenderer.invoke(COMMAND_CHANNELS.saveFile, base64, fileName),
    openExternal: (url: string) => ipcRenderer.invoke(COMMAND_CHANNELS.openExternal, url),
    setUnsavedChanges: (dirty: boolean) => ipcRenderer.invoke(COMMAND_CHANNELS.setUnsavedChanges, dirty),
  } satisfies AppCommands,
};

contextBridge.exposeInMainWorld('vrr', bridge);
