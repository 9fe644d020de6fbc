import {
  APP_COMMAND_IDS,
  commandForKey,
  commandSpec,
  keyOfPress,
  menuOwnsKey,
  type AppCommandId,
  type CommandCategory,
  type KeyPress,
} from '../../shared/commands/appCommands';
import { MAX_OTHER_SCENARIOS } from '../../shared/model/project';
import type { Actions } from '../state/actions';
import { openExportDialog } from '../state/exportStore';
import { openImportDialog } from '../features/importer/importActions';
import { copySelection, hasClipboard, newServiceAt, pasteClipboard, selectedServiceIds } from '../features/canvas/canvasActions';
import { canvasOf, deleteSelection, hasDeletableSelection, openMenuFromKeyboard } from '../features/canvas/canvasCommands';
import { canvasStore, setPaletteOpen, startRename } from '../state/canvasStore';
import { isTypingIn } from '../platform/typing';
import { keyTable, shortcutLabel, type KeyTable } from '../platform/keys';
import { isDialogOpen } from '../state/dialogStore';
import { documentStore } from '../state/documentStore';
import { redoEdit, undoEdit } from '../state/edit';
import { moveModulesTo } from '../state/moduleActions';
import { duplicateScenarioOf } from '../state/scenarioEdits';
import { openScenarios } from '../state/scenariosStore';
import { selectionStore } from '../state/selectionStore';
import { setShortcutsOpen, showError, togglePanel } from '../state/uiStore';

// The app's commands: what each one does and when it can (the table of ids, labels and keys is
// shared/commands/appCommands.ts, which the Electron menu reads too). The palette, the page's one key handler,
// the menu's host events and the toolbar all run commands through runAppCommand.

export interface CommandContext {
  actions: Actions;
  /** Where the key was pressed or the focus was (the canvas's commands need it), null when nowhere in particular. */
  target: EventTarget | null;
}

interface Behaviour {
  /** Whether it can run now (absent: always). A key whose command cannot run is left to the browser. */
  enabled?(context: CommandContext): boolean;
  run(context: CommandContext): unknown;
}

const hasProject = () => documentStore.getState().project !== null;
const controls = () => canvasStore.getState().controls;
const hasCanvas = () => controls() !== null;

