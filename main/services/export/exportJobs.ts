import type { ExportedFile, ExportProgress, ExportStep } from '../../../shared/api/contract';
import { CarveError } from '../../../shared/api/result';

// The exports a host is running, by the id their caller chose: how far each has got (export:status) and a way
// to stop it (export:cancel). A 200-service PDF prints for most of a minute; the person sees which step of how
// many it is on, and can stop it without anything being written.

/** Finished exports remembered for a late status call; the oldest beyond this are forgotten. */
const KEPT = 8;

interface Job {
  state: ExportProgress['state'];
  current: ExportStep | null;
  startedAt: number;
  finishedAt: number | null;
  controller: AbortController;
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  /** Cancels that arrived before their export did. */
  private readonly cancelledEarly = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Run `work` as export `jobId` (untracked without an id), passing it a step callback and a cancel signal. */
  async run(jobId: string | undefined, work: (onStep: (step: ExportStep) => void, signal: AbortSignal) => Promise<ExportedFile>): Promise<ExportedFile> {
    if (jobId === undefined) return work(() => {}, new AbortController().signal);
    if (this.jobs.get(jobId)?.state === 'running') throw new CarveError('invalid-request', `Export ${jobId} is already running`);
    const job: Job = { state: 'running', current: null, startedAt: this.now(), finishedAt: null, controller: new AbortController() };
    this.jobs.set(jobId, job);
    this.forgetOld();
    if (this.cancelledEarly.delete(jobId)) job.controller.abort();
    try {
      const file = await work((step) => (job.current = step), job.controller.signal);
      job.state = 'done';
      return file;
    } catch (error) {
      job.state = job.controller.signal.aborted ? 'cancelled' : 'failed';
      throw error;
    } finally {
      job.finishedAt = this.now();
    }
  }

  status(jobId: string): ExportProgress {
    const job = this.jobs.get(jobId);
    if (!job) return { jobId, state: this.cancelledEarly.has(jobId) ? 'cancelled' : 'waiting', current: null, elapsedMs: 0 };
    return { jobId, state: job.state, current: job.current, elapsedMs: (job.finishedAt ?? this.now()) - job.startedAt };
  }

  cancel(jobId: string): ExportProgress {
    const job = this.jobs.get(jobId);
    if (!job) {
      this.cancelledEarly.add(jobId);
      if (this.cancelledEarly.size > KEPT) this.cancelledEarly.delete(this.cancelledEarly.values().next().value!);
    } else if (job.state === 'running') job.controller.abort();
    return this.status(jobId);
  }

  private forgetOld(): void {
    const finished = [...this.jobs].filter(([, job]) => job.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT))) this.jobs.delete(id);
  }
}
