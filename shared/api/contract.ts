import { z } from 'zod';
import { parseGranularity, type Granularity } from '../importer/granularity';
import type { GroupingReport } from '../importer/aggregate';
import type { ScenarioComparison } from '../analysis/compareScenarios';
import type { BoundarySuggestion } from '../boundaries/propose';
import type { DesignSummary, Proposal } from '../boundaries/staticLouvain';
import type { ImportProblem } from '../importer/types';
import type { Project } from '../model/project';
import type { ApiError } from './result';

// The one contract between the UI and the back end. Each method has a zod schema for its request (checked by
// the router before any service runs) and a result type. Three hosts serve it over the same services:
// Electron IPC (main/electron), the browser host over HTTP (main/server), and the CLI (main/cli).

const path = z.string().min(1, 'a path is required').max(4096, 'the path is too long');
/** sha256 hex of the bytes last read or written: the base a save is compared with to detect conflicts. */
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');
const draftId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a draft id');
/** A project travels as plain JSON; the service validates it with the file format's loader. */
const projectPayload = z.unknown();

/** A job of this host (import:start, export:start and boundaries:suggest give it). */
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a job id');
/**
 * How imported files group into modules: "auto" (chosen per project, the default when left out), "app" (Django
 * app), "package" (top-level package) or "depth:N".
 */
const granularity = z
  .custom<Granularity>(
    (value) => typeof value === 'string' && parseGranularity(value) !== null,
    'a granularity: auto, app, package or depth:N (N from 1 to 20)',
  )
  .default('auto');
/** Keep layer packages (api/, graphql/, ...) as modules rather than attributing their parts to domains. */
const keepLayers = z.boolean().optional();

export const THEMES = ['system', 'light', 'dark'] as const;

/** What File > Export and `carve export` write. */
export const EXPORT_FORMATS = ['pdf', 'html', 'md', 'csv', 'mermaid', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  pdf: 'pdf',
  html: 'html',
  md: 'md',
  csv: 'csv',
  mermaid: 'mmd',
  json: 'json',
};
/** Each format's name as people say it: the export dialog's choices and the export steps' words. */
export const EXPORT_FORMAT_NAMES: Readonly<Record<ExportFormat, string>> = {
  pdf: 'PDF',
  html: 'HTML',
  md: 'Markdown',
  csv: 'CSV',
  mermaid: 'Mermaid',
  json: 'JSON',
};
export type Theme = (typeof THEMES)[number];

