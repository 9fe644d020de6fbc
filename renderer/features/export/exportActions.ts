import type { CarveApi } from '../../../shared/api/client';
import {
  EXPORT_EXTENSIONS,
  EXPORT_FORMAT_NAMES,
  EXPORT_FORMATS,
  type ExportedFile,
  type ExportFormat,
  type JobStatus,
  type Request,
} from '../../../shared/api/contract';
import { runJob } from '../../../shared/api/jobs';
import { slugify } from '../../../shared/model/create';
import { BACKTEST_FORMATS } from '../../../shared/report/reportBacktest';
import { api as bridgeApi } from '../../platform/bridge';
import { errorText } from '../../platform/messages';
import type { PickedPath } from '../../state/dialogStore';
import { documentStore, fileNameOf } from '../../state/documentStore';
import { exportStore, type ExportStep } from '../../state/exportStore';
import { showNotice, uiStore } from '../../state/uiStore';

// File > Export: choose a format, then where (the native save dialog in Electron, the in-app one in the browser
// host), then the export as a job of the host (export:start, followed by the one job poller, shared/api/jobs.ts,
// for its steps); Cancel aborts the poller's signal, which cancels the job, and nothing is written. A file that exists is replaced only after the person agreed.
// Errors stay in the dialog as one line; success closes it with a notice naming the file.

const FORMAT_HINTS: Readonly<Record<ExportFormat, string>> = {
  pdf: 'The roadmap report to hand out: cover, summary, architecture, phases, timeline',
  html: 'The same report as one self-contained web page',
  md: 'The plan as text for a wiki or a pull request',
  csv: 'One row per service, ready to import into an issue tracker',
  mermaid: 'The target architecture as a Mermaid graph',
  json: 'The plan as data for other tools',
};

export const FORMAT_LABELS: Readonly<Record<ExportFormat, { name: string; hint: string }>> = Object.fromEntries(
  EXPORT_FORMATS.map((format) => [format, { name: EXPORT_FORMAT_NAMES[format], hint: FORMAT_HINTS[format] }]),
) as Record<ExportFormat, { name: string; hint: string }>;

export function chooseFormat(format: ExportFormat): void {
  exportStore.setState({ format });
}

/** The file name offered: the project's name, slugified, with "-roadmap" and the format's extension. */
export function defaultExportName(projectName: string, format: ExportFormat): string {
  return `${slugify(projectName)}-roadmap.${EXPORT_EXTENSIONS[format]}`;
}

/** The running export's line: "Step 3 of 5: Printing the PDF… (12 s)". */
export function progressText(status: JobStatus<'export'> | null, cancelling: boolean): string {
  if (cancelling) return 'Cancelling the export…';
  if (status?.state === 'queued') return 'Waiting for the export before it to finish…';
  if (!status || status.progress.stage === undefined) return 'Starting the export…';
  const { done, total, label } = status.progress;
  const seconds = Math.floor(status.elapsedMs / 1000);
  return `Step ${Math.min(done + 1, total)} of ${total}: ${label}…${seconds >= 2 ? ` (${seconds} s)` : ''}`;
}

/** The export under way: aborting it cancels the job. */
let running: AbortController | null = null;

/** Ask the host to stop the running export (once: a second ask sends nothing more). */
export function cancelExport(): void {
  const { step } = exportStore.getState();
  if (step.kind !== 'running' || step.cancelling) return;
  exportStore.setState({ step: { ...step, cancelling: true } });
  running?.abort();
}

/** The export as a job of the host, with the dialog following its steps until it ends. */
async function runWithProgress(api: CarveApi, request: Request<'export:start'>) {
  const controller = new AbortController();
  running = controller;
  exportStore.setState({ step: { kind: 'running', status: null, cancelling: false }, error: null, note: null });
  const onProgress = (status: JobStatus<'export'>) => {
    const { step } = exportStore.getState();
    if (running === controller && step.kind === 'running') exportStore.setState({ step: { ...step, status } });
  };
  try {
    return await runJob(api, 'export:start', request, { signal: controller.signal, onProgress });
  } finally {
    if (running === controller) running = null;
  }
}

function describeExport(file: ExportedFile): string {
  const name = fileNameOf(file.path) ?? file.path;
  const size =
    file.bytes >= 1024 * 1024 ? `${(file.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(file.bytes / 1024))} KB`;
  return `Exported — ${name} (${file.pages !== null ? `${file.pages} ${file.pages === 1 ? 'page' : 'pages'}, ` : ''}${size})`;
}

const ask = <T>(make: (resolve: (value: T) => void) => ExportStep): Promise<T> =>
  new Promise<T>((resolve) => exportStore.setState({ step: make(resolve) }));

/** Where to write: the native dialog (which asks about replacing itself) or the in-app one. */
async function pickPath(api: CarveApi, format: ExportFormat, defaultName: string): Promise<PickedPath | null> {
  if (uiStore.getState().info?.hasNativeDialogs) {
    const picked = await api['dialog:export']({ defaultName, format });
    if (!picked.ok) {
      exportStore.setState({ error: errorText(picked.error) });
      return null;
    }
    return picked.value.path === null ? null : { path: picked.value.path, overwrite: true };
  }
  return ask<PickedPath | null>((resolve) => ({ kind: 'pick', defaultName, extension: `.${EXPORT_EXTENSIONS[format]}`, resolve }));
}

/** The whole flow after the format is chosen. Resolves when the dialog is closed or back at the choice. */
export async function runExport(): Promise<ExportedFile | null> {
  const api = bridgeApi();
  const { format, historyDir, historyUntil } = exportStore.getState();
  const dir = BACKTEST_FORMATS.includes(format) ? historyDir.trim() : '';
  const history = dir === '' ? {} : { historyDir: dir, ...(historyUntil ? { historyUntil } : {}) };
  const project = documentStore.getState().project;
  if (!project) return null;
  exportStore.setState({ error: null, note: null });
  const picked = await pickPath(api, format, defaultExportName(project.name, format));
  if (exportStore.getState().step.kind === 'closed') return null;
  if (!picked) {
    exportStore.setState({ step: { kind: 'choose' } });
    return null;
  }
  let overwrite = picked.overwrite;
  for (;;) {
    const result = await runWithProgress(api, { project, format, path: picked.path, overwrite, ...history });
    if (result.ok) {
      exportStore.setState({ step: { kind: 'closed' }, error: null, note: null });
      showNotice(describeExport(result.value));
      return result.value;
    }
    if (result.error.code === 'conflict' && !overwrite) {
      const replace = await ask<boolean>((resolve) => ({ kind: 'replace', path: picked.path, resolve }));
      if (replace) {
        overwrite = true;
        continue;
      }
    } else if (result.error.code === 'cancelled') {
      exportStore.setState({ note: 'Export cancelled; nothing was written.' });
      showNotice('Export cancelled; nothing was written');
    } else exportStore.setState({ error: errorText(result.error) });
    if (exportStore.getState().step.kind !== 'closed') exportStore.setState({ step: { kind: 'choose' } });
    return null;
  }
}
