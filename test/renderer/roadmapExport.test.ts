import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CarveApi } from '../../shared/api/client';
import type { ExportFormat } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/result';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { closeDocument, loadDocument } from '../../renderer/state/documentStore';
import { chooseFormat, defaultExportName, progressText, runExport, cancelExport, EXPORT_POLL_MS } from '../../renderer/features/export/exportActions';
import { closeExportDialog, exportStore, openExportDialog, type ExportStep } from '../../renderer/state/exportStore';
import { uiStore } from '../../renderer/state/uiStore';

// The File > Export flow against a fake host: which path is asked for, when a file is replaced, what the person
// reads when it fails.

interface Call {
  method: string;
  request: Record<string, unknown>;
}

function fakeApi(options: { existing?: Set<string>; failWith?: string; nativePath?: string | null } = {}) {
  const calls: Call[] = [];
  const existing = options.existing ?? new Set<string>();
  const api = {
    'export:run': async (request: { path: string; overwrite: boolean; format: ExportFormat }) => {
      calls.push({ method: 'export:run', request });
      if (options.failWith) return fail('save-failed', options.failWith);
      if (existing.has(request.path) && !request.overwrite) return fail('conflict', `${request.path} already exists`);
      existing.add(request.path);
      return ok({ path: request.path, bytes: 2048, pages: request.format === 'pdf' ? 7 : null });
    },
    'dialog:export': async (request: Record<string, unknown>) => {
      calls.push({ method: 'dialog:export', request });
      return ok({ path: options.nativePath ?? null });
    },
  } as unknown as CarveApi;
  return { api, calls };
}

/** Resolves when the flow reaches a step of that kind. */
function when<K extends ExportStep['kind']>(kind: K): Promise<Extract<ExportStep, { kind: K }>> {
  return new Promise((resolve) => {
    const check = () => {
      const { step } = exportStore.getState();
      if (step.kind === kind) {
        stop();
        resolve(step as Extract<ExportStep, { kind: K }>);
      }
    };
    const stop = exportStore.subscribe(check);
    check();
  });
}

beforeEach(() => {
  closeExportDialog();
  chooseFormat('pdf');
  closeDocument();
  loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
  uiStore.setState({ notice: null, info: { version: '0', host: 'browser', workspace: '/ws', hasNativeDialogs: false, userDataDir: '/u' } });
});

describe('File > Export', () => {
  it('opens only with a project, offers "<project>-roadmap.<ext>", and writes where the in-app dialog says', async () => {
    closeDocument();
    openExportDialog();
    expect(exportStore.getState().step.kind).toBe('closed');
    loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
    openExportDialog();
    expect(exportStore.getState().step.kind).toBe('choose');
    chooseFormat('csv');
    const { api, calls } = fakeApi();
    const done = runExport(api);
    const pick = await when('pick');
    expect(pick).toMatchObject({ defaultName: 'acme-shop-roadmap.csv', extension: '.csv' });
    pick.resolve({ path: '/ws/plan.csv', overwrite: false });
    expect(await done).toEqual({ path: '/ws/plan.csv', bytes: 2048, pages: null });
    expect(calls).toEqual([{ method: 'export:run', request: expect.objectContaining({ format: 'csv', path: '/ws/plan.csv', overwrite: false }) }]);
    expect(exportStore.getState().step.kind).toBe('closed');
    expect(uiStore.getState().notice).toBe('Exported — plan.csv (2 KB)');
  });

  it('asks before replacing a file that exists: Back keeps it, Replace writes over it', async () => {
    const { api, calls } = fakeApi({ existing: new Set(['/ws/a.pdf']) });
    openExportDialog();
    let done = runExport(api);
    (await when('pick')).resolve({ path: '/ws/a.pdf', overwrite: false });
    const question = await when('replace');
    expect(question.path).toBe('/ws/a.pdf');
    question.resolve(false);
    expect(await done).toBeNull();
    expect(exportStore.getState().step.kind).toBe('choose');
    expect(calls.filter((c) => c.request.overwrite === true)).toEqual([]);

    done = runExport(api);
    (await when('pick')).resolve({ path: '/ws/a.pdf', overwrite: false });
    (await when('replace')).resolve(true);
    expect((await done)?.pages).toBe(7);
    expect(calls.at(-1)!.request.overwrite).toBe(true);
    expect(uiStore.getState().notice).toBe('Exported — a.pdf (7 pages, 2 KB)');
  });

  it('shows a failure as one line in the dialog and stays open to try again', async () => {
    const { api } = fakeApi({ failWith: 'Cannot write /ws/a.md: the disk is full' });
    openExportDialog();
    const done = runExport(api);
    (await when('pick')).resolve({ path: '/ws/a.md', overwrite: false });
    expect(await done).toBeNull();
    expect(exportStore.getState()).toMatchObject({ step: { kind: 'choose' }, error: 'Cannot write /ws/a.md: the disk is full' });
  });

  it('uses the native dialog when the host has one (it asked about replacing), and a cancel goes back to the choice', async () => {
    uiStore.setState({ info: { version: '0', host: 'electron', workspace: null, hasNativeDialogs: true, userDataDir: '/u' } });
    openExportDialog();
    const cancelled = fakeApi({ nativePath: null });
    expect(await runExport(cancelled.api)).toBeNull();
    expect(cancelled.calls.map((c) => c.method)).toEqual(['dialog:export']);
    expect(exportStore.getState().step.kind).toBe('choose');

    const chosen = fakeApi({ nativePath: '/home/me/plan.pdf' });
    await runExport(chosen.api);
    expect(chosen.calls[0]!.request).toEqual({ defaultName: defaultExportName('Acme Shop', 'pdf'), format: 'pdf' });
    expect(chosen.calls[1]!.request).toMatchObject({ path: '/home/me/plan.pdf', overwrite: true });
  });

  it('cannot be closed while the export runs', async () => {
    const { api } = fakeApi();
    openExportDialog();
    const done = runExport(api);
    (await when('pick')).resolve({ path: '/ws/x.json', overwrite: false });
    await when('running');
    closeExportDialog();
    expect(exportStore.getState().step.kind).toBe('running');
    await done;
    expect(exportStore.getState().step.kind).toBe('closed');
  });
});

