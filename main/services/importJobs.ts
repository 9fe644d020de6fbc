import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { ImportProgress, ImportSummary } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { aggregate } from '../../shared/importer/aggregate';
import type { Granularity } from '../../shared/importer/granularity';
import type { ImportResult } from '../../shared/importer/importResult';
import { findNotTables } from '../../shared/importer/models';
import { importPythonProject, type ImportOptions } from './python/importPython';
import { errnoCode, plainReason } from './fsErrors';

// The import jobs of one host: a folder import runs in the background (worker threads) while the UI polls its
// progress; the result stays in memory so that a change of granularity regroups it without reading a file.

/** Finished jobs kept for regrouping; the oldest beyond this are dropped. */
const KEPT_JOBS = 4;
/** Problems listed in a summary (the count says how many there were). */
const LISTED_PROBLEMS = 1_000;

type Importer = (dir: string, options: ImportOptions) => Promise<ImportResult>;

interface Job {
  id: string;
  dir: string;
  done: number;
  total: number;
  state: ImportProgress['state'];
  message: string;
  controller: AbortController;
  finished: Promise<void>;
  result: ImportResult | null;
  /** Aggregates by granularity and layer choice: a regroup is computed once. */
  grouped: Map<string, ImportResult>;
}

const count = (n: number) => n.toLocaleString('en-US');
const groupingKey = (granularity: Granularity, keepLayers: boolean) => `${granularity}${keepLayers ? '+layers' : ''}`;

/** Throws a one-line CarveError unless `dir` is a folder this process can list. */
export async function checkImportFolder(dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await fs.stat(dir)).isDirectory();
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CarveError('not-found', `${dir}: no such folder`);
    throw new CarveError(code === 'EACCES' || code === 'EPERM' ? 'permission-denied' : 'internal', `${dir}: cannot be read (${plainReason(error)})`);
  }
  if (!isFolder) throw new CarveError('not-a-file', `${dir}: not a folder`);
  try {
    await (await fs.opendir(dir)).close();
  } catch (error) {
    const code = errnoCode(error);
    throw new CarveError(code === 'EACCES' || code === 'EPERM' ? 'permission-denied' : 'internal', `${dir}: cannot be read (${plainReason(error)})`);
  }
}

