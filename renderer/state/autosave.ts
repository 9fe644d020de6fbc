import { describeError } from '../../shared/api/result';
import { api } from '../platform/bridge';
import { errorText } from '../platform/messages';
import { documentStore } from './documentStore';
import { showError } from './uiStore';

export const DRAFT_DELAY_MS = 2000;

/**
 * Keep a draft of unsaved work in the host's user-data folder: `delayMs` after the last edit (each edit
 * restarts the wait). Saving, closing or opening another document cancels a pending draft. Returns a stop function.
 */
export function startAutosave(delayMs = DRAFT_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const keepDraft = async () => {
    const { project, filePath, draftId, dirty } = documentStore.getState();
    if (!project || !draftId || !dirty) return;
    const saved = await api()['draft:save']({ id: draftId, filePath, project });
    if (!saved.ok) showError(`Could not keep a draft of your changes: ${errorText(saved.error)}`);
  };
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const unsubscribe = documentStore.subscribe((state, previous) => {
    if (state.draftId !== previous.draftId || !state.dirty || !state.project) return cancel();
    if (state.edits === previous.edits) return;
    cancel();
    timer = setTimeout(() => {
      timer = null;
      keepDraft().catch((error: unknown) => showError(`Could not keep a draft of your changes: ${describeError(error)}`));
    }, delayMs);
  });
  return () => {
    cancel();
    unsubscribe();
  };
}
