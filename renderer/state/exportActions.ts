import { createStore } from 'zustand/vanilla';
import type { CarveApi } from '../../shared/api/client';
import { EXPORT_EXTENSIONS, type ExportedFile, type ExportFormat } from '../../shared/api/contract';
import { slugify } from '../../shared/model/create';
import { api as bridgeApi } from '../bridge';
import { errorText } from '../messages';
import type { PickedPath } from './dialogs';
import { documentStore, fileNameOf } from './documentStore';
import { showNotice, uiStore } from './uiStore';

// File > Export: choose a format, then where (the native save dialog in Electron, the in-app one in the browser
// host), then 'export:run' with progress shown until it answers. A file that exists is replaced only after the
// person agreed. Errors stay in the dialog as one line; success closes it with a notice naming the file.

export const FORMAT_LABELS: Readonly<Record<ExportFormat, { name: string; hint: string }>> = {
  pdf: { name: 'PDF', hint: 'The roadmap report to hand out: cover, summary, architecture, phases, timeline' },
  html: { name: 'HTML', hint: 'The same report as one self-contained web page' },
  md: { name: 'Markdown', hint: 'The plan as text for a wiki or a pull request' },
  csv: { name: 'CSV', hint: 'One row per service, ready to import into an issue tracker' },
  mermaid: { name: 'Mermaid', hint: 'The target architecture as a Mermaid graph' },
  json: { name: 'JSON', hint: 'The plan as data for other tools' },
};

export type ExportStep =
  | { kind: 'closed' }
  | { kind: 'choose' }
  /** The in-app file dialog is picking a path. */
  | { kind: 'pick'; defaultName: string; extension: string; resolve(answer: PickedPath | null): void }
  | { kind: 'replace'; path: string; resolve(replace: boolean): void }
  | { kind: 'running'; stage: string };

export interface ExportState {
  step: ExportStep;
  format: ExportFormat;
  /** The last failure, one line, shown in the dialog until the next attempt. */
  error: string | null;
}

export const exportStore = createStore<ExportState>(() => ({ step: { kind: 'closed' }, format: 'pdf', error: null }));

export function openExportDialog(): void {
  if (!documentStore.getState().project) return;
  if (exportStore.getState().step.kind !== 'closed') return;
  exportStore.setState({ step: { kind: 'choose' }, error: null });
}

export function closeExportDialog(): void {
  const { step } = exportStore.getState();
  if (step.kind === 'running') return; // the export goes on: wait for it
  if (step.kind === 'pick') step.resolve(null);
  if (step.kind === 'replace') step.resolve(false);
  exportStore.setState({ step: { kind: 'closed' }, error: null });
}

export function chooseFormat(format: ExportFormat): void {
  exportStore.setState({ format });
}

/** The file name offered: the project's name, slugified, with "-roadmap" and the format's extension. */
export function defaultExportName(projectName: string, format: ExportFormat): string {
  return `${slugify(projectName)}-roadmap.${EXPORT_EXTENSIONS[format]}`;
}

export function stageText(format: ExportFormat): string {
  return format === 'pdf' ? 'Planning, rendering and printing the PDF…' : `Planning and writing the ${FORMAT_LABELS[format].name} file…`;
}

function describeExport(file: ExportedFile): string {
  const name = fileNameOf(file.path) ?? file.path;
  const size = file.bytes >= 1024 * 1024 ? `${(file.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(file.bytes / 1024))} KB`;
  return `Exported — ${name} (${file.pages !== null ? `${file.pages} ${file.pages === 1 ? 'page' : 'pages'}, ` : ''}${size})`;
}

const ask = <T,>(make: (resolve: (value: T) => void) => ExportStep): Promise<T> =>
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
export async function runExport(api: CarveApi = bridgeApi()): Promise<ExportedFile | null> {
  const { format } = exportStore.getState();
  const project = documentStore.getState().project;
  if (!project) return null;
  exportStore.setState({ error: null });
  const picked = await pickPath(api, format, defaultExportName(project.name, format));
  if (exportStore.getState().step.kind === 'closed') return null;
  if (!picked) {
    exportStore.setState({ step: { kind: 'choose' } });
    return null;
  }
  let overwrite = picked.overwrite;
  for (;;) {
    exportStore.setState({ step: { kind: 'running', stage: stageText(format) }, error: null });
    const result = await api['export:run']({ project, format, path: picked.path, overwrite });
    if (result.ok) {
      exportStore.setState({ step: { kind: 'closed' }, error: null });
      showNotice(describeExport(result.value));
      return result.value;
    }
    if (result.error.code === 'conflict' && !overwrite) {
      const replace = await ask<boolean>((resolve) => ({ kind: 'replace', path: picked.path, resolve }));
      if (replace) {
        overwrite = true;
        continue;
      }
    } else exportStore.setState({ error: errorText(result.error) });
    if (exportStore.getState().step.kind !== 'closed') exportStore.setState({ step: { kind: 'choose' } });
    return null;
  }
}
