import { runJob } from '../../../shared/api/jobs';
import { acceptServices } from '../../../shared/commands/accept';
import type { Granularity } from '../../../shared/importer/granularity';
import { projectNameForFolder } from '../../../shared/importer/toProject';
import { MONOLITH_NODE_ID, type Project } from '../../../shared/model/project';
import { api } from '../../platform/bridge';
import { errorText } from '../../platform/messages';
import type { PickedPath } from '../../state/dialogStore';
import { importStore, INITIAL, type ImportState, type ImportTarget } from '../../state/importStore';
import { documentStore, loadDocument } from '../../state/documentStore';
import { edit, undoEdit } from '../../state/edit';
import { acceptAsNewScenario } from '../../state/scenarioEdits';
import { requestFit } from '../../state/selectionStore';
import { showNotice, uiStore } from '../../state/uiStore';

// Accepting is shared with `carve suggest` (shared/commands/accept.ts).

// File > Import from Python Source: pick a folder, a granularity and where the modules go (a new project or the
// open one), follow the import job's progress with the one job poller (cancel any time), read the report, regroup at another granularity
// (no file read again), then ask for service boundaries and accept them all, one by one, or dismiss them.

/** How often the dialog asks for progress while an import runs (files go by fast: more often than an export). */
export const POLL_MS = 120;

/** The import under way: aborting it cancels the job. */
let importing: AbortController | null = null;
let suggesting: AbortController | null = null;

export const GRANULARITY_LABELS: ReadonlyArray<{ value: Granularity; label: string }> = [
  { value: 'auto', label: 'Automatic (chosen for the project)' },
  { value: 'app', label: 'Django app (else top-level package)' },
  { value: 'package', label: 'Top-level package' },
  { value: 'depth:2', label: 'Package depth 2' },
  { value: 'depth:3', label: 'Package depth 3' },
  { value: 'depth:4', label: 'Package depth 4' },
];

const set = (patch: Partial<ImportState>) => importStore.setState(patch);
const fail = (message: string) => set({ error: message, busy: false });

export function openImportDialog(): void {
  if (importStore.getState().step.kind !== 'closed') return;
  const hasProject = documentStore.getState().project !== null;
  set({
    ...INITIAL,
    dir: importStore.getState().dir,
    step: { kind: 'setup' },
    target: hasProject ? importStore.getState().target : 'new',
    until: yearAgo(new Date()),
  });
}

/** Close the dialog; a running import is cancelled (the job stops on its own, the dialog does not wait). */
export function closeImportDialog(): void {
  const { step } = importStore.getState();
  if (step.kind === 'running') {
    importing?.abort();
    importing = null;
    showNotice('Import cancelled');
  }
  if (step.kind === 'pick') step.resolve(null);
  suggesting?.abort();
  suggesting = null;
  set({ ...INITIAL, dir: importStore.getState().dir });
}

export function setImportDir(dir: string): void {
  set({ dir, error: null });
}

export function setImportTarget(target: ImportTarget): void {
  set({ target });
}

/** Before an import: the granularity to use. After one: regroup it (from the kept scan, instantly). */
export async function setImportGranularity(granularity: Granularity): Promise<void> {
  const { step } = importStore.getState();
  set({ granularity });
  if (step.kind === 'report') await applyImport(step.jobId);
}

/** Attribute layer packages to their domains (the default) or keep them as modules; after an import, regroup. */
export async function setImportKeepLayers(keepLayers: boolean): Promise<void> {
  const { step } = importStore.getState();
  set({ keepLayers });
  if (step.kind === 'report') await applyImport(step.jobId);
}

export function setImportFollowLinksOut(followLinksOut: boolean): void {
  set({ followLinksOut });
}

