import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareScenarios } from '../../shared/analysis/compareScenarios';
import { loadProject } from '../../shared/format/load';
import { runCarve } from './cliHarness';
import { day, isolateHistoryCache, makeRepo } from './historyRepo';

// carve scenarios, run in-process on real files in a temp folder (and a real git repository for the backtest).

const fixture = (name: string) => readFileSync(new URL(`../fixtures/format/${name}`, import.meta.url));

let cwd: string;
let restoreCache: () => void;
beforeEach(async () => {
  cwd = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-scenarios-')));
  await fs.writeFile(path.join(cwd, 'shop.carve'), fixture('v2.carve'));
  await fs.writeFile(path.join(cwd, 'old.carve'), fixture('v1.carve'));
  restoreCache = isolateHistoryCache(cwd);
});
afterEach(async () => {
  restoreCache();
  await fs.rm(cwd, { recursive: true, force: true });
});

const carve = (...argv: string[]) => runCarve(cwd, argv);
const read = (name: string) => fs.readFile(path.join(cwd, name));

describe('carve scenarios PROJECT', () => {
  it('prints one row per scenario, the active one marked, with its metrics, plan and dates', async () => {
    const { code, out, err } = await carve('scenarios', 'shop.carve');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^\s+scenario\s+services\s+modularity\s+crossing\s+cycles\s+phases\s+effort\s+weeks\s+start\s+end$/);
    expect(out[1]).toMatch(
      /^\* {2}Payments first {4}\s+2\s+-?\d\.\d{3}\s+\d\.\d{3}\s+0\s+\d+\s+[\d.]+\s+\d+\s+2027-01-04\s+\d{4}-\d{2}-\d{2}$/,
    );
    expect(out[2]).toMatch(/^ {3}One store service\s+1\s.*2027-03-01\s+\d{4}-\d{2}-\d{2}$/);
    expect(out).toContain('no backtest: give --history DIR (the imported source folder in its git repository).');
  });

  it('prints the comparison as JSON, the same as compareScenarios gives', async () => {
    const { code, out } = await carve('scenarios', 'shop.carve', '--json');
    expect(code).toBe(0);
    const printed = JSON.parse(out.join('\n')) as unknown;
    expect(printed).toEqual(compareScenarios(loadProject(fixture('v2.carve'))));
    expect(Object.keys((printed as { scenarios: object[] }).scenarios[0]!)).toEqual([
      'id',
      'name',
      'description',
      'active',
      'services',
      'modulesInServices',
      'monolithModules',
      'structuralModularity',
      'crossingShareByWeight',
      'cycles',
      'phases',
      'effortPersonWeeks',
      'start',
      'end',
      'weeks',
      'warnings',
      'backtest',
    ]);
  });

  it('opens a version 1 file as one scenario, "Current design"', async () => {
    const { code, out } = await carve('scenarios', 'old.carve', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out.join('\n')) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toEqual(['Current design']);
  });

  it('refuses a file from a newer Carve and a hostile scenario in one line, exit 1', async () => {
    await fs.writeFile(
      path.join(cwd, 'new.carve'),
      fixture('v2.carve').toString('utf8').replace('"formatVersion": 2', '"formatVersion": 3'),
    );
    expect(await carve('scenarios', 'new.carve')).toEqual({
      code: 1,
      out: [],
      err: ['new.carve: made by a newer Carve: format version 3, this Carve reads up to 2'],
    });
    await fs.writeFile(
      path.join(cwd, 'bad.carve'),
      fixture('v2.carve').toString('utf8').replace('"catalog",\n              "orders"', '"catalog",\n              "gone"'),
    );
    const bad = await carve('scenarios', 'bad.carve');
    expect(bad.code).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(
      /^bad\.carve: .*scenario "One store service": service "store" lists module "gone" that does not exist \(at project\.otherScenarios\[0\]\.services\[0\]\.moduleIds\[1\]\)$/,
    );
  });

  it('backtests each scenario on a real git history after --history-until', async () => {
    const repo = path.join(cwd, 'repo');
    const files = (...modules: string[]) => modules.map((m) => `bookshop/${m}/models.py`);
    makeRepo(repo, [
      { files: files('catalog', 'orders', 'payments', 'accounts'), author: 'Ann', time: day('2024-06-01') },
      { files: files('catalog', 'orders'), author: 'Ann', time: day('2025-02-01') }, // both in the monolith | both in Store
      { files: files('payments', 'accounts'), author: 'Bob', time: day('2025-02-02') }, // two services | both in the monolith
      { files: files('orders', 'payments'), author: 'Bob', time: day('2025-02-03') }, // crosses in both
      { files: files('catalog'), author: 'Ann', time: day('2025-02-04') },
    ]);
    const { code, out, err } = await carve('scenarios', 'shop.carve', '--history', 'repo', '--history-until', '2025-01-01', '--json');
    expect(code).toBe(0);
    expect(err).toEqual([expect.stringMatching(/^history: read 5 commits/)]);
    const { scenarios, history } = JSON.parse(out.join('\n')) as ReturnType<typeof compareScenarios>;
    expect(history).toEqual({ cutoff: '2025-01-02', commitsAfter: 4 });
    expect(scenarios.map((s) => [s.name, s.backtest?.commits, s.backtest?.crossing, s.backtest?.share])).toEqual([
      ['Payments first', 4, 2, 0.5],
      ['One store service', 4, 1, 0.25],
    ]);
    const table = await carve('scenarios', 'shop.carve', '--history', 'repo', '--history-until', '2025-01-01');
    expect(table.out[0]).toMatch(/\s+backtest\s+random\s+per app$/);
    expect(table.out[1]).toMatch(/\s0\.500\s+\d\.\d{3}\s+\d\.\d{3}$/);
    expect(table.out).toContain(
      'backtest: share of the 4 commits from 2025-01-02 on that touch more than one service (lower is better); random: the median of random partitions of the same sizes; per app: one service per app, merged on imports and data to as many groups.',
    );
  });

  it('says in one line that --history is not a folder, and refuses bad options with exit 2', async () => {
    expect(await carve('scenarios', 'shop.carve', '--history', 'nowhere')).toMatchObject({ code: 1, err: ['nowhere: not a folder'] });
    expect(await carve('scenarios', 'shop.carve', '--history', '.', '--history-until', '2025-13-45')).toMatchObject({ code: 2 });
    expect(await carve('scenarios', 'shop.carve', '--history-until', '2025-01-01')).toMatchObject({ code: 2 });
    expect(await carve('scenarios', 'shop.carve', '--out', 'x.carve')).toMatchObject({ code: 2 });
    expect(await carve('scenarios', 'shop.carve', '--switch', 'big-store')).toMatchObject({ code: 2 });
    expect(await carve('scenarios', 'shop.carve', '--switch', 'big-store', '--out', 'x.carve', '--json')).toMatchObject({ code: 2 });
    expect(await carve('scenarios')).toMatchObject({ code: 2 });
  });
});

