import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserRouter } from './browserHost';
import type { ImportSuggestion, ImportSummary, JobStatus } from '../../shared/api/contract';
import { createRouter, type Router } from '../../shared/api/router';
import { ImportJobs } from '../../main/services/importJobs';
import { createHandlers } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { aggregate } from '../../shared/importer/aggregate';
import type { ScannedFile, ScanResult } from '../../shared/importer/types';
import type { Project } from '../../shared/model/project';

// The import jobs behind import:* and job:* and the handlers on real folders: progress to the total, cancel, a regroup
// that reads no file, re-import keeping services, suggestions, and the folder checks in one line.

const FIXTURE = path.resolve(__dirname, '../fixtures/python/django_site');

let base: string;
let root: string;
let userData: string;
let jobs: ImportJobs;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-import-jobs-')));
  root = path.join(base, 'workspace');
  userData = path.join(base, 'user-data');
  await fs.mkdir(root);
  await fs.cp(FIXTURE, path.join(root, 'shop'), { recursive: true });
  jobs = new ImportJobs();
});
afterEach(async () => {
  jobs.disposeAll();
  await fs.rm(base, { recursive: true, force: true });
});

function browser(): Router {
  return browserRouter(root, userData, { importJobs: jobs });
}

async function value<T>(router: Router, method: string, payload: unknown = {}): Promise<T> {
  const result = await router(method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  // What crosses IPC or HTTP is JSON: anything that does not survive it (a Map) would be lost.
  return JSON.parse(JSON.stringify(result.value)) as T;
}

async function failure(router: Router, method: string, payload: unknown) {
  const result = await router(method, payload);
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}

async function importShop(router: Router, dir = 'shop'): Promise<string> {
  const { jobId } = await value<{ jobId: string }>(router, 'import:start', { dir, granularity: 'app' });
  await jobs.settled(jobId);
  return jobId;
}

/** A tree of `count` small Python files: enough for worker threads and for a cancel to land mid-way. */
async function bigTree(dir: string, count: number): Promise<void> {
  for (let p = 0; p < count / 50; p++) {
    const pkg = path.join(dir, `pkg${p}`);
    await fs.mkdir(pkg, { recursive: true });
    await fs.writeFile(path.join(pkg, '__init__.py'), '');
    for (let f = 0; f < 49; f++)
      await fs.writeFile(path.join(pkg, `m${f}.py`), `import os\nfrom pkg${(p + 1) % 3} import m1\n\ndef f():\n    return ${f}\n`);
  }
}

describe('import jobs through the handlers', () => {
  it('reports progress up to the total, then a new project with the model fields filled and JSON evidence', async () => {
    const router = browser();
    const jobId = await importShop(router);
    const status = await value<JobStatus>(router, 'job:status', { jobId });
    expect(status).toMatchObject({ kind: 'import', state: 'done' });
    expect(status.progress.total).toBeGreaterThan(0);
    expect(status.progress.done).toBe(status.progress.total);
    const { project, report } = await value<{ project: Project; report: ImportSummary }>(router, 'import:project', {
      jobId,
      granularity: 'app',
      name: 'Shop',
    });
    expect(project.name).toBe('Shop');
    expect(project.monolith.modules.map((m) => m.name)).toEqual(
      expect.arrayContaining(['accounts', 'catalog', 'orders', 'core', 'config']),
    );
    const orders = project.monolith.modules.find((m) => m.name === 'orders')!;
    expect(orders.files).toBe(4);
    expect(orders.thirdParty).toEqual(['celery', 'django', 'requests']);
    const dep = project.monolith.dependencies.find((d) => d.from === 'orders' && d.to === 'catalog' && d.kind === 'import')!;
    expect(dep.evidence).toEqual([
      { file: 'orders/models.py', line: 4, detail: 'runtime' },
      { file: 'orders/services.py', line: 5, detail: 'runtime' },
      { file: 'orders/services.py', line: 11, detail: 'runtime' },
    ]);
    expect(report).toMatchObject({ granularity: 'app', modules: project.monolith.modules.length, problemCount: 0, added: [], removed: [] });
    expect(report.files).toBeGreaterThan(10);
  });

  it('regroups a finished import at another granularity without reading the folder again', async () => {
    const router = browser();
    const jobId = await importShop(router);
    await fs.rm(path.join(root, 'shop'), { recursive: true });
    const byDepth = await value<{ project: Project }>(router, 'import:project', { jobId, granularity: 'depth:2', name: 'Shop' });
    expect(byDepth.project.monolith.modules.map((m) => m.name)).toEqual(expect.arrayContaining(['orders.models', 'orders.services']));
    const byApp = await value<{ project: Project }>(router, 'import:project', { jobId, granularity: 'app', name: 'Shop' });
    expect(byApp.project.monolith.modules.map((m) => m.name)).toContain('orders');
  });

  it('stops a running import when cancelled, and has no result to give', async () => {
    await bigTree(path.join(root, 'big'), 1500);
    const router = browser();
    const { jobId } = await value<{ jobId: string }>(router, 'import:start', { dir: 'big', granularity: 'package' });
    // Asked while it runs, the job stops at its next file: 'running' (or 'queued', then at once 'cancelled') until then.
    const cancelled = await value<JobStatus>(router, 'job:cancel', { jobId });
    expect(['running', 'cancelled']).toContain(cancelled.state);
    const settled = await jobs.settled(jobId);
    expect(settled.state).toBe('cancelled');
    expect(settled.progress.done).toBeLessThan(1500);
    const error = await failure(router, 'import:project', { jobId, granularity: 'app', name: 'Big' });
    expect(error.message).toMatch(/did not finish: Import cancelled$/);
  });

  it('scans a large tree to its total with worker threads', async () => {
    await bigTree(path.join(root, 'big'), 500);
    const router = browser();
    const { jobId } = await value<{ jobId: string }>(router, 'import:start', { dir: 'big', granularity: 'package' });
    const seen: JobStatus[] = [];
    for (;;) {
      const status = await value<JobStatus>(router, 'job:status', { jobId });
      seen.push(status);
      if (status.state === 'done' || status.state === 'failed' || status.state === 'cancelled') break;
      await new Promise((r) => setImmediate(r));
    }
    expect(seen.at(-1)).toMatchObject({ state: 'done', progress: { done: 500, total: 500 } });
    const { project } = await value<{ project: Project }>(router, 'import:project', { jobId, granularity: 'package', name: 'Big' });
    expect(project.monolith.modules).toHaveLength(10);
  });

  it('re-imports into a project: services keep the modules that still exist; added and removed reported', async () => {
    const router = browser();
    const first = await value<{ project: Project }>(router, 'import:project', {
      jobId: await importShop(router),
      granularity: 'app',
      name: 'Shop',
    });
    const ordersId = first.project.monolith.modules.find((m) => m.name === 'orders')!.id;
    const catalogId = first.project.monolith.modules.find((m) => m.name === 'catalog')!.id;
    const project: Project = {
      ...first.project,
      services: [
        {
          id: 'svc-orders',
          name: 'Orders',
          description: '',
          moduleIds: [ordersId, catalogId],
          framework: 'fastapi',
          runtime: 'cpython-3.12',
          datastore: '',
          apiStyle: 'rest',
          team: '',
          notes: '',
          pinnedPhaseId: null,
          effortOverride: null,
        },
      ],
    };
    await fs.rm(path.join(root, 'shop', 'catalog'), { recursive: true });
    await fs.mkdir(path.join(root, 'shop', 'billing'));
    await fs.writeFile(path.join(root, 'shop', 'billing', '__init__.py'), 'from orders import services\n');
    const again = await importShop(router);
    const { project: next, report } = await value<{ project: Project; report: ImportSummary }>(router, 'import:reimport', {
      jobId: again,
      granularity: 'app',
      project,
    });
    expect(report.added).toEqual(['billing']);
    expect(report.removed).toEqual(['catalog']);
    expect(next.services.map((s) => [s.id, s.moduleIds])).toEqual([['svc-orders', [ordersId]]]);
    expect(next.monolith.dependencies.find((d) => d.to === ordersId && d.from === 'billing')?.evidence).toEqual([
      { file: 'billing/__init__.py', line: 1, detail: 'runtime' },
    ]);
  });

  it('suggests the same services for the same project and seed, with metrics of the three designs', async () => {
    const router = browser();
    const jobId = await importShop(router);
    const { project } = await value<{ project: Project }>(router, 'import:project', { jobId, granularity: 'app', name: 'Shop' });
    const one = await value<ImportSuggestion>(router, 'import:suggest', { project, seed: 7, jobId });
    const two = await value<ImportSuggestion>(router, 'import:suggest', { project, seed: 7 });
    expect(two.proposal).toEqual(one.proposal);
    const proposed = one.proposal.services.flatMap((s) => s.moduleIds).sort();
    expect(proposed).toEqual(project.monolith.modules.map((m) => m.id).sort());
    expect(one.metrics.current.services).toBe(1);
    expect(one.metrics.proposal.services).toBe(one.proposal.services.length);
    expect(one.metrics.perApp.services).toBeGreaterThanOrEqual(5);
  });

  it('refuses a missing folder, a file and a path outside the workspace in one line each', async () => {
    const router = browser();
    await fs.writeFile(path.join(root, 'notes.txt'), 'x');
    const missing = await failure(router, 'import:start', { dir: 'nope', granularity: 'app' });
    expect(missing).toEqual({ code: 'not-found', message: `${path.join(root, 'nope')}: no such folder` });
    expect(await failure(router, 'import:start', { dir: 'notes.txt', granularity: 'app' })).toMatchObject({
      code: 'not-a-file',
      message: expect.stringMatching(/notes\.txt: not a folder$/),
    });
    expect((await failure(router, 'import:start', { dir: '../..', granularity: 'app' })).code).toBe('outside-workspace');
    expect((await failure(router, 'import:start', { dir: 'shop', granularity: 'depth:0' })).code).toBe('invalid-request');
    expect((await failure(router, 'job:status', { jobId: 'nope' })).code).toBe('not-found');
    expect((await failure(router, 'dialog:folder', {})).code).toBe('unsupported');
  });

  it('asks the native folder dialog in Electron', async () => {
    const router = createRouter(
      createHandlers({
        host: 'electron',
        userDataDir: userData,
        preferences: createConfPreferences(userData, () => {}),
        workspace: null,
        dialogs: { open: async () => null, save: async () => null, folder: async () => '/home/ada/shop' },
      }),
    );
    expect(await value(router, 'dialog:folder', {})).toEqual({ path: '/home/ada/shop' });
  });
});

describe('evidence in the model', () => {
  it('keeps at most 1,000 places per dependency, sorted, while the weight counts every statement', async () => {
    const dir = path.join(root, 'many');
    await fs.mkdir(path.join(dir, 'a'), { recursive: true });
    await fs.mkdir(path.join(dir, 'b'), { recursive: true });
    await fs.writeFile(path.join(dir, 'a', '__init__.py'), '');
    await fs.writeFile(
      path.join(dir, 'b', '__init__.py'),
      'import flask\nimport celery\nfrom flask import Blueprint\nbp = Blueprint("b", __name__)\n',
    );
    await fs.writeFile(path.join(dir, 'a', 'x.py'), 'import b\n'.repeat(700));
    await fs.writeFile(path.join(dir, 'a', 'w.py'), 'import b\n'.repeat(600));
    const router = browser();
    const { jobId } = await value<{ jobId: string }>(router, 'import:start', { dir: 'many', granularity: 'package' });
    await jobs.settled(jobId);
    const { project } = await value<{ project: Project }>(router, 'import:project', { jobId, granularity: 'package', name: 'Many' });
    const dep = project.monolith.dependencies.find((d) => d.from === 'a' && d.to === 'b')!;
    expect(dep.weight).toBe(1300);
    expect(dep.evidence).toHaveLength(1000);
    expect(dep.evidence[0]).toEqual({ file: 'a/w.py', line: 1, detail: 'runtime' });
    expect(dep.evidence[599]).toEqual({ file: 'a/w.py', line: 600, detail: 'runtime' });
    expect(dep.evidence[600]).toEqual({ file: 'a/x.py', line: 1, detail: 'runtime' });
    const b = project.monolith.modules.find((m) => m.name === 'b')!;
    expect(b).toMatchObject({ files: 1, apiSurface: 1, thirdParty: ['celery', 'flask'] });
  });
});

describe('evidence of a dependency (property)', () => {
  const file = (path: string, module: string, isPackage: boolean, lines: number[]): ScannedFile => ({
    lines: 1,
    codeLines: 1,
    imports: lines.map((line, stmt) => ({ line, stmt, level: 0, module: 'b', names: null, scope: 'module', kind: 'runtime' })),
    classes: [],
    blueprints: 0,
    routers: 0,
    installedApps: null,
    authUserModel: null,
    error: null,
    path,
    module,
    isPackage,
    isMigration: false,
  });

  it('is every statement sorted by file then line, at most 1,000 kept, while the weight counts them all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 400 }), { minLength: 1, maxLength: 6 }),
        (perFile) => {
          const files = [file('b/__init__.py', 'b', true, []), ...perFile.map((lines, k) => file(`a/m${k}.py`, `a.m${k}`, false, lines))];
          const scan: ScanResult = { root: '/gone', sourceRoots: [''], files, installedApps: [], problems: [], skipped: 0 };
          const dep = aggregate(scan, 'package').dependencies.find((d) => d.from === 'a' && d.to === 'b');
          const all = perFile.flatMap((lines, k) => lines.map((line) => ({ file: `a/m${k}.py`, line, detail: 'runtime' })));
          if (all.length === 0) return dep === undefined;
          all.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
          expect(dep!.weight).toBe(all.length);
          expect(dep!.evidence).toEqual(all.slice(0, 1000));
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
