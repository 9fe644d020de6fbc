import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recommendForModules } from '../../shared/analysis/recommend';
import { createProject } from '../../shared/model/create';
import type { Module, Project } from '../../shared/model/project';
import {
  acceptProposal,
  cancelImport,
  openImportDialog,
  setImportDir,
  setImportGranularity,
  setImportTarget,
  startImport,
  suggestBoundaries,
} from '../../renderer/features/importer/importActions';
import { documentStore, editProject, loadDocument, undoEdit } from '../../renderer/state/documentStore';
import { startImportHost, type ImportHost } from './importHost';
import { importStore } from '../../renderer/state/importStore';
import { uiStore } from '../../renderer/state/uiStore';

// The Import from Python Source flow of the renderer against the real handlers on a real folder (every answer
// through JSON, as over IPC or HTTP): new project, regroup, suggestions accepted as one undo step, re-import,
// cancel.

const FIXTURE = path.resolve(__dirname, '../fixtures/python/django_site');

let host: ImportHost;
let base: string;
beforeEach(async () => {
  host = await startImportHost('carve-import-flow-', FIXTURE, 'shop');
  base = host.base;
});
afterEach(() => host.dispose());

const allow = async () => true;
const project = (): Project => documentStore.getState().project!;
const names = () => project().monolith.modules.map((m) => m.name).sort();

describe('the import flow', () => {
  it('imports into a new project, regroups without reading again, and accepts all suggestions as one undo step', async () => {
    openImportDialog();
    setImportDir('shop');
    await startImport(allow);
    expect(importStore.getState().step.kind).toBe('report');
    expect(importStore.getState().summary).toMatchObject({ modules: 5, problemCount: 0 });
    expect(project().name).toBe('shop');
    expect(names()).toEqual(['accounts', 'catalog', 'config', 'core', 'orders']);

    await fs.rm(path.join(base, 'ws', 'shop'), { recursive: true });
    await setImportGranularity('depth:2');
    expect(names()).toContain('orders.services');
    await setImportGranularity('app');
    expect(names()).toHaveLength(5);

    await suggestBoundaries();
    const { suggestion } = importStore.getState();
    expect(suggestion!.proposal.services.length).toBeGreaterThan(0);
    expect(suggestion!.metrics.perApp.services).toBe(5);
    const before = project();
    acceptProposal();
    expect(project().services).toHaveLength(suggestion!.proposal.services.length);
    const owned = project().services.flatMap((s) => s.moduleIds).sort();
    expect(owned).toEqual(before.monolith.modules.map((m) => m.id).sort());
    undoEdit();
    expect(project()).toBe(before);
  });

  it('accepts one proposed service at a time', async () => {
    openImportDialog();
    setImportDir('shop');
    await startImport(allow);
    await suggestBoundaries();
    const [first] = importStore.getState().suggestion!.proposal.services;
    acceptProposal([first!.id]);
    expect(project().services.map((s) => s.moduleIds)).toEqual([first!.moduleIds]);
    expect(importStore.getState().accepted).toEqual([first!.id]);
    acceptProposal([first!.id]);
    expect(project().services).toHaveLength(1);
  });

  it('re-imports into the open project as one undo step that a regroup replaces', async () => {
    const open = createProject('Mine');
    loadDocument({ project: open, filePath: null, baseHash: null });
    editProject((p) => ({ ...p, description: 'kept' }));
    const edited = project();
    openImportDialog();
    setImportTarget('reimport');
    setImportDir('shop');
    await startImport(async () => {
      throw new Error('a re-import never asks about unsaved changes');
    });
    expect(project().description).toBe('kept');
    expect(importStore.getState().summary!.added).toHaveLength(5);
    await setImportGranularity('package');
    expect(names()).toHaveLength(5);
    undoEdit();
    expect(project()).toBe(edited);
  });

  it('names a missing folder in the dialog and stays on the setup step', async () => {
    openImportDialog();
    setImportDir('nope');
    await startImport(allow);
    expect(importStore.getState().step.kind).toBe('setup');
    expect(importStore.getState().error).toMatch(/nope: no such folder$/);
  });

  it('goes back to the setup step when cancelled', async () => {
    openImportDialog();
    setImportDir('shop');
    const running = startImport(allow);
    await new Promise<void>((resolve) => {
      const stop = importStore.subscribe((state) => state.step.kind === 'running' && (stop(), resolve()));
    });
    cancelImport();
    // The dialog says it is cancelling until the job has stopped (Cancel is disabled meanwhile).
    expect(importStore.getState().step).toMatchObject({ kind: 'running', cancelling: true });
    await running;
    expect(importStore.getState().step.kind).toBe('setup');
    expect(importStore.getState().error).toBeNull();
    expect(uiStore.getState().notice).toBe('Import cancelled');
    expect(documentStore.getState().project).toBeNull();
  });
});

describe('framework recommendation from imports', () => {
  const mod = (id: string, thirdParty: string[], linesOfCode = 100): Module => ({ id, name: id, path: '', linesOfCode, tags: [], entities: [], files: 1, apiSurface: 0, thirdParty });
  const withModules = (modules: Module[]): Project => {
    const p = createProject('R');
    return { ...p, monolith: { ...p.monolith, modules } };
  };

  it('counts celery, rq or dramatiq imports as background jobs and says so', () => {
    const p = withModules([mod('jobs_a', ['celery', 'redis'], 300), mod('billing', ['stripe'], 100)]);
    const r = recommendForModules(p, ['jobs_a', 'billing']);
    expect(r).toMatchObject({ frameworkId: 'celery', rule: 'worker' });
    expect(r.reason).toContain('jobs_a (imports celery)');
    expect(recommendForModules(withModules([mod('q', ['rq'])]), ['q']).rule).toBe('worker');
    expect(recommendForModules(withModules([mod('q', ['dramatiq'])]), ['q']).rule).toBe('worker');
  });

  it('does not make a Django app with models, or a module with an API, a worker because it queues jobs', () => {
    const app = { ...mod('orders', ['celery', 'django']), entities: ['Order'] };
    expect(recommendForModules(withModules([app]), ['orders']).rule).not.toBe('worker');
    const api = { ...mod('api', ['celery', 'flask']), apiSurface: 2 };
    expect(recommendForModules(withModules([api]), ['api']).rule).not.toBe('worker');
  });

  it('counts httpx, aiohttp or websockets imports as async I/O and says so', () => {
    const big = (id: string, thirdParty: string[]) => mod(id, thirdParty, 5_000);
    const r = recommendForModules(withModules([big('feeds', ['aiohttp']), big('push', ['websockets']), big('misc', [])]), ['feeds', 'push', 'misc']);
    expect(r).toMatchObject({ frameworkId: 'fastapi', rule: 'async' });
    expect(r.reason).toContain('feeds (imports aiohttp)');
    expect(recommendForModules(withModules([big('a', ['httpx']), big('b', []), big('c', []), big('d', [])]), ['a', 'b', 'c', 'd']).rule).not.toBe('async');
  });
});
