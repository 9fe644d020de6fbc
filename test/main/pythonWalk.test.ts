import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPythonProject, scanPythonTree } from '../../main/services/python/importPython';
import { disposeScanPool } from '../../main/services/python/scanPool';
import { walkPythonTree } from '../../main/services/python/walk';

// The folder walk and source roots on small trees written by each test, and cancelling a pooled scan.

const made: string[] = [];

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-pywalk-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

afterEach(async () => {
  for (const dir of made.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

describe('walkPythonTree', () => {
  it('applies nested .gitignore files, their negations included', async () => {
    const dir = await tree({
      '.gitignore': 'secret.py\n',
      'app/.gitignore': '*.py\n!keep.py\n',
      'app/keep.py': '',
      'app/drop.py': '',
      'app/sub/also_dropped.py': '',
      'secret.py': '',
      'main.py': '',
      'node_modules/x.py': '',
      'pkg.egg-info/y.py': '',
    });
    const walked = await walkPythonTree(dir);
    expect(walked.files).toEqual(['app/keep.py', 'main.py']);
    expect(walked.skipped).toBe(5);
  });

  it('leaves out hidden folders and files, and reads a hidden folder that is imported itself', async () => {
    const dir = await tree({
      'shop/__init__.py': '',
      'shop/orders/__init__.py': 'from shop import catalog\n',
      'shop/catalog/__init__.py': 'X = 1\n',
      // saleor's semgrep rules: .py files that import the monolith, in a tool's folder
      '.semgrep/security/requests/no-use-requests-lib.py': 'import shop.orders\n',
      '.semgrep/correctness/celery.py': 'import shop.catalog\n',
      '.github/scripts/release.py': 'import os\n',
      'shop/.scratch.py': 'import shop\n',
    });
    const walked = await walkPythonTree(dir);
    expect(walked.files).toEqual(['shop/__init__.py', 'shop/catalog/__init__.py', 'shop/orders/__init__.py']);
    expect(walked.skipped).toBe(3);
    const result = await importPythonProject(dir, { granularity: 'auto', workers: 0 });
    expect(result.modules.map((m) => [m.name, m.id])).toEqual([
      ['shop.catalog', 'shop-catalog'],
      ['shop.orders', 'shop-orders'],
    ]);
    await fs.rename(path.join(dir, 'shop'), path.join(dir, '.semgrep/shop'));
    expect((await walkPythonTree(path.join(dir, '.semgrep'))).files).toEqual([
      'correctness/celery.py',
      'security/requests/no-use-requests-lib.py',
      'shop/__init__.py',
      'shop/catalog/__init__.py',
      'shop/orders/__init__.py',
    ]);
  });

  it('follows a symlinked folder once and ends a loop', async () => {
    const dir = await tree({ 'real/a.py': '' });
    await fs.symlink(path.join(dir, 'real'), path.join(dir, 'alias'));
    await fs.symlink('..', path.join(dir, 'real/up'));
    const walked = await walkPythonTree(dir);
    expect(walked.files).toHaveLength(1);
  });
});

describe('source roots', () => {
  it('reads setup.cfg package_dir and names modules from it', async () => {
    const dir = await tree({
      'setup.cfg': '[metadata]\nname = shop\n\n[options]\npackage_dir =\n    =lib\npackages = find:\n',
      'lib/shop/__init__.py': '',
      'lib/shop/orders.py': 'from . import __init__\n',
    });
    const scan = await scanPythonTree(dir, { workers: 0 });
    expect(scan.sourceRoots).toEqual(['', 'lib']);
    expect(scan.files.map((f) => f.module)).toEqual(['shop', 'shop.orders']);
  });

  it('reads pyproject package-dir and names namespace packages under it', async () => {
    const dir = await tree({
      'pyproject.toml': '[tool.setuptools]\npackage-dir = {"" = "code"}\n',
      'code/ns/tool.py': 'import os\n',
    });
    const scan = await scanPythonTree(dir, { workers: 0 });
    expect(scan.files.map((f) => f.module)).toEqual(['ns.tool']);
  });
});

describe('the worker pool', () => {
  it('serves imports one after another and two at once with the same results', async () => {
    const files: Record<string, string> = {};
    for (let k = 0; k < 300; k++) files[`pkg/m${k}.py`] = `import os\nfrom . import m${(k + 7) % 300}\n`;
    const dir = await tree(files);
    const options = { granularity: 'package' as const, workers: 2, helpUntilReady: false };
    const first = await importPythonProject(dir, options);
    const again = await importPythonProject(dir, options);
    const [a, b] = await Promise.all([importPythonProject(dir, options), importPythonProject(dir, options)]);
    await disposeScanPool();
    const inThread = await importPythonProject(dir, { ...options, workers: 0 });
    for (const result of [first, again, a, b]) expect(result.scan.files).toEqual(inThread.scan.files);
    expect(inThread.scan.files.reduce((n, f) => n + f.imports.length, 0)).toBe(600);
  });
});

describe('cancelling a pooled import', () => {
  it('rejects with the reason given while the workers are scanning', async () => {
    const files: Record<string, string> = {};
    for (let k = 0; k < 400; k++) files[`pkg/m${k}.py`] = `import os\nfrom . import m${(k + 1) % 400}\n`;
    const dir = await tree(files);
    const controller = new AbortController();
    const run = importPythonProject(dir, {
      granularity: 'package',
      workers: 2,
      helpUntilReady: false,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('cancelled while scanning')),
    });
    await expect(run).rejects.toThrow('cancelled while scanning');
  });
});
