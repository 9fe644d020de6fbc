import type { Project } from '../model/project';

// Undo history as snapshots of the immutable document. Commands share unchanged parts with the project they
// edit, so a snapshot costs only what the edit changed. Bounded: the oldest steps drop off past `limit`.
// A history is itself immutable: every function returns a new one (or the same one when nothing changes).

export interface History {
  past: readonly Project[];
  present: Project;
  future: readonly Project[];
  limit: number;
}

export const DEFAULT_HISTORY_LIMIT = 200;

export function createHistory(present: Project, limit = DEFAULT_HISTORY_LIMIT): History {
  return { past: [], present, future: [], limit: Math.max(1, Math.floor(limit)) };
}

/** Records an edit. The same project (a command that changed nothing) records nothing. Clears redo. */
export function pushHistory(history: History, next: Project): History {
  if (next === history.present) return history;
  const past = [...history.past, history.present];
  return { ...history, past: past.length > history.limit ? past.slice(past.length - history.limit) : past, present: next, future: [] };
}

export const canUndo = (history: History): boolean => history.past.length > 0;
export const canRedo = (history: History): boolean => history.future.length > 0;

export function undo(history: History): History {
  if (!canUndo(history)) return history;
  const previous = history.past[history.past.length - 1]!;
  return { ...history, past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: History): History {
  if (!canRedo(history)) return history;
  const [next, ...future] = history.future;
  return { ...history, past: [...history.past, history.present], present: next!, future };
}
