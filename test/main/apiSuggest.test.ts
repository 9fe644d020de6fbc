import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundarySuggestion } from '../../shared/boundaries/propose';
import type { Request } from '../../shared/api/contract';
import { runJob } from '../../shared/api/jobs';
import type { Result } from '../../shared/api/result';
import type { Router } from '../../shared/api/router';
import { createProject } from '../../shared/model/create';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { apiOverJson, browserRouter } from './browserHost';
import { day, makeRepo, type PlannedCommit } from './historyRepo';

// The API method boundaries:suggest through the router of the browser host: a real git repository in the
// workspace with two planted groups that change together, the alternatives with their explanations and
// backtests, the constraints, and one-line errors for bad requests.

const GROUPS = [
  ['orders', 'payments', 'invoices'],
  ['catalog', 'search', 'reviews'],
];

let base: string;
let router: Router;
let project: Project;
beforeAll(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-api-suggest-')));
  const cache = process.env.CARVE_HISTORY_CACHE;
  process.env.CARVE_HISTORY_CACHE = path.join(base, 'cache');
  const repo = path.join(base, 'workspace', 'shop');
  const commits: PlannedCommit[] = [];
  for (let k = 0; k < 40; k++) {
    const group = GROUPS[k % 2]!;
    const time = (k < 30 ? day('2023-01-01') : day('2024-06-01')) + k * 86_400;
    commits.push({ files: [group[k % 3]!, group[(k + 1) % 3]!].map((m) => `src/${m}/models.py`), author: k % 4 < 2 ? 'Ann' : 'Bob', time });
  }
  commits.push({ files: ['src/orders/models.py', 'src/search/models.py'], author: 'Cy', time: day('2024-09-01') });
  makeRepo(repo, commits);
  const modules = GROUPS.flat().map((name) => ({ id: name, name: `shop.${name}`, path: name, linesOfCode: 500 }));
  const base0 = createProject('Shop');
  project = ProjectSchema.parse({
    ...base0,
    monolith: { ...base0.monolith, modules, dependencies: [{ from: 'orders', to: 'payments', kind: 'data', weight: 2 }] },
  });
  router = browserRouter(path.join(base, 'workspace'), path.join(base, 'user-data'));
  return () => {
    if (cache === undefined) delete process.env.CARVE_HISTORY_CACHE;
    else process.env.CARVE_HISTORY_CACHE = cache;
  };
});
afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

/** boundaries:suggest as a job: started, then followed through job:status to its end (the one job poller). */
async function run(payload: Record<string, unknown>): Promise<Result<BoundarySuggestion>> {
  return runJob(
    apiOverJson(router),
    'boundaries:suggest',
    { project, historyDir: 'shop/src', ...payload } as Request<'boundaries:suggest'>,
    {
      wait: () => new Promise((resolve) => setImmediate(resolve)),
    },
  );
}

async function suggest(payload: Record<string, unknown>): Promise<BoundarySuggestion> {
  const result = await run(payload);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function failure(payload: Record<string, unknown>) {
  const result = await run(payload);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('boundaries:suggest', () => {
  it('answers the alternatives with names, explanations and backtests learned before the cut-off', async () => {
    const answer = await suggest({ services: 2, until: '2024-01-01' });
    expect(answer.notes).toEqual(['history: read 41 commits from 2023-01-01 to 2024-09-01']);
    expect(answer).toMatchObject({ accepted: 2, cutoff: '2024-01-02', commitsBefore: 30, commitsAfter: 11 });
    expect(answer.alternatives.map((a) => a.target)).toEqual([2, 4]);
    const two = answer.alternatives[0]!;
    expect(two.services.map((s) => s.moduleIds.join(',')).sort()).toEqual(['catalog,reviews,search', 'invoices,orders,payments']);
    // One commit of the eleven after the cut-off (orders with search) crosses the two services.
    expect(two.backtest).toEqual({ commits: 11, crossing: 1, share: 1 / 11 });
    expect(two.randomMedian!).toBeGreaterThan(two.backtest!.share);
    expect(typeof two.perApp).toBe('number');
    const orders = two.services.find((s) => s.moduleIds.includes('orders'))!;
    expect(orders.explanation.inside).toEqual({ imports: 0, foreignKeys: 2, commitsTogether: 15 });
    expect(orders.explanation.sharedOwners).toEqual([
      { author: 'Ann', modules: 3 },
      { author: 'Bob', modules: 3 },
    ]);
    expect(orders.explanation.summary).toMatch(/^3 modules: 2 foreign keys, 15 commits changing two or more of them; /);
    expect(orders.owners.map((o) => o.author).sort()).toEqual(['Ann', 'Bob']);
  });

  it('holds the constraints and keeps the services of the project as pins', async () => {
    const pinned = { ...project, services: [{ id: 'svc-billing', name: 'Billing', moduleIds: ['invoices'] }] };
    const answer = await suggest({
      project: ProjectSchema.parse(pinned),
      services: 3,
      until: '2024-01-01',
      keepTogether: [['orders', 'catalog']],
      leave: ['reviews'],
    });
    const three = answer.alternatives.find((a) => a.target === 3)!;
    expect(three.services[0]).toMatchObject({ id: 'svc-billing', name: 'Billing', moduleIds: ['invoices'], pinned: true });
    const owner = new Map(three.services.flatMap((s) => s.moduleIds.map((id) => [id, s.id] as const)));
    expect(owner.get('orders')).toBeDefined();
    expect(owner.get('orders')).toBe(owner.get('catalog'));
    expect(owner.has('reviews')).toBe(false);
  });

  it('works without history, saying so', async () => {
    const answer = await suggest({ historyDir: null, services: 2 });
    expect(answer.notes).toEqual(['no history folder: the proposal uses the static graph only, and nothing is backtested']);
    expect(answer.cutoff).toBeNull();
    expect(answer.alternatives[0]!.backtest).toBeNull();
  });

  it('refuses bad requests with one line each', async () => {
    expect(await failure({ until: '2024-02-30' })).toEqual({
      code: 'invalid-request',
      message: 'until: 2024-02-30 is not a day of the calendar',
    });
    expect(await failure({ keepApart: [['orders', 'nope']] })).toEqual({
      code: 'invalid-request',
      message: 'The project has no module "nope"',
    });
    expect(await failure({ keepTogether: [['orders', 'search']], keepApart: [['search', 'orders']] })).toEqual({
      code: 'invalid-request',
      message: 'shop.search and shop.orders are both kept together and kept apart',
    });
    expect(await failure({ historyDir: 'shop/missing' })).toMatchObject({ code: 'not-found' });
    expect((await failure({ historyDir: '../../outside' })).code).toBe('outside-workspace');
    const schema = await failure({ services: 0 });
    expect(schema.code).toBe('invalid-request');
    expect(schema.message).not.toContain('[');
  });
});
