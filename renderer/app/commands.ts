import type { MenuCommand } from '../../shared/api/events';
import type { Actions } from '../state/actions';
import { openExportDialog } from '../state/exportStore';
import { openImportDialog } from '../features/importer/importActions';
import { useEffect } from 'react';
import { copySelection, deleteServices, newServiceAt, pasteClipboard, selectedServiceIds } from '../features/canvas/canvasActions';
import { canvasStore, setPaletteOpen, startRename } from '../state/canvasStore';
import { isTypingIn } from '../platform/typing';
import { isDialogOpen } from '../state/dialogStore';
import { documentStore } from '../state/documentStore';
import { redoEdit, undoEdit } from '../state/edit';
import { moveModulesTo } from '../state/moduleActions';
import { selectionStore } from '../state/selectionStore';
import { showNotice, togglePanel } from '../state/uiStore';

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
  { key: 'z', shift: false, command: 'edit:undo', label: 'Ctrl+Z' },
  { key: 'z', shift: true, command: 'edit:redo', label: 'Ctrl+Shift+Z' },
  { key: 'y', shift: false, command: 'edit:redo', label: 'Ctrl+Y' },
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
      openExportDialog();
      return;
    case 'file:import':
      openImportDialog();
      return;
    case 'view:fit':
      canvasStore.getState().controls?.fit();
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

/** Undo or redo: the text field's own history while typing, the project's history everywhere else. */
export function undoOrRedo(which: 'undo' | 'redo'): void {
  if (isTypingIn(document.activeElement)) {
    // Chromium still implements the text-editing undo stack behind execCommand.
    document.execCommand(which);
    return;
  }
  if (which === 'undo') undoEdit();
  else redoEdit();
}

// ---- The command palette and the in-page shortcuts that are not menu commands ----

/** A command the palette lists (every command the app has, with its shortcut). */
export interface PaletteCommand {
  id: string;
  label: string;
  group: 'File' | 'Edit' | 'Services' | 'View';
  shortcut?: string;
  run(actions: Actions): void | Promise<void>;
}

const menu = (id: MenuCommand, label: string, group: PaletteCommand['group'], shortcut = shortcutLabel(id)): PaletteCommand => ({
  id,
  label,
  group,
  ...(shortcut ? { shortcut } : {}),
  run: (actions) => runCommand(actions, id),
});

const controls = () => canvasStore.getState().controls;

/** Modules selected in the panel, else those of the selected services: what "Move to service…" acts on. */
function modulesToMove(): string[] {
  const { moduleIds, nodeIds } = selectionStore.getState();
  if (moduleIds.length > 0) return moduleIds;
  const project = documentStore.getState().project;
  const chosen = new Set(nodeIds);
  return project ? project.services.filter((service) => chosen.has(service.id)).flatMap((service) => service.moduleIds) : [];
}

function newService(): void {
  const { moduleIds } = selectionStore.getState();
  newServiceAt(controls()?.centre() ?? { x: 0, y: 0 }, moduleIds);
}

export const PALETTE_COMMANDS: readonly PaletteCommand[] = [
  { id: 'service:new', label: 'New service', group: 'Services', shortcut: 'Ctrl+Shift+N', run: newService },
  { id: 'module:move', label: 'Move to service…', group: 'Services', shortcut: 'Ctrl+Shift+M', run: () => void moveModulesTo(modulesToMove()) },
  { id: 'service:rename', label: 'Rename service', group: 'Services', shortcut: 'F2', run: () => startRename(selectedServiceIds()[0] ?? null) },
  { id: 'service:delete', label: 'Delete selected services', group: 'Services', shortcut: 'Delete', run: () => deleteServices(selectedServiceIds()) },
  { id: 'service:copy', label: 'Copy services', group: 'Edit', shortcut: 'Ctrl+C', run: copySelection },
  { id: 'service:paste', label: 'Paste services', group: 'Edit', shortcut: 'Ctrl+V', run: () => pasteClipboard() },
  menu('edit:undo', 'Undo', 'Edit', 'Ctrl+Z'),
  menu('edit:redo', 'Redo', 'Edit', 'Ctrl+Shift+Z'),
  { id: 'view:fit', label: 'Zoom to fit', group: 'View', shortcut: 'Shift+1', run: () => controls()?.fit() },
  { id: 'view:fit-selection', label: 'Zoom to selection', group: 'View', shortcut: 'Shift+2', run: () => controls()?.fitSelection() },
  { id: 'view:layout-all', label: 'Auto-layout all', group: 'View', run: () => controls()?.autoLayout(null) },
  { id: 'view:layout-selection', label: 'Auto-layout selection', group: 'View', run: () => controls()?.autoLayout(selectionStore.getState().nodeIds) },
  { id: 'view:arrange-by-phase', label: 'Arrange by roadmap phase', group: 'View', run: () => controls()?.arrangeByPhase() },
  menu('view:toggle-monolith-panel', 'Show or hide the monolith panel', 'View'),
  menu('view:toggle-inspector', 'Show or hide the inspector', 'View'),
  menu('view:toggle-roadmap', 'Show or hide the roadmap', 'View'),
  { id: 'palette:open', label: 'Command palette', group: 'View', shortcut: 'Ctrl+K', run: () => setPaletteOpen(true) },
  menu('file:new', 'New project', 'File'),
  menu('file:open', 'Open project…', 'File'),
  menu('file:save', 'Save', 'File'),
  menu('file:save-as', 'Save As…', 'File'),
  menu('file:export', 'Export…', 'File'),
  menu('file:close', 'Close project', 'File'),
];

/** Commands matching what was typed: every word of the query in the label or group, in list order. */
export function filterCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => {
    const text = `${command.label} ${command.group}`.toLowerCase().replace(/…/g, '...');
    return words.every((word) => text.includes(word.replace(/…/g, '...')));
  });
}

/** The palette command a key press asks for (not while typing in a field), if any. */
export function appCommandForKey(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  typing: boolean,
): string | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return null;
  if (mod && !event.shiftKey && key === 'k') return 'palette:open';
  if (typing) return null;
  if (mod && event.shiftKey && key === 'm') return 'module:move';
  if (mod && event.shiftKey && key === 'n') return 'service:new';
  if (!mod && event.shiftKey && event.code === 'Digit1') return 'view:fit';
  if (!mod && event.shiftKey && event.code === 'Digit2') return 'view:fit-selection';
  return null;
}

/** Mount once with an open project: Ctrl+K and the canvas commands' shortcuts, in every host. */
export function useAppShortcuts(actions: Actions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isDialogOpen()) return;
      const id = appCommandForKey(event, isTypingIn(event.target));
      const command = id ? PALETTE_COMMANDS.find((candidate) => candidate.id === id) : undefined;
      if (!command) return;
      event.preventDefault();
      void command.run(actions);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
