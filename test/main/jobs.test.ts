import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../main/services/export/chromiumPrinter';
import { heldPrinter } from './heldPrinter';
import { createHandlers } from '../../main/services/handlers';
import { ImportJobs } from '../../main/services/importJobs';
import { createConfPreferences } from '../../main/services/preferences';
import { Workspace } from '../../main/services/workspace';
import { startBrowserHost } from '../../main/server/browserHost';
import type { CarveApi } from '../../shared/api/client';
import type { JobStatus, Method } from '../../shared/api/contract';
import { followJob, runJob, type JobApi, type Wait } from '../../shared/api/jobs';
import type { Result } from '../../shared/api/result';
import { createRouter, type Router } from '../../shared/api/router';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The one job system of a host (main/services/jobs) and its one client (shared/api/jobs.ts), on real temp
// folders: an import of a small fixture tree and exports to real files, followed by the poller over the router
// (as the CLI and tests call it) and over the browser host's HTTP; cancel mid-way; a failure in one line;
// unknown ids; the queue; the bounded memory of finished jobs.

const FIXTURE = path.resolve(__dirname, '../fixtures/python/django_site');
const sample = loadSampleProject();

let base: string;
let root: string;
let userData: string;
let imports: ImportJobs;

beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-jobs-')));
  root = path.join(base, 'workspace');
  userData = path.join(base, 'user-data');
  await fs.mkdir(root);
  await fs.cp(FIXTURE, path.join(root, 'shop'), { recursive: true });
  imports = new ImportJobs({ workers: 0 });
});
afterEach(async () => {
  imports.disposeAll();
  await fs.rm(base, { recursive: true, force: true });
});

/** The API over the router, as the CLI and the Electron host call it (IPC carries the same values). */
function apiOver(router: Router): CarveApi {
  return new Proxy({} as CarveApi, { get: (_target, method: string) => (request: unknown) => router(method, request) });
}

/** The methods the poller uses, as plain properties (a proxy has none to spread). */
const jobApiOf = (api: CarveApi): JobApi => ({
  'import:start': api['import:start'],
  'export:start': api['export:start'],
  'boundaries:suggest': api['boundaries:suggest'],
  'job:status': api['job:status'],
  'job:cancel': api['job:cancel'],
});

function browserApi(printer?: PdfPrinter): CarveApi {
  const handlers = createHandlers({
    host: 'browser',
    userDataDir: userData,
    preferences: createConfPreferences(userData, () => {}),
    workspace: new Workspace(root),
    importJobs: imports,
    ...(printer ? { printer } : {}),
  });
  return apiOver(createRouter(handlers));
}

/** Between two polls: one turn of the event loop, no timer (the job's own I/O and workers get to run). */
const nextTurn: Wait = () => new Promise((resolve) => setImmediate(resolve));

