import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The Electronegativity gate (scripts/electronegativity.mjs, `npm run test:security`) must fail on insecure
// Electron code: a gate that always passes protects nothing. `npm run test:security` runs it on Carve itself.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('Electronegativity gate', () => {
  it('fails, naming the findings, on a window without isolation and sandbox', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'carve-gate-'));
    folders.push(project);
    await mkdir(path.join(project, 'main'));
    await cp(path.join(root, 'package.json'), path.join(project, 'package.json'));
    await writeFile(
      path.join(project, 'main', 'window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const window = new BrowserWindow({',
        '  webPreferences: { contextIsolation: false, sandbox: false, nodeIntegration: true },',
        '});',
        "void window.loadURL('file:///index.html');",
      ].join('\n'),
    );
    const outcome = await run(process.execPath, [path.join(root, 'scripts', 'electronegativity.mjs'), project]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/FINDING: main\/window\.ts:\d+:\d+ CONTEXT_ISOLATION_JS_CHECK \(HIGH\)/);
    expect(outcome.stderr).toMatch(/SANDBOX_JS_CHECK/);
    expect(outcome.stderr).toMatch(/CSP_GLOBAL_CHECK/);
    expect(outcome.stderr.trim().split('\n').at(-1)).toMatch(/^Electronegativity .*: FAILED$/);
  });
});
