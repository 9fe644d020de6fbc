import type { Aggregate } from './aggregate';
import type { Granularity } from './granularity';
import type { ImportProblem, ScanResult } from './types';

/** What the import report shows: problems (path: reason), and the size of what was read. */
export interface ImportReport {
  problems: ImportProblem[];
  /** Python files read (migrations included). */
  files: number;
  /** Physical lines of those files. */
  lines: number;
  /** Files and folders left out: .gitignore'd, virtualenvs and build folders, symlink loops. */
  skipped: number;
  /** Milliseconds the import took, walk and scan included. */
  elapsedMs: number;
}

/** The result of importPythonProject: the scan (kept for re-aggregation) and its aggregate at one granularity. */
export interface ImportResult extends Aggregate {
  granularity: Granularity;
  scan: ScanResult;
  report: ImportReport;
}