/** The native folder dialog in Electron; the in-app one over the workspace in the browser host. */
export async function chooseImportFolder(): Promise<void> {
  if (uiStore.getState().info?.hasNativeDialogs) {
    const picked = await api()['dialog:folder']({});
    if (!picked.ok) return fail(errorText(picked.error));
    if (picked.value.path) setImportDir(picked.value.path);
    return;
  }
  const answer = await new Promise<PickedPath | null>((resolve) => set({ step: { kind: 'pick', resolve } }));
  set({ step: { kind: 'setup' } });
  if (answer) setImportDir(answer.path);
}

/** Start reading the folder; `guard` deals with unsaved changes before a new project replaces the open one. */
export async function startImport(guard: () => Promise<boolean>): Promise<void> {
  const { dir, granularity, keepLayers, followLinksOut, target, busy } = importStore.getState();
  if (busy || dir.trim() === '') return;
  if (target === 'new' && !(await guard())) return;
  showNotice(null);
  set({ busy: true, error: null, summary: null, suggestion: null, shown: null, accepted: null, applied: null, base: null });
  const linksOut = followLinksOut && uiStore.getState().info?.host === 'electron';
  const controller = new AbortController();
  importing = controller;
  set({ step: { kind: 'running', done: 0, total: 0, message: 'Looking for Python files…', cancelling: false } });
  let jobId = '';
  const result = await runJob(
    api(),
    'import:start',
    { dir: dir.trim(), granularity, keepLayers, ...(linksOut ? { followLinksOut: true } : {}) },
    {
      signal: controller.signal,
      intervalMs: POLL_MS,
      onStart: (id) => (jobId = id),
      onProgress: ({ state, progress }) => {
        const { step } = importStore.getState();
        if (importing === controller && state !== 'done' && step.kind === 'running')
          set({ step: { ...step, done: progress.done, total: progress.total, message: progress.label } });
      },
    },
  );
  // Closed, or another import started meanwhile: this one's end is no longer the dialog's.
  if (importing !== controller) return;
  importing = null;
  if (result.ok) {
    if (importStore.getState().target === 'reimport') set({ base: documentStore.getState().project });
    // Boundaries from evidence read the history of the folder just imported, unless the person says otherwise.
    set({ step: { kind: 'report', jobId }, historyDir: dir.trim() });
    await applyImport(jobId);
    return;
  }
  set({ step: { kind: 'setup' }, busy: false, error: result.error.code === 'cancelled' ? null : errorText(result.error) });
  if (result.error.code === 'cancelled') showNotice('Import cancelled');
}

/** Stop the running import: the dialog says it is cancelling, and is back at the setup once the job has stopped. */
export function cancelImport(): void {
  const { step } = importStore.getState();
  if (step.kind !== 'running' || step.cancelling) return;
  set({ step: { ...step, cancelling: true } });
  importing?.abort();
}

/** Put the import, at the chosen granularity, into the document: a new project, or one undo step on the open one. */
async function applyImport(jobId: string): Promise<void> {
  const { target, granularity, keepLayers, dir, base, applied } = importStore.getState();
  set({ busy: true, error: null, suggestion: null, shown: null, accepted: null });
  if (target === 'new') {
    const made = await api()['import:project']({ jobId, granularity, keepLayers, name: projectNameForFolder(dir) });
    if (!made.ok) return fail(errorText(made.error));
    loadDocument({ project: made.value.project, filePath: null, baseHash: null, dirty: true });
    set({ summary: made.value.report, applied: made.value.project, busy: false });
    return;
  }
  if (base === null) return fail('There is no open project to re-import into');
  const made = await api()['import:reimport']({ jobId, granularity, keepLayers, project: base });
  if (!made.ok) return fail(errorText(made.error));
  // A regroup replaces the step the previous grouping made, so that one Undo returns to the project as it was.
  if (applied !== null && documentStore.getState().project === applied) undoEdit();
  if (!edit('Re-import', () => made.value.project, fail)) return;
  set({ summary: made.value.report, applied: documentStore.getState().project, busy: false });
}

/** The day a year before `today`, YYYY-MM-DD: the cut-off offered for boundaries from evidence. */
export function yearAgo(today: Date): string {
  const day = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate()));
  // 29 February a year on is 1 March: keep the last day of February.
  if (day.getUTCMonth() !== today.getUTCMonth()) day.setUTCDate(0);
  return day.toISOString().slice(0, 10);
}

