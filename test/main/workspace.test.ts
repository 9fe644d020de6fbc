import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarveError } from '../../shared/api/result';
import { Workspace } from '../../main/services/workspace';

let base: string;
let root: string;
let outside: string;
let workspace: Workspace;

beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-ws-')));
  root = path.join(base, 'ws');
  outside = path.join(base, 'outside');
  await fs.mkdir(path.join(root, 'sub', 'deeper'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'secret.carve'), '{}');
  workspace = new Workspace(root);
});
afterEach(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof CarveError ? error.code : 'not a CarveError';
  }
}

describe('Workspace.resolve', () => {
  it('resolves relative paths against the root and accepts absolute paths inside it', () => {
    expect(workspace.resolve('a.carve')).toBe(path.join(root, 'a.carve'));
    expect(workspace.resolve('sub/../b.carve')).toBe(path.join(root, 'b.carve'));
    expect(workspace.resolve(path.join(root, 'sub', 'c.carve'))).toBe(path.join(root, 'sub', 'c.carve'));
    expect(workspace.resolve('.')).toBe(root);
  });

  it('refuses .. that climbs out, absolute paths elsewhere and a sibling sharing the prefix', async () => {
    await fs.mkdir(`${root}-evil`);
    expect(codeOf(() => workspace.resolve('../outside/secret.carve'))).toBe('outside-workspace');
    expect(codeOf(() => workspace.resolve('sub/../../outside'))).toBe('outside-workspace');
    expect(codeOf(() => workspace.resolve(path.join(outside, 'secret.carve')))).toBe('outside-workspace');
    expect(codeOf(() => workspace.resolve(`${root}-evil/x.carve`))).toBe('outside-workspace');
    expect(codeOf(() => workspace.resolve('/'))).toBe('outside-workspace');
  });

  it('refuses a symbolic link inside that points outside, for files below it and for new files too', async () => {
    await fs.symlink(outside, path.join(root, 'escape'));
    await fs.symlink(path.join(outside, 'secret.carve'), path.join(root, 'file-link.carve'));
    await fs.symlink(path.join(outside, 'not-yet.carve'), path.join(root, 'dangling.carve'));
    expect(codeOf(() => workspace.resolve('escape/secret.carve'))).toBe('outside-workspace');
    expect(codeOf(() => workspace.resolve('escape/new-file.carve'))).toBe('outside-workspace');
    expect(codeOf(() => workspace.resolve('file-link.carve'))).toBe('outside-workspace');
    expect(codeOf(() => workspace.resolve('dangling.carve'))).toBe('outside-workspace');
  });

  it('accepts a symbolic link that stays inside', async () => {
    await fs.symlink(path.join(root, 'sub'), path.join(root, 'alias'));
    expect(workspace.resolve('alias/x.carve')).toBe(path.join(root, 'alias', 'x.carve'));
  });

  it('says which path was refused, on one line', () => {
    try {
      workspace.resolve('../outside/secret.carve');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('../outside/secret.carve');
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('never returns a path whose real location is outside the root, whatever the path', async () => {
    await fs.symlink(outside, path.join(root, 'out'));
    await fs.symlink(path.join(root, 'sub'), path.join(root, 'in'));
    const segment = fc.constantFrom('..', '.', 'sub', 'deeper', 'out', 'in', 'x.carve', '', 'ws');
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(segment, { maxLength: 8 }), async (absolute, segments) => {
        const userPath = (absolute ? `${root}/` : '') + segments.join('/');
        if (userPath === '') return;
        let resolved: string;
        try {
          resolved = workspace.resolve(userPath);
        } catch (error) {
          expect((error as CarveError).code).toBe('outside-workspace');
          return;
        }
        const relative = path.relative(root, resolved);
        expect(relative.startsWith('..')).toBe(false);
        const real = await fs.realpath(resolved).catch(() => null);
        if (real) expect(path.relative(root, real).startsWith('..')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to start on a workspace folder that does not exist', () => {
    expect(codeOf(() => new Workspace(path.join(base, 'missing')))).toBe('not-found');
  });
});

describe('Workspace.list', () => {
  it('lists folders first, then .carve files, by name, without hidden entries or other files', async () => {
    for (const file of ['b.carve', 'A.carve', 'notes.txt', '.hidden.carve', 'c.CARVE', '10.carve', '9.carve']) {
      await fs.writeFile(path.join(root, file), '{}');
    }
    await fs.mkdir(path.join(root, 'zeta'));
    await fs.mkdir(path.join(root, '.git'));
    const listing = await workspace.list(null);
    expect(listing.dir).toBe(root);
    expect(listing.parent).toBeNull();
    expect(listing.entries.map((entry) => `${entry.kind}:${entry.name}`)).toEqual([
      'dir:sub',
      'dir:zeta',
      'file:9.carve',
      'file:10.carve',
      'file:A.carve',
      'file:b.carve',
      'file:c.CARVE',
    ]);
    expect(listing.entries[0]!.path).toBe(path.join(root, 'sub'));
  });

  it('gives the parent of a subfolder, and the root as parent of a first-level folder', async () => {
    const sub = await workspace.list('sub');
    expect(sub.parent).toBe(root);
    expect(sub.entries).toEqual([{ name: 'deeper', path: path.join(root, 'sub', 'deeper'), kind: 'dir' }]);
    expect((await workspace.list(path.join(root, 'sub', 'deeper'))).parent).toBe(path.join(root, 'sub'));
  });

  it('leaves out symbolic links that point outside, and keeps those that stay inside', async () => {
    await fs.symlink(outside, path.join(root, 'out'));
    await fs.symlink(path.join(outside, 'secret.carve'), path.join(root, 'secret.carve'));
    await fs.symlink(path.join(root, 'sub'), path.join(root, 'in'));
    const names = (await workspace.list(null)).entries.map((entry) => entry.name);
    expect(names).toEqual(['in', 'sub']);
  });

  it('refuses to list outside, a missing folder, or a file', async () => {
    await fs.writeFile(path.join(root, 'a.carve'), '{}');
    await expect(workspace.list('..')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(workspace.list('missing')).rejects.toMatchObject({ code: 'not-found' });
    await expect(workspace.list('a.carve')).rejects.toMatchObject({ code: 'not-a-file' });
  });
});
