import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../main/services/export/chromiumPrinter';
import { heldPrinter } from './heldPrinter';
import { createHandlers, type NativeDialogs } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { Workspace } from '../../main/services/workspace';
import type { CarveApi } from '../../shared/api/client';
import { followJob, runJob, type Wait } from '../../shared/api/jobs';
import { createRouter, type Router } from '../../shared/api/router';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// export:start (followed by the one job poller), job:status, job:cancel and dialog:export through the router, as
// each host serves them.

let base: string;
let root: string;
let userData: string;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-export-api-')));
  root = path.join(base, 'workspace');
  userData = path.join(base, 'user-data');
  await fs.mkdir(root);
});
afterEach(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

const sample = loadSampleProject();
const printed: string[] = [];
const fakePrinter: PdfPrinter = {
  print: async (html) => {
    printed.push(html);
    return new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<</Type /Page>>\nendobj\n2 0 obj\n<</Type /Page>>\nendobj\n');
  },
};

function router(host: 'browser' | 'electron', extra: { dialogs?: NativeDialogs; printer?: PdfPrinter } = {}): Router {
  return createRouter(
    createHandlers({
      host,
      userDataDir: userData,
      preferences: createConfPreferences(userData, () => {}),
      workspace: host === 'browser' ? new Workspace(root) : null,
      ...extra,
    }),
  );
}

/** The API over the router, as the CLI and the Electron host call it. */
const apiOver = (call: Router): CarveApi =>
  new Proxy({} as CarveApi, { get: (_target, method: string) => (request: unknown) => call(method, request) });
/** Between two polls: one turn of the event loop, no timer. */
const nextTurn: Wait = () => new Promise((resolve) => setImmediate(resolve));
const exportJob = (call: Router, request: Parameters<CarveApi['export:start']>[0]) =>
  runJob(apiOver(call), 'export:start', request, { wait: nextTurn });

describe('export:start', () => {
  it('writes into the workspace in the browser host and answers path, bytes and pages', async () => {
    const result = await exportJob(router('browser'), { project: sample, format: 'csv', path: 'roadmap.csv', overwrite: false });
    expect(result).toEqual({ ok: true, value: { path: path.join(root, 'roadmap.csv'), bytes: expect.any(Number), pages: null } });
    expect((await fs.stat(path.join(root, 'roadmap.csv'))).size).toBe((result as { value: { bytes: number } }).value.bytes);
  });

  it('refuses a path outside the workspace in the browser host', async () => {
    const result = await router('browser')('export:start', {
      project: sample,
      format: 'md',
      path: path.join(base, 'escape.md'),
      overwrite: false,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    await expect(fs.access(path.join(base, 'escape.md'))).rejects.toThrow();
  });

  it('validates the project first and names the file in one line', async () => {
    const result = await router('browser')('export:start', { project: { name: 42 }, format: 'md', path: 'r.md', overwrite: false });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/^The project to export as r\.md is not a valid project: /) },
    });
    expect((result as { error: { message: string } }).error.message).not.toContain('\n');
  });

  it('answers conflict for an existing file without overwrite', async () => {
    await fs.writeFile(path.join(root, 'r.json'), '{}');
    const result = await exportJob(router('browser'), { project: sample, format: 'json', path: 'r.json', overwrite: false });
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: 'r.json already exists' } });
  });

  it("prints PDFs with the host's printer when it has one (Electron's printToPDF)", async () => {
    printed.length = 0;
    const target = path.join(base, 'roadmap.pdf');
    const result = await exportJob(router('electron', { printer: fakePrinter }), {
      project: sample,
      format: 'pdf',
      path: target,
      overwrite: false,
    });
    expect(result).toMatchObject({ ok: true, value: { path: target, pages: 2 } });
    expect(printed.length).toBeGreaterThan(0);
    expect(printed[0]).toContain('<title>Acme Shop: migration roadmap</title>');
  });
});

describe('dialog:export', () => {
  it('answers unsupported without a native export dialog', async () => {
    expect(await router('browser')('dialog:export', { defaultName: 'Acme.pdf', format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    const dialogs: NativeDialogs = { open: async () => null, save: async () => null };
    expect(await router('electron', { dialogs })('dialog:export', { defaultName: 'Acme.pdf', format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('asks the native dialog with the default name and format', async () => {
    const asked: unknown[] = [];
    const dialogs: NativeDialogs = {
      open: async () => null,
      save: async () => null,
      export: async (name, format) => {
        asked.push([name, format]);
        return '/tmp/Acme.md';
      },
    };
    expect(await router('electron', { dialogs })('dialog:export', { defaultName: 'Acme.md', format: 'md' })).toEqual({
      ok: true,
      value: { path: '/tmp/Acme.md' },
    });
    expect(asked).toEqual([['Acme.md', 'md']]);
  });
});

describe('job:status and job:cancel on an export', () => {
  it('follow an export by the id export:start gave: the step under way, then done', async () => {
    const held = heldPrinter();
    const call = router('browser', { printer: held.printer });
    const started = await call('export:start', { project: sample, format: 'pdf', path: 'roadmap.pdf', overwrite: false });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value as { jobId: string };
    await held.printing;
    expect(await call('job:status', { jobId })).toMatchObject({
      ok: true,
      value: { jobId, kind: 'export', state: 'running', progress: { stage: 'printing', done: 2, total: 4 } },
    });
    held.release();
    expect(await followJob(apiOver(call), jobId, { wait: nextTurn })).toMatchObject({ ok: true, value: { pages: 1 } });
    expect(await call('job:status', { jobId })).toMatchObject({
      ok: true,
      value: { state: 'done', progress: { stage: 'writing', done: 4, total: 4 } },
    });
  });

  it('cancel stops a print under way: the job ends cancelled, and nothing is written', async () => {
    const held = heldPrinter();
    const call = router('browser', { printer: held.printer });
    await fs.writeFile(path.join(root, 'roadmap.pdf'), 'the old export');
    const started = await call('export:start', { project: sample, format: 'pdf', path: 'roadmap.pdf', overwrite: true });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value as { jobId: string };
    await held.printing;
    expect(await call('job:cancel', { jobId })).toMatchObject({ ok: true, value: { jobId } });
    expect(await followJob(apiOver(call), jobId, { wait: nextTurn })).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'The export of roadmap.pdf was cancelled; nothing was written' },
    });
    expect(await call('job:status', { jobId })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    expect(await fs.readFile(path.join(root, 'roadmap.pdf'), 'utf8')).toBe('the old export');
  });

  it('refuses a job id that is not a plain token', async () => {
    const result = await router('browser')('job:status', { jobId: '../../etc' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
