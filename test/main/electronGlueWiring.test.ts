import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHODS } from '../../shared/api/contract';
import { bridgeName } from '../../shared/api/client';
import { CHANNELS } from '../../shared/api/preload';
import { PREFERENCE_DEFAULTS, type PreferenceStore, type StoredPreferences } from '../../main/services/preferences';
import { createHandlers } from '../../main/services/handlers';
import { runJob, type JobApi } from '../../shared/api/jobs';
import type { Result } from '../../shared/api/result';
import { createRouter } from '../../shared/api/router';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The Electron glue itself (ipc.ts, preload.ts, window.ts) against a stand-in for the `electron` module:
// Electron's binary cannot run on these machines, so these tests check what the glue asks of Electron: the
// handlers it registers and the checks they make, what the preload exposes, the window's security settings
// and its navigation, popup and close handling. What Electron then does with them is Electron's part.

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on(name: string, listener: Listener) {
        listeners.set(name, [...(listeners.get(name) ?? []), listener]);
        return this;
      },
      once(name: string, listener: Listener) {
        return this.on(name, listener);
      },
      removeListener(name: string, listener: Listener) {
        listeners.set(
          name,
          (listeners.get(name) ?? []).filter((l) => l !== listener),
        );
        return this;
      },
      emit(name: string, ...args: unknown[]) {
        for (const listener of listeners.get(name) ?? []) listener(...args);
      },
    };
  };
  const state = {
    handlers: new Map<string, Listener>(),
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    exposed: new Map<string, Record<string, unknown>>(),
    invoked: [] as unknown[][],
    sent: [] as unknown[][],
    openedExternally: [] as string[],
    windows: [] as FakeWindow[],
  };
  interface FakeWindow {
    options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
    events: ReturnType<typeof emitter>;
    contents: ReturnType<typeof emitter> & {
      openHandler?: (details: { url: string }) => unknown;
      loaded?: string;
      loadURL(url: string): Promise<void>;
    };
    closed: number;
  }
  const ipcMain = {
    ...emitter(),
    handle(channel: string, handler: Listener) {
      state.handlers.set(channel, handler);
    },
  };
  const ipcRenderer = {
    ...emitter(),
    invoke: (...args: unknown[]) => {
      state.invoked.push(args);
      return Promise.resolve({ ok: true, value: args });
    },
    send: (...args: unknown[]) => void state.sent.push(args),
  };
  class BrowserWindow {
    readonly webContents;
    private readonly record: FakeWindow;
    constructor(options: FakeWindow['options']) {
      const contents = Object.assign(emitter(), {
        id: 41,
        setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
          contents.openHandler = handler;
        },
        loadURL(url: string) {
          contents.loaded = url;
          return Promise.resolve();
        },
      }) as FakeWindow['contents'];
      this.webContents = contents;
      this.record = { options, events: emitter(), contents, closed: 0 };
      state.windows.push(this.record);
    }
    on(name: string, listener: Listener) {
      this.record.events.on(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      this.record.events.on(name, listener);
      return this;
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    isFullScreen = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 900, height: 700 });
    setTitle = vi.fn();
    setDocumentEdited = vi.fn();
    show = vi.fn();
    loadURL(url: string) {
      return this.webContents.loadURL(url);
    }
  }
  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  return {
    state,
    electron: {
      ipcMain,
      ipcRenderer,
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => void state.exposed.set(name, api) },
      BrowserWindow,
      screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
      shell: { openExternal: (url: string) => (state.openedExternally.push(url), Promise.resolve()) },
      nativeTheme: { shouldUseDarkColors: false },
      protocol: {
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void state.protocols.set(scheme, handler),
      },
    },
  };
});

vi.mock('electron', () => fake.electron);

const { registerIpc } = await import('../../main/electron/ipc');
const { createMainWindow, setWindowDirty } = await import('../../main/electron/window');
const { CloseGuard } = await import('../../main/electron/closeGuard');
const { serveAppScheme } = await import('../../main/electron/protocol');

function memoryPreferences(): PreferenceStore & { values: StoredPreferences } {
  const values = structuredClone(PREFERENCE_DEFAULTS);
  return {
    values,
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
      return null;
    },
  };
}

const ours = { id: 41 };
const trusted = { sender: { id: 41 }, senderFrame: { url: 'app://carve/index.html' } };
const foreign = { sender: { id: 41 }, senderFrame: { url: 'https://evil.example/' } };

