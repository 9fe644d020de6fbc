import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ImportSummary } from '../../shared/api/contract';
import type { BoundarySuggestion } from '../../shared/boundaries/propose';
import type { Granularity } from '../../shared/importer/granularity';
import type { Project } from '../../shared/model/project';
import type { PickedPath } from './dialogStore';

// The File > Import from Python Source dialog's state: its step, the choices made, the report and the proposal
// of service boundaries from evidence (issue 9). View state: never saved. The flows that drive it are features/importer/importActions.ts.

export type ImportTarget = 'new' | 'reimport';

/** The architect's constraints on a proposal, as module ids (boundaries:suggest's keepTogether, keepApart, leave). */
export interface SuggestConstraints {
  /** Each group ends in one node: one proposed service, a service already made, or the monolith. */
  keepTogether: string[][];
  /** The modules of each group end in different services. */
  keepApart: string[][];
  /** Modules that stay in the monolith. */
  leave: string[];
}

export const NO_CONSTRAINTS: SuggestConstraints = { keepTogether: [], keepApart: [], leave: [] };

export type ImportStep =
  | { kind: 'closed' }
  | { kind: 'setup' }
  /** The in-app folder dialog is open (browser host). */
  | { kind: 'pick'; resolve(answer: PickedPath | null): void }
  /** The import job under way: files scanned of total (0 while the folder is walked), its line, a cancel asked for. */
  | { kind: 'running'; done: number; total: number; message: string; cancelling: boolean }
  | { kind: 'report'; jobId: string };

export interface ImportState {
  step: ImportStep;
  dir: string;
  granularity: Granularity;
  /** Keep layer packages (api/, admin/, ...) as modules rather than attributing their parts to domains. */
  keepLayers: boolean;
  /** Desktop app only: follow symbolic links that lead out of the folder (the browser host never does). */
  followLinksOut: boolean;
  target: ImportTarget;
  summary: ImportSummary | null;
  /** The project a re-import was applied to, so that a regroup starts again from it. */
  base: Project | null;
  /** The project this flow last put in the document (a regroup replaces it rather than stacking undo steps). */
  applied: Project | null;
  /** Boundaries from evidence: the folder whose git history is read (the imported folder by default). */
  historyDir: string;
  /** YYYY-MM-DD: proposals learn from the commits up to it, the backtest counts those after it (a year ago by default). */
  until: string;
  /** The number of services asked for. */
  services: number;
  /** The constraints the next suggestion is asked with: remembered while the dialog is open. */
  constraints: SuggestConstraints;
  /** The constraints the suggestion shown was made with. */
  appliedConstraints: SuggestConstraints;
  suggestion: BoundarySuggestion | null;
  /** The alternative shown (its target number of services). */
  shown: number | null;
  /** The alternative accepted (its target), once one was. */
  accepted: number | null;
  busy: boolean;
  /** The suggest job under way: its step's units done of total (0: not known), its line, a cancel asked for. */
  suggesting: { done: number; total: number; text: string; cancelling: boolean } | null;
  /** The last failure, one line, shown in the dialog. */
  error: string | null;
}

export const INITIAL: ImportState = {
  step: { kind: 'closed' },
  dir: '',
  granularity: 'auto',
  keepLayers: false,
  followLinksOut: false,
  target: 'new',
  summary: null,
  base: null,
  applied: null,
  historyDir: '',
  until: '',
  services: 8,
  constraints: NO_CONSTRAINTS,
  appliedConstraints: NO_CONSTRAINTS,
  suggestion: null,
  shown: null,
  accepted: null,
  busy: false,
  suggesting: null,
  error: null,
};

export const importStore = createStore<ImportState>(() => INITIAL);

export const useImport = <T>(selector: (state: ImportState) => T): T => useStore(importStore, selector);
