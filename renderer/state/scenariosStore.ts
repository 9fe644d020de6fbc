import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ScenarioComparisonResult } from '../../shared/api/contract';
import type { Project } from '../../shared/model/project';
import { importStore } from './importStore';

// The Scenarios dialog's state: whether it is open and on which tab, the scenario being renamed, and the
// backtest asked of the host (the folder whose git history it reads). View state: never saved, never undone.
// The flows that drive it are features/scenarios/scenarioActions.ts.

export type ScenariosTab = 'list' | 'compare';

export interface HistoryBacktest {
  /** The folder typed: the imported source, in its git repository. */
  dir: string;
  /** YYYY-MM-DD, or '' for the host's default (a year before the last commit). */
  until: string;
  busy: boolean;
  error: string | null;
  /** The host's comparison, and the project it was computed on (a later edit may make rows stale). */
  result: { project: Project; value: ScenarioComparisonResult } | null;
}

export interface ScenariosState {
  open: boolean;
  tab: ScenariosTab;
  /** The scenario whose name and description are being edited. */
  renamingId: string | null;
  history: HistoryBacktest;
}

const NO_HISTORY: HistoryBacktest = { dir: '', until: '', busy: false, error: null, result: null };

export const scenariosStore = createStore<ScenariosState>(() => ({ open: false, tab: 'list', renamingId: null, history: NO_HISTORY }));
export const useScenarios = <T>(selector: (state: ScenariosState) => T): T => useStore(scenariosStore, selector);

/**
 * Open the dialog. The project file records no source folder: the backtest's folder starts as the one imported in
 * this session (the import dialog keeps it), until the person types another.
 */
export function openScenarios(tab: ScenariosTab = 'list'): void {
  const { history } = scenariosStore.getState();
  const imported = importStore.getState().historyDir.trim();
  scenariosStore.setState({
    open: true,
    tab,
    renamingId: null,
    history: history.dir === '' && imported ? { ...history, dir: imported } : history,
  });
}
export const closeScenarios = () => scenariosStore.setState({ open: false, renamingId: null });
export const showScenariosTab = (tab: ScenariosTab) => scenariosStore.setState({ tab, renamingId: null });
export const startRenamingScenario = (renamingId: string | null) => scenariosStore.setState({ renamingId });

export function setHistory(changes: Partial<HistoryBacktest>): void {
  scenariosStore.setState({ history: { ...scenariosStore.getState().history, ...changes } });
}