export const requests = {
  /** What this host is and can do. */
  'app:info': z.object({}),
  /** Read and validate a .carve file. */
  'project:open': z.object({ path }),
  /** The bundled sample project, "Acme Shop". */
  'project:sample': z.object({}),
  /**
   * Write a project atomically. `baseHash` is the hash returned when the file was opened or last saved; when
   * the file on disk no longer matches it the save fails with `conflict` unless `overwrite` is set. A save to
   * a path that exists with `baseHash: null` (Save As onto another file) also needs `overwrite`.
   */
  'project:save': z.object({ path, project: projectPayload, baseHash: hash.nullable(), overwrite: z.boolean() }),
  /** Recently opened or saved files, most recent first; files that no longer exist are dropped and named. */
  'recent:list': z.object({}),
  'recent:clear': z.object({}),
  /** Keep an autosave draft of unsaved work in the user-data folder (never beside the user's file). */
  'draft:save': z.object({ id: draftId, filePath: path.nullable(), project: projectPayload }),
  /** Drafts left by an earlier session that differ from their file: offered for recovery at start. */
  'draft:list': z.object({}),
  'draft:load': z.object({ id: draftId }),
  /** Delete a draft: after a save, a discard, or a recovery that was declined. */
  'draft:discard': z.object({ id: draftId }),
  'prefs:get': z.object({}),
  'prefs:set': z.object({ theme: z.enum(THEMES) }),
  /** Native dialogs (Electron only; the browser host answers `unsupported` and the UI uses its own dialog). */
  'dialog:open': z.object({}),
  'dialog:save': z.object({ defaultName: z.string().max(255) }),
  /** List a folder of the workspace for the in-app file dialog (browser host only). `dir: null` is the root. */
  'fs:list': z.object({ dir: path.nullable() }),
  /**
   * Plan the project and write the roadmap in one format (the PDF prints the same HTML report), as a job of this
   * host: answers its id at once; job:status follows its steps, job:cancel stops it (nothing is written), and the
   * finished job's result is the file written. Like a save, it is atomic and refuses to replace an existing file
   * unless `overwrite` is set.
   */
  /**
   * With `historyDir` (the imported source folder, in its git repository), the report (PDF, HTML, Markdown) adds
   * the backtest of each design on the commits after `historyUntil` (YYYY-MM-DD; by default the last year).
   */
  'export:start': z.object({
    project: projectPayload,
    format: z.enum(EXPORT_FORMATS),
    path,
    overwrite: z.boolean(),
    historyDir: path.optional(),
    historyUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as "2025-01-31"')
      .optional(),
  }),
  /**
   * Any job of this host (an import, an export): its state, progress, and its result or one-line error.
   * A job id the host does not know (never started, or finished long ago and dropped) fails with not-found.
   */
  'job:status': z.object({ jobId }),
  /**
   * Ask a job to stop: a queued one is cancelled at once, a running one stops at its next step (its state says
   * 'running' until it has); a finished one is left as it is. Answers the status.
   */
  'job:cancel': z.object({ jobId }),
  /** Native save dialog for an export (Electron only). */
  'dialog:export': z.object({ defaultName: z.string().max(255), format: z.enum(EXPORT_FORMATS) }),
  /**
   * Import a Python source folder in the background (worker threads), as a job of this host: follow it with
   * job:status (the job poller, shared/api/jobs.ts). Symbolic links out of the folder are not followed (the report
   * names them) unless `followLinksOut` is set, which only the desktop app honours: the browser host never follows
   * links out of its workspace.
   */
  'import:start': z.object({ dir: path, granularity, keepLayers, followLinksOut: z.boolean().optional() }),
  /** A new project from a finished import, grouped at `granularity` (regrouping reads no file again). */
  'import:project': z.object({ jobId, granularity, keepLayers, name: z.string().trim().min(1, 'a name is required').max(200) }),
  /** The open project with its monolith replaced by the import: services keep modules that still exist. */
  'import:reimport': z.object({ jobId, granularity, keepLayers, project: projectPayload }),
  /**
   * Candidate services for the project's modules (Louvain, fixed seed) and the metrics of the current design,
   * the proposal and one service per Django app (the apps of import job `jobId` when given).
   */
  'import:suggest': z.object({
    project: projectPayload,
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
    jobId: jobId.optional(),
  }),
  /**
   * Service boundaries from evidence (issue 9): alternatives at 4-20 services and at `services`, each named,
   * explained and backtested on the git history of `historyDir` (the imported folder; null: the static graph
   * alone) after `until` (YYYY-MM-DD; null: a year before the last commit), against random partitions of the
   * same sizes and one service per app. Constraints name module ids; the project's services are kept as pins.
   * A job of this host: answers its id at once; job:status follows its steps (reading the history, proposing),
   * job:cancel stops it, and the finished job's result is the suggestion.
   */
  'boundaries:suggest': z.object({
    project: projectPayload,
    historyDir: path.nullable(),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
      .nullable()
      .default(null),
    services: z.number().int().min(1).max(500).default(8),
    keepTogether: z
      .array(z.array(z.string().min(1).max(200)).min(2).max(10_000))
      .max(1000)
      .default([]),
    keepApart: z
      .array(z.array(z.string().min(1).max(200)).min(2).max(10_000))
      .max(1000)
      .default([]),
    leave: z.array(z.string().min(1).max(200)).max(10_000).default([]),
  }),
  /** Native folder dialog (Electron only; the browser host answers `unsupported`). */
  'dialog:folder': z.object({}),
  /**
   * The project's scenarios side by side (shared/analysis/compareScenarios.ts): metrics, cycles, phases, effort and
   * dates of each; with `historyDir` (the imported source folder, in its git repository) the backtest of each on
   * the commits after `historyUntil` (YYYY-MM-DD; by default the last year of the history).
   */
  'scenarios:compare': z.object({
    project: projectPayload,
    historyDir: path.optional(),
    historyUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as "2025-01-31"')
      .optional(),
  }),
} as const;

export type Method = keyof typeof requests;
export const METHODS = Object.keys(requests) as Method[];

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  /** The folder the browser host is confined to; null in Electron. */
  workspace: string | null;
  hasNativeDialogs: boolean;
  userDataDir: string;
}

export interface OpenedProject {
  path: string;
  project: Project;
  hash: string;
}

export interface SavedProject {
  path: string;
  hash: string;
}

export interface RecentFile {
  path: string;
  /** The project's name when it was last opened or saved. */
  name: string;
}

export interface DraftInfo {
  id: string;
  /** The file the draft belongs to; null for a project never saved. */
  filePath: string | null;
  projectName: string;
  /** ISO time of the draft (kept in the draft, never in a .carve file). */
  savedAt: string;
}

export interface Draft extends DraftInfo {
  project: Project;
}

export interface Preferences {
  theme: Theme;
}

export interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
}

export interface DirListing {
  dir: string;
  /** null at the workspace root. */
  parent: string | null;
  entries: DirEntry[];
}