/** The inputs of boundaries from evidence: the history folder, the cut-off, the number of services asked for. */
export function setSuggestInputs(patch: Partial<Pick<ImportState, 'historyDir' | 'until' | 'services'>>): void {
  set({ ...patch, error: null });
}

/**
 * Boundaries from evidence (issue 9): alternatives across sizes and at the size asked for, each named, explained
 * and backtested on the history folder's commits after the cut-off. No history folder: the static graph alone.
 * It runs as a job of the host, followed by the one job poller; its steps ("Reading the history: 12,000 commits",
 * then "Proposing service boundaries") show in the dialog's progress bar, with a Cancel (cancelSuggest).
 */
export async function suggestBoundaries(): Promise<void> {
  const { historyDir, until, services, busy, constraints } = importStore.getState();
  const project = documentStore.getState().project;
  if (!project || busy) return;
  const controller = new AbortController();
  suggesting = controller;
  set({ busy: true, error: null, suggesting: { done: 0, total: 0, text: 'Starting…', cancelling: false } });
  const result = await runJob(
    api(),
    'boundaries:suggest',
    {
      project,
      historyDir: historyDir.trim() === '' ? null : historyDir.trim(),
      until: until === '' ? null : until,
      services,
      ...constraints,
    },
    {
      intervalMs: POLL_MS,
      signal: controller.signal,
      onProgress: ({ state, progress }) => {
        const shown = importStore.getState().suggesting;
        if (suggesting === controller && state === 'running' && shown)
          set({ suggesting: { ...shown, done: progress.done, total: progress.total, text: progress.label } });
      },
    },
  );
  // Closed meanwhile: this suggestion's end is no longer the dialog's.
  if (suggesting !== controller) return;
  suggesting = null;
  set({ suggesting: null });
  if (!result.ok) {
    if (result.error.code !== 'cancelled') return fail(errorText(result.error));
    set({ busy: false });
    return showNotice('Suggestion cancelled');
  }
  set({ suggestion: result.value, shown: result.value.accepted, accepted: null, busy: false, appliedConstraints: constraints });
}

/** Stop the suggestion under way: the bar says it is cancelling until the job has stopped. */
export function cancelSuggest(): void {
  const shown = importStore.getState().suggesting;
  if (!shown || shown.cancelling) return;
  set({ suggesting: { ...shown, cancelling: true } });
  suggesting?.abort();
}

/** Show another alternative's services and explanations. */
export function showAlternative(target: number): void {
  set({ shown: target });
}

/**
 * Accept an alternative: its services (those the project already has stay as they are) are created in one undo
 * step, in the active design or, `asScenario`, in a new scenario beside it.
 */
export function acceptAlternative(target: number, asScenario = false): void {
  const { suggestion, accepted } = importStore.getState();
  const alternative = suggestion?.alternatives.find((a) => a.target === target);
  if (!alternative || accepted !== null) return;
  const chosen = alternative.services.filter((s) => !s.pinned);
  if (chosen.length === 0) return;
  const update = (project: Project) => acceptServices(project, chosen);
  const name = `${target} services from evidence`;
  const applied = asScenario ? acceptAsNewScenario(name, update) : edit('Accept services', update, (message) => set({ error: message }));
  if (!applied) return;
  // Frame everything, once the new nodes are drawn: they sit beside or below what was there.
  // Every node: the Monolith has no saved position until it is moved, so the layout does not list it.
  requestFit([MONOLITH_NODE_ID, ...(documentStore.getState().project?.services.map((service) => service.id) ?? [])]);
  set({ accepted: target });
  showNotice(`Accepted ${chosen.length} ${chosen.length === 1 ? 'service' : 'services'}${asScenario ? ` as the scenario "${name}"` : ''}`);
}

export function dismissSuggestion(): void {
  set({ suggestion: null, shown: null, accepted: null });
}
