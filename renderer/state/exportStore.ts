import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ExportFormat, JobStatus } from '../../shared/api/contract';
import type { PickedPath } from './dialogStore';
import { documentStore } from './documentStore';
import { importStore } from './importStore';
import { scenariosStore } from './scenariosStore';

// The File > Export dialog's state: which step it is at, the format chosen, the last error or note. Opened from
// the top bar, the roadmap and the menus; the export itself runs in features/export/exportActions.ts.

export type ExportStep =
  | { kind: 'closed' }
  | { kind: 'choose' }
  /** The in-app file dialog is picking a path. */
  | { kind: 'pick'; defaultName: string; extension: string; resolve(answer: PickedPath | null): void }
  | { kind: 'replace'; path: string; resolve(replace: boolean): void }
  | {
      kind: 'running';
      /** The export job's last status from the host (null until the first arrives). */
      status: JobStatus<'export'> | null;
      /** The person asked to stop it; the host stops at its next step. */
      cancelling: boolean;
    };

export interface ExportState {
  step: ExportStep;
  format: ExportFormat;
  /** The last failure, one line, shown in the dialog until the next attempt. */
  error: string | null;
  /** What became of the last attempt when it was not a failure ("Export cancelled…"), shown in the dialog. */
  note: string | null;
  /** The source folder whose git history backtests each design in the report ('' : no backtest section). */
  historyDir: string;
  /** YYYY-MM-DD: the backtest counts the commits after it ('' : the last year of the history). */
  historyUntil: string;
}

export const exportStore = createStore<ExportState>(() => ({
  step: { kind: 'closed' },
  format: 'pdf',
  error: null,
  note: null,
  historyDir: '',
  historyUntil: '',
}));
export const useExport = <T>(selector: (state: ExportState) => T): T => useStore(exportStore, selector);

/** The folder imported in this session: the suggest dialog's history folder while it is open, else the folder imported (kept when it closes). */
const importedFolder = (): string => {
  const { historyDir, dir } = importStore.getState();
  return historyDir.trim() || dir.trim();
};

export function openExportDialog(): void {
  if (!documentStore.getState().project) return;
  if (exportStore.getState().step.kind !== 'closed') return;
  // The backtest's folder and day: those the scenarios' backtest last ran with, else those typed here before, else
  // the folder imported in this session (the project file records none).
  const { historyDir, historyUntil } = exportStore.getState();
  const ran = scenariosStore.getState().history;
  const history =
    ran.result !== null && ran.dir.trim() !== ''
      ? { historyDir: ran.dir.trim(), historyUntil: ran.until }
      : historyDir.trim() !== ''
        ? { historyDir, historyUntil }
        : { historyDir: importedFolder(), historyUntil: '' };
  exportStore.setState({ step: { kind: 'choose' }, error: null, note: null, ...history });
}

export function setExportHistory(changes: Partial<Pick<ExportState, 'historyDir' | 'historyUntil'>>): void {
  exportStore.setState({ ...changes, error: null });
}

export function closeExportDialog(): void {
  const { step } = exportStore.getState();
  if (step.kind === 'running') return; // the export goes on: wait for it
  if (step.kind === 'pick') step.resolve(null);
  if (step.kind === 'replace') step.resolve(false);
  exportStore.setState({ step: { kind: 'closed' }, error: null, note: null });
}
