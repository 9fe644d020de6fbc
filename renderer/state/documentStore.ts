import { createStore } from 'zustand/vanilla';
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
}

const EMPTY: DocumentState = { project: null, filePath: null, baseHash: null, dirty: false, draftId: null, edits: 0 };

export const documentStore = createStore<DocumentState>(() => EMPTY);

/** A fresh id for the autosave draft of a newly opened document. */
export function newDraftId(): string {
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
    draftId: doc.draftId ?? newDraftId(),
    edits: 0,
  });
}

/** Apply an edit to the project: the document becomes dirty. An edit that changes nothing is ignored. */
export function editProject(update: (project: Project) => Project): void {
  const { project, edits } = documentStore.getState();
  if (!project) return;
  const next = update(project);
  if (next === project) return;
  documentStore.setState({ project: next, dirty: true, edits: edits + 1 });
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