async function status(api: CarveApi, jobId: string): Promise<JobStatus> {
  const answer = await api['job:status']({ jobId });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('one job system, one poller', () => {
  it('imports a small fixture tree as a job: progress to the total, a result, and the id for import:project', async () => {
    const api = browserApi();
    const seen: JobStatus[] = [];
    let jobId = '';
    const result = await runJob(
      api,
      'import:start',
      { dir: 'shop', granularity: 'app' },
      { wait: nextTurn, onStart: (id) => (jobId = id), onProgress: (s) => seen.push(s) },
    );
    expect(result).toEqual({
      ok: true,
      value: { files: expect.any(Number), lines: expect.any(Number), skipped: 0, problemCount: 0, elapsedMs: expect.any(Number) },
    });
    const files = (result as { value: { files: number } }).value.files;
    expect(files).toBeGreaterThan(10);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({
      jobId,
      kind: 'import',
      subject: path.join(root, 'shop'),
      state: 'done',
      progress: { done: files, total: files, label: expect.stringMatching(/^Read \d+ files in [\d.]+ s$/) },
      error: null,
    });
    expect(seen.every((s) => s.jobId === jobId && s.kind === 'import')).toBe(true);
    const made = await api['import:project']({ jobId, granularity: 'app', name: 'Shop' });
    expect(made.ok && made.value.project.monolith.modules.map((m) => m.name)).toEqual(expect.arrayContaining(['orders', 'catalog']));
  });

  it('exports to a temp file as a job: each step with its stage, then the file written as the result', async () => {
    const api = browserApi();
    const seen: JobStatus[] = [];
    const result = await runJob(
      api,
      'export:start',
      { project: sample, format: 'md', path: 'roadmap.md', overwrite: false },
      { wait: nextTurn, onProgress: (s) => seen.push(s) },
    );
    const target = path.join(root, 'roadmap.md');
    expect(result).toEqual({ ok: true, value: { path: target, bytes: (await fs.stat(target)).size, pages: null } });
    expect(await fs.readFile(target, 'utf8')).toContain('Acme Shop');
    expect(seen.at(-1)).toMatchObject({ kind: 'export', state: 'done', subject: target, progress: { done: 3, total: 3 }, error: null });
    expect(seen.at(-1)!.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('cancels an export mid-way when the signal aborts: the print stops, the job says cancelled, the old file stays', async () => {
    const held = heldPrinter();
    const api = browserApi(held.printer);
    await fs.writeFile(path.join(root, 'roadmap.pdf'), 'the old export');
    const controller = new AbortController();
    const seen: JobStatus[] = [];
    const running = runJob(
      api,
      'export:start',
      { project: sample, format: 'pdf', path: 'roadmap.pdf', overwrite: true },
      { wait: nextTurn, signal: controller.signal, onProgress: (s) => seen.push(s) },
    );
    await held.printing;
    controller.abort();
    expect(await running).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'The export of roadmap.pdf was cancelled; nothing was written' },
    });
    expect(seen.some((s) => s.state === 'running' && s.progress.stage === 'printing')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', result: null, error: { code: 'cancelled' } });
    expect(await fs.readFile(path.join(root, 'roadmap.pdf'), 'utf8')).toBe('the old export');
    // A signal aborted before the start starts nothing.
    const starts: unknown[] = [];
    const counting: JobApi = { ...jobApiOf(api), 'export:start': (request) => (starts.push(request), api['export:start'](request)) };
    expect(
      await runJob(
        counting,
        'export:start',
        { project: sample, format: 'md', path: 'late.md', overwrite: false },
        { signal: AbortSignal.abort() },
      ),
    ).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(starts).toEqual([]);
    await expect(fs.access(path.join(root, 'late.md'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('cancels an import mid-way: the scan stops before the total and there is no project to make', async () => {
    for (let p = 0; p < 30; p++) {
      const pkg = path.join(root, 'big', `pkg${p}`);
      await fs.mkdir(pkg, { recursive: true });
      await fs.writeFile(path.join(pkg, '__init__.py'), '');
      for (let f = 0; f < 49; f++) await fs.writeFile(path.join(pkg, `m${f}.py`), `import os\nfrom pkg${(p + 1) % 3} import m1\n`);
    }
    const api = browserApi();
    const controller = new AbortController();
    let jobId = '';
    const result = await runJob(
      api,
      'import:start',
      { dir: 'big', granularity: 'package' },
      { wait: nextTurn, signal: controller.signal, onStart: (id) => (jobId = id), onProgress: () => controller.abort() },
    );
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'Import cancelled' } });
    const ended = await status(api, jobId);
    expect(ended.progress.done).toBeLessThan(1500);
    const made = await api['import:project']({ jobId, granularity: 'package', name: 'Big' });
    expect(made).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: `The import of ${path.join(root, 'big')} did not finish: Import cancelled` },
    });
  });

  it('a failing job ends in one line: a conflict keeps its code, a crash of the printer says what, not its stack', async () => {
    await fs.writeFile(path.join(root, 'r.json'), '{}');
    const conflict = await runJob(
      browserApi(),
      'export:start',
      { project: sample, format: 'json', path: 'r.json', overwrite: false },
      { wait: nextTurn },
    );
    expect(conflict).toEqual({ ok: false, error: { code: 'conflict', message: 'r.json already exists' } });
    const crashing: PdfPrinter = {
      print: async () => {
        throw new Error('Chromium crashed\n    at Printer.print (printer.js:1:1)\n    at async exportProject');
      },
    };
    const crashed = await runJob(
      browserApi(crashing),
      'export:start',
      { project: sample, format: 'pdf', path: 'r.pdf', overwrite: false },
      { wait: nextTurn },
    );
    expect(crashed).toMatchObject({ ok: false, error: { message: expect.stringContaining('Chromium crashed') } });
    expect((crashed as { error: { message: string } }).error.message).not.toMatch(/\n|at Printer/);
  });

  it('a folder with no Python in it fails the import job in one line naming the folder', async () => {
    await fs.mkdir(path.join(root, 'docs'));
    await fs.writeFile(path.join(root, 'docs', 'README.md'), '# not Python\n');
    const seen: JobStatus[] = [];
    const result = await runJob(
      browserApi(),
      'import:start',
      { dir: 'docs', granularity: 'auto' },
      { wait: nextTurn, onProgress: (s) => seen.push(s) },
    );
    const message = `${path.join(root, 'docs')}: no Python files found; choose the folder that holds the monolith's Python source`;
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message } });
    expect(seen.at(-1)).toMatchObject({ state: 'failed', result: null, error: { code: 'not-found', message } });
  });

  it('answers an unknown job id with not-found in one line through the router, and a malformed one as invalid', async () => {
    const api = browserApi();
    for (const method of ['job:status', 'job:cancel'] as const) {
      expect(await api[method]({ jobId: 'no-such-job' })).toEqual({
        ok: false,
        error: { code: 'not-found', message: 'No job no-such-job: it never started here, or it ended and was dropped' },
      });
      expect(await api[method]({ jobId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    // An export's id is no import job to make a project of.
    const started = await api['export:start']({ project: sample, format: 'md', path: 'a.md', overwrite: false });
    if (!started.ok) throw new Error(started.error.message);
    expect(await api['import:project']({ jobId: started.value.jobId, granularity: 'app', name: 'A' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/^No import job /) },
    });
    expect(await followJob(api, 'gone', { wait: nextTurn })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('queues a second export behind the first; cancelling the queued one ends it at once, and it never runs', async () => {
    const held = heldPrinter();
    const api = browserApi(held.printer);
    const first = await api['export:start']({ project: sample, format: 'pdf', path: 'one.pdf', overwrite: false });
    const second = await api['export:start']({ project: sample, format: 'pdf', path: 'two.pdf', overwrite: false });
    if (!first.ok || !second.ok) throw new Error('export:start failed');
    await held.printing;
    expect(await status(api, second.value.jobId)).toMatchObject({
      state: 'queued',
      elapsedMs: 0,
      progress: { label: 'Waiting for the export before it to finish' },
    });
    expect(await api['job:cancel']({ jobId: second.value.jobId })).toMatchObject({
      ok: true,
      value: { state: 'cancelled', error: { code: 'cancelled', message: 'Export cancelled' } },
    });
    held.release();
    expect(await followJob(api, first.value.jobId, { wait: nextTurn })).toMatchObject({
      ok: true,
      value: { path: path.join(root, 'one.pdf'), pages: 1 },
    });
    expect(held.prints()).toBe(1);
    await expect(fs.access(path.join(root, 'two.pdf'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('polls on a timer by default; an abort cuts the wait short and sends the cancel at once', async () => {
    const api = browserApi();
    expect(await runJob(api, 'import:start', { dir: 'shop', granularity: 'app' }, { intervalMs: 5 })).toMatchObject({
      ok: true,
      value: { files: expect.any(Number) },
    });
    const held = heldPrinter();
    const printing = browserApi(held.printer);
    const first = await printing['export:start']({ project: sample, format: 'pdf', path: 'one.pdf', overwrite: false });
    const queued = await printing['export:start']({ project: sample, format: 'pdf', path: 'two.pdf', overwrite: false });
    if (!first.ok || !queued.ok) throw new Error('export:start failed');
    await held.printing;
    const controller = new AbortController();
    // A minute between polls: only the abort can end this wait within the test's time.
    const following = followJob(printing, queued.value.jobId, {
      intervalMs: 60_000,
      signal: controller.signal,
      onProgress: (s) => s.state === 'queued' && controller.abort(),
    });
    expect(await following).toEqual({ ok: false, error: { code: 'cancelled', message: 'Export cancelled' } });
    held.release();
    expect(await followJob(printing, first.value.jobId, { wait: nextTurn })).toMatchObject({ ok: true });
  });

  it('keeps the last 8 finished exports and forgets older ones', async () => {
    const api = browserApi();
    const ids: string[] = [];
    for (let k = 0; k < 9; k++) {
      const result = await runJob(
        api,
        'export:start',
        { project: sample, format: 'csv', path: `r${k}.csv`, overwrite: false },
        { wait: nextTurn, onStart: (id) => ids.push(id) },
      );
      expect(result.ok).toBe(true);
    }
    expect(await api['job:status']({ jobId: ids[0]! })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    for (const id of ids.slice(1)) expect((await status(api, id)).state).toBe('done');
  });
});

describe('the same jobs over the browser host (HTTP)', () => {
  it('runs an export job and answers an unknown id as the router does', async () => {
    const renderer = path.join(base, 'renderer');
    await fs.mkdir(renderer);
    await fs.writeFile(path.join(renderer, 'index.html'), '<!doctype html>');
    const host = await startBrowserHost({ port: 0, workspace: root, userDataDir: userData, rendererDir: renderer, log: () => {} });
    try {
      const call =
        (method: Method) =>
        async (request: unknown): Promise<Result<unknown>> => {
          const response = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Carve-Token': host.token },
            body: JSON.stringify(request),
          });
          return (await response.json()) as Result<unknown>;
        };
      const api = {
        'import:start': call('import:start'),
        'export:start': call('export:start'),
        'job:status': call('job:status'),
        'job:cancel': call('job:cancel'),
      } as JobApi;
      const labels: string[] = [];
      const result = await runJob(
        api,
        'export:start',
        { project: sample, format: 'mermaid', path: 'graph.mmd', overwrite: false },
        { wait: nextTurn, onProgress: (s) => labels.push(s.progress.label) },
      );
      expect(result).toMatchObject({ ok: true, value: { path: path.join(root, 'graph.mmd'), pages: null } });
      expect((await fs.readFile(path.join(root, 'graph.mmd'), 'utf8')).length).toBeGreaterThan(0);
      expect(labels.length).toBeGreaterThan(0);
      expect(await api['job:status']({ jobId: 'no-such-job' })).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: expect.stringMatching(/^No job no-such-job: /) },
      });
    } finally {
      await host.close();
    }
  });
});
