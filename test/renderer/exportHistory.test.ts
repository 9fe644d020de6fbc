import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../shared/format/load';
import { chooseFormat, runExport } from '../../renderer/features/export/exportActions';
import { closeDocument, loadDocument } from '../../renderer/state/documentStore';
import { closeExportDialog, exportStore, openExportDialog, setExportHistory } from '../../renderer/state/exportStore';
import { importStore, INITIAL } from '../../renderer/state/importStore';
import { scenariosStore } from '../../renderer/state/scenariosStore';
import { uiStore } from '../../renderer/state/uiStore';
import { setBridge } from '../../renderer/platform/bridge';
import { browserApi } from '../main/browserHost';
import { day, isolateHistoryCache, makeRepo } from '../main/historyRepo';
import { installBridge } from './fakeHost';

// File > Export's "Backtest on git history": the folder starts as the one the scenarios' backtest last ran with
// (else the one imported in this session), and the report written by the real handlers carries the section.

const project = loadProject(readFileSync(new URL('../fixtures/format/v2.carve', import.meta.url)));
const NO_RUN = { dir: '', until: '', busy: false, error: null, result: null };

let ws: string;
let restoreCache: () => void;
beforeEach(async () => {
  ws = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-export-history-')));
  restoreCache = isolateHistoryCache(ws);
  const files = (...modules: string[]) => modules.map((m) => `bookshop/${m}/models.py`);
  makeRepo(path.join(ws, 'repo'), [
    { files: files('catalog', 'orders'), author: 'Ann', time: day('2025-02-01') },
    { files: files('payments', 'accounts'), author: 'Bob', time: day('2025-02-02') },
  ]);
  closeExportDialog();
  closeDocument();
  loadDocument({ project, filePath: null, baseHash: null });
  uiStore.setState({ notice: null, info: { version: '0', host: 'browser', workspace: ws, hasNativeDialogs: false, userDataDir: '/u' } });
  importStore.setState(INITIAL);
  scenariosStore.setState({ history: NO_RUN });
  exportStore.setState({ historyDir: '', historyUntil: '' });
});
afterEach(async () => {
  setBridge(null);
  closeExportDialog();
  restoreCache();
  await fs.rm(ws, { recursive: true, force: true });
});

/** The browser host's API over the temp workspace, installed as the page's bridge; the export:start requests. */
function host(): unknown[] {
  const starts: unknown[] = [];
  installBridge(browserApi(ws, (method, request) => method === 'export:start' && starts.push(request)));
  return starts;
}

/** Answers the in-app file dialog with `target` once the flow asks for a path (at once if it already has). */
function answerPick(target: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const { step } = exportStore.getState();
      if (step.kind !== 'pick') return;
      stop();
      step.resolve({ path: target, overwrite: false });
      resolve();
    };
    const stop = exportStore.subscribe(check);
    check();
  });
}

describe('File > Export: backtest on git history', () => {
  it('starts from the scenarios’ last backtest, else the imported folder, else empty', () => {
    openExportDialog();
    expect(exportStore.getState()).toMatchObject({ historyDir: '', historyUntil: '' });
    closeExportDialog();
    // The import dialog closed: its history folder is gone, the folder imported stays.
    importStore.setState({ dir: 'src' });
    openExportDialog();
    expect(exportStore.getState().historyDir).toBe('src');
    exportStore.setState({ historyDir: '' });
    closeExportDialog();
    importStore.setState({ historyDir: 'shop' });
    openExportDialog();
    expect(exportStore.getState()).toMatchObject({ historyDir: 'shop', historyUntil: '' });
    closeExportDialog();
    // A folder only typed in the scenarios dialog, never run, is not what it "last used".
    scenariosStore.setState({ history: { ...NO_RUN, dir: 'typed' } });
    openExportDialog();
    expect(exportStore.getState().historyDir).toBe('shop');
    closeExportDialog();
    const result = { project, value: { scenarios: [], history: null, historyNote: null } };
    scenariosStore.setState({ history: { ...NO_RUN, dir: 'repo', until: '2025-01-01', result } });
    openExportDialog();
    expect(exportStore.getState()).toMatchObject({ historyDir: 'repo', historyUntil: '2025-01-01' });
  });

  it('writes the report with the section for HTML, and sends no folder for CSV', async () => {
    const starts = host();
    openExportDialog();
    setExportHistory({ historyDir: 'repo', historyUntil: '2025-01-01' });
    chooseFormat('html');
    const done = runExport();
    await answerPick(path.join(ws, 'r.html'));
    expect(await done).not.toBeNull();
    const html = await fs.readFile(path.join(ws, 'r.html'), 'utf8');
    expect(html).toContain('id="backtest"');
    expect(html).toContain('50% (1 of 2)');

    openExportDialog();
    chooseFormat('csv');
    const csv = runExport();
    await answerPick(path.join(ws, 'r.csv'));
    expect(await csv).not.toBeNull();
    expect(starts).toEqual([
      expect.objectContaining({ format: 'html', historyDir: 'repo', historyUntil: '2025-01-01' }),
      expect.not.objectContaining({ historyDir: expect.anything() }),
    ]);
  });
});
