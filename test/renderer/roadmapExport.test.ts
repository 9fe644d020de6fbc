import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../main/services/export/chromiumPrinter';
import { createHandlers, type NativeDialogs } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { Workspace } from '../../main/services/workspace';
import type { CarveApi } from '../../shared/api/client';
import { METHODS, type JobStatus } from '../../shared/api/contract';
import { createRouter } from '../../shared/api/router';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { closeDocument, loadDocument } from '../../renderer/state/documentStore';
import { chooseFormat, defaultExportName, progressText, runExport, cancelExport } from '../../renderer/features/export/exportActions';
import { closeExportDialog, exportStore, openExportDialog, type ExportStep } from '../../renderer/state/exportStore';
import { uiStore } from '../../renderer/state/uiStore';
import { heldPrinter } from '../main/heldPrinter';
import { setBridge } from '../../renderer/platform/bridge';
import { installBridge } from './fakeHost';

// The File > Export flow against the real handlers of a host on a temp workspace (every answer through JSON, as
// over IPC or HTTP): which path is asked for, when a file is replaced, what the person reads when it fails, and a
// long export followed as a job (export:start, job:status) and cancelled (job:cancel) with nothing written.

interface Call {
  method: string;
  request: Record<string, unknown>;
}

let base: string;
let ws: string;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-export-flow-')));
  ws = path.join(base, 'ws');
  await fs.mkdir(ws);
  closeExportDialog();
  chooseFormat('pdf');
  closeDocument();
  loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
  uiStore.setState({ notice: null, info: { version: '0', host: 'browser', workspace: ws, hasNativeDialogs: false, userDataDir: '/u' } });
});
afterEach(async () => {
  setBridge(null);
  closeExportDialog();
  await fs.rm(base, { recursive: true, force: true });
});

