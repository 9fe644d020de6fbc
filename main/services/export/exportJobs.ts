import path from 'node:path';
import type { ExportedFile, ExportStep } from '../../../shared/api/contract';
import type { JobKindHandle, JobRegistry } from '../jobs/jobRegistry';

// The exports of one host, as jobs of its registry: export:start answers a job id at once, job:status follows
// the steps (a 200-service PDF prints for most of a minute), job:cancel stops it without anything being written.

/** Finished exports remembered for a late status call; the oldest beyond this are forgotten. */
const KEPT = 8;

/** The export itself (exportProject with the host's printer), given its step callback and cancel signal. */
export type ExportWork = (onStep: (step: ExportStep) => void, signal: AbortSignal) => Promise<ExportedFile>;

export class ExportJobs {
  private readonly exports: JobKindHandle<'export', ExportedFile>;

  constructor(registry: JobRegistry) {
    // One export at a time: a PDF is a Chromium print, and two on two cores only slow each other.
    this.exports = registry.define({ kind: 'export', noun: 'export', keep: KEPT, publish: (file) => file });
  }

  /** Start exporting to `target` (an absolute path) in the background; answers the job id. */
  start(target: string, work: ExportWork): string {
    return this.exports.start(
      ({ signal, progress }) =>
        work(({ stage, step, steps, words }) => progress({ done: step - 1, total: steps, label: words, stage }), signal),
      { subject: target, label: `Starting the export of ${path.basename(target)}` },
    );
  }
}
