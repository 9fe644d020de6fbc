import fs from 'node:fs/promises';
import type { ImportSummary, JobStatus } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { aggregate } from '../../shared/importer/aggregate';
import type { Granularity } from '../../shared/importer/granularity';
import type { ImportResult } from '../../shared/importer/importResult';
import { findNotTables } from '../../shared/importer/models';
import { importPythonProject, type ImportOptions } from './python/importPython';
import { errnoCode, plainReason } from './fsErrors';
import { JobRegistry, type JobKindHandle } from './jobs/jobRegistry';

// The import jobs of one host, on its job registry: a folder import runs in the background (worker threads)
// while the UI polls job:status; the scan stays in the host so that a change of granularity regroups it without
// reading a file.

/** Finished imports kept for regrouping (each holds its scan); the oldest beyond this are dropped. */
const KEPT_JOBS = 4;
/** Problems listed in a summary (the count says how many there were). */
const LISTED_PROBLEMS = 1_000;

type Importer = (dir: string, options: ImportOptions) => Promise<ImportResult>;

/** What a finished import keeps in the host: the result at its granularity, and every regroup computed so far. */
interface ImportedScan {
  result: ImportResult;
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
    throw new CarveError(
      code === 'EACCES' || code === 'EPERM' ? 'permission-denied' : 'internal',
      `${dir}: cannot be read (${plainReason(error)})`,
    );
  }
  if (!isFolder) throw new CarveError('not-a-file', `${dir}: not a folder`);
  try {
    await (await fs.opendir(dir)).close();
  } catch (error) {
    const code = errnoCode(error);
    throw new CarveError(
      code === 'EACCES' || code === 'EPERM' ? 'permission-denied' : 'internal',
      `${dir}: cannot be read (${plainReason(error)})`,
    );
  }
}

/** The report of an import as the UI and the CLI show it. */
export function summarize(
  result: ImportResult,
  changes: { added: string[]; removed: string[] } = { added: [], removed: [] },
): ImportSummary {
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
  /** The job registry of the host these imports belong to (createHandlers uses it for every kind). */
  readonly registry: JobRegistry;
  private readonly imports: JobKindHandle<'import', ImportedScan>;
  private readonly importer: Importer;
  private readonly workers: number | undefined;

  constructor(options: { importer?: Importer; workers?: number; registry?: JobRegistry } = {}) {
    this.importer = options.importer ?? importPythonProject;
    this.workers = options.workers;
    this.registry = options.registry ?? new JobRegistry();
    this.imports = this.registry.define({
      kind: 'import',
      noun: 'import',
      keep: KEPT_JOBS,
      publish: ({ result: { report, limits } }) => ({
        files: report.files,
        lines: report.lines,
        skipped: report.skipped,
        problemCount: (limits?.length ?? 0) + report.problems.length,
        elapsedMs: report.elapsedMs,
      }),
    });
  }

  /**
   * Check the folder, then import it in the background. Symbolic links stay inside the folder unless
   * `links.followOut`; then inside `links.workspace` when there is one (the browser host), else anywhere.
   */
  async start(
    dir: string,
    granularity: Granularity,
    keepLayers = false,
    links: { followOut?: boolean; workspace?: string | null } = {},
  ): Promise<{ jobId: string }> {
    await checkImportFolder(dir);
    const boundary: Pick<ImportOptions, 'boundary' | 'boundaryName'> = !links.followOut
      ? {}
      : links.workspace
        ? { boundary: links.workspace, boundaryName: 'the workspace' }
        : { boundary: null };
    const jobId = this.imports.start(
      async ({ signal, progress }) => {
        const result = await this.importer(dir, {
          granularity,
          keepLayers,
          ...boundary,
          signal,
          onProgress: (done, total) => progress({ done, total, label: `Scanned ${count(done)} of ${count(total)} files` }),
          ...(this.workers !== undefined ? { workers: this.workers } : {}),
        });
        const { files, elapsedMs } = result.report;
        progress({ done: files, total: files, label: `Read ${count(files)} files in ${(elapsedMs / 1000).toFixed(1)} s` });
        return { result, grouped: new Map([[groupingKey(granularity, keepLayers), result]]) };
      },
      { subject: dir, label: 'Looking for Python files…', describeFailure: (error) => `${dir}: the import failed (${plainReason(error)})` },
    );
    return { jobId };
  }

  /** Resolves with the job's status when it has settled (done, cancelled or failed) and its workers have stopped. */
  settled(jobId: string): Promise<JobStatus<'import'>> {
    return this.imports.settled(jobId);
  }

  /** The finished import grouped at `granularity`: from the kept scan, no file is read again. */
  result(jobId: string, granularity: Granularity, keepLayers = false): ImportResult {
    const { result: base, grouped } = this.imports.value(jobId);
    let regrouped = grouped.get(groupingKey(granularity, keepLayers));
    if (regrouped === undefined) {
      regrouped = { ...aggregate(base.scan, granularity, { keepLayers }), granularity, scan: base.scan, report: base.report };
      grouped.set(groupingKey(granularity, keepLayers), regrouped);
    }
    return regrouped;
  }

  /** The files read by a finished import (what every grouping is computed from). */
  scan(jobId: string): ImportResult['scan'] {
    return this.imports.value(jobId).result.scan;
  }

  /** Forget a job (a running one is cancelled first). */
  dispose(jobId: string): void {
    this.registry.dispose(jobId);
  }

  disposeAll(): void {
    this.registry.disposeAll();
  }
}
