import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Item 9 of issue 10, read not run (Electron cannot start here): the app-wide web-contents-created guard, the
// hidden print window's navigation guard, and the fuses in electron-builder.yml, against a stand-in for the
// `electron` module as the other electronGlue tests do.

const fake = await vi.hoisted(async () => {
  // Node's own EventEmitter stands in for Electron's (app and webContents are EventEmitters there too).
  const { EventEmitter } = await import('node:events');
  const emitter = () => new EventEmitter();
  const contentsOf = () =>
    Object.assign(emitter(), {
      openHandler: undefined as ((details: { url: string }) => unknown) | undefined,
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        this.openHandler = handler;
      },
      printToPDF: async () => Buffer.from('%PDF-1.7 fake'),
    });
  const windows: Array<{ contents: ReturnType<typeof contentsOf>; loaded: string | null }> = [];
  class BrowserWindow {
    readonly webContents = contentsOf();
    private destroyed = false;
    private readonly record;
    constructor() {
      this.record = { contents: this.webContents, loaded: null as string | null };
      windows.push(this.record);
    }
    async loadFile(file: string) {
      this.record.loaded = file;
    }
    isDestroyed = () => this.destroyed;
    destroy = () => void (this.destroyed = true);
  }
  return { app: emitter(), BrowserWindow, windows, contentsOf };
});

vi.mock('electron', () => ({ app: fake.app, BrowserWindow: fake.BrowserWindow }));

const { guardAllWebContents } = await import('../../main/electron/contentsGuard');
const { createElectronPrinter } = await import('../../main/electron/pdfPrinter');

/** Emit `name` on `contents` with a preventable event; whether it was prevented. */
function prevented(contents: { emit(name: string, ...args: unknown[]): void }, name: string, url: string): boolean {
  let stopped = false;
  contents.emit(name, { url, preventDefault: () => (stopped = true) });
  return stopped;
}

describe('the app-wide web-contents-created guard', () => {
  it('denies new windows and prevents page navigation, redirects away and webviews on every webContents', () => {
    guardAllWebContents();
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    for (const kind of ['window', 'webview', 'devtools']) {
      const contents = fake.contentsOf();
      fake.app.emit('web-contents-created', {}, contents);
      expect(contents.openHandler?.({ url: 'https://example.com/' }), kind).toEqual({ action: 'deny' });
      expect(prevented(contents, 'will-navigate', 'https://evil.example/'), kind).toBe(true);
      expect(prevented(contents, 'will-navigate', 'app://carve/index.html'), kind).toBe(true);
      expect(prevented(contents, 'will-redirect', 'https://evil.example/'), kind).toBe(true);
      expect(prevented(contents, 'will-redirect', 'app://carve/index.html'), kind).toBe(false);
      expect(prevented(contents, 'will-attach-webview', 'https://evil.example/'), kind).toBe(true);
    }
  });
});

describe('the hidden print window', () => {
  it('is guarded: no navigation, no redirect, no window; the print still comes back', async () => {
    const pdf = await createElectronPrinter().print(
      '<!doctype html><meta http-equiv="refresh" content="0;url=https://evil.example/"><p>Report</p>',
    );
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 fake');
    const printed = fake.windows.at(-1)!;
    expect(printed.loaded).toMatch(/report\.html$/);
    expect(prevented(printed.contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented(printed.contents, 'will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(printed.contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('electron-builder fuses', () => {
  const require = createRequire(import.meta.url);
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled?: boolean) => unknown };
  const load = async () =>
    yaml.load(await readFile(path.resolve(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('turn off RunAsNode, NODE_OPTIONS and --inspect, and load only a checked app.asar', async () => {
    const config = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('are checked by the schema: a misspelt fuse is refused', async () => {
    const config = { ...(await load()), electronFuses: { runAsNod: false } };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});
