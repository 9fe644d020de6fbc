import fs from 'node:fs/promises';
import path from 'node:path';
import { CarveError } from '../../../shared/api/result';
import { aggregate } from '../../../shared/importer/aggregate';
import type { Granularity } from '../../../shared/importer/granularity';
import { cannotCarve } from '../../../shared/importer/grouping';
import type { ImportResult } from '../../../shared/importer/importResult';
import type { ImportProblem, ScannedFile, ScanResult } from '../../../shared/importer/types';
import { IN_THREAD_BELOW, prestartScanPool, scanFiles, type ScanOptions } from './scanPool';
import { detectSourceRoots, moduleNameOf } from './roots';
import { walkPythonTree } from './walk';

// The Python importer's entry point: walk the folder, find the source roots, scan every file in worker threads
// and aggregate at the granularity asked for. Problems with single files are reported, never fatal.

export interface ImportOptions {
  /** 'auto' chooses per project (Django apps, else the depth of the domain packages). */
  granularity: Granularity;
  /** Keep layer packages (api/, graphql/, ...) as modules instead of attributing their parts to domains. */
  keepLayers?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Worker threads (default 2; 0 scans in this thread). Small trees are always scanned in this thread. */
  workers?: number;
  /** Whether this thread scans files itself until a worker is ready (default true). */
  helpUntilReady?: boolean;
  /** A built worker script to use (the bench bundles one as electron-vite would). */
  workerFile?: string;
  /** How long idle scan workers stay up for the next import (default 30 s). */
  keepWarmMs?: number;
  /** Where symbolic links may lead (see WalkOptions): by default the imported folder; null anywhere. */
  boundary?: string | null;
  boundaryName?: string;
}

const isMigrationPath = (rel: string): boolean => rel.split('/').slice(0, -1).includes('migrations');

/** The options that say which worker pool a scan uses. */
function poolOptions(options: Omit<ImportOptions, 'granularity'>): ScanOptions {
  return {
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.workerFile !== undefined ? { workerFile: options.workerFile } : {}),
    ...(options.keepWarmMs !== undefined ? { keepWarmMs: options.keepWarmMs } : {}),
  };
}

/** Read a Python source tree into a ScanResult (no aggregation). */
export async function scanPythonTree(dir: string, options: Omit<ImportOptions, 'granularity'> = {}): Promise<ScanResult> {
  const root = path.resolve(dir);
  let stat;
  try {
    stat = await fs.stat(root);
  } catch {
    throw new CarveError('not-found', `${dir}: no such folder`);
  }
  if (!stat.isDirectory()) throw new CarveError('not-a-file', `${dir}: not a folder`);
  // Once the walk has found enough files to want workers, they start, loading and warming up while it goes on.
  const workersAt = options.workers === 0 ? 0 : IN_THREAD_BELOW;
  const walked = await walkPythonTree(root, {
    ...(workersAt > 0
      ? {
          onFile: (count: number) => {
            if (count === workersAt) prestartScanPool(poolOptions(options));
          },
        }
      : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.boundary !== undefined ? { boundary: options.boundary } : {}),
    ...(options.boundaryName !== undefined ? { boundaryName: options.boundaryName } : {}),
  });
  const sourceRoots = await detectSourceRoots(root, walked.files, walked.manageDirs, walked.outside);
  const outcomes = await scanFiles(root, walked.files, {
    ...poolOptions(options),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.helpUntilReady !== undefined ? { helpUntilReady: options.helpUntilReady } : {}),
  });
  const problems: ImportProblem[] = [...walked.problems];
  const files: ScannedFile[] = [];
  const installedApps: string[] = [];
  for (const outcome of outcomes) {
    if ('problem' in outcome) {
      problems.push({ path: outcome.path, reason: outcome.problem });
      continue;
    }
    const { scan } = outcome;
    if (scan.error) problems.push({ path: outcome.path, reason: `${scan.error.reason} (line ${scan.error.line})` });
    for (const app of scan.installedApps ?? []) if (!installedApps.includes(app)) installedApps.push(app);
    const name = moduleNameOf(outcome.path, walked.packages, sourceRoots);
    files.push({ ...scan, path: outcome.path, module: name.module, isPackage: name.isPackage, isMigration: isMigrationPath(outcome.path) });
  }
  problems.sort((a, b) => a.path.localeCompare(b.path));
  return { root, sourceRoots, files, installedApps, problems, skipped: walked.skipped };
}

/**
 * Import a Python monolith's source folder: modules, sizes, import and data dependencies, and a report. A tree
 * that cannot make a useful project (no Python, only tests and scripts, all the code in one file) fails with
 * one line saying what was found and what to do.
 */
export async function importPythonProject(dir: string, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const scan = await scanPythonTree(dir, options);
  const unfit = cannotCarve(scan);
  if (unfit !== null) throw new CarveError(scan.files.length === 0 ? 'not-found' : 'unsupported', `${dir}: ${unfit}`);
  const result = aggregate(scan, options.granularity, { keepLayers: options.keepLayers === true });
  return {
    ...result,
    granularity: options.granularity,
    scan,
    report: {
      problems: scan.problems,
      files: scan.files.length,
      lines: scan.files.reduce((sum, f) => sum + f.lines, 0),
      skipped: scan.skipped,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}