/** Modules selected in the panel, else those of the selected services: what "Move to service…" acts on. */
function modulesToMove(): string[] {
  const { moduleIds, nodeIds } = selectionStore.getState();
  if (moduleIds.length > 0) return moduleIds;
  const project = documentStore.getState().project;
  const chosen = new Set(nodeIds);
  return project ? project.services.filter((service) => chosen.has(service.id)).flatMap((service) => service.moduleIds) : [];
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

const BEHAVIOUR: Record<AppCommandId, Behaviour> = {
  'file:new': { run: ({ actions }) => actions.newProject() },
  'file:open': { run: ({ actions }) => actions.open() },
  'file:save': { enabled: hasProject, run: ({ actions }) => actions.save() },
  'file:save-as': { enabled: hasProject, run: ({ actions }) => actions.saveAs() },
  'file:export': { enabled: hasProject, run: () => openExportDialog() },
  'file:import': { run: () => openImportDialog() },
  'file:close': { enabled: hasProject, run: ({ actions }) => actions.close() },
  'edit:undo': { run: () => undoOrRedo('undo') },
  'edit:redo': { run: () => undoOrRedo('redo') },
  'service:copy': { enabled: () => selectedServiceIds().length > 0, run: copySelection },
  'service:paste': { enabled: hasClipboard, run: () => pasteClipboard() },
  'service:new': {
    enabled: hasCanvas,
    run: () => newServiceAt(controls()?.centre() ?? { x: 0, y: 0 }, selectionStore.getState().moduleIds),
  },
  'module:move': { enabled: () => modulesToMove().length > 0, run: () => moveModulesTo(modulesToMove()) },
  'service:rename': { enabled: () => selectedServiceIds().length > 0, run: () => startRename(selectedServiceIds()[0] ?? null) },
  'service:delete': { enabled: hasDeletableSelection, run: deleteSelection },
  'canvas:context-menu': {
    enabled: ({ target }) => canvasOf(target) !== null,
    run: ({ target }) => {
      const canvas = canvasOf(target);
      if (canvas) openMenuFromKeyboard(canvas);
    },
  },
  'view:fit': { enabled: hasCanvas, run: () => controls()?.fit() },
  'view:fit-selection': { enabled: hasCanvas, run: () => controls()?.fitSelection() },
  'view:layout-all': { enabled: hasCanvas, run: () => controls()?.autoLayout(null) },
  'view:layout-selection': {
    enabled: () => hasCanvas() && selectionStore.getState().nodeIds.length > 1,
    run: () => controls()?.autoLayout(selectionStore.getState().nodeIds),
  },
  'view:arrange-by-phase': { enabled: hasCanvas, run: () => controls()?.arrangeByPhase() },
  'view:toggle-monolith-panel': { enabled: hasProject, run: () => togglePanel('monolith') },
  'view:toggle-inspector': { enabled: hasProject, run: () => togglePanel('inspector') },
  'view:toggle-roadmap': { enabled: hasProject, run: () => togglePanel('roadmap') },
  'palette:open': { enabled: hasProject, run: () => setPaletteOpen(true) },
  'scenario:duplicate': {
    enabled: () => (documentStore.getState().project?.otherScenarios.length ?? MAX_OTHER_SCENARIOS) < MAX_OTHER_SCENARIOS,
    // The copy shows in the Scenarios list, where it can be renamed or switched to.
    run: () => {
      const refused = duplicateScenarioOf();
      if (refused) showError(refused);
      else openScenarios('list');
    },
  },
  'scenario:list': { enabled: hasProject, run: () => openScenarios('list') },
  'scenario:compare': { enabled: hasProject, run: () => openScenarios('compare') },
  'help:shortcuts': { run: () => setShortcutsOpen(true) },
};

export const isCommandEnabled = (id: AppCommandId, context: CommandContext): boolean => BEHAVIOUR[id].enabled?.(context) ?? true;

/** Runs a command if it can run now; says whether it ran. */
export async function runAppCommand(id: AppCommandId, context: CommandContext): Promise<boolean> {
  if (!isCommandEnabled(id, context)) return false;
  await BEHAVIOUR[id].run(context);
  return true;
}

// ---- The command palette ----

export interface PaletteCommand {
  id: AppCommandId;
  label: string;
  group: CommandCategory;
  shortcut?: string;
}

/** Every command the palette lists, in table order, with its key on this page. */
export function paletteCommands(table: KeyTable = keyTable()): PaletteCommand[] {
  return APP_COMMAND_IDS.filter((id) => id !== 'palette:open' && !commandSpec(id).notInPalette).map((id) => {
    const shortcut = shortcutLabel(id, table);
    return { id, label: commandSpec(id).label, group: commandSpec(id).category, ...(shortcut ? { shortcut } : {}) };
  });
}

/** Commands matching what was typed: every word of the query in the label or group, in list order. */
export function filterCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => {
    const text = `${command.label} ${command.group}`.toLowerCase().replace(/…/g, '...');
    return words.every((word) => text.includes(word.replace(/…/g, '...')));
  });
}

// ---- The page's one key handler ----

export type KeyEvent = KeyPress & { target: EventTarget | null; defaultPrevented: boolean; preventDefault(): void };

/**
 * The command a key press runs on this page, or null: its key in the table, where the key works (a text field,
 * the canvas), and not one the desktop menu already sends (its registered accelerators).
 */
export function commandForPress(event: KeyEvent, table: KeyTable): AppCommandId | null {
  const key = keyOfPress(event, table.platform);
  const id = key ? commandForKey(key, table.platform, table.host) : null;
  if (!key || !id) return null;
  if (table.host === 'desktop' && menuOwnsKey(id, key, table.platform)) return null;
  const { scope } = commandSpec(id);
  if (scope !== 'anywhere' && isTypingIn(event.target)) return null;
  if (scope === 'canvas' && canvasOf(event.target) === null) return null;
  return id;
}

/**
 * Handles a key press on the page: runs its command when it can run, and then only takes the key from the
 * browser. While a dialog is open no command runs, but its keys are kept from the browser (Ctrl+S would offer to
 * save the web page) except undo and redo, which the dialog's text fields keep.
 */
export function handleKey(event: KeyEvent, actions: Actions, table: KeyTable = keyTable()): AppCommandId | null {
  if (event.defaultPrevented) return null;
  const id = commandForPress(event, table);
  if (!id) return null;
  if (isDialogOpen()) {
    if (id !== 'edit:undo' && id !== 'edit:redo') event.preventDefault();
    return null;
  }
  const context: CommandContext = { actions, target: event.target };
  // A command that cannot run leaves its key to the page (Ctrl+C with no service selected copies text), except
  // the app-wide ones (Ctrl+S with nothing open is still not the browser's "Save page").
  if (commandSpec(id).scope === 'anywhere') event.preventDefault();
  if (!isCommandEnabled(id, context)) return null;
  event.preventDefault();
  void runAppCommand(id, context);
  return id;
}
