import { MENU_COMMANDS, type MenuCommand } from '../api/events';

// Every command of the app, once: id, label, category, where its keys work and the keys themselves. This is the
// pure half (data, read by the Electron menu, the page, the palette, the context menus and docs/shortcuts.md);
// what each command does and when it is enabled lives beside the page (renderer/app/commands.ts).
//
// A key is written 'Mod+Alt+Shift+K' (modifiers in that order): Mod is Cmd on macOS and Ctrl elsewhere. The first
// key of a command is its own (the menu's accelerator, the one labels show); any further key also works.
// Document edits with arguments (assign modules, pin a service...) are another registry, shared/commands/registry.ts:
// an app command acts on what is selected and on screen, and runs those edits.

export type Platform = 'mac' | 'other';
/** The desktop app (Electron) or the browser host. */
export type Host = 'desktop' | 'browser';
export type CommandCategory = 'File' | 'Edit' | 'Services' | 'View' | 'Help';
/**
 * Where a command's keys work: `anywhere`, even while typing in a text field (save, undo, the palette); `page`,
 * anywhere but in a text field; `canvas`, only while the canvas has the focus.
 */
export type CommandScope = 'anywhere' | 'page' | 'canvas';

export interface AppCommandSpec {
  label: string;
  /** The Electron menu's wording, when it differs from the label. */
  menuLabel?: string;
  category: CommandCategory;
  scope: CommandScope;
  keys?: readonly string[];
  /** Keys on macOS, when they differ. */
  macKeys?: readonly string[];
  /** Left out of the command palette (it needs a place on screen: the canvas's context menu). */
  notInPalette?: true;
}

const spec = (value: AppCommandSpec): AppCommandSpec => value;

export const APP_COMMANDS = {
  'file:new': spec({ label: 'New project', menuLabel: 'New', category: 'File', scope: 'anywhere', keys: ['Mod+N'] }),
  'file:open': spec({ label: 'Open project…', menuLabel: 'Open…', category: 'File', scope: 'anywhere', keys: ['Mod+O'] }),
  'file:save': spec({ label: 'Save', category: 'File', scope: 'anywhere', keys: ['Mod+S'] }),
  'file:save-as': spec({ label: 'Save As…', category: 'File', scope: 'anywhere', keys: ['Mod+Shift+S'] }),
  'file:export': spec({ label: 'Export…', category: 'File', scope: 'anywhere', keys: ['Mod+E'] }),
  'file:import': spec({ label: 'Import from Python Source…', category: 'File', scope: 'anywhere' }),
  'file:close': spec({ label: 'Close project', menuLabel: 'Close', category: 'File', scope: 'anywhere', keys: ['Mod+W'] }),
  'edit:undo': spec({ label: 'Undo', category: 'Edit', scope: 'anywhere', keys: ['Mod+Z'] }),
  'edit:redo': spec({ label: 'Redo', category: 'Edit', scope: 'anywhere', keys: ['Mod+Y', 'Mod+Shift+Z'], macKeys: ['Mod+Shift+Z'] }),
  'service:copy': spec({ label: 'Copy services', category: 'Edit', scope: 'canvas', keys: ['Mod+C'] }),
  'service:paste': spec({ label: 'Paste services', category: 'Edit', scope: 'canvas', keys: ['Mod+V'] }),
  'service:new': spec({ label: 'New service', category: 'Services', scope: 'page', keys: ['Mod+Shift+N'] }),
  'module:move': spec({ label: 'Move to service…', category: 'Services', scope: 'page', keys: ['Mod+Shift+M'] }),
  'service:rename': spec({ label: 'Rename service', category: 'Services', scope: 'canvas', keys: ['F2'] }),
  'service:delete': spec({
    label: 'Delete selection',
    category: 'Services',
    scope: 'canvas',
    keys: ['Delete', 'Backspace'],
    macKeys: ['Backspace', 'Delete'],
  }),
  'canvas:context-menu': spec({
    label: 'Open the context menu',
    category: 'Services',
    scope: 'canvas',
    keys: ['ContextMenu', 'Shift+F10'],
    notInPalette: true,
  }),
  'view:fit': spec({ label: 'Zoom to fit', menuLabel: 'Fit to Window', category: 'View', scope: 'page', keys: ['Shift+1'] }),
  'view:fit-selection': spec({ label: 'Zoom to selection', category: 'View', scope: 'page', keys: ['Shift+2'] }),
  'view:layout-all': spec({ label: 'Auto-layout all', category: 'View', scope: 'page' }),
  'view:layout-selection': spec({ label: 'Auto-layout selection', category: 'View', scope: 'page' }),
  'view:arrange-by-phase': spec({ label: 'Arrange by roadmap phase', category: 'View', scope: 'page' }),
  'view:toggle-monolith-panel': spec({
    label: 'Show or hide the monolith panel',
    menuLabel: 'Toggle Monolith Panel',
    category: 'View',
    scope: 'anywhere',
    keys: ['Mod+B'],
  }),
  'view:toggle-inspector': spec({
    label: 'Show or hide the inspector',
    menuLabel: 'Toggle Inspector',
    category: 'View',
    scope: 'anywhere',
    keys: ['Mod+Alt+B'],
  }),
  'view:toggle-roadmap': spec({
    label: 'Show or hide the roadmap',
    menuLabel: 'Toggle Roadmap',
    category: 'View',
    scope: 'anywhere',
    keys: ['Mod+J'],
  }),
  'palette:open': spec({ label: 'Command palette', category: 'View', scope: 'anywhere', keys: ['Mod+K'] }),
  'scenario:duplicate': spec({ label: 'Duplicate the design as a new scenario', category: 'Edit', scope: 'page' }),
  'scenario:list': spec({ label: 'Scenarios: switch, rename, delete…', category: 'View', scope: 'page' }),
  'scenario:compare': spec({ label: 'Compare scenarios', category: 'View', scope: 'page' }),
  'help:shortcuts': spec({
    label: 'Keyboard shortcuts',
    menuLabel: 'Keyboard Shortcuts',
    category: 'Help',
    scope: 'anywhere',
    keys: ['Mod+/'],
  }),
} as const satisfies Record<MenuCommand, AppCommandSpec> & Record<string, AppCommandSpec>;

