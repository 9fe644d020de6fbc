import type { CarveApi } from '../../../shared/api/client';
import { runJob } from '../../../shared/api/jobs';
import { acceptServices } from '../../../shared/commands/accept';
import type { Granularity } from '../../../shared/importer/granularity';
import { projectNameForFolder } from '../../../shared/importer/toProject';
import { MONOLITH_NODE_ID } from '../../../shared/model/project';
import { api as bridgeApi } from '../../platform/bridge';
import { errorText } from '../../platform/messages';
import type { PickedPath } from '../../state/dialogStore';
import { importStore, INITIAL, type ImportState, type ImportTarget } from '../../state/importStore';
import { documentStore, loadDocument } from '../../state/documentStore';
import { edit, undoEdit } from '../../state/edit';
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

export const GRANULARITY_LABELS: ReadonlyArray<{ value: Granularity; label: string }> = [
  { value: 'auto', label: 'Automatic (chosen for the project)' },
  { value: 'app', label: 'Django app (else top-level package)' },
  { value: 'package', label: 'Top-level package' },
  { value: 'depth:2', label: 'Package depth 2' },
  { value: 'depth:3', label: 'Package depth 3' },
  { value: 'depth:4', label: 'Package depth 4' },
];

let apiOverride: CarveApi | null = null;
/** Tests run the flow against their own API. */
export function setImportApi(api: CarveApi | null): void {
  apiOverride = api;
}
const api = (): CarveApi => apiOverride ?? bridgeApi();

const set = (patch: Partial<ImportState>) => importStore.setState(patch);
const fail = (message: string) => set({ error: message, busy: false });

export function openImportDialog(): void {
  if (importStore.getState().step.kind !== 'closed') return;
  const hasProject = documentStore.getState().project !== null;
  set({ ...INITIAL, dir: importStore.getState().dir, step: { kind: 'setup' }, target: hasProject ? importStore.getState().target : 'new' });
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
  set({ busy: true, error: null, summary: null, suggestion: null, accepted: [], applied: null, base: null });
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
        if (importing === controller && state !== 'done' && step.kind === 'running') set({ step: { ...step, done: progress.done, total: progress.total, message: progress.label } });
      },
    },
  );
  // Closed, or another import started meanwhile: this one's end is no longer the dialog's.
  if (importing !== controller) return;
  importing = null;
  if (result.ok) {
    if (importStore.getState().target === 'reimport') set({ base: documentStore.getState().project });
    set({ step: { kind: 'report', jobId } });
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
  set({ busy: true, error: null, suggestion: null, accepted: [] });
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

export async function suggestBoundaries(): Promise<void> {
  const { step } = importStore.getState();
  const project = documentStore.getState().project;
  if (!project) return;
  set({ busy: true, error: null });
  const jobId = step.kind === 'report' ? step.jobId : undefined;
  const result = await api()['import:suggest']({ project, seed: 1, ...(jobId ? { jobId } : {}) });
  if (!result.ok) return fail(errorText(result.error));
  set({ suggestion: result.value, accepted: [], busy: false });
}

/** Create the services of the proposal given (all when omitted): one undo step. */
export function acceptProposal(ids?: readonly string[]): void {
  const { suggestion, accepted } = importStore.getState();
  if (!suggestion) return;
  const chosen = suggestion.proposal.services.filter((s) => !accepted.includes(s.id) && (ids === undefined || ids.includes(s.id)));
  if (chosen.length === 0) return;
  if (!edit('Accept services', (project) => acceptServices(project, chosen), (message) => set({ error: message }))) return;
  // Frame everything, once the new nodes are drawn: they sit beside or below what was there.
  // Every node: the Monolith has no saved position until it is moved, so the layout does not list it.
  requestFit([MONOLITH_NODE_ID, ...(documentStore.getState().project?.services.map((service) => service.id) ?? [])]);
  const nowAccepted = [...accepted, ...chosen.map((s) => s.id)];
  set({ accepted: nowAccepted });
  if (ids === undefined || nowAccepted.length === suggestion.proposal.services.length) {
    showNotice(`Accepted ${chosen.length} ${chosen.length === 1 ? 'service' : 'services'}`);
  }
}

export function dismissSuggestion(): void {
  set({ suggestion: null, accepted: [] });
}
