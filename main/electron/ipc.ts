import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { METHODS } from '../../shared/api/contract';
import { CHANNELS } from '../../shared/api/preload';
import { fail } from '../../shared/api/result';
import type { Router } from '../../shared/api/router';
import { isTrustedSender } from './appUrl';

// One ipcMain.handle per API method (the channel is the method name), each checking who is asking before the
// router validates the request and calls the service. Besides the API, three one-way messages: the renderer
// listens for host events, its unsaved-changes flag, and its answer to a close request.

export interface IpcOptions {
  router: Router;
  /** The web contents of our one window, or null while there is none. */
  getWebContents(): WebContents | null;
  onRendererReady(): void;
  onSetDirty(dirty: boolean): void;
  onConfirmClose(): void;
}

export function registerIpc(options: IpcOptions): void {
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent) => isTrustedSender(event, options.getWebContents());
  for (const method of METHODS) {
    ipcMain.handle(method, async (event, request: unknown) => {
      if (!trusted(event)) return fail('unauthorized', `Carve refused "${method}" from a page that is not its own`);
      return options.router(method, request);
    });
  }
  ipcMain.on(CHANNELS.rendererReady, (event) => {
    if (trusted(event)) options.onRendererReady();
  });
  ipcMain.on(CHANNELS.setDirty, (event, dirty: unknown) => {
    if (trusted(event) && typeof dirty === 'boolean') options.onSetDirty(dirty);
  });
  ipcMain.on(CHANNELS.confirmClose, (event) => {
    if (trusted(event)) options.onConfirmClose();
  });
}