export type AppCommandId = keyof typeof APP_COMMANDS;
export const APP_COMMAND_IDS = Object.keys(APP_COMMANDS) as AppCommandId[];

export const commandSpec = (id: AppCommandId): AppCommandSpec => APP_COMMANDS[id];

// ---- Keys ----

export interface Chord {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  /** 'A'-'Z', '0'-'9', '/', 'F1'-'F12', 'Delete', 'Backspace', 'ContextMenu'. */
  key: string;
}

const KEY_NAME = /^([A-Z0-9/]|F[1-9]|F1[0-2]|Delete|Backspace|ContextMenu)$/;

/** Reads 'Mod+Alt+Shift+K'; throws on anything else (the table above is the only input). */
export function parseChord(text: string): Chord {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  const order = ['Mod', 'Alt', 'Shift'].filter((name) => mods.has(name));
  if (!KEY_NAME.test(key) || order.length !== parts.length || order.join('+') !== parts.join('+'))
    throw new Error(`Not a shortcut: ${text}`);
  return { mod: mods.has('Mod'), alt: mods.has('Alt'), shift: mods.has('Shift'), key };
}

export const formatChord = (chord: Chord): string =>
  [chord.mod ? 'Mod' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, chord.key].filter(Boolean).join('+');

/**
 * Keys a browser keeps for itself (a page never sees them, or must not take them): new window or tab, close
 * tab or window, reopen a tab, switch tabs, reload, the address bar, find, print, developer tools.
 */
export const BROWSER_RESERVED: readonly string[] = [
  'Mod+N',
  'Mod+Shift+N',
  'Mod+T',
  'Mod+Shift+T',
  'Mod+W',
  'Mod+Shift+W',
  'Mod+Q',
  'Mod+R',
  'Mod+Shift+R',
  'Mod+L',
  'Mod+F',
  'Mod+P',
  'Mod+Shift+I',
  'Mod+Shift+J',
  'F5',
  'F11',
  'F12',
];

/**
 * A command's keys on a platform and host. In the browser host a key the browser keeps gains Alt (Ctrl+N there is
 * Ctrl+Alt+N), as VS Code for the Web does; everything else is the same key in both hosts.
 */
export function keysFor(id: AppCommandId, platform: Platform, host: Host): string[] {
  const command = commandSpec(id);
  const keys = (platform === 'mac' ? (command.macKeys ?? command.keys) : command.keys) ?? [];
  if (host === 'desktop') return [...keys];
  return keys.map((key) => (BROWSER_RESERVED.includes(key) ? formatChord({ ...parseChord(key), alt: true }) : key));
}

/** The key people are shown for a command (its first), or undefined when it has none. */
export const primaryKey = (id: AppCommandId, platform: Platform, host: Host): string | undefined => keysFor(id, platform, host)[0];