/** A PDF printer that prints at once: one page. */
const quickPrinter: PdfPrinter = { print: async () => new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<</Type /Page>>\nendobj\n') };

/** The API of a host over the temp workspace (Electron's when `dialogs` are given), recording each call. */
function host(options: { printer?: PdfPrinter; dialogs?: NativeDialogs } = {}) {
  const userData = path.join(base, 'user');
  const router = createRouter(
    createHandlers({
      host: options.dialogs ? 'electron' : 'browser',
      userDataDir: userData,
      preferences: createConfPreferences(userData, () => {}),
      workspace: options.dialogs ? null : new Workspace(ws),
      printer: options.printer ?? quickPrinter,
      ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    }),
  );
  const calls: Call[] = [];
  const api = Object.fromEntries(
    METHODS.map((method) => [
      method,
      async (request: Record<string, unknown>) => {
        calls.push({ method, request });
        return JSON.parse(JSON.stringify(await router(method, JSON.parse(JSON.stringify(request)))));
      },
    ]),
  ) as unknown as CarveApi;
  // The page's bridge is this host's (the flow reaches the host only through platform/bridge).
  installBridge(api);
  return { api, calls, called: (method: string) => calls.filter((c) => c.method === method) };
}

/** Resolves when the flow reaches a step of that kind (and, when given, `until` holds of it). */
function when<K extends ExportStep['kind']>(
  kind: K,
  until: (step: Extract<ExportStep, { kind: K }>) => boolean = () => true,
): Promise<Extract<ExportStep, { kind: K }>> {
  return new Promise((resolve) => {
    const check = () => {
      const { step } = exportStore.getState();
      if (step.kind === kind && until(step as Extract<ExportStep, { kind: K }>)) {
        stop();
        resolve(step as Extract<ExportStep, { kind: K }>);
      }
    };
    const stop = exportStore.subscribe(check);
    check();
  });
}

describe('File > Export', () => {
  it('opens only with a project, offers "<project>-roadmap.<ext>", and writes where the in-app dialog says', async () => {
    closeDocument();
    openExportDialog();
    expect(exportStore.getState().step.kind).toBe('closed');
    loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
    openExportDialog();
    expect(exportStore.getState().step.kind).toBe('choose');
    chooseFormat('csv');
    const { called } = host();
    const done = runExport();
    const pick = await when('pick');
    expect(pick).toMatchObject({ defaultName: 'acme-shop-roadmap.csv', extension: '.csv' });
    pick.resolve({ path: path.join(ws, 'plan.csv'), overwrite: false });
    const file = await done;
    expect(file).toEqual({ path: path.join(ws, 'plan.csv'), bytes: (await fs.stat(path.join(ws, 'plan.csv'))).size, pages: null });
    expect(await fs.readFile(path.join(ws, 'plan.csv'), 'utf8')).toContain('Catalog');
    expect(called('export:start')).toEqual([
      { method: 'export:start', request: expect.objectContaining({ format: 'csv', path: path.join(ws, 'plan.csv'), overwrite: false }) },
    ]);
    expect(exportStore.getState().step.kind).toBe('closed');
    expect(uiStore.getState().notice).toMatch(/^Exported — plan\.csv \(\d+ KB\)$/);
  });

  it('asks before replacing a file that exists: Back keeps it, Replace writes over it', async () => {
    const target = path.join(ws, 'a.pdf');
    await fs.writeFile(target, 'last week’s export');
    const { called } = host();
    openExportDialog();
    let done = runExport();
    (await when('pick')).resolve({ path: target, overwrite: false });
    const question = await when('replace');
    expect(question.path).toBe(target);
    question.resolve(false);
    expect(await done).toBeNull();
    expect(exportStore.getState().step.kind).toBe('choose');
    expect(called('export:start').filter((c) => c.request.overwrite === true)).toEqual([]);
    expect(await fs.readFile(target, 'utf8')).toBe('last week’s export');

    done = runExport();
    (await when('pick')).resolve({ path: target, overwrite: false });
    (await when('replace')).resolve(true);
    expect((await done)?.pages).toBe(1);
    expect(called('export:start').at(-1)!.request.overwrite).toBe(true);
    expect((await fs.readFile(target, 'utf8')).startsWith('%PDF-')).toBe(true);
    expect(uiStore.getState().notice).toMatch(/^Exported — a\.pdf \(1 page, \d+ KB\)$/);
  });

  it('shows a failure as one line in the dialog and stays open to try again', async () => {
    // The path names a folder that is not there: the host cannot write it.
    host();
    openExportDialog();
    chooseFormat('md');
    const done = runExport();
    (await when('pick')).resolve({ path: path.join(ws, 'gone', 'a.md'), overwrite: false });
    expect(await done).toBeNull();
    const { step, error } = exportStore.getState();
    expect(step.kind).toBe('choose');
    expect(error).toMatch(/a\.md/);
    expect(error).not.toContain('\n');
    await expect(fs.access(path.join(ws, 'gone'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('uses the native dialog when the host has one (it asked about replacing), and a cancel goes back to the choice', async () => {
    uiStore.setState({ info: { version: '0', host: 'electron', workspace: null, hasNativeDialogs: true, userDataDir: '/u' } });
    openExportDialog();
    const asked: unknown[] = [];
    let answer: string | null = null;
    const dialogs: NativeDialogs = {
      open: async () => null,
      save: async () => null,
      export: async (name, format) => (asked.push([name, format]), answer),
    };
    const cancelled = host({ dialogs });
    expect(await runExport()).toBeNull();
    expect(cancelled.calls.map((c) => c.method)).toEqual(['dialog:export']);
    expect(exportStore.getState().step.kind).toBe('choose');

    answer = path.join(base, 'plan.pdf');
    await fs.writeFile(answer, 'replaced: the native dialog asked');
    const chosen = host({ dialogs });
    expect(await runExport()).toMatchObject({ path: answer, pages: 1 });
    expect(asked).toEqual([
      [defaultExportName('Acme Shop', 'pdf'), 'pdf'],
      [defaultExportName('Acme Shop', 'pdf'), 'pdf'],
    ]);
    expect(chosen.called('export:start')[0]!.request).toMatchObject({ path: answer, overwrite: true });
  });

  it('cannot be closed while the export runs', async () => {
    const held = heldPrinter();
    host({ printer: held.printer });
    openExportDialog();
    const done = runExport();
    (await when('pick')).resolve({ path: path.join(ws, 'x.pdf'), overwrite: false });
    await when('running');
    await held.printing;
    closeExportDialog();
    expect(exportStore.getState().step.kind).toBe('running');
    held.release();
    expect(await done).toMatchObject({ path: path.join(ws, 'x.pdf') });
    expect(exportStore.getState().step.kind).toBe('closed');
  });
});

describe('a long export', () => {
  const printing = (step: { status: JobStatus<'export'> | null }) => step.status?.progress.stage === 'printing';

  it('shows the step the host is on, and Cancel export stops it: nothing written, back at the choice', async () => {
    const held = heldPrinter();
    const target = path.join(ws, 'a.pdf');
    await fs.writeFile(target, 'last week’s export');
    const { called } = host({ printer: held.printer });
    openExportDialog();
    const done = runExport();
    (await when('pick')).resolve({ path: target, overwrite: true });
    const starting = await when('running');
    expect(progressText(starting.status, false)).toBe('Starting the export…');
    await held.printing;
    const step = await when('running', printing);
    expect(progressText(step.status, step.cancelling)).toMatch(/^Step 3 of 4: Printing the PDF[^…]*…$/);
    // Every status asked names the job export:start gave.
    expect(called('export:start')).toHaveLength(1);
    const jobId = step.status!.jobId;
    expect(called('job:status').every((c) => c.request.jobId === jobId)).toBe(true);

    cancelExport();
    expect(progressText(null, true)).toBe('Cancelling the export…');
    expect(await done).toBeNull();
    expect(called('job:cancel')).toEqual([{ method: 'job:cancel', request: { jobId } }]);
    expect(exportStore.getState()).toMatchObject({ step: { kind: 'choose' }, error: null, note: 'Export cancelled; nothing was written.' });
    expect(uiStore.getState().notice).toBe('Export cancelled; nothing was written');
    expect(await fs.readFile(target, 'utf8')).toBe('last week’s export');
  });

  it('says it is cancelling once asked, and a second Cancel sends nothing more', async () => {
    const held = heldPrinter();
    const { called } = host({ printer: held.printer });
    openExportDialog();
    const done = runExport();
    (await when('pick')).resolve({ path: path.join(ws, 'b.pdf'), overwrite: false });
    await when('running');
    await held.printing;
    cancelExport();
    expect(exportStore.getState().step).toMatchObject({ kind: 'running', cancelling: true });
    cancelExport();
    expect(await done).toBeNull();
    expect(called('job:cancel')).toHaveLength(1);
    await expect(fs.access(path.join(ws, 'b.pdf'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('tells a queued export from one starting, and gives the seconds of a long step', () => {
    const status = (patch: Partial<JobStatus<'export'>>): JobStatus<'export'> => ({
      jobId: 'j',
      kind: 'export',
      subject: '/ws/a.pdf',
      state: 'running',
      progress: { done: 0, total: 0, label: 'Starting the export of a.pdf' },
      result: null,
      error: null,
      elapsedMs: 0,
      ...patch,
    });
    expect(progressText(status({ state: 'queued' }), false)).toBe('Waiting for the export before it to finish…');
    expect(progressText(status({}), false)).toBe('Starting the export…');
    expect(
      progressText(
        status({ progress: { done: 3, total: 5, label: 'Printing the PDF with its page numbers', stage: 'printing' }, elapsedMs: 12_400 }),
        false,
      ),
    ).toBe('Step 4 of 5: Printing the PDF with its page numbers… (12 s)');
  });
});
