import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../main/services/export/chromiumPrinter';
import { heldPrinter } from './heldPrinter';
import { createHandlers, type NativeDialogs } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { Workspace } from '../../main/services/workspace';
import { createRouter, type Router } from '../../shared/api/router';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// export:run and dialog:export through the router, as each host serves them.

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

describe('export:run', () => {
  it('writes into the workspace in the browser host and answers path, bytes and pages', async () => {
    const result = await router('browser')('export:run', { project: sample, format: 'csv', path: 'roadmap.csv', overwrite: false });
    expect(result).toEqual({ ok: true, value: { path: path.join(root, 'roadmap.csv'), bytes: expect.any(Number), pages: null } });
    expect((await fs.stat(path.join(root, 'roadmap.csv'))).size).toBe((result as { value: { bytes: number } }).value.bytes);
  });

  it('refuses a path outside the workspace in the browser host', async () => {
    const result = await router('browser')('export:run', { project: sample, format: 'md', path: path.join(base, 'escape.md'), overwrite: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    await expect(fs.access(path.join(base, 'escape.md'))).rejects.toThrow();
  });

  it('validates the project first and names the file in one line', async () => {
    const result = await router('browser')('export:run', { project: { name: 42 }, format: 'md', path: 'r.md', overwrite: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/^The project to export as r\.md is not a valid project: /) } });
    expect((result as { error: { message: string } }).error.message).not.toContain('\n');
  });

  it('answers conflict for an existing file without overwrite', async () => {
    await fs.writeFile(path.join(root, 'r.json'), '{}');
    const result = await router('browser')('export:run', { project: sample, format: 'json', path: 'r.json', overwrite: false });
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: 'r.json already exists' } });
  });

  it("prints PDFs with the host's printer when it has one (Electron's printToPDF)", async () => {
    printed.length = 0;
    const target = path.join(base, 'roadmap.pdf');
    const result = await router('electron', { printer: fakePrinter })('export:run', { project: sample, format: 'pdf', path: target, overwrite: false });
    expect(result).toMatchObject({ ok: true, value: { path: target, pages: 2 } });
    expect(printed.length).toBeGreaterThan(0);
    expect(printed[0]).toContain('<title>Acme Shop: migration roadmap</title>');
  });
});

describe('dialog:export', () => {
  it('answers unsupported without a native export dialog', async () => {
    expect(await router('browser')('dialog:export', { defaultName: 'Acme.pdf', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    const dialogs: NativeDialogs = { open: async () => null, save: async () => null };
    expect(await router('electron', { dialogs })('dialog:export', { defaultName: 'Acme.pdf', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
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
    expect(await router('electron', { dialogs })('dialog:export', { defaultName: 'Acme.md', format: 'md' })).toEqual({ ok: true, value: { path: '/tmp/Acme.md' } });
    expect(asked).toEqual([['Acme.md', 'md']]);
  });
});

describe('export:status and export:cancel', () => {
  it('follow an export by the id its caller chose: waiting, the step under way, then done', async () => {
    const held = heldPrinter();
    const call = router('browser', { printer: held.printer });
    expect(await call('export:status', { jobId: 'pdf-1' })).toEqual({ ok: true, value: { jobId: 'pdf-1', state: 'waiting', current: null, elapsedMs: 0 } });
    const run = call('export:run', { project: sample, format: 'pdf', path: 'roadmap.pdf', overwrite: false, jobId: 'pdf-1' });
    await held.printing;
    expect(await call('export:status', { jobId: 'pdf-1' })).toMatchObject({
      ok: true,
      value: { state: 'running', current: { stage: 'printing', step: 3, steps: 5 } },
    });
    held.release();
    expect(await run).toMatchObject({ ok: true, value: { pages: 1 } });
    expect(await call('export:status', { jobId: 'pdf-1' })).toMatchObject({ ok: true, value: { state: 'done', current: { stage: 'writing', step: 4, steps: 4 } } });
  });

  it('cancel stops a print under way: the run fails as cancelled, and nothing is written', async () => {
    const held = heldPrinter();
    const call = router('browser', { printer: held.printer });
    await fs.writeFile(path.join(root, 'roadmap.pdf'), 'the old export');
    const run = call('export:run', { project: sample, format: 'pdf', path: 'roadmap.pdf', overwrite: true, jobId: 'pdf-2' });
    await held.printing;
    expect(await call('export:cancel', { jobId: 'pdf-2' })).toMatchObject({ ok: true });
    expect(await run).toEqual({ ok: false, error: { code: 'cancelled', message: 'The export of roadmap.pdf was cancelled; nothing was written' } });
    expect(await call('export:status', { jobId: 'pdf-2' })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    expect(await fs.readFile(path.join(root, 'roadmap.pdf'), 'utf8')).toBe('the old export');
  });

  it('a cancel that arrives before its export stops it before any work', async () => {
    const call = router('browser', { printer: fakePrinter });
    expect(await call('export:cancel', { jobId: 'early' })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    const run = await call('export:run', { project: sample, format: 'md', path: 'early.md', overwrite: false, jobId: 'early' });
    expect(run).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    await expect(fs.access(path.join(root, 'early.md'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a job id that is not a plain token', async () => {
    const result = await router('browser')('export:status', { jobId: '../../etc' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