const MAC_KEY: Record<string, string> = { Delete: '⌦', Backspace: '⌫', ContextMenu: 'Menu' };
const OTHER_KEY: Record<string, string> = { ContextMenu: 'Menu' };

/** How a key is written on screen: ⌥⇧⌘S on macOS, Ctrl+Alt+Shift+S elsewhere. */
export function keyLabel(key: string, platform: Platform): string {
  const chord = parseChord(key);
  if (platform === 'mac')
    return `${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${MAC_KEY[chord.key] ?? chord.key}`;
  return [chord.mod ? 'Ctrl' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, OTHER_KEY[chord.key] ?? chord.key]
    .filter(Boolean)
    .join('+');
}

/** A key in the form aria-keyshortcuts takes: Meta+Shift+S on macOS, Control+Shift+S elsewhere. */
export function ariaKeys(key: string, platform: Platform): string {
  const chord = parseChord(key);
  return [chord.mod ? (platform === 'mac' ? 'Meta' : 'Control') : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, chord.key]
    .filter(Boolean)
    .join('+');
}

/** The label of a command's own key, or undefined. */
export function shortcutText(id: AppCommandId, platform: Platform, host: Host): string | undefined {
  const key = primaryKey(id, platform, host);
  return key === undefined ? undefined : keyLabel(key, platform);
}

/** An Electron accelerator ('CmdOrCtrl+Shift+S'). */
export function toAccelerator(key: string): string {
  const chord = parseChord(key);
  return [chord.mod ? 'CmdOrCtrl' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, chord.key].filter(Boolean).join('+');
}

/**
 * Whether the desktop menu registers this key as its accelerator (so the page leaves it to the menu). A key
 * without Ctrl/Cmd or Alt (Shift+1, F2) is only shown in the menu: registered, it would fire while typing.
 */
export function menuOwnsKey(id: AppCommandId, key: string, platform: Platform): boolean {
  if (!isMenuCommand(id) || primaryKey(id, platform, 'desktop') !== key) return false;
  const chord = parseChord(key);
  return chord.mod || chord.alt;
}

const MENU_COMMAND_SET: ReadonlySet<string> = new Set(MENU_COMMANDS);
/** Whether the desktop menu has an item for it (the host events' contract lists them: shared/api/events.ts). */
export const isMenuCommand = (id: AppCommandId): id is MenuCommand => MENU_COMMAND_SET.has(id);

export interface KeyClash {
  key: string;
  ids: AppCommandId[];
}

/** Keys that two or more commands share on a platform and host (none, when the table is sound). */
export function keyClashes(ids: readonly AppCommandId[], platform: Platform, host: Host, keysOf = keysFor): KeyClash[] {
  const owners = new Map<string, AppCommandId[]>();
  for (const id of ids) for (const key of new Set(keysOf(id, platform, host))) owners.set(key, [...(owners.get(key) ?? []), id]);
  return [...owners].filter(([, owned]) => owned.length > 1).map(([key, owned]) => ({ key, ids: owned }));
}

/** The parts of a key press that name a shortcut. */
export type KeyPress = Pick<KeyboardEventLike, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;
interface KeyboardEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The key a press makes, as the table writes it, or null. Letters and digits are read from the key when it is one
 * (a French keyboard's Ctrl+Z is Ctrl+Z), else from the physical key (Shift+1 gives '!', ⌥B gives '∫').
 */
export function keyOfPress(press: KeyPress, platform: Platform): string | null {
  const mod = platform === 'mac' ? press.metaKey : press.ctrlKey;
  const other = platform === 'mac' ? press.ctrlKey : press.metaKey;
  if (other) return null;
  let key: string | null = null;
  if (/^[a-z0-9/]$/i.test(press.key) && !press.altKey && !/^Digit/.test(press.code)) key = press.key.toUpperCase();
  else if (/^Key[A-Z]$/.test(press.code)) key = press.code.slice(3);
  else if (/^Digit[0-9]$/.test(press.code)) key = press.code.slice(5);
  else if (press.code === 'Slash' || press.key === '/') key = '/';
  else if (KEY_NAME.test(press.key) && press.key.length > 1) key = press.key;
  if (key === null) return null;
  return formatChord({ mod, alt: press.altKey, shift: press.shiftKey, key });
}

/** The command a key makes on a platform and host, among those given (the first that has it). */
export function commandForKey(
  key: string,
  platform: Platform,
  host: Host,
  ids: readonly AppCommandId[] = APP_COMMAND_IDS,
): AppCommandId | null {
  return ids.find((id) => keysFor(id, platform, host).includes(key)) ?? null;
}
