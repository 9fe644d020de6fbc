import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder cannot package on these machines (it downloads Electron), but its configuration can be
// checked offline against its own JSON schema, which rejects unknown or misspelt keys.

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..', '..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled?: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  directories: { output: string; buildResources: string };
  fileAssociations: Array<Record<string, unknown>>;
  mac: { target: string[] };
  win: { target: string[] };
  linux: { target: string[] };
  nsis: { perMachine: boolean };
}

async function loadConfig(): Promise<BuilderConfig> {
  return yaml.load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked for real: the same validation rejects a misspelt key', async () => {
    const config = { ...(await loadConfig()), fileAsociations: [] };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/fileAsociations/);
  });

  it('associates .carve files with Carve as an editor', async () => {
    const config = await loadConfig();
    expect(config.fileAssociations).toEqual([
      { ext: 'carve', name: 'Carve project', mimeType: 'application/x-carve+json', role: 'Editor' },
    ]);
    // NSIS registers file associations only for per-machine installs.
    expect(config.nsis.perMachine).toBe(true);
  });

  it('names the app Carve and packs only the build output in an asar', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('Carve');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/);
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.mac.target.length && config.win.target.length && config.linux.target.length).toBeTruthy();
  });

  it('has an app icon electron-builder can use: a PNG of at least 512 by 512 in build/', async () => {
    const png = await readFile(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(Math.min(png.readUInt32BE(16), png.readUInt32BE(20))).toBeGreaterThanOrEqual(512);
  });

  it('packs the entry point package.json names', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('out/')).toBe(true);
  });
});
