import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo, type History } from '../../shared/commands/history';
import type { Project } from '../../shared/model/project';

// The open document: what the file holds (the project), where it lives, the hash it was read or saved with
// (the base a save is compared with to detect conflicts), whether it has unsaved edits, and the id of its
// autosave draft. Nothing here is a preference or a view setting.

export interface DocumentState {
  project: Project | null;
  filePath: string | null;
  baseHash: string | null;
  dirty: boolean;
  draftId: string | null;
  /** Counts edits since the document was opened: autosave reacts to it. */
  edits: number;
  /** Undo and redo: snapshots of the immutable project (history.present is always `project`). */
  history: History | null;
  /** The project when a gesture (a drag) began: the gesture is one undo step, and Escape returns to it. */
  gestureBase: Project | null;
}

const EMPTY: DocumentState = {
  project: null,
  filePath: null,
  baseHash: null,
  dirty: false,
  draftId: null,
  edits: 0,
  history: null,
  gestureBase: null,
};

export const documentStore = createStore<DocumentState>(() => EMPTY);

/** Read the document in a component: a selector, re-rendered when what it selects changes. */
export const useDocument = <T>(selector: (state: DocumentState) => T): T => useStore(documentStore, selector);

/**
 * A fresh random id (an autosave draft's, an export job's): a UUID where the page is a secure context, as the
 * app and the browser host on 127.0.0.1 are, else time and Math.random.
 */
export function randomId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export function loadDocument(doc: {
  project: Project;
  filePath: string | null;
  baseHash: string | null;
  dirty?: boolean;
  draftId?: string;
}): void {
  documentStore.setState({
    project: doc.project,
    filePath: doc.filePath,
    baseHash: doc.baseHash,
    dirty: doc.dirty ?? false,
    draftId: doc.draftId ?? randomId(),
    edits: 0,
    history: createHistory(doc.project),
    gestureBase: null,
  });
}

/**
 * Apply an edit to the project: the document becomes dirty and the edit is one undo step. An edit that changes
 * nothing is ignored. Inside a gesture (beginGesture ... commitGesture) edits are not recorded one by one: the
 * whole gesture becomes one step when it is committed.
 */
export function editProject(update: (project: Project) => Project): void {
  const { project, edits, history, gestureBase } = documentStore.getState();
  if (!project || !history) return;
  const next = update(project);
  if (next === project) return;
  documentStore.setState({
    project: next,
    dirty: true,
    edits: edits + 1,
    history: gestureBase ? { ...history, present: next } : pushHistory(history, next),
  });
}

/** A drag begins: what follows is one undo step (commitGesture), or nothing at all (cancelGesture, Escape). */
export function beginGesture(): void {
  const { project, gestureBase } = documentStore.getState();
  if (project && !gestureBase) documentStore.setState({ gestureBase: project });
}

export function commitGesture(): void {
  const { project, history, gestureBase } = documentStore.getState();
  if (!gestureBase || !history || !project) return;
  const base = { ...history, present: gestureBase };
  documentStore.setState({ gestureBase: null, history: pushHistory(base, project) });
}

/** Escape during a drag: back to where the gesture started, as if it never happened. */
export function cancelGesture(): void {
  const { history, gestureBase, edits } = documentStore.getState();
  if (!gestureBase || !history) return;
  documentStore.setState({ project: gestureBase, gestureBase: null, history: { ...history, present: gestureBase }, edits: edits + 1 });
}

export function undoEdit(): void {
  const { history, edits, gestureBase } = documentStore.getState();
  if (!history || gestureBase || !canUndo(history)) return;
  const previous = undo(history);
  documentStore.setState({ project: previous.present, history: previous, dirty: true, edits: edits + 1 });
}

export function redoEdit(): void {
  const { history, edits, gestureBase } = documentStore.getState();
  if (!history || gestureBase || !canRedo(history)) return;
  const next = redo(history);
  documentStore.setState({ project: next.present, history: next, dirty: true, edits: edits + 1 });
}

export function markSaved(filePath: string, hash: string): void {
  documentStore.setState({ filePath, baseHash: hash, dirty: false });
}

export function closeDocument(): void {
  documentStore.setState(EMPTY);
}

/** The file name shown to a person: the last part of the path. */
export function fileNameOf(path: string | null): string | null {
  if (!path) return null;
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
