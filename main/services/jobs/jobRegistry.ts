import { randomUUID } from 'node:crypto';
import type { JobKind, JobProgress, JobResults, JobState, JobStatus } from '../../../shared/api/contract';
import { CarveError, describeError, type ApiError } from '../../../shared/api/result';

// The one job system of a host: long work (an import, an export; suggest later) runs in the background as a job
// with one status shape (queued, running, done, failed, cancelled; progress; result or one-line error), one
// cancel, a queue per kind (one at a time by default: two imports on two cores only slow each other) and a bounded
// number of finished jobs kept per kind. job:status and job:cancel serve every kind over IPC and HTTP alike.

/** What a job's work is given: the cancel signal, and a way to say how far it has got. */
export interface JobContext {
  signal: AbortSignal;
  progress(progress: JobProgress): void;
}

export interface JobKindOptions<K extends JobKind, V> {
  kind: K;
  /** The kind in words, lower case ("import"): "Import cancelled", "No import job …". */
  noun: string;
  /** What status shows of a finished job's value: small and JSON (the value itself stays in the host). */
  publish(value: V): JobResults[K];
  /** Jobs of this kind running at once; the others wait, queued. Default 1. */
  concurrency?: number;
  /** Finished jobs of this kind kept (for status, and for their value); the oldest beyond it are dropped. Default 8. */
  keep?: number;
}

export interface StartOptions {
  /** What the job works on, for people: the folder, the file. */
  subject: string;
  /** The first progress line. */
  label: string;
  /** An id chosen by the caller; a fresh UUID otherwise. */
  id?: string;
  /** The one line for a failure that is not a CarveError (a CarveError says its own). */
  describeFailure?(error: unknown): string;
}

interface Job {
  id: string;
  kind: JobKind;
  subject: string;
  state: JobState;
  progress: JobProgress;
  startedAt: number | null;
  finishedAt: number | null;
  controller: AbortController;
  value: unknown;
  result: unknown;
  error: ApiError | null;
  /** Resolves, with its last status, when the job has ended and its work has stopped. */
  ended: Promise<JobStatus>;
  end(status: JobStatus): void;
  launch(): void;
}

interface Kind {
  noun: string;
  concurrency: number;
  keep: number;
  queue: Job[];
  running: number;
}

