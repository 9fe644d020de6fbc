import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/contract';
import { followJob, type JobApi } from '../../shared/api/jobs';
import type { Router } from '../../shared/api/router';
import { createProject } from '../../shared/model/create';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { suggestBoundaries } from '../../main/services/history/suggestBoundaries';
import { apiOverJson, browserRouter } from './browserHost';
import { installBlockingGit, stopWaitingGit } from './blockingGit';
import { makeRepo, plantedCommits, PLANTED_GROUPS } from './historyRepo';

// boundaries:suggest as a job of the browser host's one registry, on a real git repository in the workspace.
// A `git` first on PATH (a shell script) runs the real git and, for `git log`, writes its pid to a file and then
// waits on a FIFO: the test sees the job mid-read, releases it or cancels it, without waiting on time.

let base: string;
let router: Router;
let api: JobApi;
let project: Project;
let mark: string;
let fifo: string;
let restore: () => void;

beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-suggest-job-')));
  makeRepo(path.join(base, 'workspace', 'shop'), plantedCommits('src/'));
  ({ mark, fifo, restore } = await installBlockingGit(base));
  const modules = PLANTED_GROUPS.flat().map((name) => ({ id: name, name: `shop.${name}`, path: name, linesOfCode: 500 }));
  const empty = createProject('Shop');
  project = ProjectSchema.parse({ ...empty, monolith: { ...empty.monolith, modules } });
  router = browserRouter(path.join(base, 'workspace'), path.join(base, 'user-data'));
  api = apiOverJson(router);
});
afterEach(async () => {
  restore();
  await stopWaitingGit(mark);
  await fs.rm(base, { recursive: true, force: true });
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function start(request: Record<string, unknown>): Promise<string> {
  const started = await router('boundaries:suggest', { project, historyDir: 'shop/src', services: 2, until: '2024-01-01', ...request });
  if (!started.ok) throw new Error(started.error.message);
  return (started.value as { jobId: string }).jobId;
}

async function status(jobId: string): Promise<JobStatus> {
  const answer = await router('job:status', { jobId });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as JobStatus;
}

/** Ask for the status, turn after turn, until `ready` holds. */
async function until(jobId: string, ready: (status: JobStatus) => boolean): Promise<JobStatus> {
  for (;;) {
    const now = await status(jobId);
    if (ready(now)) return now;
    await nextTurn();
  }
}

describe('boundaries:suggest as a job', () => {
  it('shows the commits read while git runs, then the proposal, and answers the suggestion', async () => {
    const jobId = await start({});
    const reading = await until(jobId, (s) => /^Reading the history: [1-9]\d* commits?$/.test(s.progress.label));
    expect(reading).toMatchObject({
      kind: 'suggest',
      subject: 'Shop',
      state: 'running',
      progress: { done: 0, total: 2, stage: 'reading' },
    });
    await until(jobId, () => existsSync(mark));
    await fs.writeFile(fifo, 'go\n');
    const seen: string[] = [];
    const result = await followJob<JobStatus<'suggest'>>(api, jobId, { wait: nextTurn, onProgress: (s) => seen.push(s.progress.label) });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ accepted: 2, cutoff: '2024-01-02', commitsBefore: 30, commitsAfter: 11 });
    expect(result.value.notes).toEqual(['history: read 41 commits from 2023-01-01 to 2024-09-01']);
    const done = await status(jobId);
    expect(done).toMatchObject({ state: 'done', error: null, progress: { done: 2, total: 2, label: 'Proposing service boundaries' } });
    expect(seen.at(-1)).toBe('Proposing service boundaries');
    await fs.rm(mark);
  });

  it('is cancelled while git reads: git is stopped, and the job says so in one line', async () => {
    const jobId = await start({});
    await until(jobId, () => existsSync(mark));
    const pid = Number((await fs.readFile(mark, 'utf8')).trim());
    expect(() => process.kill(pid, 0)).not.toThrow();
    const cancelled = await router('job:cancel', { jobId });
    expect(cancelled.ok).toBe(true);
    const ended = await until(jobId, (s) => s.state !== 'running');
    expect(ended).toMatchObject({ state: 'cancelled', result: null, error: { code: 'cancelled', message: 'Suggestion cancelled' } });
    // The git log waiting on the FIFO was killed, not left behind.
    expect(() => process.kill(pid, 0)).toThrow();
    await fs.rm(mark);
  });

  it('ends cancelled when the cancel comes while the proposal runs (the proposal is not interrupted)', async () => {
    const controller = new AbortController();
    const reason = new Error('Suggestion cancelled');
    const steps: string[] = [];
    const suggesting = suggestBoundaries(
      project,
      { historyDir: null, until: null, services: 2 },
      {
        signal: controller.signal,
        onStep: (step) => {
          steps.push(step.stage);
          if (step.stage === 'proposing') controller.abort(reason);
        },
      },
    );
    await expect(suggesting).rejects.toBe(reason);
    expect(steps).toEqual(['proposing']);
  });

  it('fails in one line: a folder that is not there, a day that is not one; a folder outside the workspace does not start', async () => {
    const missing = await until(await start({ historyDir: 'shop/nope' }), (s) => s.state !== 'running');
    expect(missing).toMatchObject({ kind: 'suggest', state: 'failed', result: null, error: { code: 'not-found' } });
    expect(missing.error!.message).toMatch(/shop\/nope: not a folder$/);
    const badDay = await until(await start({ until: '2024-02-30' }), (s) => s.state !== 'running');
    expect(badDay.error).toEqual({ code: 'invalid-request', message: 'until: 2024-02-30 is not a day of the calendar' });
    for (const ended of [missing, badDay]) expect(ended.error!.message).not.toMatch(/\n|\[|at .*\(/);
    const outside = await router('boundaries:suggest', { project, historyDir: '../../etc', services: 2 });
    expect(outside).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
  });
});
