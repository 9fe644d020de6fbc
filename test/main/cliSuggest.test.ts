import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openProjectFile } from '../../main/services/projectFiles';
import { runCarve } from './cliHarness';
import { day, makeRepo, type PlannedCommit } from './historyRepo';

// carve suggest end to end: a real repository with planted co-change (three groups of three packages that
// change together, one package that changes alone), imported with carve import-python, then suggested.

const GROUPS = [
  ['orders', 'payments', 'invoices'],
  ['catalog', 'search', 'reviews'],
  ['users', 'auth', 'profiles'],
];
const CROSSING = [
  ['orders', 'catalog'],
  ['search', 'users'],
  ['auth', 'invoices'],
];

function plannedHistory(): PlannedCommit[] {
  const commits: PlannedCommit[] = [];
  const packages = [...GROUPS.flat(), 'lonely'];
  packages.forEach((p, k) =>
    commits.push({ files: [`src/${p}/__init__.py`, `src/${p}/models.py`], author: 'Ann', time: day('2023-01-01') + k * 3600 }),
  );
  const touch = (modules: string[], time: number, author: string) =>
    commits.push({ files: modules.map((m) => `src/${m}/models.py`), author, time });
  for (let k = 0; k < 60; k++) {
    const [group, j] = [GROUPS[k % 3]!, Math.floor(k / 3)];
    touch([group[j % 3]!, group[(j + 1) % 3]!], day('2023-02-01') + k * 86_400, k % 2 === 0 ? 'Ann' : 'Bob');
  }
  touch(['lonely'], day('2024-01-01'), 'Cy');
  for (let k = 0; k < 30; k++) {
    const [group, j] = [GROUPS[k % 3]!, Math.floor(k / 3)];
    touch([group[(j + 2) % 3]!, group[j % 3]!], day('2024-08-01') + k * 86_400, 'Bob');
  }
  CROSSING.forEach((pair, k) => touch(pair, day('2024-10-01') + k * 86_400, 'Dee'));
  return commits;
}

let cwd: string;
let repo: string;
beforeAll(async () => {
  repo = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-suggest-repo-')));
  // The history cache of these runs stays in the test's own folder (not <temp>/carve-history).
  const cache = process.env.CARVE_HISTORY_CACHE;
  process.env.CARVE_HISTORY_CACHE = path.join(repo, '.history-cache');
  makeRepo(repo, plannedHistory());
  const imported = await runCarve(repo, ['import-python', 'src', '--out', path.join(repo, 'shop.carve'), '--granularity', 'package']);
  expect(imported.code).toBe(0);
  return async () => {
    if (cache === undefined) delete process.env.CARVE_HISTORY_CACHE;
    else process.env.CARVE_HISTORY_CACHE = cache;
    await fs.rm(repo, { recursive: true, force: true });
  };
});
beforeEach(async () => {
  cwd = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-suggest-')));
  await fs.copyFile(path.join(repo, 'shop.carve'), path.join(cwd, 'shop.carve'));
});
afterEach(async () => {
  await fs.rm(cwd, { recursive: true, force: true });
});

