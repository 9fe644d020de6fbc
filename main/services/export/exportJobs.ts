import path from 'node:path';
import type { ExportedFile, ExportProgress, ExportStep, JobStatus } from '../../../shared/api/contract';
import { CarveError } from '../../../shared/api/result';
import type { JobKindHandle, JobRegistry } from '../jobs/jobRegistry';

// The exports of one host, as jobs of its registry: export:start answers a job id at once, job:status follows
// the steps (a 200-service PDF prints for most of a minute), job:cancel stops it without anything being written.
// export:run, export:status and export:cancel (to remove) are the older way, kept on the same jobs: a run under
// an id its caller chose, a status of an id not yet seen ('waiting'), a cancel that may arrive before its run.

/** Finished exports remembered for a late status call; the oldest beyond this are forgotten. */
const KEPT = 8;

/** The export itself (exportProject with the host's printer), given its step callback and cancel signal. */
export type ExportWork = (onStep: (step: ExportStep) => void, signal: AbortSignal) => Promise<ExportedFile>;

export class ExportJobs {
  private readonly exports: JobKindHandle<'export', ExportedFile>;
  /** export:cancel calls that arrived before their export:run did (older way). */
  private readonly cancelledEarly = new Set<string>();

  constructor(registry: JobRegistry) {
    // One export at a time: a PDF is a Chromium print, and two on two cores only slow each other.
    this.exports = registry.define({ kind: 'export', noun: 'export', keep: KEPT, publish: (file) => file });
  }

  /** Start exporting to `target` (an absolute path) in the background; answers the job id. */
  start(target: string, work: ExportWork, id?: string): string {
    const jobId = this.exports.start(
      ({ signal, progress }) => work(({ stage, step, steps, words }) => progress({ done: step - 1, total: steps, label: words, stage }), signal),
      { subject: target, label: `Starting the export of ${path.basename(target)}`, ...(id === undefined ? {} : { id }) },
    );
    if (this.cancelledEarly.delete(jobId)) this.exports.cancel(jobId);
    return jobId;
  }

  /** export:run (to remove): the export as a job under the caller's id, answered when it ends. */
  async run(target: string, work: ExportWork, id?: string): Promise<ExportedFile> {
    const status = await this.exports.settled(this.start(target, work, id));
    if (status.result !== null) return status.result;
    const error = status.error ?? { code: 'internal', message: `The export to ${target} ended without a file` };
    throw new CarveError(error.code, error.message);
  }

  /** export:status (to remove): an id not seen yet is 'waiting' (or 'cancelled' when its cancel came first). */
  status(jobId: string): ExportProgress {
    if (this.exports.has(jobId)) return toExportProgress(this.exports.status(jobId));
    return { jobId, state: this.cancelledEarly.has(jobId) ? 'cancelled' : 'waiting', current: null, elapsedMs: 0 };
  }

  /** export:cancel (to remove): a cancel before the run is remembered, and the run stops before any work. */
  cancel(jobId: string): ExportProgress {
    if (this.exports.has(jobId)) this.exports.cancel(jobId);
    else {
      this.cancelledEarly.add(jobId);
      if (this.cancelledEarly.size > KEPT) this.cancelledEarly.delete(this.cancelledEarly.values().next().value!);
    }
    return this.status(jobId);
  }
}

/** A job's status in the older export:status shape: the step under way is step `done + 1` of `total`. */
function toExportProgress(status: JobStatus<'export'>): ExportProgress {
  const { jobId, progress, elapsedMs } = status;
  const current: ExportStep | null =
    progress.stage === undefined ? null : { stage: progress.stage as ExportStep['stage'], step: Math.min(progress.done + 1, progress.total), steps: progress.total, words: progress.label };
  return { jobId, state: status.state === 'queued' ? 'waiting' : status.state, current, elapsedMs };
}
