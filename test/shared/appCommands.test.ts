import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../shared/api/events';
import {
  APP_COMMAND_IDS,
  ariaKeys,
  BROWSER_RESERVED,
  commandForKey,
  keyClashes,
  keyLabel,
  keyOfPress,
  keysFor,
  parseChord,
  shortcutText,
  type Host,
  type Platform,
} from '../../shared/commands/appCommands';
import { keyPress } from './keyPress';
import { renderShortcutsMarkdown, shortcutReference, SHORTCUTS_DOC_PATH } from '../../shared/commands/shortcutReference';

// The one table of app commands: no key does two things, the browser keeps its own keys, labels follow the
// platform, and docs/shortcuts.md is what the table says.

const TABLES: { platform: Platform; host: Host }[] = [
  { platform: 'other', host: 'desktop' },
  { platform: 'mac', host: 'desktop' },
  { platform: 'other', host: 'browser' },
  { platform: 'mac', host: 'browser' },
];

const press = keyPress;

describe('app command keys', () => {
  it('gives no key to two commands, on any platform and host', () => {
    for (const { platform, host } of TABLES) expect(keyClashes(APP_COMMAND_IDS, platform, host), `${platform} ${host}`).toEqual([]);
  });

  it('finds a clash when two commands are given the same key', () => {
    const keysOf = (id: string) => (id === 'view:fit' || id === 'view:fit-selection' ? ['Shift+1'] : []);
    expect(keyClashes(APP_COMMAND_IDS, 'other', 'desktop', keysOf)).toEqual([{ key: 'Shift+1', ids: ['view:fit', 'view:fit-selection'] }]);
  });

  it('writes every key in the one form it reads, and every menu command is in the table', () => {
    for (const id of APP_COMMAND_IDS)
      for (const { platform, host } of TABLES) for (const key of keysFor(id, platform, host)) expect(() => parseChord(key)).not.toThrow();
    expect(() => parseChord('Shift+Mod+S')).toThrow(/Not a shortcut/);
    expect(() => parseChord('Mod+Enter')).toThrow(/Not a shortcut/);
    for (const id of MENU_COMMANDS) expect(APP_COMMAND_IDS).toContain(id);
  });

  it('leaves the browser its own keys: in the browser host New and Close take Alt, Export keeps Ctrl+E', () => {
    for (const platform of ['other', 'mac'] as const)
      for (const id of APP_COMMAND_IDS)
        for (const key of keysFor(id, platform, 'browser')) expect(BROWSER_RESERVED, `${id} ${key}`).not.toContain(key);
    expect(keysFor('file:new', 'other', 'browser')).toEqual(['Mod+Alt+N']);
    expect(keysFor('file:close', 'other', 'browser')).toEqual(['Mod+Alt+W']);
    expect(keysFor('file:export', 'other', 'browser')).toEqual(['Mod+E']);
    expect(keysFor('file:close', 'other', 'desktop')).toEqual(['Mod+W']);
  });

  it('gives assistive technology the key in aria-keyshortcuts form: Meta on macOS, Control elsewhere', () => {
    expect(ariaKeys('Mod+Shift+S', 'mac')).toBe('Meta+Shift+S');
    expect(ariaKeys('Mod+Shift+S', 'other')).toBe('Control+Shift+S');
    expect(ariaKeys('Mod+Alt+W', 'other')).toBe('Control+Alt+W');
    expect(ariaKeys('Shift+1', 'mac')).toBe('Shift+1');
    expect(ariaKeys('Delete', 'mac')).toBe('Delete');
  });

  it('writes keys as the platform does: ⌘ and ⇧ on macOS, Ctrl+Shift elsewhere', () => {
    expect(keyLabel('Mod+Shift+S', 'mac')).toBe('⇧⌘S');
    expect(keyLabel('Mod+Shift+S', 'other')).toBe('Ctrl+Shift+S');
    expect(keyLabel('Mod+Alt+B', 'mac')).toBe('⌥⌘B');
    expect(keyLabel('Mod+Alt+B', 'other')).toBe('Ctrl+Alt+B');
    expect(shortcutText('view:fit', 'mac', 'desktop')).toBe('⇧1');
    expect(shortcutText('view:fit', 'other', 'browser')).toBe('Shift+1');
    expect(shortcutText('edit:redo', 'mac', 'desktop')).toBe('⇧⌘Z');
    expect(shortcutText('edit:redo', 'other', 'desktop')).toBe('Ctrl+Y');
    expect(shortcutText('file:import', 'other', 'desktop')).toBeUndefined();
    for (const row of shortcutReference('mac', 'desktop')) for (const key of row.keys) expect(key).not.toMatch(/Ctrl|Shift|Alt/);
  });

  it('reads a key press as the table writes it: Cmd on macOS, Ctrl elsewhere, digits and Option by the physical key', () => {
    expect(keyOfPress(press('!', 'Digit1', { shiftKey: true }), 'other')).toBe('Shift+1');
    expect(keyOfPress(press('k', 'KeyK', { metaKey: true }), 'mac')).toBe('Mod+K');
    expect(keyOfPress(press('k', 'KeyK', { ctrlKey: true }), 'mac')).toBeNull();
    expect(keyOfPress(press('k', 'KeyK', { metaKey: true }), 'other')).toBeNull();
    expect(keyOfPress(press('∫', 'KeyB', { metaKey: true, altKey: true }), 'mac')).toBe('Mod+Alt+B');
    expect(keyOfPress(press('S', 'KeyS', { ctrlKey: true, shiftKey: true }), 'other')).toBe('Mod+Shift+S');
    // An AZERTY keyboard's Ctrl+Z is on the physical W key: the letter counts.
    expect(keyOfPress(press('z', 'KeyW', { ctrlKey: true }), 'other')).toBe('Mod+Z');
    expect(keyOfPress(press('F2', 'F2'), 'other')).toBe('F2');
    expect(keyOfPress(press('Shift', 'ShiftLeft', { shiftKey: true }), 'other')).toBeNull();
    expect(commandForKey('Shift+1', 'other', 'desktop')).toBe('view:fit');
    expect(commandForKey('Mod+Shift+M', 'mac', 'browser')).toBe('module:move');
    expect(commandForKey('Mod+M', 'other', 'desktop')).toBeNull();
  });
});

describe('docs/shortcuts.md', () => {
  it('is what `npm run shortcuts` writes from the table', () => {
    const committed = readFileSync(new URL(`../../${SHORTCUTS_DOC_PATH}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderShortcutsMarkdown());
    expect(committed).toContain('| Export… | `Ctrl+E` | `⌘E` | `Ctrl+E` | `⌘E` |');
  });
});