describe('carve suggest', () => {
  it('recovers the planted groups from history before the cut-off, backtests the later commits exactly and writes a valid project', async () => {
    const run = await runCarve(cwd, [
      'suggest',
      'shop.carve',
      '--out',
      'split.carve',
      '--services',
      '3',
      '--history',
      path.join(repo, 'src'),
      '--history-until',
      '2024-06-30',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toContain('history: read 104 commits from 2023-01-01 to 2024-10-03');
    const report = JSON.parse(run.out.join('\n'));
    expect(report).toMatchObject({ accepted: 3, cutoff: '2024-07-01', commitsBefore: 71, commitsAfter: 33 });
    expect(report.perModule).toEqual({ commits: 33, crossing: 33, share: 1 });
    expect(report.alternatives.map((a: { target: number }) => a.target)).toEqual([3, 4, 8]);
    const three = report.alternatives[0];
    expect(three.services.map((s: { moduleIds: string[] }) => s.moduleIds.length)).toEqual([3, 3, 3]);
    expect(three.monolithModules).toBe(1);
    expect(three.backtest).toEqual({ commits: 33, crossing: 3, share: 3 / 33 });
    expect(three.randomMedian).toBeGreaterThan(0.5);
    for (const key of ['structuralModularity', 'crossingShareByWeight', 'perApp', 'staticOnly']) expect(typeof three[key]).toBe('number');

    const { project } = await openProjectFile(path.join(cwd, 'split.carve'));
    const nameOf = new Map(project.monolith.modules.map((m) => [m.id, m.name]));
    const groups = project.services.map((s) =>
      s.moduleIds
        .map((id) => nameOf.get(id)!)
        .sort()
        .join(','),
    );
    expect(groups.sort()).toEqual(GROUPS.map((g) => [...g].sort().join(',')).sort());
    for (const service of project.services) {
      const members = service.moduleIds.map((id) => nameOf.get(id)!);
      // Named from its domains ("Auth & Profiles"): every word is one of its modules, never "Users +2".
      for (const word of service.name.split(' & ')) expect(members.map((m) => m.charAt(0).toUpperCase() + m.slice(1))).toContain(word);
    }
    expect(project.layout.nodes.map((n) => n.id).sort()).toEqual(project.services.map((s) => s.id).sort());
    expect((await runCarve(cwd, ['validate', 'split.carve'])).code).toBe(0);

    const again = await runCarve(cwd, [
      'suggest',
      'shop.carve',
      '--out',
      'again.carve',
      '--services',
      '3',
      '--history',
      path.join(repo, 'src'),
      '--history-until',
      '2024-06-30',
      '--json',
    ]);
    expect(again.err[0]).toBe('history: read 104 commits from 2023-01-01 to 2024-10-03 (cached)');
    expect(JSON.parse(again.out.join('\n'))).toEqual(report);
    expect(await fs.readdir(path.join(repo, '.history-cache'))).toHaveLength(1);
  });

  it('holds the constraints of the flags, keeps services already made, and explains each service written', async () => {
    const src = path.join(repo, 'src');
    const pinned = await runCarve(cwd, [
      'suggest',
      'shop.carve',
      '--out',
      'pinned.carve',
      '--services',
      '1',
      '--history',
      src,
      '--history-until',
      '2024-06-30',
      '--leave',
      'orders,payments,invoices,catalog,search,reviews,lonely',
    ]);
    expect(pinned.code).toBe(0);
    const run = await runCarve(cwd, [
      'suggest',
      'pinned.carve',
      '--out',
      'split.carve',
      '--services',
      '3',
      '--history',
      src,
      '--history-until',
      '2024-06-30',
      '--keep-together',
      'orders,catalog',
      '--keep-apart',
      'payments,invoices/search,reviews',
      '--leave',
      'lonely',
    ]);
    expect(run.code).toBe(0);
    const { project: before } = await openProjectFile(path.join(cwd, 'pinned.carve'));
    const { project } = await openProjectFile(path.join(cwd, 'split.carve'));
    const nameOf = new Map(project.monolith.modules.map((m) => [m.id, m.name]));
    const serviceOf = new Map(project.services.flatMap((s) => s.moduleIds.map((id) => [nameOf.get(id)!, s.name] as const)));
    // The service of the first run (users, auth, profiles) is kept as it is (a pin); two more are proposed.
    expect(before.services).toHaveLength(1);
    expect(project.services).toContainEqual(
      expect.objectContaining({ id: before.services[0]!.id, name: before.services[0]!.name, moduleIds: before.services[0]!.moduleIds }),
    );
    expect(serviceOf.get('users')).toBe(serviceOf.get('auth'));
    expect(project.services).toHaveLength(3);
    expect(serviceOf.get('orders')).toBeDefined();
    expect(serviceOf.get('orders')).toBe(serviceOf.get('catalog'));
    expect(serviceOf.get('payments') === undefined || serviceOf.get('payments') !== serviceOf.get('invoices')).toBe(true);
    expect(serviceOf.get('search') === undefined || serviceOf.get('search') !== serviceOf.get('reviews')).toBe(true);
    expect(serviceOf.has('lonely')).toBe(false);
    const written = run.out.slice(run.out.indexOf('the 3 services written:') + 1, -1);
    expect(written).toHaveLength(3);
    expect(written.filter((line) => line.includes('(kept as it is)'))).toHaveLength(1);
    for (const line of written)
      expect(line).toMatch(
        /^ {2}\S.*: (\d+ modules: .*\d+ commits changing two or more of them|.* is one module).*\. (Most tied to .+|Nothing ties it to the rest)\.$/,
      );

    const unknown = await runCarve(cwd, ['suggest', 'shop.carve', '--out', 'x.carve', '--keep-apart', 'orders,nope']);
    expect(unknown).toMatchObject({ code: 2, err: ['carve: --keep-apart: the project has no module "nope" (see carve --help)'] });
    const both = await runCarve(cwd, [
      'suggest',
      'shop.carve',
      '--out',
      'x.carve',
      '--keep-together',
      'orders,auth',
      '--keep-apart',
      'auth,orders',
    ]);
    expect(both).toMatchObject({ code: 2, err: ['carve: auth and orders are both kept together and kept apart (see carve --help)'] });
    expect(await fs.readdir(cwd)).not.toContain('x.carve');
  });

  it('never replaces a file without --force, and replaces it with --force', async () => {
    await fs.writeFile(path.join(cwd, 'taken.carve'), 'mine');
    const refused = await runCarve(cwd, ['suggest', 'shop.carve', '--out', 'taken.carve']);
    expect(refused.code).toBe(1);
    expect(refused.err.at(-1)).toBe('taken.carve: already exists; Carve does not replace it (use --force, or choose another --out)');
    expect(await fs.readFile(path.join(cwd, 'taken.carve'), 'utf8')).toBe('mine');
    const forced = await runCarve(cwd, ['suggest', 'shop.carve', '--out', 'taken.carve', '--force']);
    expect(forced.code).toBe(0);
    expect((await runCarve(cwd, ['validate', 'taken.carve'])).code).toBe(0);
  });

  it('says the current design is trivially zero when the project has no services, and gives its figure when it has', async () => {
    const history = ['--history', path.join(repo, 'src'), '--history-until', '2024-06-30', '--services', '3'];
    const empty = await runCarve(cwd, ['suggest', 'shop.carve', '--out', 'split.carve', ...history]);
    expect(empty.code).toBe(0);
    expect(empty.out).toContain(
      'backtest of the current design 0 (no services yet: no commit can cross one), one service per module 1.000',
    );
    const split = await runCarve(cwd, ['suggest', 'split.carve', '--out', 'again.carve', ...history]);
    expect(split.code).toBe(0);
    // The three planted groups, accepted: 3 of the 33 later commits cross them.
    expect(split.out).toContain('backtest of the current design 0.091, one service per module 1.000');
  });

  it('goes on with a one-line note when there is no history or no repository', async () => {
    const none = await runCarve(cwd, ['suggest', 'shop.carve', '--out', 'a.carve']);
    expect(none.code).toBe(0);
    expect(none.err).toEqual(['no --history DIR: the proposal uses the static graph only, and nothing is backtested']);
    expect(none.out).toContain('no backtest: no history');
    const plain = path.join(cwd, 'plain');
    await fs.mkdir(plain);
    const outside = await runCarve(cwd, ['suggest', 'shop.carve', '--out', 'b.carve', '--history', 'plain']);
    expect(outside.code).toBe(0);
    expect(outside.err[0]).toBe('history: the folder is not in a git repository: no history read');
  });

  it('exits 2 for a usage mistake and 1 with one line for a bad project or folder, writing nothing', async () => {
    const usage = [
      ['suggest', 'shop.carve'],
      ['suggest', 'shop.carve', '--out', 'x.carve', '--services', '0'],
      ['suggest', 'shop.carve', '--out', 'x.carve', '--history-until', '2024-13-01'],
      ['suggest', 'shop.carve', '--out', '-', '--json'],
      ['suggest', '--out', 'x.carve'],
    ];
    for (const argv of usage) {
      const run = await runCarve(cwd, argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(/^carve: .+ \(see carve --help\)$/);
    }
    const missing = await runCarve(cwd, ['suggest', 'nope.carve', '--out', 'x.carve']);
    expect(missing).toMatchObject({ code: 1, err: ['nope.carve was not found'] });
    const notFolder = await runCarve(cwd, ['suggest', 'shop.carve', '--out', 'x.carve', '--history', 'nowhere']);
    expect(notFolder).toMatchObject({ code: 1, err: ['nowhere: not a folder'] });
    expect((await fs.readdir(cwd)).sort()).toEqual(['shop.carve']);
  });
});
