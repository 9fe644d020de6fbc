import path from 'node:path';
import type { ExportFormat, Handlers, ParsedRequest } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { compareScenarios } from '../../shared/analysis/compareScenarios';
import { parseDay } from '../../shared/boundaries/history';
import { djangoApps } from '../../shared/importer/granularity';
import { compareDesigns, proposeServices } from '../../shared/boundaries/staticLouvain';
import { reimport, toProject } from '../../shared/importer/toProject';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { CARVE_VERSION } from '../../shared/version';
import { Drafts } from './drafts';
import { readModuleHistory } from './history/moduleHistory';
import { createChromiumPrinter, type PdfPrinter } from './export/chromiumPrinter';
import { ExportJobs, type ExportWork } from './export/exportJobs';
import { exportProject, localIsoDate } from './export/exportProject';
import { suggestForApi } from './history/suggestBoundaries';
import { SuggestJobs } from './history/suggestJobs';
import { ImportJobs, summarize } from './importJobs';
import type { PreferenceStore } from './preferences';
import { openProjectFile, saveProjectFile, validatePayload } from './projectFiles';
import { RecentFiles } from './recentFiles';
import type { Workspace } from './workspace';

export interface NativeDialogs {
  open(): Promise<string | null>;
  save(defaultName: string): Promise<string | null>;
  /** A save dialog for an export; absent, dialog:export answers `unsupported` like dialog:save. */
  export?(defaultName: string, format: ExportFormat): Promise<string | null>;
  /** A folder dialog for File > Import from Python Source; absent, dialog:folder answers `unsupported`. */
  folder?(): Promise<string | null>;
}

export interface HostOptions {
  host: 'electron' | 'browser';
  userDataDir: string;
  preferences: PreferenceStore;
  /** Browser host: every path argument is confined to it. */
  workspace: Workspace | null;
  /** Electron only. */
  dialogs?: NativeDialogs;
  /** Prints the report for PDF exports (Electron: printToPDF); absent, a Chromium found on the machine. */
  printer?: PdfPrinter;
  /** The Python import jobs of this host (tests pass their own); their job registry serves every kind of job. */
  importJobs?: ImportJobs;
}

const empty = {} as Record<string, never>;

