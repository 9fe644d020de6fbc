import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProjectFile } from '../../main/services/projectFiles';
import { runCarve } from './cliHarness';

// carve import-python DIR --out FILE on test/fixtures/python: progress and problems on stderr, exit codes.

const FIXTURE = path.resolve(__dirname, '../fixtures/python');

let cwd: string;
beforeEach(async () => {
  cwd = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-import-cli-')));
});
afterEach(async () => {
  await fs.rm(cwd, { recursive: true, force: true });
});

describe('carve import-python', () => {
  it('writes a project, shows progress to the total and lists unreadable files as path: reason, exit 0', async () => {
    const run = await runCarve(cwd, ['import-python', FIXTURE, '--out', 'shop.carve', '--name', 'Shop']);
    expect(run.code).toBe(0);
    expect(run.err.filter((line) => line.startsWith('scanned ')).at(-1)).toMatch(/^scanned (\d+) of \1 files$/);
    expect(run.err).toEqual(
      expect.arrayContaining([
        'lexer_cases/bad_bytes.py: not valid UTF-8 (line 2) and no coding declaration',
        expect.stringMatching(/^lexer_cases\/broken_string\.py: unterminated triple-quoted string literal \(line \d+\)$/),
      ]),
    );
    expect(run.out).toEqual([
      expect.stringMatching(/^Wrote shop\.carve: \d+ modules, \d+ dependencies from \d+ files .* 4 files with problems/),
    ]);
    // The default granularity is chosen for the tree (it has INSTALLED_APPS: Django apps), and said on stderr.
    const reason = `modules: Django project (INSTALLED_APPS): chose Django apps, ${run.out[0]!.split(' ')[2]} modules`;
    expect(run.err.filter((line) => line.startsWith(reason))).toHaveLength(1);
    const { project } = await openProjectFile(path.join(cwd, 'shop.carve'));
    expect(project.name).toBe('Shop');
    expect(project.monolith.framework).toBe('django');
    expect(project.monolith.modules.map((m) => m.name)).toEqual(expect.arrayContaining(['accounts', 'catalog', 'orders']));
    expect(project.monolith.dependencies.every((d) => d.evidence.length > 0)).toBe(true);
  });

  it('groups at the granularity asked for, and replaces a file only with --force', async () => {
    expect((await runCarve(cwd, ['import-python', FIXTURE, '--out', 'p.carve', '--granularity', 'package'])).code).toBe(0);
    const again = await runCarve(cwd, ['import-python', FIXTURE, '--out', 'p.carve', '-g', 'depth:3']);
    expect(again.code).toBe(1);
    expect(again.err.at(-1)).toMatch(/^p\.carve: already exists/);
    expect((await runCarve(cwd, ['import-python', FIXTURE, '--out', 'p.carve', '-g', 'depth:3', '--force'])).code).toBe(0);
    const { project } = await openProjectFile(path.join(cwd, 'p.carve'));
    expect(project.monolith.modules.map((m) => m.name)).toContain('lexer_cases.deep.deeper');
    expect(project.name).toBe('python');
  });

  it('fails with exit 1 and one line for a missing folder', async () => {
    const run = await runCarve(cwd, ['import-python', 'nope', '--out', 'x.carve']);
    expect(run).toEqual({ code: 1, out: [], err: ['nope: no such folder'] });
    await expect(fs.stat(path.join(cwd, 'x.carve'))).rejects.toThrow();
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCarve(cwd, ['import-python', FIXTURE])).code).toBe(2);
    expect((await runCarve(cwd, ['import-python', '--out', 'x.carve'])).code).toBe(2);
    const bad = await runCarve(cwd, ['import-python', FIXTURE, '--out', 'x.carve', '--granularity', 'module']);
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual([expect.stringMatching(/--granularity must be auto, app, package or depth:N/)]);
  });
});
