import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { ImportJobs } from '../../main/services/importJobs';
import { openProjectFile } from '../../main/services/projectFiles';
import { createConfPreferences } from '../../main/services/preferences';
import { scanPythonTree } from '../../main/services/python/importPython';
import { MAX_DEPTH, walkPythonTree } from '../../main/services/python/walk';
import { Workspace } from '../../main/services/workspace';
import type { ImportSummary } from '../../shared/api/contract';
import { createRouter, type Router } from '../../shared/api/router';
import type { Project } from '../../shared/model/project';
import { runCarve } from './cliHarness';

// Item 3 of issue 10: the Python importer stays inside the folder it was given (real paths checked). A link out
// is reported, not followed, unless the caller allows it: the desktop app may; the browser host never leaves
// its workspace. Links that stay inside are followed as before, loops included.

let base: string;
let ws: string;
let jobs: ImportJobs;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-confine-')));
  ws = path.join(base, 'ws');
  jobs = new ImportJobs({ workers: 0 });
  await write('ws/src/app/__init__.py', '');
  await write('ws/src/app/views.py', 'import requests\n');
  await write('ws/src/shop/__init__.py', '');
  await write('ws/src/shop/cart.py', 'from app import views\n');
  // Outside the workspace: a package whose names must not reach the project.
  await write('outside/secret/__init__.py', '');
  await write('outside/secret/models.py', 'import leakedpkg\nfrom django.db import models\nclass Leak(models.Model):\n    pass\n');
  await write('outside/lone.py', 'import alsoleaked\n');
  await write('outside/pyproject.toml', '[tool.setuptools]\npackage-dir = {"" = "shop"}\n');
  // In the workspace, outside the imported folder.
  await write('ws/elsewhere/neighbour/__init__.py', '');
  await write('ws/elsewhere/neighbour/util.py', 'import neighbourpkg\n');
  await fs.symlink(path.join(base, 'outside/secret'), path.join(ws, 'src/secret'));
  await fs.symlink(path.join(base, 'outside/lone.py'), path.join(ws, 'src/shop/lone.py'));
  await fs.symlink(path.join(ws, 'elsewhere/neighbour'), path.join(ws, 'src/neighbour'));
  // Inside: an alias of a package and a loop back up.
  await fs.symlink(path.join(ws, 'src/app'), path.join(ws, 'src/alias'));
  await fs.symlink('..', path.join(ws, 'src/app/up'));
});
afterEach(async () => {
  jobs.disposeAll();
  await fs.rm(base, { recursive: true, force: true });
});

async function write(rel: string, text: string): Promise<void> {
  const file = path.join(base, rel);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

function host(kind: 'browser' | 'electron'): Router {
  const userData = path.join(base, 'user-data');
  return createRouter(
    createHandlers({
      host: kind,
      userDataDir: userData,
      preferences: createConfPreferences(userData, () => {}),
      workspace: kind === 'browser' ? new Workspace(ws) : null,
      importJobs: jobs,
    }),
  );
}

async function importVia(router: Router, dir: string, followLinksOut?: boolean): Promise<{ project: Project; report: ImportSummary }> {
  const started = await router('import:start', {
    dir,
    granularity: 'package',
    ...(followLinksOut === undefined ? {} : { followLinksOut }),
  });
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  expect((await jobs.settled(jobId)).state).toBe('done');
  const made = await router('import:project', { jobId, granularity: 'package', name: 'Shop' });
  if (!made.ok) throw new Error(made.error.message);
  return made.value as { project: Project; report: ImportSummary };
}

/** Every name the project took from the source: modules, their entities and third-party imports. */
function namesOf(project: Project): string[] {
  return project.monolith.modules.flatMap((m) => [m.name, ...m.entities, ...m.thirdParty]);
}

describe('links out of the imported folder', () => {
  it('the browser host does not follow them and names each in the report', async () => {
    const { project, report } = await importVia(host('browser'), 'src');
    const names = namesOf(project);
    for (const leaked of ['secret', 'Leak', 'leakedpkg', 'alsoleaked', 'neighbour', 'neighbourpkg']) expect(names).not.toContain(leaked);
    expect(names).toEqual(expect.arrayContaining(['app', 'shop', 'requests']));
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { path: 'secret', reason: 'a symbolic link to a folder outside the imported folder: not followed' },
        { path: 'shop/lone.py', reason: 'a symbolic link to a file outside the imported folder: not followed' },
        { path: 'neighbour', reason: 'a symbolic link to a folder outside the imported folder: not followed' },
      ]),
    );
  });

  it('the browser host follows them within its workspace when asked, never out of it', async () => {
    const { project, report } = await importVia(host('browser'), 'src', true);
    const names = namesOf(project);
    expect(names).toEqual(expect.arrayContaining(['neighbour', 'neighbourpkg']));
    for (const leaked of ['secret', 'Leak', 'leakedpkg', 'alsoleaked']) expect(names).not.toContain(leaked);
    expect(report.problems).toContainEqual({ path: 'secret', reason: 'a symbolic link to a folder outside the workspace: not followed' });
  });

  it('the desktop app does not follow them by default, and does when the person allows it', async () => {
    const electron = host('electron');
    const confined = await importVia(electron, path.join(ws, 'src'));
    expect(namesOf(confined.project)).not.toContain('leakedpkg');
    expect(confined.report.problems).toContainEqual({
      path: 'secret',
      reason: 'a symbolic link to a folder outside the imported folder: not followed',
    });
    const followed = await importVia(electron, path.join(ws, 'src'), true);
    expect(namesOf(followed.project)).toEqual(expect.arrayContaining(['secret', 'Leak', 'leakedpkg', 'alsoleaked', 'neighbour']));
    expect(followed.report.problems.filter((p) => p.reason.includes('not followed'))).toEqual([]);
  });

  it('a linked .gitignore outside is not read, and named once', async () => {
    await write('outside/.gitignore', 'shop/\n');
    await fs.symlink(path.join(base, 'outside/.gitignore'), path.join(ws, 'src/.gitignore'));
    const walked = await walkPythonTree(path.join(ws, 'src'));
    expect(walked.files).toContain('shop/cart.py');
    expect(walked.problems.filter((p) => p.path === '.gitignore')).toEqual([
      { path: '.gitignore', reason: 'a symbolic link to a file outside the imported folder: not followed' },
    ]);
  });

  it('a linked pyproject.toml outside is not read for source roots', async () => {
    await fs.symlink(path.join(base, 'outside/pyproject.toml'), path.join(ws, 'src/pyproject.toml'));
    const scan = await scanPythonTree(path.join(ws, 'src'), { workers: 0 });
    expect(scan.sourceRoots).toEqual(['']);
    expect(scan.problems).toContainEqual({
      path: 'pyproject.toml',
      reason: 'a symbolic link to a file outside the imported folder: not followed',
    });
    const followed = await scanPythonTree(path.join(ws, 'src'), { workers: 0, boundary: null });
    expect(followed.sourceRoots).toEqual(['', 'shop']);
  });
});

