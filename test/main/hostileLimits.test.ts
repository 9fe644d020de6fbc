import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserRouter } from './browserHost';
import { ImportJobs } from '../../main/services/importJobs';
import { openProjectFile } from '../../main/services/projectFiles';
import type { ImportSummary } from '../../shared/api/contract';
import { describeError } from '../../shared/api/result';
import { type Router } from '../../shared/api/router';
import { createProject } from '../../shared/model/create';
import { LIMITS, type Project } from '../../shared/model/project';
import { runCarve } from './cliHarness';

// Item 7 of issue 10: a monolith with one odd module (1,001 third-party imports, 10,001 models, a dotted name
// over 200 characters) imports, keeping what fits and saying what it left out; every zod or limit failure is a
// sentence naming the field and the limit, never "[" (a zod error's JSON message).

let base: string;
let jobs: ImportJobs;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-limits-')));
  jobs = new ImportJobs({ workers: 0 });
});
afterEach(async () => {
  jobs.disposeAll();
  await fs.rm(base, { recursive: true, force: true });
});

async function write(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

/** app/mod.py importing 1,001 packages, pkg0 ten times (the most imported are kept). */
async function manyImports(root: string): Promise<void> {
  await write(path.join(root, 'app/__init__.py'), '');
  const lines = Array.from({ length: 1001 }, (_, k) => `import pkg${k}`);
  for (let k = 0; k < 9; k++) lines.push(`import pkg0 as again${k}`);
  await write(path.join(root, 'app/mod.py'), lines.join('\n'));
}

async function manyModels(root: string): Promise<void> {
  await write(path.join(root, 'app/__init__.py'), '');
  const classes = Array.from({ length: 10_001 }, (_, k) => `class M${String(k).padStart(5, '0')}(models.Model):\n    pass`);
  await write(path.join(root, 'app/models.py'), `from django.db import models\n${classes.join('\n')}\n`);
  // The rest of the project: the importer refuses a tree whose code is 90% one file.
  await write(path.join(root, 'app/views.py'), 'from . import models\n');
  await write(path.join(root, 'shop/__init__.py'), '');
  await write(path.join(root, 'shop/cart.py'), `from app import models\n${'total = 0\n'.repeat(3000)}`);
}

/** A package chain whose dotted name passes 200 characters, importing a short module. */
async function longName(root: string): Promise<string[]> {
  const parts = Array.from({ length: 12 }, (_, k) => `package_number_${k}_xxxxxx`);
  for (let k = 1; k <= parts.length; k++) await write(path.join(root, ...parts.slice(0, k), '__init__.py'), '');
  await write(path.join(root, ...parts, 'deep.py'), 'import short\n');
  await write(path.join(root, 'short.py'), 'x = 1\n');
  return parts;
}

function router(workspace: string): Router {
  return browserRouter(workspace, path.join(base, 'user-data'), { importJobs: jobs });
}

async function importThrough(r: Router, dir: string, granularity: string): Promise<{ project: Project; report: ImportSummary }> {
  const started = await r('import:start', { dir, granularity });
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  const settled = await jobs.settled(jobId);
  expect(settled.state, settled.error?.message).toBe('done');
  const made = await r('import:project', { jobId, granularity, name: 'Odd' });
  if (!made.ok) throw new Error(`import:project failed: ${made.error.message}`);
  return made.value as { project: Project; report: ImportSummary };
}

describe('an odd module fits the model instead of failing the import', () => {
  it('keeps the 1,000 most imported third-party names of a module importing 1,001, and says so', async () => {
    const root = path.join(base, 'ws');
    await manyImports(path.join(root, 'src'));
    const { project, report } = await importThrough(router(root), 'src', 'depth:2');
    const mod = project.monolith.modules.find((m) => m.name === 'app.mod')!;
    expect(mod.thirdParty).toHaveLength(LIMITS.thirdParty);
    expect(mod.thirdParty).toContain('pkg0');
    expect(mod.thirdParty).toEqual([...mod.thirdParty].sort());
    expect(report.problems).toContainEqual({
      path: 'app.mod',
      reason: 'imports 1,001 third-party packages: the 1,000 most imported are kept',
    });
  });

  it('keeps the first 10,000 models by name of a module with 10,001, and says so', async () => {
    const root = path.join(base, 'ws');
    await manyModels(path.join(root, 'src'));
    const { project, report } = await importThrough(router(root), 'src', 'app');
    const app = project.monolith.modules.find((m) => m.name === 'app')!;
    expect(app.entities).toHaveLength(LIMITS.entities);
    expect(app.entities.at(-1)).toBe('M09999');
    expect(report.problems).toContainEqual({ path: 'app', reason: '10,001 models: the first 10,000 by name are kept' });
  });

  it('counts a module whose dotted name passes 200 characters in its longest package that fits', async () => {
    const root = path.join(base, 'ws');
    const parts = await longName(path.join(root, 'src'));
    const { project, report } = await importThrough(router(root), 'src', 'depth:20');
    const names = project.monolith.modules.map((m) => m.name);
    expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(LIMITS.name);
    const fitted = names.filter((n) => n.startsWith(parts[0]!)).sort((a, b) => b.length - a.length)[0]!;
    expect(`${parts.join('.')}.deep`.startsWith(`${fitted}.`)).toBe(true);
    // The deep module's import of `short` is kept, from the package it is counted in.
    const ids = new Map(project.monolith.modules.map((m) => [m.name, m.id]));
    expect(project.monolith.dependencies).toContainEqual(expect.objectContaining({ from: ids.get(fitted), to: ids.get('short') }));
    expect(report.problems.some((p) => p.reason.startsWith('module name longer than 200 characters: counted in '))).toBe(true);
  });

  it('writes a project that opens again, through carve import-python, with the notes on stderr', async () => {
    await manyImports(path.join(base, 'src'));
    const run = await runCarve(base, ['import-python', 'src', '--out', 'odd.carve', '--granularity', 'depth:2']);
    expect(run.code).toBe(0);
    expect(run.err).toContain('app.mod: imports 1,001 third-party packages: the 1,000 most imported are kept');
    expect(run.out).toEqual([expect.stringMatching(/1 note on what was left out to fit Carve's limits \(listed above\)$/)]);
    const { project } = await openProjectFile(path.join(base, 'odd.carve'));
    expect(project.monolith.modules.find((m) => m.name === 'app.mod')!.thirdParty).toHaveLength(1000);
  });
});

describe('limit failures are sentences naming the field and the limit', () => {
  it('carve new with a 10,000-character name is a usage error (exit 2) and writes nothing', async () => {
    const run = await runCarve(base, ['new', 'a'.repeat(10_000), '--out', 'n.carve']);
    expect(run.code).toBe(2);
    expect(run.err).toEqual(['carve: the NAME is too long: 10,000 characters, at most 200 (see carve --help)']);
    await expect(fs.stat(path.join(base, 'n.carve'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('carve import-python with an over-long --name is a usage error (exit 2)', async () => {
    await write(path.join(base, 'src/a.py'), 'x = 1\n');
    const run = await runCarve(base, ['import-python', 'src', '--out', 'a.carve', '--name', 'n'.repeat(201)]);
    expect(run.code).toBe(2);
    expect(run.err).toEqual(['carve: --name is too long: 201 characters, at most 200 (see carve --help)']);
  });

  it('a zod error thrown anywhere is described as its first issue, not as JSON', () => {
    let thrown: unknown;
    try {
      createProject('x'.repeat(300));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message.startsWith('[')).toBe(true);
    expect(describeError(thrown)).toBe('"name" is too long: at most 200 characters (at value.name)');
  });

  it('an invalid request names the field and the limit', async () => {
    const r = router(base);
    const long = await r('import:project', { jobId: 'j', granularity: 'app', name: 'n'.repeat(201) });
    expect(long).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'Invalid request for import:project: "name" is too long: at most 200 characters (at request.name)',
      },
    });
    const path4097 = await r('project:open', { path: 'p'.repeat(4097) });
    expect(path4097.ok ? '' : path4097.error.message).toBe(
      'Invalid request for project:open: "path" is too long: at most 4096 characters (at request.path)',
    );
    const notObject = await r('prefs:set', 'dark');
    expect(notObject.ok ? '' : notObject.error.message).toBe(
      'Invalid request for prefs:set: "request" should be an object, not the text "dark"',
    );
  });
});
