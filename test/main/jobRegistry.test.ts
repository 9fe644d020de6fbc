import { describe, expect, it } from 'vitest';
import { JobRegistry, type JobContext } from '../../main/services/jobs/jobRegistry';
import type { ExportedFile } from '../../shared/api/contract';

// The rules of the job registry itself, with work whose end the test decides (the real imports and exports
// through it are in jobs.test.ts): a cancel that comes too late, progress after a cancel, the queue's limit,
// a result that cannot be published, an id in use.

/** A piece of work that runs until the test settles it. */
function held<V>() {
  let context: JobContext | null = null;
  let settle: { resolve(value: V): void; reject(error: unknown): void } | null = null;
  let begun = () => {};
  const started = new Promise<void>((resolve) => (begun = resolve));
  const work = (given: JobContext) =>
    new Promise<V>((resolve, reject) => {
      context = given;
      settle = { resolve, reject };
      begun();
    });
  return {
    work,
    started,
    context: () => context!,
    resolve: (value: V) => settle!.resolve(value),
    reject: (error: unknown) => settle!.reject(error),
  };
}

const file: ExportedFile = { path: '/tmp/r.md', bytes: 10, pages: null };
const registryWithExports = (concurrency = 1) => {
  const registry = new JobRegistry();
  return { registry, exports: registry.define({ kind: 'export', noun: 'export', concurrency, publish: (value: ExportedFile) => value }) };
};

describe('JobRegistry', () => {
  it('a job that finishes before it can stop is done: its result is real (the file was written)', async () => {
    const { registry, exports } = registryWithExports();
    const job = held<ExportedFile>();
    const id = exports.start(job.work, { subject: '/tmp/r.md', label: 'Starting' });
    await job.started;
    expect(registry.cancel(id)).toMatchObject({ state: 'running', progress: { label: 'Cancelling…' } });
    expect(job.context().signal.aborted).toBe(true);
    job.resolve(file);
    expect(await registry.settled(id)).toMatchObject({ state: 'done', result: file, error: null });
  });

  it('ignores progress after a cancel, and a work that then throws anything ends cancelled in the kind’s words', async () => {
    const { registry, exports } = registryWithExports();
    const job = held<ExportedFile>();
    const id = exports.start(job.work, { subject: '/tmp/r.md', label: 'Starting' });
    await job.started;
    job.context().progress({ done: 1, total: 4, label: 'Planning', stage: 'planning' });
    expect(registry.status(id).progress).toEqual({ done: 1, total: 4, label: 'Planning', stage: 'planning' });
    registry.cancel(id);
    job.context().progress({ done: 2, total: 4, label: 'Rendering', stage: 'rendering' });
    expect(registry.status(id).progress.label).toBe('Cancelling…');
    job.reject(new Error('socket closed\n    at Socket.emit'));
    expect(await registry.settled(id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled', message: 'Export cancelled' } });
  });

  it('runs as many jobs of a kind at once as its concurrency, then starts the queued ones in order', async () => {
    const { registry, exports } = registryWithExports(2);
    const jobs = [held<ExportedFile>(), held<ExportedFile>(), held<ExportedFile>()];
    const ids = jobs.map((job, k) => exports.start(job.work, { subject: `/tmp/${k}.md`, label: 'Starting' }));
    expect(ids.map((id) => registry.status(id).state)).toEqual(['running', 'running', 'queued']);
    await jobs[1]!.started;
    jobs[1]!.resolve(file);
    await registry.settled(ids[1]!);
    await jobs[2]!.started;
    expect(ids.map((id) => registry.status(id).state)).toEqual(['running', 'done', 'running']);
  });

  it('a failure that is no CarveError, or a result that cannot be published, ends failed in one line', async () => {
    const registry = new JobRegistry();
    const exports = registry.define({
      kind: 'export',
      noun: 'export',
      publish: (value: ExportedFile) => {
        if (value.bytes < 0) throw new Error('negative size\nat publish');
        return value;
      },
    });
    const crash = held<ExportedFile>();
    const crashed = exports.start(crash.work, {
      subject: '/tmp/a.md',
      label: 'Starting',
      describeFailure: (error) => `/tmp/a.md: the export failed (${String(error)})`,
    });
    await crash.started;
    crash.reject('disk on fire\nsecond line');
    expect(await registry.settled(crashed)).toMatchObject({
      state: 'failed',
      error: { code: 'internal', message: '/tmp/a.md: the export failed (disk on fire' },
    });
    const odd = held<ExportedFile>();
    const unpublishable = exports.start(odd.work, { subject: '/tmp/b.md', label: 'Starting' });
    await odd.started;
    odd.resolve({ ...file, bytes: -1 });
    expect(await registry.settled(unpublishable)).toMatchObject({
      state: 'failed',
      result: null,
      error: { code: 'internal', message: 'The export failed: negative size' },
    });
  });

  it('refuses an id that names a job still running, reuses one that has ended, and tells kinds apart', async () => {
    const { registry, exports } = registryWithExports();
    const imports = registry.define({
      kind: 'import',
      noun: 'import',
      publish: () => ({ files: 0, lines: 0, skipped: 0, problemCount: 0, elapsedMs: 0 }),
    });
    const job = held<ExportedFile>();
    exports.start(job.work, { subject: '/tmp/r.md', label: 'Starting', id: 'mine' });
    expect(() => exports.start(held<ExportedFile>().work, { subject: '/tmp/r.md', label: 'Starting', id: 'mine' })).toThrow(
      'Export mine is already running',
    );
    expect(() => imports.status('mine')).toThrow('No import job mine: it never started here, or it ended and was dropped');
    await job.started;
    job.resolve(file);
    await registry.settled('mine');
    const again = held<ExportedFile>();
    exports.start(again.work, { subject: '/tmp/r2.md', label: 'Starting', id: 'mine' });
    expect(registry.status('mine')).toMatchObject({ state: 'running', subject: '/tmp/r2.md' });
  });
});
