import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { scanPythonTree } from '../../main/services/python/importPython';
import { Workspace } from '../../main/services/workspace';
import type { DirListing } from '../../shared/api/contract';
import { createRouter } from '../../shared/api/router';
import { serializeProject } from '../../shared/format/save';
import { createProject } from '../../shared/model/create';
import { runCarve } from './cliHarness';

// Item 8 of issue 10: a file whose name is not UTF-8 is reported as such, not as "not found". Node reads such
// a name (from argv or a folder listing) with U+FFFD in place of the bytes, and that name opens nothing.

let base: string;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-names-')));
});
afterEach(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

/** `caf\xe9.carve` (Latin-1 é) in `dir`; returns the name as Node reads it back. */
async function latin1Project(dir: string): Promise<string> {
  await fs.writeFile(
    Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.carve')]),
    serializeProject(createProject('Cafe')),
  );
  const [name] = (await fs.readdir(dir)).filter((n) => n.endsWith('.carve'));
  return name!;
}

describe('file names that are not UTF-8', () => {
  it('carve validate names the problem, not "not found"', async () => {
    const name = await latin1Project(base);
    expect(name).toBe('caf\uFFFD.carve');
    const run = await runCarve(base, ['validate', name]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual(['caf\uFFFD.carve: its name is not valid UTF-8, so Carve cannot open it (rename it)']);
  });

  it('the browser host lists it and project:open says what it is', async () => {
    const ws = path.join(base, 'ws');
    await fs.mkdir(ws);
    await latin1Project(ws);
    const userData = path.join(base, 'user-data');
    const router = createRouter(
      createHandlers({
        host: 'browser',
        userDataDir: userData,
        preferences: createConfPreferences(userData, () => {}),
        workspace: new Workspace(ws),
      }),
    );
    const listed = await router('fs:list', { dir: null });
    if (!listed.ok) throw new Error(listed.error.message);
    const entry = (listed.value as DirListing).entries[0]!;
    const opened = await router('project:open', { path: entry.path });
    expect(opened).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'caf\uFFFD.carve: its name is not valid UTF-8, so Carve cannot open it (rename it)' },
    });
  });

  it('a name too long for the system is the input at fault, not an internal error', async () => {
    const run = await runCarve(base, ['validate', `${'n'.repeat(300)}.carve`]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([`Could not open ${'n'.repeat(300)}.carve: its name is too long`]);
  });

  it('the Python import reports such files as not valid UTF-8 and reads the others', async () => {
    await fs.mkdir(path.join(base, 'app'));
    await fs.writeFile(path.join(base, 'app/__init__.py'), '');
    await fs.writeFile(path.join(base, 'app/ok.py'), 'import os\n');
    await fs.writeFile(Buffer.concat([Buffer.from(`${base}/app/m`), Buffer.from([0xe9]), Buffer.from('.py')]), 'import os\n');
    const scan = await scanPythonTree(base, { workers: 0 });
    expect(scan.files.map((f) => f.path)).toEqual(['app/__init__.py', 'app/ok.py']);
    expect(scan.problems).toEqual([{ path: 'app/m\uFFFD.py', reason: 'its name is not valid UTF-8: not read' }]);
  });
});