describe('a long export', () => {
  afterEach(() => vi.useRealTimers());

  /** A host whose export runs until cancelled, answering export:status with the step it is on. */
  function slowHost() {
    const calls: Call[] = [];
    let stop: (() => void) | null = null;
    const api = {
      'export:run': (request: Record<string, unknown>) => {
        calls.push({ method: 'export:run', request });
        return new Promise((resolve) => (stop = () => resolve(fail('cancelled', 'The export of a.pdf was cancelled; nothing was written'))));
      },
      'export:status': async (request: { jobId: string }) => {
        calls.push({ method: 'export:status', request });
        return ok({ jobId: request.jobId, state: 'running', current: { stage: 'printing', step: 3, steps: 5, words: 'Printing the PDF with Chromium' }, elapsedMs: 12_400 });
      },
      'export:cancel': async (request: { jobId: string }) => {
        calls.push({ method: 'export:cancel', request });
        stop?.();
        return ok({ jobId: request.jobId, state: 'cancelled', current: null, elapsedMs: 12_500 });
      },
    } as unknown as CarveApi;
    return { api, calls };
  }

  it('shows the step the host is on, and Cancel export stops it: nothing written, back at the choice', async () => {
    vi.useFakeTimers();
    const { api, calls } = slowHost();
    openExportDialog();
    const done = runExport(api);
    (await when('pick')).resolve({ path: '/ws/a.pdf', overwrite: false });
    const running = await when('running');
    expect(progressText(running.progress, false)).toBe('Starting the export…');
    await vi.advanceTimersByTimeAsync(EXPORT_POLL_MS + 1);
    const step = exportStore.getState().step as Extract<ExportStep, { kind: 'running' }>;
    expect(progressText(step.progress, step.cancelling)).toBe('Step 3 of 5: Printing the PDF with Chromium… (12 s)');
    // Status and cancel name the export the run started.
    const jobId = (calls[0]!.request as { jobId: string }).jobId;
    expect(jobId).toMatch(/^export-[0-9a-f-]{36}$/);
    expect(calls.filter((c) => c.method === 'export:status').every((c) => c.request.jobId === jobId)).toBe(true);

    await cancelExport(api);
    expect(await done).toBeNull();
    expect(calls.filter((c) => c.method === 'export:cancel')).toEqual([{ method: 'export:cancel', request: { jobId } }]);
    expect(exportStore.getState()).toMatchObject({ step: { kind: 'choose' }, error: null, note: 'Export cancelled; nothing was written.' });
    expect(uiStore.getState().notice).toBe('Export cancelled; nothing was written');
    // Polling ends with the run.
    const polls = calls.filter((c) => c.method === 'export:status').length;
    await vi.advanceTimersByTimeAsync(EXPORT_POLL_MS * 4);
    expect(calls.filter((c) => c.method === 'export:status')).toHaveLength(polls);
  });

  it('says it is cancelling once asked, and a second Cancel sends nothing more', async () => {
    expect(progressText(null, true)).toBe('Cancelling the export…');
    const { api, calls } = slowHost();
    openExportDialog();
    const done = runExport(api);
    (await when('pick')).resolve({ path: '/ws/a.pdf', overwrite: false });
    await when('running');
    await Promise.all([cancelExport(api), cancelExport(api)]);
    await done;
    expect(calls.filter((c) => c.method === 'export:cancel')).toHaveLength(1);
  });
});
