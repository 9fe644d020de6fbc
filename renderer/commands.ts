import type { MenuCommand } from '../shared/api/events';
import type { Actions } from './state/actions';
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
