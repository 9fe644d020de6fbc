import { describeError } from '../../shared/api/result';
import { CommandError } from '../../shared/commands/errors';
import type { Project } from '../../shared/model/project';
import { editProject } from './documentStore';
import { showError } from './uiStore';

// THE way the renderer edits the open document (issue 11): every component, flow and shortcut calls `edit`.
// It applies a pure command as one undo step (or as part of the running gesture), and a command that refuses
// its arguments changes nothing and says so in one line, the same words everywhere: "<what>: <message>".
// The raw mutators of documentStore.ts are for renderer/state/ only (a lint rule in eslint.config.js).

export type Update = (project: Project) => Project;

/**
 * Apply `update` to the open project as one undo step (inside beginGesture ... commitGesture, as part of the
 * gesture's one step). An update that returns the same project changes nothing and records nothing.
 * A refused command leaves the document as it was and its line, "<what>: <message>", goes to `onRefused`
 * (by default the status bar's error). True when the edit applied (or there was nothing to change).
 */
export function edit(what: string, update: Update, onRefused: (message: string) => void = showError): boolean {
  try {
    editProject(update);
    return true;
  } catch (error) {
    if (error instanceof CommandError) onRefused(`${what}: ${error.message}`);
    else {
      console.error(error);
      onRefused(`${what} failed: ${describeError(error)}`);
    }
    return false;
  }
}

/** `edit` for a form that shows its own problem line: the refused edit's line, or null when it applied. */
export function editProblem(what: string, update: Update): string | null {
  let problem: string | null = null;
  edit(what, update, (message) => (problem = message));
  return problem;
}

// A gesture (a drag, typing in a live field) is one undo step from begin to commit; cancel returns to where
// it began. Undo and redo walk the history. These are the store's own, offered here so that nothing outside
// renderer/state imports documentStore's mutators.
export { beginGesture, cancelGesture, commitGesture, redoEdit, undoEdit } from './documentStore';
