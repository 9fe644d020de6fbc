import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeName } from '../shared/api/client';
import type { HostEvent } from '../shared/api/events';
import { BRIDGE_METHODS, CHANNELS, type PreloadBridge } from '../shared/api/preload';

// The sandboxed preload (bundled as one CommonJS file): exposes `window.carve`, one named function per API
// method and the window hooks, never ipcRenderer itself nor a generic invoke(channel). Main checks the sender
// and validates every request.

const methods = Object.fromEntries(
  BRIDGE_METHODS.map((method) => [bridgeName(method), (request: unknown) => ipcRenderer.invoke(method, request ?? {})]),
);

let listening = false;

const hooks: Pick<PreloadBridge, 'onHostEvent' | 'setDirty' | 'confirmClose'> = {
  onHostEvent(listener) {
    const forward = (_event: IpcRendererEvent, hostEvent: HostEvent) => listener(hostEvent);
    ipcRenderer.on(CHANNELS.hostEvent, forward);
    if (!listening) {
      // Main holds events (a file given at start) until the page listens.
      listening = true;
      ipcRenderer.send(CHANNELS.rendererReady);
    }
    return () => {
      ipcRenderer.removeListener(CHANNELS.hostEvent, forward);
    };
  },
  setDirty(dirty) {
    ipcRenderer.send(CHANNELS.setDirty, dirty === true);
  },
  confirmClose() {
    ipcRenderer.send(CHANNELS.confirmClose);
  },
};

const bridge = { ...methods, ...hooks } as PreloadBridge;
contextBridge.exposeInMainWorld('carve', bridge);