describe('IPC registration', () => {
  const routed: unknown[][] = [];
  const hooks = { ready: 0, dirty: [] as boolean[], confirmed: 0 };
  beforeEach(() => {
    fake.state.handlers.clear();
    fake.electron.ipcMain.listeners.clear();
    routed.length = 0;
    Object.assign(hooks, { ready: 0, dirty: [], confirmed: 0 });
    registerIpc({
      router: async (method, payload) => (routed.push([method, payload]), { ok: true, value: 'routed' }),
      getWebContents: () => ours as never,
      onRendererReady: () => void hooks.ready++,
      onSetDirty: (dirty) => void hooks.dirty.push(dirty),
      onConfirmClose: () => void hooks.confirmed++,
    });
  });

  it('registers one handler per API method and nothing generic', () => {
    expect([...fake.state.handlers.keys()].sort()).toEqual([...METHODS].sort());
  });

  it('passes requests from our app:// page to the router', async () => {
    const result = await fake.state.handlers.get('project:open')!(trusted, { path: '/a.carve' });
    expect(result).toEqual({ ok: true, value: 'routed' });
    expect(routed).toEqual([['project:open', { path: '/a.carve' }]]);
  });

  it('refuses requests from another page or another web contents without calling the router', async () => {
    const fromOtherContents = { sender: { id: 99 }, senderFrame: trusted.senderFrame };
    for (const event of [foreign, fromOtherContents, { sender: { id: 41 }, senderFrame: null }]) {
      const result = (await fake.state.handlers.get('project:save')!(event, {})) as { ok: boolean; error: { code: string } };
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe('unauthorized');
    }
    expect(routed).toEqual([]);
  });

  it('accepts the window messages from our page only, and only a boolean dirty flag', () => {
    const ipc = fake.electron.ipcMain;
    ipc.emit(CHANNELS.setDirty, trusted, true);
    ipc.emit(CHANNELS.setDirty, trusted, 'yes');
    ipc.emit(CHANNELS.setDirty, foreign, false);
    ipc.emit(CHANNELS.rendererReady, trusted);
    ipc.emit(CHANNELS.rendererReady, foreign);
    ipc.emit(CHANNELS.confirmClose, foreign);
    ipc.emit(CHANNELS.confirmClose, trusted);
    expect(hooks).toEqual({ ready: 1, dirty: [true], confirmed: 1 });
  });
});

