import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openImportDialog,
  setImportDir,
  setImportGranularity,
  setImportKeepLayers,
  startImport,
} from '../../renderer/features/importer/importActions';
import { documentStore } from '../../renderer/state/documentStore';
import { startImportHost, type ImportHost } from './importHost';
import { importStore } from '../../renderer/state/importStore';

// The import dialog's defaults against the real handlers on real folders (answers through JSON as over IPC or
// HTTP): Automatic granularity, the report's grouping, layers kept or attributed, and a tree that makes no
// project shown as one line.

const FIXTURE = path.resolve(__dirname, '../fixtures/python-defaults/flask_shop');

let host: ImportHost;
let base: string;
beforeEach(async () => {
  host = await startImportHost('carve-import-defaults-', FIXTURE, 'shop');
  base = host.base;
});
afterEach(() => host.dispose());

const allow = async () => true;
const names = () => documentStore.getState().project!.monolith.modules.map((m) => m.name);

describe('the import dialog with the defaults', () => {
  it('imports with Automatic granularity, says what it chose, and keeps or attributes layers without reading again', async () => {
    openImportDialog();
    expect(importStore.getState()).toMatchObject({ granularity: 'auto', keepLayers: false });
    setImportDir('shop');
    await startImport(allow);
    const summary = importStore.getState().summary!;
    expect(summary.grouping).toMatchObject({ asked: 'auto', granularity: 'depth:2', keepLayers: false, madeFromLayers: ['shop.reports'] });
    expect(summary.grouping.reason).toMatch(/^Flask blueprints found in shop\/admin, shop\/api, shop\/catalog and 3 more: chose depth 2/);
    expect(summary.grouping.leftOut.map((l) => l.kind)).toEqual(['tests', 'migrations', 'scripts']);
    expect(names()).toContain('shop.reports');

    await fs.rm(path.join(base, 'ws', 'shop'), { recursive: true });
    await setImportKeepLayers(true);
    expect(importStore.getState().summary!.grouping.keepLayers).toBe(true);
    expect(names()).not.toContain('shop.reports');
    expect(names()).toEqual(expect.arrayContaining(['shop.admin', 'shop.api']));
    await setImportKeepLayers(false);
    expect(names()).toContain('shop.reports');
    await setImportGranularity('package');
    expect(names()).toEqual(['shop']);
    expect(importStore.getState().summary!.grouping.reason).toBe(
      'top-level packages, as asked, 1 module (fewer than the 10 to 80 aimed at: the code has few packages at this level)',
    );
  });

  it('shows the one line of a tree that makes no project and stays on the setup step', async () => {
    await fs.mkdir(path.join(base, 'ws', 'only-tests', 'tests'), { recursive: true });
    await fs.writeFile(path.join(base, 'ws', 'only-tests', 'tests', 'test_a.py'), 'import app\n');
    openImportDialog();
    setImportDir('only-tests');
    await startImport(allow);
    expect(importStore.getState().step.kind).toBe('setup');
    expect(importStore.getState().error).toBe(
      `${path.join(base, 'ws', 'only-tests')}: only tests (1 file) found, no application code (tests, migrations and scripts never become modules); choose the folder that holds the application's packages`,
    );
    expect(documentStore.getState().project).toBeNull();
  });
});
