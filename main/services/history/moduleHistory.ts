// The history of an imported folder seen through a project's modules, with the backtest's cut-off: what
// `carve scenarios --history` and the API's scenarios:compare read before comparing designs.
import { stat } from 'node:fs/promises';
import { defaultCutoff } from '../../../shared/boundaries/backtest';
import { commitsByModule, type ModuleCommit } from '../../../shared/boundaries/history';
import type { Project } from '../../../shared/model/project';
import { readHistory, type ReadHistoryOptions } from './readHistory';

const DAY = 86_400;

export interface ModuleHistory {
  commits: ModuleCommit[];
  /** Seconds since the epoch: the day after `untilDay`, else one year before the last commit; null without commits. */
  cutoff: number | null;
  /** How many commits were read, whether or not they touch a module of the project. */
  read: number;
  /** What was read, in one line: "history: read 1,234 commits from ... (cached)", or why nothing was. */
  note: string;
}

/** Reads the git history of `dir` for `project`; null when `dir` is not a folder. Never fails for want of git. */
export async function readModuleHistory(
  project: Project,
  dir: string,
  untilDay: number | null,
  options: Pick<ReadHistoryOptions, 'signal' | 'onCommits'> = {},
): Promise<ModuleHistory | null> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) return null;
  const { history, cached } = await readHistory(dir, options);
  const commits = commitsByModule(project, history.commits);
  const cutoff = untilDay !== null ? untilDay + DAY : defaultCutoff(commits);
  return { commits, cutoff, read: history.commits.length, note: `history: ${history.note}${cached ? ' (cached)' : ''}` };
}