describe('jobs over IPC', () => {
  it('starts an export job, follows it with the one poller and writes the file, as over HTTP', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'carve-ipc-jobs-'));
    try {
      fake.state.handlers.clear();
      const handlers = createHandlers({
        host: 'electron',
        userDataDir: path.join(folder, 'user-data'),
        preferences: memoryPreferences(),
        workspace: null,
      });
      registerIpc({
        router: createRouter(handlers),
        getWebContents: () => ours as never,
        onRendererReady: () => {},
        onSetDirty: () => {},
        onConfirmClose: () => {},
      });
      const invoke = (method: string) => (request: unknown) => fake.state.handlers.get(method)!(trusted, request) as Promise<Result<never>>;
      const api = {
        'import:start': invoke('import:start'),
        'export:start': invoke('export:start'),
        'job:status': invoke('job:status'),
        'job:cancel': invoke('job:cancel'),
      } as JobApi;
      const target = path.join(folder, 'roadmap.md');
      const states: string[] = [];
      const result = await runJob(
        api,
        'export:start',
        { project: loadSampleProject(), format: 'md', path: target, overwrite: false },
        { wait: () => new Promise((resolve) => setImmediate(resolve)), onProgress: (s) => states.push(s.state) },
      );
      expect(result).toMatchObject({ ok: true, value: { path: target, pages: null } });
      expect(await readFile(target, 'utf8')).toContain('Acme Shop');
      expect(states.at(-1)).toBe('done');
      expect(await api['job:status']({ jobId: 'no-such-job' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('preload', () => {
  beforeEach(() => {
    fake.state.invoked.length = 0;
    fake.state.sent.length = 0;
  });

  it('exposes window.carve: one named function per method plus the window hooks, no generic invoke', async () => {
    await import('../../main/preload');
    const bridge = fake.state.exposed.get('carve')!;
    expect(Object.keys(bridge).sort()).toEqual([...METHODS.map(bridgeName), 'confirmClose', 'onHostEvent', 'setDirty'].sort());
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
  });

  it('invokes the method’s own channel with the request', async () => {
    const bridge = fake.state.exposed.get('carve')! as Record<string, (request?: unknown) => Promise<unknown>>;
    await bridge.projectOpen!({ path: '/a.carve' });
    await bridge.recentList!();
    expect(fake.state.invoked).toEqual([
      ['project:open', { path: '/a.carve' }],
      ['recent:list', {}],
    ]);
  });

  it('delivers host events to subscribers until they unsubscribe, and tells main once that it listens', () => {
    const bridge = fake.state.exposed.get('carve')! as { onHostEvent(listener: (event: unknown) => void): () => void };
    const seen: unknown[] = [];
    const stop = bridge.onHostEvent((event) => seen.push(event));
    bridge.onHostEvent(() => {})();
    fake.electron.ipcRenderer.emit(CHANNELS.hostEvent, {}, { type: 'menu', command: 'file:save' });
    stop();
    fake.electron.ipcRenderer.emit(CHANNELS.hostEvent, {}, { type: 'close-requested' });
    expect(seen).toEqual([{ type: 'menu', command: 'file:save' }]);
    expect(fake.state.sent).toEqual([[CHANNELS.rendererReady]]);
  });

  it('sends the dirty flag as a boolean and the close confirmation', () => {
    const bridge = fake.state.exposed.get('carve')! as { setDirty(dirty: unknown): void; confirmClose(): void };
    bridge.setDirty(true);
    bridge.setDirty('no');
    bridge.confirmClose();
    expect(fake.state.sent).toEqual([[CHANNELS.setDirty, true], [CHANNELS.setDirty, false], [CHANNELS.confirmClose]]);
  });
});

describe('main window', () => {
  function open(savedBounds: StoredPreferences['windowBounds'] = null) {
    fake.state.windows.length = 0;
    fake.state.openedExternally.length = 0;
    const preferences = memoryPreferences();
    preferences.values.windowBounds = savedBounds;
    const guard = new CloseGuard();
    const requests: string[] = [];
    createMainWindow({
      preloadPath: '/app/out/preload/preload.cjs',
      preferences,
      guard,
      onCloseRequested: () => void requests.push('close-requested'),
      onPageLoading: () => void requests.push('loading'),
    });
    return { window: fake.state.windows[0]!, preferences, guard, requests };
  }

  it('is created isolated, sandboxed, without Node, with web security on, and loads app://', () => {
    const { window } = open();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.contents.loaded).toBe('app://carve/index.html');
  });

  it('never navigates away; https links go to the browser, others nowhere', () => {
    const { window } = open();
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      window.contents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length;
    };
    expect(navigate('https://example.com/docs')).toBe(1);
    expect(navigate('file:///etc/passwd')).toBe(1);
    expect(navigate('app://carve/other.html')).toBe(1);
    expect(window.contents.openHandler!({ url: 'https://example.com/x' })).toEqual({ action: 'deny' });
    expect(window.contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.state.openedExternally).toEqual(['https://example.com/docs', 'https://example.com/x']);
  });

  it('restores saved bounds and saves them when it closes', () => {
    expect(open().window.options).toMatchObject({ width: 1280, height: 800 });
    const { window, preferences } = open({ x: 100, y: 90, width: 1000, height: 700 });
    expect(window.options).toMatchObject({ x: 100, y: 90, width: 1000, height: 700 });
    window.events.emit('close', { preventDefault: vi.fn() });
    expect(preferences.values.windowBounds).toEqual({ x: 10, y: 20, width: 900, height: 700 });
  });

  it('holds the close while there are unsaved changes and asks the renderer', () => {
    const { window, guard, requests } = open();
    setWindowDirty(null, guard, true);
    const event = { preventDefault: vi.fn() };
    window.events.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(requests).toEqual(['close-requested']);
    expect(guard.confirm()).toBe('close');
    const again = { preventDefault: vi.fn() };
    window.events.emit('close', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('starts afresh when the page (re)loads, but not when an iframe loads', () => {
    const { window, guard, requests } = open();
    guard.setDirty(true);
    window.contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    window.contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    expect(guard.isDirty).toBe(true);
    expect(requests).toEqual([]);
    window.contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(guard.isDirty).toBe(false);
    expect(requests).toEqual(['loading']);
  });

  it('keeps a title even when the page has none', () => {
    const { window } = open();
    const event = { preventDefault: vi.fn() };
    window.events.emit('page-title-updated', event, '');
    expect(event.preventDefault).toHaveBeenCalled();
    const named = { preventDefault: vi.fn() };
    window.events.emit('page-title-updated', named, 'Acme Shop • — Carve');
    expect(named.preventDefault).not.toHaveBeenCalled();
  });
});

describe('app:// protocol handler', () => {
  let folder = '';
  afterAll(() => rm(folder, { recursive: true, force: true }));

  async function serve() {
    folder = await mkdtemp(path.join(os.tmpdir(), 'carve-app-scheme-'));
    const rendererDir = path.join(folder, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Carve</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
    await writeFile(path.join(folder, 'secret.txt'), 'not for the page');
    await writeFile(path.join(rendererDir, '.env'), 'hidden');
    await symlink(path.join(folder, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
    serveAppScheme(rendererDir);
    const handler = fake.state.protocols.get('app')!;
    return (url: string, method = 'GET') => handler(new Request(url, { method }));
  }

  it('serves the renderer’s files with their type and the CSP header', async () => {
    const fetchApp = await serve();
    const page = await fetchApp('app://carve/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>Carve</title>');
    const script = await fetchApp('app://carve/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 403 outside the renderer folder, for hidden files and links out (as the browser host), 404 for missing files, 405 for writes', async () => {
    const fetchApp = await serve();
    for (const url of ['app://carve/..%2fsecret.txt', 'app://carve/.env', 'app://carve/assets/link.txt']) {
      const refused = await fetchApp(url);
      expect(refused.status, url).toBe(403);
      expect(await refused.text()).toBe('Forbidden');
    }
    expect((await fetchApp('app://elsewhere/index.html')).status).toBe(404);
    expect((await fetchApp('app://carve/assets/missing.js')).status).toBe(404);
    expect((await fetchApp('app://carve/assets')).status).toBe(404);
    expect((await fetchApp('app://carve/index.html', 'POST')).status).toBe(405);
  });
});
