import type { BoundarySuggestion } from '../../../shared/boundaries/propose';
import type { JobKindHandle, JobRegistry } from '../jobs/jobRegistry';
import type { SuggestStep } from './suggestBoundaries';

// Boundaries from evidence as jobs of a host's registry (boundaries:suggest answers a job id at once): the
// history read (git, 2-3 s on 20,000 commits when not cached) and the proposal report their steps through
// job:status, and job:cancel stops git or the suggestion before its proposal.

/** Finished suggestions kept for a late status call (each holds a whole report). */
const KEPT = 4;

/** The suggestion itself (suggestForApi with the request checked), given its step callback and cancel signal. */
export type SuggestWork = (onStep: (step: SuggestStep) => void, signal: AbortSignal) => Promise<BoundarySuggestion>;

/** A step in words, as the job's progress shows it: 1 of 2 while reading the history, 2 of 2 while proposing. */
export function stepProgress(step: SuggestStep): { done: number; total: number; label: string; stage: string } {
  if (step.stage === 'reading')
    return {
      done: 0,
      total: 2,
      label: `Reading the history: ${step.commits.toLocaleString('en-US')} ${step.commits === 1 ? 'commit' : 'commits'}`,
      stage: 'reading',
    };
  return { done: 1, total: 2, label: 'Proposing service boundaries', stage: 'proposing' };
}

export class SuggestJobs {
  private readonly suggestions: JobKindHandle<'suggest', BoundarySuggestion>;

  constructor(registry: JobRegistry) {
    // One at a time: the proposal is CPU work, and two on two cores only slow each other.
    this.suggestions = registry.define({ kind: 'suggest', noun: 'suggestion', keep: KEPT, publish: (suggestion) => suggestion });
  }

  /** Start a suggestion for the project named `subject` in the background; answers the job id. */
  start(subject: string, work: SuggestWork): string {
    return this.suggestions.start(({ signal, progress }) => work((step) => progress(stepProgress(step)), signal), {
      subject,
      label: 'Reading the history',
    });
  }
}
