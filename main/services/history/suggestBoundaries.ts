// Service boundaries from evidence for one project (issue 9), as `carve suggest` and the API's
// boundaries:suggest both ask for them: the history of the imported folder read (or not: a note), the cut-off
// chosen, the alternatives proposed, backtested and explained. Never fails for want of history.
import { contradiction, pinsOf, type Constraints } from '../../../shared/boundaries/constraints';
import { CarveError } from '../../../shared/api/result';
import { parseDay, type ModuleCommit } from '../../../shared/boundaries/history';
import { proposeBoundaries, type Alternative, type BoundarySuggestion } from '../../../shared/boundaries/propose';
import type { Project } from '../../../shared/model/project';
import { readModuleHistory } from './moduleHistory';

/** The sizes offered beside the one asked for. */
export const SUGGEST_SIZES = [4, 8, 12, 16, 20] as const;
const DAY = 86_400;

export interface SuggestRequest {
  /** The imported source folder whose git history gives co-change and the backtest; null: the static graph alone. */
  historyDir: string | null;
  /** YYYY-MM-DD: learn from commits up to that day, backtest on the later ones; null: one year before the last. */
  until: string | null;
  /** The number of services asked for; the alternatives at SUGGEST_SIZES below the module count come beside it. */
  services: number;
  constraints?: Constraints;
}

/** The alternative asked for in a suggestion. */
export const chosenAlternative = (suggestion: BoundarySuggestion): Alternative =>
  suggestion.alternatives.find((a) => a.target === suggestion.accepted)!;

/** Thrown when the history folder does not exist or is a file (the CLI's exit 1, the API's not-found). */
export class NotAFolderError extends Error {
  override name = 'NotAFolderError';
}

/** The steps of a suggestion, for a job's progress: reading the history (commits read so far), then proposing. */
export type SuggestStep = { stage: 'reading'; commits: number } | { stage: 'proposing' };

export interface SuggestRunOptions {
  /** Called as the history is read (every few thousand commits) and when the proposal starts. */
  onStep?: (step: SuggestStep) => void;
  /** Aborting stops the history read (git is stopped), or ends the suggestion once its proposal returns; its reason is thrown. */
  signal?: AbortSignal;
}

/** The history of `dir` mapped to the project's modules and the backtest's cut-off, with what was read in one line. */
async function historyOf(
  project: Project,
  dir: string | null,
  untilDay: number | null,
  notes: string[],
  options: SuggestRunOptions,
): Promise<{ commits: ModuleCommit[]; cutoff: number | null }> {
  if (dir === null) {
    notes.push('no history folder: the proposal uses the static graph only, and nothing is backtested');
    return { commits: [], cutoff: untilDay !== null ? untilDay + DAY : null };
  }
  const read = await readModuleHistory(project, dir, untilDay, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onStep ? { onCommits: (commits: number) => options.onStep!({ stage: 'reading', commits }) } : {}),
  });
  if (read === null) throw new NotAFolderError(`${dir}: not a folder`);
  notes.push(read.note);
  if (read.commits.length === 0 && read.read > 0)
    notes.push('no commit touches a module of the project: the proposal uses the static graph only');
  return read;
}

/** The alternatives for a project: SUGGEST_SIZES below its module count and the size asked for. */
export async function suggestBoundaries(
  project: Project,
  request: SuggestRequest,
  options: SuggestRunOptions = {},
): Promise<BoundarySuggestion> {
  const notes: string[] = [];
  const untilDay = request.until === null ? null : parseDay(request.until);
  const { commits, cutoff } = await historyOf(project, request.historyDir, untilDay, notes, options);
  options.signal?.throwIfAborted();
  options.onStep?.({ stage: 'proposing' });
  const modules = project.monolith.modules.length;
  const accepted = Math.max(1, Math.min(request.services, modules));
  const targets = [...SUGGEST_SIZES.filter((n) => n < modules), accepted];
  const report = proposeBoundaries(project, commits, {
    targets,
    cutoff,
    ...(request.constraints ? { constraints: request.constraints } : {}),
  });
  // A cancel asked for while the proposal ran (it is not interrupted) still ends the suggestion as cancelled.
  options.signal?.throwIfAborted();
  return { accepted, notes, ...report };
}

/** What the API's boundaries:suggest carries: module ids in the constraints, the folder already confined. */
export interface SuggestParams {
  historyDir: string | null;
  until: string | null;
  services: number;
  keepTogether: readonly string[][];
  keepApart: readonly string[][];
  leave: readonly string[];
}

/**
 * boundaries:suggest: the suggestion with the project's services as pins. A date that is no day, a module id that
 * is no module or constraints that contradict each other are `invalid-request`; a folder that is not one is
 * `not-found`; each with one line.
 */
export async function suggestForApi(project: Project, params: SuggestParams, options: SuggestRunOptions = {}): Promise<BoundarySuggestion> {
  if (params.until !== null && parseDay(params.until) === null)
    throw new CarveError('invalid-request', `until: ${params.until} is not a day of the calendar`);
  const known = new Set(project.monolith.modules.map((m) => m.id));
  const unknown = [...params.keepTogether.flat(), ...params.keepApart.flat(), ...params.leave].find((id) => !known.has(id));
  if (unknown !== undefined) throw new CarveError('invalid-request', `The project has no module "${unknown.slice(0, 80)}"`);
  const constraints: Constraints = {
    keepTogether: params.keepTogether,
    keepApart: params.keepApart,
    leave: params.leave,
    pinned: pinsOf(project),
  };
  const problem = contradiction(project, constraints);
  if (problem !== null) throw new CarveError('invalid-request', problem);
  try {
    return await suggestBoundaries(
      project,
      { historyDir: params.historyDir, until: params.until, services: params.services, constraints },
      options,
    );
  } catch (error) {
    if (error instanceof NotAFolderError) throw new CarveError('not-found', error.message);
    throw error;
  }
}
