import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPythonTree } from '../../main/services/python/importPython';
import { chooseWorkers, disposeScanPool, IN_THREAD_BELOW, prestartScanPool, scanFiles } from '../../main/services/python/scanPool';
import { walkPythonTree } from '../../main/services/python/walk';

// How many threads scan a tree, and that the answer never changes what is read.

const fixture = path.resolve(__dirname, '../fixtures/python');
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-pool-'));
  await fs.cp(fixture, dir, { recursive: true });
  // Enough files for the default to choose workers: the fixture's own, and a package of 240 more.
  await fs.mkdir(path.join(dir, 'bulk'));
  await fs.writeFile(path.join(dir, 'bulk/__init__.py'), '');
  for (let k = 0; k < 240; k++) {
    await fs.writeFile(
      path.join(dir, `bulk/m${k}.py`),
      `import os\nfrom . import m${(k + 3) % 240}\n\n\nclass C${k}(m${k % 7}.Base):\n    x = f"{k}"\n`,
    );
  }
});

afterAll(async () => {
  await disposeScanPool();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the number of scan workers', () => {
  it('is chosen from the number of files alone, unless asked for', () => {
    expect(chooseWorkers(0)).toBe(0);
    expect(chooseWorkers(IN_THREAD_BELOW - 1)).toBe(0);
    expect(chooseWorkers(IN_THREAD_BELOW)).toBe(2);
    expect(chooseWorkers(100_000)).toBe(2);
    expect(chooseWorkers(IN_THREAD_BELOW - 1)).toBe(chooseWorkers(IN_THREAD_BELOW - 1));
    expect(chooseWorkers(5, { workers: 1 })).toBe(1);
    expect(chooseWorkers(100_000, { workers: 0 })).toBe(0);
    expect(chooseWorkers(300, { inThreadBelow: 400 })).toBe(0);
  });

  it('changes nothing in what is read: the same scan with 0, 1 and 2 workers', async () => {
    await disposeScanPool();
    const inThread = await scanPythonTree(dir, { workers: 0 });
    expect(inThread.files.length).toBeGreaterThanOrEqual(IN_THREAD_BELOW);
    for (const workers of [1, 2]) {
      const pooled = await scanPythonTree(dir, { workers, helpUntilReady: false });
      expect(pooled.files).toEqual(inThread.files);
      expect(pooled.problems).toEqual(inThread.problems);
      await disposeScanPool();
    }
    // The default for a tree this size: workers started during the walk, and this thread helping until they are up.
    const byDefault = await scanPythonTree(dir);
    expect(byDefault.files).toEqual(inThread.files);
  });

  it('scans through workers started before the walk, with the same outcomes as in this thread', async () => {
    await disposeScanPool();
    prestartScanPool({ workers: 2 });
    const walked = await walkPythonTree(dir);
    let progressed = 0;
    // helpUntilReady false: every file goes through the prestarted workers.
    const outcomes = await scanFiles(dir, walked.files, { workers: 2, helpUntilReady: false, onProgress: (done) => (progressed = done) });
    expect(outcomes.map((o) => o.path)).toEqual(walked.files);
    expect(progressed).toBe(walked.files.length);
    const inThread = await scanFiles(dir, walked.files, { workers: 0 });
    expect(outcomes).toEqual(inThread);
  });
});
