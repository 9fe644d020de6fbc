import type { CarveApi } from './client';
import type { JobResults, JobStatus, Request } from './contract';
import { fail, ok, type Result } from './result';

// The one client of the job system, over the API client of any host (the preload bridge, HTTP, an in-process
// router): start a job, follow its status until it ends, passing each one to a progress callback, and cancel it
// when the caller's signal aborts. The renderer, the CLI and tests follow every kind of job the same way.

/** The methods that start a job, and the kind of job each starts. */
export interface JobStarts {
  'import:start': 'import';
  'export:start': 'export';
  'boundaries:suggest': 'suggest';
}
export type StartMethod = keyof JobStarts;

/** What the poller needs of the API. */
export type JobApi = Pick<CarveApi, StartMethod | 'job:status' | 'job:cancel'>;

/** The part of an AbortSignal (the DOM's and Node's alike) the poller uses; shared/ compiles without either. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Waits `ms`, or less when `signal` aborts. */
export type Wait = (ms: number, signal?: CancelSignal) => Promise<void>;

export interface FollowOptions<S extends JobStatus = JobStatus> {
  /** Every status read, the last (ended) one included. */
  onProgress?: (status: S) => void;
  /** Aborting asks the host to cancel the job; the poller goes on until the job has ended and answers how. */
  signal?: CancelSignal;
  /** Between two status calls; default POLL_MS. */
  intervalMs?: number;
  /** How to wait between calls (default: a timer); a test can wait on a state instead. */
  wait?: Wait;
}

export interface RunOptions<S extends JobStatus = JobStatus> extends FollowOptions<S> {
  /** The job's id, as soon as the host gave it (an import's id names it for import:project). */
  onStart?: (jobId: string) => void;
}

/** How often a job's status is asked by default. */
export const POLL_MS = 250;

/** setTimeout is in every host this runs in (browser, Node, Electron), but not in the ES library shared/ uses. */
const timers = globalThis as unknown as { setTimeout(run: () => void, ms: number): unknown; clearTimeout(id: unknown): void };

const delay: Wait = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      timers.clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = timers.setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

const hasEnded = (status: JobStatus) => status.state === 'done' || status.state === 'failed' || status.state === 'cancelled';

/** What an ended job answers: its result when done, else its error (code 'cancelled' when it was cancelled). */
function outcome<S extends JobStatus>(status: S): Result<NonNullable<S['result']>> {
  if (status.state === 'done' && status.result !== null) return ok(status.result as NonNullable<S['result']>);
  return fail(status.error?.code ?? 'internal', status.error?.message ?? `The ${status.kind} ${status.subject} ended without a result`);
}

/**
 * Follow job `jobId` until it ends. A status call that fails (the host forgot the job, the connection dropped)
 * ends the following with that failure.
 */
export async function followJob<S extends JobStatus = JobStatus>(
  api: JobApi,
  jobId: string,
  options: FollowOptions<S> = {},
): Promise<Result<NonNullable<S['result']>>> {
  const { signal, onProgress, intervalMs = POLL_MS, wait = delay } = options;
  let cancelAsked = false;
  for (;;) {
    let answer: Result<JobStatus>;
    if (signal?.aborted && !cancelAsked) {
      cancelAsked = true;
      answer = await api['job:cancel']({ jobId });
    } else answer = await api['job:status']({ jobId });
    if (!answer.ok) return answer;
    const status = answer.value as S;
    onProgress?.(status);
    if (hasEnded(status)) return outcome(status);
    // A cancel asked for is sent at once; after it, the status is asked again at the usual pace.
    await wait(intervalMs, cancelAsked ? undefined : signal);
  }
}

/**
 * Start a job with `method` (import:start, export:start, boundaries:suggest) and follow it to its end: its result, or one-line error.
 * A signal aborted already starts nothing.
 */
export async function runJob<M extends StartMethod>(
  api: JobApi,
  method: M,
  request: Request<M>,
  options: RunOptions<JobStatus<JobStarts[M]>> = {},
): Promise<Result<JobResults[JobStarts[M]]>> {
  if (options.signal?.aborted) return fail('cancelled', 'Cancelled before it started; nothing was done');
  const start = api[method] as (request: Request<M>) => Promise<Result<{ jobId: string }>>;
  const started = await start(request);
  if (!started.ok) return started;
  options.onStart?.(started.value.jobId);
  return followJob(api, started.value.jobId, options) as Promise<Result<JobResults[JobStarts[M]]>>;
}