describe('carve scenarios PROJECT --switch NAME --out FILE', () => {
  it('writes the project with that scenario active (by name in any case, or by id), leaving PROJECT as it was', async () => {
    const before = await read('shop.carve');
    const { code, err } = await carve('scenarios', 'shop.carve', '--switch', 'one STORE service', '--out', 'store.carve');
    expect({ code, err }).toEqual({
      code: 0,
      err: ['Wrote store.carve: "One store service" is the active scenario (was "Payments first")'],
    });
    const switched = loadProject(await read('store.carve'));
    expect(switched.scenario.id).toBe('big-store');
    expect(switched.services.map((s) => s.id)).toEqual(['store']);
    expect(switched.otherScenarios.map((s) => s.id)).toEqual(['payments-first']);
    expect(await read('shop.carve')).toEqual(before);
    // Switching back by id gives the original bytes again.
    expect((await carve('scenarios', 'store.carve', '--switch', 'payments-first', '--out', 'back.carve')).code).toBe(0);
    expect(await read('back.carve')).toEqual(before);
  });

  it('never replaces a file without --force, and replaces PROJECT itself with it', async () => {
    await fs.writeFile(path.join(cwd, 'taken.carve'), 'keep me');
    const refused = await carve('scenarios', 'shop.carve', '--switch', 'big-store', '--out', 'taken.carve');
    expect(refused).toMatchObject({
      code: 1,
      err: ['taken.carve: already exists; Carve does not replace it (use --force, or choose another --out)'],
    });
    expect((await read('taken.carve')).toString()).toBe('keep me');
    expect((await carve('scenarios', 'shop.carve', '--switch', 'big-store', '--out', 'shop.carve', '--force')).code).toBe(0);
    expect(loadProject(await read('shop.carve')).scenario.id).toBe('big-store');
  });

  it('names the scenarios when NAME is none of them, and writes nothing', async () => {
    const { code, err } = await carve('scenarios', 'shop.carve', '--switch', 'Plan Z', '--out', 'z.carve');
    expect({ code, err }).toEqual({
      code: 1,
      err: ['shop.carve: no scenario named "Plan Z" (its scenarios: "Payments first", "One store service")'],
    });
    await expect(fs.stat(path.join(cwd, 'z.carve'))).rejects.toThrow();
  });
});