describe('carve import-python', () => {
  it('lists links out of DIR and reads them only with --follow-links-out', async () => {
    const confined = await runCarve(ws, ['import-python', 'src', '--out', 'a.carve', '--granularity', 'package']);
    expect(confined.code, confined.err.join('\n')).toBe(0);
    expect(confined.err).toContain('secret: a symbolic link to a folder outside the imported folder: not followed');
    const followed = await runCarve(ws, ['import-python', 'src', '--out', 'b.carve', '--granularity', 'package', '--follow-links-out']);
    expect(followed.code, followed.err.join('\n')).toBe(0);
    expect(followed.err.some((line) => line.includes('not followed'))).toBe(false);
    const names = async (file: string) => namesOf((await openProjectFile(path.join(ws, file))).project);
    expect(await names('a.carve')).not.toContain('leakedpkg');
    expect(await names('b.carve')).toContain('leakedpkg');
  });
});

describe('links inside the imported folder', () => {
  it('are followed once, and a loop ends', async () => {
    const walked = await walkPythonTree(path.join(ws, 'src'));
    // alias/ is app/ again: its files are read once (under whichever name came first); up/ loops back.
    expect(walked.files.filter((f) => f.endsWith('views.py'))).toHaveLength(1);
    expect(walked.files).toEqual(expect.arrayContaining(['shop/cart.py']));
    expect(
      walked.problems
        .filter((p) => p.reason.includes('not followed'))
        .map((p) => p.path)
        .sort(),
    ).toEqual(['neighbour', 'secret', 'shop/lone.py']);
  });
});

describe('a very deep tree', () => {
  it(`reads ${MAX_DEPTH} levels, says that deeper folders are not read, and takes well under a second`, async () => {
    // 1,000 levels (the 3,000 is measured in the report), one .py file every 100, made by a child that goes down
    // folder by folder (an absolute path that deep passes PATH_MAX); removed with rm -rf, which needs none either.
    const deep = path.join(base, 'deep');
    const script = `const fs=require('fs');fs.mkdirSync('deep');process.chdir('deep');for(let k=0;k<1000;k++){fs.mkdirSync('d');process.chdir('d');if(k%100===0)fs.writeFileSync('m'+k+'.py','import os\\n')}`;
    execFileSync(process.execPath, ['-e', script], { cwd: base });
    try {
      await fs.writeFile(path.join(deep, 'top.py'), 'import os\n');
      const started = performance.now();
      const walked = await walkPythonTree(deep, { boundary: null });
      const elapsed = performance.now() - started;
      expect(walked.files).toEqual(['d/m0.py', 'top.py']);
      expect(walked.problems).toEqual([
        { path: expect.stringMatching(/^d\/d\/.*….*\/d$/), reason: `folders more than ${MAX_DEPTH} levels deep are not read` },
      ]);
      expect(elapsed).toBeLessThan(1000);
    } finally {
      execFileSync('rm', ['-rf', deep]);
    }
  });
});
