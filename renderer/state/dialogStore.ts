import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

// Modal questions as promises: a flow asks (`await ask({ kind: 'unsaved', ... })`), the one mounted dialog
// shows the question, and the person's answer resolves the promise. One question at a time.

export type UnsavedChoice = 'save' | 'discard' | 'cancel';
export type ConflictChoice = 'overwrite' | 'save-as' | 'reload' | 'cancel';
export interface PickedPath {
  path: string;
  /** The person agreed to replace an existing file. */
  overwrite: boolean;
}

/** Where "Move to service..." sends modules. */
export type MoveTarget = { kind: 'service'; serviceId: string } | { kind: 'new'; name: string } | { kind: 'monolith' };

interface Questions {
  unsaved: { question: { projectName: string }; answer: UnsavedChoice };
  conflict: { question: { fileName: string; reason: string }; answer: ConflictChoice };
  'new-project': { question: Record<string, never>; answer: string | null };
  file: { question: { mode: 'open' | 'save'; defaultName: string }; answer: PickedPath | null };
  /** Add a dependency by hand (the Monolith panel and the module inspector both offer it); null once closed. */
  dependency: { question: { from: string | null }; answer: null };
  /** "Move to service...": where the modules go; null when the person cancels. */
  move: { question: { moduleIds: string[] }; answer: MoveTarget | null };
}
export type DialogKind = keyof Questions;

export type DialogRequest = {
  [K in DialogKind]: { kind: K; id: number; resolve(answer: Questions[K]['answer']): void } & Questions[K]['question'];
}[DialogKind];

export type DialogOf<K extends DialogKind> = Extract<DialogRequest, { kind: K }>;

export const dialogStore = createStore<{ dialog: DialogRequest | null }>(() => ({ dialog: null }));
export const useDialog = () => useStore(dialogStore, (state) => state.dialog);

const CANCELLED: { [K in DialogKind]: Questions[K]['answer'] } = {
  unsaved: 'cancel',
  conflict: 'cancel',
  'new-project': null,
  file: null,
  dependency: null,
  move: null,
};

let nextId = 1;

export function ask<K extends DialogKind>(kind: K, question: Questions[K]['question']): Promise<Questions[K]['answer']> {
  const previous = dialogStore.getState().dialog;
  if (previous) previous.resolve(CANCELLED[previous.kind] as never);
  return new Promise((resolve) => {
    const request = {
      ...question,
      kind,
      id: nextId++,
      resolve: (answer: Questions[K]['answer']) => {
        if (dialogStore.getState().dialog === request) dialogStore.setState({ dialog: null });
        resolve(answer);
      },
    } as unknown as DialogRequest;
    dialogStore.setState({ dialog: request });
  });
}

/**
 * Whether a question is on screen: one of ours (this store), or any other modal (export, import, Move to
 * service, forms, the palette), which all render with aria-modal. Shortcuts and menu commands wait while true.
 */
export function isDialogOpen(): boolean {
  return dialogStore.getState().dialog !== null || document.querySelector('[aria-modal="true"]') !== null;
}