export interface Values {
  'app:info': AppInfo;
  'project:open': OpenedProject;
  'project:sample': { project: Project };
  'project:save': SavedProject;
  'recent:list': { files: RecentFile[]; dropped: string[] };
  'recent:clear': Record<string, never>;
  'draft:save': Record<string, never>;
  'draft:list': { drafts: DraftInfo[] };
  'draft:load': Draft;
  'draft:discard': Record<string, never>;
  'prefs:get': Preferences;
  'prefs:set': Preferences;
  'dialog:open': { path: string | null };
  'dialog:save': { path: string | null };
  'fs:list': DirListing;
  'dialog:export': { path: string | null };
  'export:start': { jobId: string };
  'job:status': JobStatus;
  'job:cancel': JobStatus;
  'import:start': { jobId: string };
  'import:project': { project: Project; report: ImportSummary };
  'import:reimport': { project: Project; report: ImportSummary };
  'import:suggest': ImportSuggestion;
  'boundaries:suggest': { jobId: string };
  'dialog:folder': { path: string | null };
  'scenarios:compare': ScenarioComparisonResult;
}

/** The kinds of long work a host runs as jobs. */
export const JOB_KINDS = ['import', 'export', 'suggest'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * queued: waiting for an earlier job of its kind; running; then done (with a result), failed or cancelled (with a
 * one-line error). A job stays 'running' while a cancel it was asked for takes effect.
 */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** How far a job has got: `done` of `total` units (0 of 0 while unknown), and what it does, in words. */
export interface JobProgress {
  done: number;
  total: number;
  label: string;
  /** A machine name for the step under way, where the kind has steps (an export's 'printing'). */
  stage?: string;
}

/** What a finished import job answers; the modules come from import:project, at any granularity. */
export interface ImportJobResult {
  files: number;
  lines: number;
  skipped: number;
  problemCount: number;
  elapsedMs: number;
}

/** The result of each kind of job when it is done. */
export interface JobResults {
  import: ImportJobResult;
  export: ExportedFile;
  suggest: BoundarySuggestion;
}

interface JobStatusOf<K extends JobKind> {
  jobId: string;
  kind: K;
  /** What the job works on: the folder imported, the file exported to. */
  subject: string;
  state: JobState;
  progress: JobProgress;
  /** Set when done. */
  result: JobResults[K] | null;
  /** Set when failed or cancelled: the code and one line for a person. */
  error: ApiError | null;
  /** Milliseconds since the job began running (0 while queued), to its end when it has ended. */
  elapsedMs: number;
}

/** The one status shape of every job; narrow on `kind` for the result's type. */
export type JobStatus<K extends JobKind = JobKind> = K extends JobKind ? JobStatusOf<K> : never;

export type ExportStage = 'planning' | 'rendering' | 'printing' | 'writing';

/** One step of an export: its stage, which step of how many, and what it does in words ("Planning the migration"). */
export interface ExportStep {
  stage: ExportStage;
  step: number;
  steps: number;
  words: string;
}

/** What an import read and made, for the report shown after it. */
/** A class on the way to tables that is no table itself: never an entity, so never data the plan moves. */
export interface NotTableClass {
  name: string;
  /** The file, relative to the imported folder, and the line of the class statement. */
  path: string;
  line: number;
  /**
   * An abstract or declarative base, a proxy model (its parent's table), a single-table subclass (SQLAlchemy: its
   * parent's table), or a mixin (a plain class of the chain).
   */
  kind: 'abstract' | 'proxy' | 'single-table' | 'mixin';
}

export interface ImportSummary {
  granularity: Granularity;
  /** The granularity used ('auto' resolved) and why, the layers attributed, what was left out, the other options. */
  grouping: GroupingReport;
  modules: number;
  dependencies: number;
  /** Python files read (migrations included), their physical lines, files and folders left out. */
  files: number;
  lines: number;
  skipped: number;
  elapsedMs: number;
  /** Unreadable files, bad encodings, syntax errors: path and reason (at most 1,000 listed). */
  problems: ImportProblem[];
  problemCount: number;
  /** Dotted names of modules new in a re-import, and of modules gone (empty for a new project). */
  added: string[];
  removed: string[];
  /** Entities (tables) in the modules. */
  entities: number;
  /** Abstract bases, proxies and mixins of the models (at most 1,000 listed): not tables, so not entities. */
  notTables: NotTableClass[];
  notTableCount: number;
}

export interface ImportSuggestion {
  proposal: Proposal;
  metrics: { current: DesignSummary; proposal: DesignSummary; perApp: DesignSummary };
}

/** scenarios:compare: the comparison, and what was read of the history in one line (null without historyDir). */
export interface ScenarioComparisonResult extends ScenarioComparison {
  historyNote: string | null;
}

export interface ExportedFile {
  path: string;
  bytes: number;
  /** Pages of a PDF; null for other formats. */
  pages: number | null;
}

export type Request<M extends Method> = z.input<(typeof requests)[M]>;
export type ParsedRequest<M extends Method> = z.output<(typeof requests)[M]>;

/** What a host implements: one function per method, given a request the router has already validated. */
export type Handlers = { [M in Method]: (request: ParsedRequest<M>) => Promise<Values[M]> };
