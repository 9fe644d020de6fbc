import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { DesignWarning } from '../../shared/analysis/checks';
import type { DesignMetrics } from '../../shared/analysis/metrics';
import type { Plan } from '../../shared/planning/types';

// The plan and the analysis of the open document, as renderer/derived/background.ts publishes them: at once for
// a small project, after the first paint for a large one. Derived, never saved.

export interface DesignAnalysis {
  warnings: DesignWarning[];
  metrics: DesignMetrics;
}

export interface Derived {
  /** Null when the planner refuses the project. */
  plan: Plan | null;
  analysis: DesignAnalysis;
}

export interface DerivedState {
  /** The draft id of the document `derived` belongs to. */
  documentKey: string | null;
  /** The open project's derived data when `fresh`; otherwise the last of the same document, or null. */
  derived: Derived | null;
  fresh: boolean;
  /** Counts results as they arrive (a panel that reads an older project's figures re-renders on it). */
  arrivals: number;
}

export const derivedStore = createStore<DerivedState>(() => ({ documentKey: null, derived: null, fresh: true, arrivals: 0 }));

export const useDerivedState = <T>(selector: (state: DerivedState) => T): T => useStore(derivedStore, selector);
