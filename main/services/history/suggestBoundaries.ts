// Service boundaries from evidence for one project (issue 9), as `carve suggest` and the API's
// boundaries:suggest both ask for them: the history of the imported folder read (or not: a note), the cut-off
// chosen, the alternatives proposed, backtested and explained. Never fails for want of history.
import { stat } from 'node:fs/promises';
import { defaultCutoff } from '../../../shared/boundaries/backtest';
import type { Constraints } from '../../../shared/boundaries/constraints';
import { commitsByModule, parseDay, type ModuleCommit } from '../../../shared/boundaries/history';
import { proposeBoundaries, type Alternative, type BoundaryReport } from '../../../shared/boundaries/propose';
import type { Project } from '../../../shared/model/project';
import { readHistory } from './readHistory';

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

export interface BoundarySuggestion extends BoundaryReport {
  /** The target of the alternative asked for (the number of services, at most the number of modules). */
  accepted: number;
  /** What was read of the history, or why none was: one line each. */
  notes: string[];
}

/** The alternative asked for in a suggestion. */
export const chosenAlternative = (suggestion: BoundarySuggestion): Alternative => suggestion.alternatives.find((a) => a.target === suggestion.accepted)!;

/** Thrown when the history folder does not exist or is a file (the CLI's exit 1, the API's not-found). */
export class NotAFolderError extends Error {
  override name = 'NotAFolderError';
}

/** The history of `dir` mapped to the project's modules, with what was read in one line. */
async function historyOf(project: Project, dir: string | null, notes: string[]): Promise<ModuleCommit[]> {
  if (dir === null) {
    notes.push('no history folder: the proposal uses the static graph only, and nothing is backtested');
    return [];
  }
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new NotAFolderError(`${dir}: not a folder`);
  const { history, cached } = await readHistory(dir);
  notes.push(`history: ${history.note}${cached ? ' (cached)' : ''}`);
  const commits = commitsByModule(project, history.commits);
  if (commits.length === 0 && history.commits.length > 0) notes.push('no commit touches a module of the project: the proposal uses the static graph only');
  return commits;
}

/** The alternatives for a project: SUGGEST_SIZES below its module count and the size asked for. */
export async function suggestBoundaries(project: Project, request: SuggestRequest): Promise<BoundarySuggestion> {
  const notes: string[] = [];
  const commits = await historyOf(project, request.historyDir, notes);
  const untilDay = request.until === null ? null : parseDay(request.until);
  const cutoff = untilDay !== null ? untilDay + DAY : defaultCutoff(commits);
  const modules = project.monolith.modules.length;
  const accepted = Math.max(1, Math.min(request.services, modules));
  const targets = [...SUGGEST_SIZES.filter((n) => n < modules), accepted];
  const report = proposeBoundaries(project, commits, { targets, cutoff, ...(request.constraints ? { constraints: request.constraints } : {}) });
  return { accepted, notes, ...report };
}
