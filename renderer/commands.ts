import type { MenuCommand } from '../shared/api/events';
import type { Actions } from './state/actions';
import { redoEdit, undoEdit } from './state/documentStore';
import { showNotice, togglePanel } from './state/uiStore';

// Every command the shell knows, run the same way from Electron's menus, in-page shortcuts and the toolbar.

export interface Shortcut {
  key: string;
  shift: boolean;
  command: MenuCommand;
  /** How the shortcut is written on screen. */
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { key: 's', shift: false, command: 'file:save', label: 'Ctrl+S' },
  { key: 's', shift: true, command: 'file:save-as', label: 'Ctrl+Shift+S' },
  { key: 'o', shift: false, command: 'file:open', label: 'Ctrl+O' },
  { key: 'n', shift: false, command: 'file:new', label: 'Ctrl+N' },
];

/** The command a key press asks for (Ctrl on Windows and Linux, Cmd on macOS), if any. */
export function commandForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  return SHORTCUTS.find((s) => s.key === key && s.shift === event.shiftKey)?.command ?? null;
}

export function shortcutLabel(command: MenuCommand): string | undefined {
  return SHORTCUTS.find((s) => s.command === command)?.label;
}

export async function runCommand(actions: Actions, command: MenuCommand): Promise<void> {
  switch (command) {
    case 'file:new':
      await actions.newProject();
      return;
    case 'file:open':
      await actions.open();
      return;
    case 'file:save':
      await actions.save();
      return;
    case 'file:save-as':
      await actions.saveAs();
      return;
    case 'file:close':
      await actions.close();
      return;
    case 'edit:undo':
    case 'edit:redo':
      undoOrRedo(command === 'edit:undo' ? 'undo' : 'redo');
      return;
    case 'file:export':
      showNotice('Export arrives with the roadmap');
      return;
    case 'view:fit':
      return;
    case 'view:toggle-monolith-panel':
      togglePanel('monolith');
      return;
    case 'view:toggle-inspector':
      togglePanel('inspector');
      return;
    case 'view:toggle-roadmap':
      togglePanel('roadmap');
      return;
    default: {
      const unknown: never = command;
      showNotice(`Unknown command ${String(unknown)}`);
    }
  }
}

/** Whether the focus is in a text field, whose own typing history Undo should step through. */
function isEditingText(): boolean {
  const element = document.activeElement as HTMLElement | null;
  if (!element) return false;
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(element.type);
}

/** Undo or redo: the text field's own history while typing, the project's history everywhere else. */
export function undoOrRedo(which: 'undo' | 'redo'): void {
  if (isEditingText()) {
    // Chromium still implements the text-editing undo stack behind execCommand.
    document.execCommand(which);
    return;
  }
  if (which === 'undo') undoEdit();
  else redoEdit();
}