const capitalized = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);
const isEnded = (state: JobState) => state === 'done' || state === 'failed' || state === 'cancelled';

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly kinds = new Map<JobKind, Kind>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * A kind of job: the handle starts jobs of that kind and reads their values. Defined again (a second set of
   * handlers over the same registry), the kind keeps its one queue and the limits it was first given.
   */
  define<K extends JobKind, V>(options: JobKindOptions<K, V>): JobKindHandle<K, V> {
    if (!this.kinds.has(options.kind))
      this.kinds.set(options.kind, {
        noun: options.noun,
        concurrency: options.concurrency ?? 1,
        keep: options.keep ?? 8,
        queue: [],
        running: 0,
      });
    return new JobKindHandle(this, options);
  }

  status(jobId: string): JobStatus {
    return this.snapshot(this.get(jobId));
  }

  private snapshot(job: Job): JobStatus {
    return {
      jobId: job.id,
      kind: job.kind,
      subject: job.subject,
      state: job.state,
      progress: { ...job.progress },
      result: job.state === 'done' ? job.result : null,
      error: job.error,
      elapsedMs: job.startedAt === null ? 0 : (job.finishedAt ?? this.now()) - job.startedAt,
    } as JobStatus;
  }

  /** A queued job is cancelled at once; a running one is asked to stop (its work decides when); an ended one stays. */
  cancel(jobId: string): JobStatus {
    const job = this.get(jobId);
    if (job.state === 'queued') {
      const kind = this.kind(job.kind);
      kind.queue.splice(kind.queue.indexOf(job), 1);
      this.finish(job, 'cancelled', null, { code: 'cancelled', message: `${capitalized(kind.noun)} cancelled` });
    } else if (job.state === 'running' && !job.controller.signal.aborted) {
      job.progress = { ...job.progress, label: 'Cancelling…' };
      job.controller.abort(new CarveError('cancelled', `${capitalized(this.kind(job.kind).noun)} cancelled`));
    }
    return this.status(jobId);
  }

  /** The status once the job has ended and its work has stopped (even if it is dropped from memory by then). */
  settled(jobId: string): Promise<JobStatus> {
    return this.get(jobId).ended;
  }

  /** Forget a job; a running or queued one is cancelled first. */
  dispose(jobId: string): void {
    if (!this.jobs.has(jobId)) return;
    this.cancel(jobId);
    this.jobs.delete(jobId);
  }

  disposeAll(): void {
    for (const id of [...this.jobs.keys()]) this.dispose(id);
  }

  /** The job, or not-found in one line. `kind` narrows it: an export's id is no import job. */
  get(jobId: string, kind?: JobKind): Job {
    const job = this.jobs.get(jobId);
    if (job === undefined || (kind !== undefined && job.kind !== kind)) {
      const what = kind === undefined ? 'job' : `${this.kind(kind).noun} job`;
      throw new CarveError('not-found', `No ${what} ${jobId}: it never started here, or it ended and was dropped`);
    }
    return job;
  }

  /** Queue a job of a defined kind; it starts at once when its kind has room. */
  add<V>(kindName: JobKind, work: (context: JobContext) => Promise<V>, publish: (value: V) => unknown, options: StartOptions): string {
    const kind = this.kind(kindName);
    const id = options.id ?? randomUUID();
    const existing = this.jobs.get(id);
    if (existing !== undefined) {
      if (!isEnded(existing.state)) throw new CarveError('invalid-request', `${capitalized(kind.noun)} ${id} is already running`);
      this.jobs.delete(id);
    }
    let end: (status: JobStatus) => void = () => {};
    const ended = new Promise<JobStatus>((resolve) => (end = resolve));
    const job: Job = {
      id,
      kind: kindName,
      subject: options.subject,
      state: 'queued',
      progress: { done: 0, total: 0, label: `Waiting for the ${kind.noun} before it to finish` },
      startedAt: null,
      finishedAt: null,
      controller: new AbortController(),
      value: undefined,
      result: null,
      error: null,
      ended,
      end,
      launch: () => {
        kind.running++;
        job.state = 'running';
        job.startedAt = this.now();
        job.progress = { done: 0, total: 0, label: options.label };
        const context: JobContext = {
          signal: job.controller.signal,
          progress: (progress) => {
            if (job.state === 'running' && !job.controller.signal.aborted) job.progress = { ...progress };
          },
        };
        Promise.resolve()
          .then(() => work(context))
          .then((value) => ({ value, result: publish(value) }))
          .then(
            ({ value, result }) => {
              job.value = value;
              job.progress = { ...job.progress, done: Math.max(job.progress.done, job.progress.total) };
              this.finish(job, 'done', result, null);
            },
            (error: unknown) => {
              if (job.controller.signal.aborted) {
                const said =
                  error instanceof CarveError && error.code === 'cancelled' ? error.message : `${capitalized(kind.noun)} cancelled`;
                this.finish(job, 'cancelled', null, { code: 'cancelled', message: describeError(said) });
              } else if (error instanceof CarveError) this.finish(job, 'failed', null, { code: error.code, message: describeError(error) });
              else
                this.finish(job, 'failed', null, {
                  code: 'internal',
                  message: describeError(options.describeFailure?.(error) ?? `The ${kind.noun} failed: ${describeError(error)}`),
                });
            },
          );
      },
    };
    this.jobs.set(id, job);
    kind.queue.push(job);
    this.pump(kind);
    return id;
  }

  private pump(kind: Kind): void {
    while (kind.running < kind.concurrency && kind.queue.length > 0) kind.queue.shift()!.launch();
  }

  /** End a job; when it was running, its place goes to the next queued job of its kind before anyone hears of it. */
  private finish(job: Job, state: JobState, result: unknown, error: ApiError | null): void {
    const wasRunning = job.state === 'running';
    job.state = state;
    job.result = result;
    job.error = error;
    job.finishedAt = this.now();
    const kind = this.kind(job.kind);
    if (wasRunning) {
      kind.running--;
      this.pump(kind);
    }
    this.forgetOld(job.kind);
    job.end(this.snapshot(job));
  }

  /** Keep every unfinished job and the last `keep` finished ones of a kind. */
  private forgetOld(kindName: JobKind): void {
    const ended = [...this.jobs.values()].filter((job) => job.kind === kindName && isEnded(job.state));
    for (const job of ended.slice(0, Math.max(0, ended.length - this.kind(kindName).keep))) this.jobs.delete(job.id);
  }

  private kind(kind: JobKind): Kind {
    const found = this.kinds.get(kind);
    if (found === undefined) throw new Error(`The job kind ${kind} is not defined`);
    return found;
  }
}

/** The jobs of one kind: start them, and read a finished one's value (which stays in the host). */
export class JobKindHandle<K extends JobKind, V> {
  constructor(
    readonly registry: JobRegistry,
    private readonly options: JobKindOptions<K, V>,
  ) {}

  start(work: (context: JobContext) => Promise<V>, options: StartOptions): string {
    return this.registry.add(this.options.kind, work, (value: V) => this.options.publish(value), options);
  }

  /** Whether the registry holds a job of this kind under `jobId`. */
  has(jobId: string): boolean {
    try {
      this.registry.get(jobId, this.options.kind);
      return true;
    } catch {
      return false;
    }
  }

  status(jobId: string): JobStatus<K> {
    this.registry.get(jobId, this.options.kind);
    return this.registry.status(jobId) as JobStatus<K>;
  }

  cancel(jobId: string): JobStatus<K> {
    this.registry.get(jobId, this.options.kind);
    return this.registry.cancel(jobId) as JobStatus<K>;
  }

  settled(jobId: string): Promise<JobStatus<K>> {
    this.registry.get(jobId, this.options.kind);
    return this.registry.settled(jobId) as Promise<JobStatus<K>>;
  }

  /** The value of a finished job; one line on why not when it is still running or did not finish. */
  value(jobId: string): V {
    const job = this.registry.get(jobId, this.options.kind);
    if (job.state === 'done') return job.value as V;
    const what = `The ${this.options.noun} of ${job.subject}`;
    throw new CarveError(
      'unsupported',
      isEnded(job.state) ? `${what} did not finish: ${job.error?.message ?? job.state}` : `${what} is still running`,
    );
  }
}