/** The report of an import as the UI and the CLI show it. */
export function summarize(result: ImportResult, changes: { added: string[]; removed: string[] } = { added: [], removed: [] }): ImportSummary {
  const { report } = result;
  // What was left out to fit the model's limits comes first: it concerns whole modules, not one file.
  const problems = [...(result.limits ?? []), ...report.problems];
  const notTables = findNotTables(result.scan).map((c) => ({ name: c.name, path: c.file.path, line: c.line, kind: c.kind }));
  return {
    granularity: result.granularity,
    grouping: result.grouping,
    modules: result.modules.length,
    dependencies: result.dependencies.length,
    files: report.files,
    lines: report.lines,
    skipped: report.skipped,
    elapsedMs: report.elapsedMs,
    problems: problems.slice(0, LISTED_PROBLEMS),
    problemCount: problems.length,
    added: changes.added,
    removed: changes.removed,
    entities: result.modules.reduce((sum, m) => sum + m.entities.length, 0),
    notTables: notTables.slice(0, LISTED_PROBLEMS),
    notTableCount: notTables.length,
  };
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly importer: Importer;
  private readonly workers: number | undefined;

  constructor(options: { importer?: Importer; workers?: number } = {}) {
    this.importer = options.importer ?? importPythonProject;
    this.workers = options.workers;
  }

  /**
   * Check the folder, then import it in the background. Symbolic links stay inside the folder unless
   * `links.followOut`; then inside `links.workspace` when there is one (the browser host), else anywhere.
   */
  async start(dir: string, granularity: Granularity, keepLayers = false, links: { followOut?: boolean; workspace?: string | null } = {}): Promise<{ jobId: string }> {
    await checkImportFolder(dir);
    const boundary: Pick<ImportOptions, 'boundary' | 'boundaryName'> = !links.followOut
      ? {}
      : links.workspace
        ? { boundary: links.workspace, boundaryName: 'the workspace' }
        : { boundary: null };
    const controller = new AbortController();
    const job: Job = {
      id: randomUUID(),
      dir,
      done: 0,
      total: 0,
      state: 'running',
      message: 'Looking for Python files…',
      controller,
      finished: Promise.resolve(),
      result: null,
      grouped: new Map(),
    };
    const onProgress = (done: number, total: number) => {
      job.done = done;
      job.total = total;
      if (job.state === 'running') job.message = `Scanned ${count(done)} of ${count(total)} files`;
    };
    job.finished = this.importer(dir, {
      granularity,
      keepLayers,
      ...boundary,
      signal: controller.signal,
      onProgress,
      ...(this.workers !== undefined ? { workers: this.workers } : {}),
    }).then(
      (result) => {
        if (job.state !== 'running') return;
        job.result = result;
        job.grouped.set(groupingKey(granularity, keepLayers), result);
        job.done = job.total = result.report.files;
        job.state = 'done';
        job.message = `Read ${count(result.report.files)} files in ${(result.report.elapsedMs / 1000).toFixed(1)} s`;
      },
      (error: unknown) => {
        if (job.state !== 'running') return;
        if (controller.signal.aborted) {
          job.state = 'cancelled';
          job.message = 'Import cancelled';
        } else {
          job.state = 'failed';
          job.message = error instanceof CarveError ? error.message : `${dir}: the import failed (${plainReason(error)})`;
        }
      },
    );
    this.jobs.set(job.id, job);
    this.evict();
    return { jobId: job.id };
  }

  status(jobId: string): ImportProgress {
    const job = this.get(jobId);
    return { jobId, done: job.done, total: job.total, state: job.state, message: job.message };
  }

  /** Stop a running import (its workers are terminated); a finished one is left as it is. */
  cancel(jobId: string): ImportProgress {
    const job = this.get(jobId);
    if (job.state === 'running') {
      job.state = 'cancelled';
      job.message = 'Import cancelled';
      job.controller.abort();
    }
    return this.status(jobId);
  }

  /** Resolves when the job has settled (done, cancelled or failed). */
  async settled(jobId: string): Promise<ImportProgress> {
    await this.get(jobId).finished;
    return this.status(jobId);
  }

  /** The finished import grouped at `granularity`: from the kept scan, no file is read again. */
  result(jobId: string, granularity: Granularity, keepLayers = false): ImportResult {
    const job = this.get(jobId);
    if (job.state !== 'done' || job.result === null) {
      throw new CarveError('unsupported', job.state === 'running' ? `The import of ${job.dir} is still running` : `The import of ${job.dir} did not finish: ${job.message}`);
    }
    let grouped = job.grouped.get(groupingKey(granularity, keepLayers));
    if (grouped === undefined) {
      const base = job.result;
      grouped = { ...aggregate(base.scan, granularity, { keepLayers }), granularity, scan: base.scan, report: base.report };
      job.grouped.set(groupingKey(granularity, keepLayers), grouped);
    }
    return grouped;
  }

  /** The files read by a finished import (what every grouping is computed from). */
  scan(jobId: string): ImportResult['scan'] {
    const job = this.get(jobId);
    if (job.result === null) return this.result(jobId, 'app').scan;
    return job.result.scan;
  }

  /** Forget a job (a running one is cancelled first). */
  dispose(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job === undefined) return;
    if (job.state === 'running') this.cancel(jobId);
    this.jobs.delete(jobId);
  }

  disposeAll(): void {
    for (const id of [...this.jobs.keys()]) this.dispose(id);
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new CarveError('not-found', `No import job ${jobId}: it ended or was dropped; import the folder again`);
    return job;
  }

  /** Keep running jobs and the last few finished ones. */
  private evict(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEPT_JOBS))) this.jobs.delete(job.id);
  }
}