/** The services behind every API method, for one host. The router validates requests before these run. */
export function createHandlers(options: HostOptions): Handlers {
  const { host, userDataDir, preferences, workspace, dialogs } = options;
  let printer = options.printer;
  const recent = new RecentFiles(preferences);
  const drafts = new Drafts(path.join(userDataDir, 'drafts'));
  const imports = options.importJobs ?? new ImportJobs();
  /** The one job registry of this host: imports, exports, suggestions (job:status, job:cancel). */
  const jobs = imports.registry;
  const exports = new ExportJobs(jobs);
  const suggestions = new SuggestJobs(jobs);
  /** A path from a request: confined to the workspace in the browser host. */
  const confine = (userPath: string) => (workspace ? workspace.resolve(userPath) : path.resolve(userPath));
  /** Whether a path the back end already holds (recent files, drafts) may be shown in this host. */
  const isVisible = (filePath: string | null) => {
    if (filePath === null || workspace === null) return true;
    try {
      workspace.resolve(filePath);
      return true;
    } catch {
      return false;
    }
  };
  /** An export request checked (the path confined, the project valid) and ready to run as a job. */
  const exportOf = ({
    project,
    format,
    path: filePath,
    overwrite,
    historyDir,
    historyUntil,
  }: ParsedRequest<'export:start'>): [string, ExportWork] => {
    const absolute = confine(filePath);
    const valid = validatePayload(project, `The project to export as ${path.basename(absolute)}`);
    const untilDay = historyUntil === undefined ? null : parseDay(historyUntil);
    if (historyUntil !== undefined && untilDay === null)
      throw new CarveError('invalid-request', `historyUntil: ${historyUntil} is not a day of the calendar`);
    const history = historyDir === undefined ? undefined : { dir: confine(historyDir), untilDay };
    printer ??= format === 'pdf' ? createChromiumPrinter() : undefined;
    return [
      absolute,
      (onStep, signal) =>
        exportProject({
          project: valid,
          format,
          path: absolute,
          overwrite,
          printer,
          generatedOn: localIsoDate(),
          onStep,
          signal,
          ...(history ? { history } : {}),
        }),
    ];
  };
  const noDialogs = () => new CarveError('unsupported', 'Native file dialogs are not available here: use the in-app file dialog');

  return {
    'app:info': async () => ({
      version: CARVE_VERSION,
      host,
      workspace: workspace?.root ?? null,
      hasNativeDialogs: dialogs !== undefined,
      userDataDir,
    }),
    'project:open': async ({ path: filePath }) => {
      const absolute = confine(filePath);
      try {
        const opened = await openProjectFile(absolute);
        recent.add(opened.path, opened.project.name);
        return opened;
      } catch (error) {
        // A recent file that is gone: forget it, so the list stops offering it.
        if (error instanceof CarveError && error.code === 'not-found') recent.remove(absolute);
        throw error;
      }
    },
    'project:sample': async () => ({ project: loadSampleProject() }),
    'project:save': async (request) => {
      const saved = await saveProjectFile({ ...request, path: confine(request.path) });
      // The payload was validated by the save: it has a name.
      recent.add(saved.path, String((request.project as { name: unknown }).name));
      return saved;
    },
    'recent:list': async () => {
      const { files, dropped } = await recent.list();
      return { files: files.filter((file) => isVisible(file.path)), dropped: dropped.filter(isVisible) };
    },
    'recent:clear': async () => {
      recent.clear();
      return empty;
    },
    'draft:save': async ({ id, filePath, project }) => {
      await drafts.save(id, filePath === null ? null : confine(filePath), project);
      return empty;
    },
    'draft:list': async () => ({ drafts: (await drafts.list()).filter((draft) => isVisible(draft.filePath)) }),
    'draft:load': async ({ id }) => {
      const draft = await drafts.load(id);
      if (!isVisible(draft.filePath)) throw new CarveError('outside-workspace', `The draft ${id} belongs to a file outside the workspace`);
      return draft;
    },
    'draft:discard': async ({ id }) => {
      await drafts.discard(id);
      return empty;
    },
    'prefs:get': async () => ({ theme: preferences.get('theme') }),
    'prefs:set': async ({ theme }) => {
      const notSaved = preferences.set('theme', theme);
      if (notSaved !== null) throw new CarveError('save-failed', `The theme was not saved: ${notSaved}`);
      return { theme: preferences.get('theme') };
    },
    'dialog:open': async () => {
      if (!dialogs) throw noDialogs();
      return { path: await dialogs.open() };
    },
    'dialog:save': async ({ defaultName }) => {
      if (!dialogs) throw noDialogs();
      return { path: await dialogs.save(defaultName) };
    },
    'export:start': async (request) => ({ jobId: exports.start(...exportOf(request)) }),
    'job:status': async ({ jobId }) => jobs.status(jobId),
    'job:cancel': async ({ jobId }) => jobs.cancel(jobId),
    'dialog:export': async ({ defaultName, format }) => {
      if (!dialogs?.export) throw noDialogs();
      return { path: await dialogs.export(defaultName, format) };
    },
    'import:start': async ({ dir, granularity, keepLayers, followLinksOut }) =>
      imports.start(confine(dir), granularity, keepLayers, { followOut: followLinksOut === true, workspace: workspace?.root ?? null }),
    'import:project': async ({ jobId, granularity, keepLayers, name }) => {
      const result = imports.result(jobId, granularity, keepLayers);
      return { project: toProject(result, name), report: summarize(result) };
    },
    'import:reimport': async ({ jobId, granularity, keepLayers, project }) => {
      const result = imports.result(jobId, granularity, keepLayers);
      const valid = validatePayload(project, 'The project to re-import into');
      const next = reimport(valid, result);
      return { project: next.project, report: summarize(result, next.report) };
    },
    'import:suggest': async ({ project, seed, jobId }) => {
      const valid = validatePayload(project, 'The project to suggest services for');
      const apps = jobId === undefined ? [] : djangoApps(imports.scan(jobId));
      const proposal = proposeServices(valid, seed === undefined ? {} : { seed });
      return { proposal, metrics: compareDesigns(valid, proposal, apps) };
    },
    'boundaries:suggest': async ({ project, historyDir, ...params }) => {
      // Checked before the job starts: a bad project or a folder outside the workspace is the request's error.
      const valid = validatePayload(project, 'The project to suggest services for');
      const folder = historyDir === null ? null : confine(historyDir);
      const jobId = suggestions.start(valid.name, (onStep, signal) =>
        suggestForApi(valid, { ...params, historyDir: folder }, { onStep, signal }),
      );
      return { jobId };
    },
    'dialog:folder': async () => {
      if (!dialogs?.folder) throw noDialogs();
      return { path: await dialogs.folder() };
    },
    'fs:list': async ({ dir }) => {
      if (!workspace) throw new CarveError('unsupported', 'Listing folders is only available in the browser host');
      return workspace.list(dir);
    },
    'scenarios:compare': async ({ project, historyDir, historyUntil }) => {
      const valid = validatePayload(project, 'The project to compare scenarios of');
      if (historyDir === undefined) return { ...compareScenarios(valid), historyNote: null };
      const untilDay = historyUntil === undefined ? null : parseDay(historyUntil);
      if (historyUntil !== undefined && untilDay === null)
        throw new CarveError('invalid-request', `historyUntil: ${historyUntil} is not a day of the calendar`);
      const read = await readModuleHistory(valid, confine(historyDir), untilDay);
      if (read === null) throw new CarveError('not-found', `${historyDir} is not a folder`);
      const history = read.cutoff === null ? undefined : { commits: read.commits, cutoff: read.cutoff };
      return { ...compareScenarios(valid, history ? { history } : {}), historyNote: read.note };
    },
  };
}
