import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandForPress, filterCommands, handleKey, paletteCommands, type KeyEvent } from '../../renderer/app/commands';
import { createActions } from '../../renderer/state/actions';
import { documentStore, loadDocument } from '../../renderer/state/documentStore';
import { selectionStore } from '../../renderer/state/selectionStore';
import { uiStore } from '../../renderer/state/uiStore';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import type { KeyTable } from '../../renderer/platform/keys';
import { keyPress, type Modifiers } from '../shared/keyPress';

// The page's one key handler and the palette, both read from the one command table: where each key works (a text
// field, the canvas), which keys the desktop menu sends itself, and what a key press does to the app's state.

/** Just enough of the DOM for the handler to tell a text field and the canvas from elsewhere. */
class FakeElement {
  constructor(readonly scope: string | null = null) {}
  closest(selector: string) {
    return this.scope && selector.includes(`"${this.scope}"`) ? this : null;
  }
}
class FakeInput extends FakeElement {
  type = 'text';
}
let dialogOpen = false;

beforeAll(() => {
  vi.stubGlobal('Element', FakeElement);
  vi.stubGlobal('HTMLElement', FakeElement);
  vi.stubGlobal('HTMLInputElement', FakeInput);
  vi.stubGlobal('HTMLTextAreaElement', class extends FakeElement {});
  vi.stubGlobal('HTMLSelectElement', class extends FakeElement {});
  vi.stubGlobal('document', { activeElement: null, querySelector: () => (dialogOpen ? {} : null) });
});
afterAll(() => vi.unstubAllGlobals());

const CANVAS = new FakeElement('canvas');
const FIELD = new FakeInput();
const PAGE = new FakeElement();
const LINUX_BROWSER: KeyTable = { platform: 'other', host: 'browser' };
const LINUX_DESKTOP: KeyTable = { platform: 'other', host: 'desktop' };
const MAC_BROWSER: KeyTable = { platform: 'mac', host: 'browser' };

function press(key: string, mods: Modifiers = {}, target: unknown = PAGE): KeyEvent & { prevented: boolean } {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : key === '!' ? 'Digit1' : key;
  const event = {
    ...keyPress(key, code, mods),
    target: target as EventTarget,
    defaultPrevented: false,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

describe('the page’s keys', () => {
  it('runs the palette key even in a text field; the page’s commands wait until the focus leaves it', () => {
    expect(commandForPress(press('k', { ctrlKey: true }, FIELD), LINUX_BROWSER)).toBe('palette:open');
    expect(commandForPress(press('k', { metaKey: true }, FIELD), MAC_BROWSER)).toBe('palette:open');
    expect(commandForPress(press('M', { ctrlKey: true, shiftKey: true }, FIELD), LINUX_BROWSER)).toBeNull();
    expect(commandForPress(press('M', { ctrlKey: true, shiftKey: true }), LINUX_BROWSER)).toBe('module:move');
    expect(commandForPress(press('!', { shiftKey: true }), LINUX_DESKTOP)).toBe('view:fit');
    expect(commandForPress(press('k', { ctrlKey: true, altKey: true }), LINUX_BROWSER)).toBeNull();
  });

  it('gives the canvas’s keys (Delete, F2, Ctrl+C) only while the canvas has the focus', () => {
    expect(commandForPress(press('Delete', {}, CANVAS), LINUX_BROWSER)).toBe('service:delete');
    expect(commandForPress(press('Backspace', {}, CANVAS), MAC_BROWSER)).toBe('service:delete');
    expect(commandForPress(press('Delete', {}, PAGE), LINUX_BROWSER)).toBeNull();
    expect(commandForPress(press('F2', {}, CANVAS), LINUX_DESKTOP)).toBe('service:rename');
    expect(commandForPress(press('c', { ctrlKey: true }, CANVAS), LINUX_DESKTOP)).toBe('service:copy');
    expect(commandForPress(press('c', { ctrlKey: true }, PAGE), LINUX_DESKTOP)).toBeNull();
  });

  it('leaves to the desktop menu the keys it registers, and takes the others (Ctrl+Shift+Z, Shift+1) itself', () => {
    expect(commandForPress(press('s', { ctrlKey: true }), LINUX_DESKTOP)).toBeNull();
    expect(commandForPress(press('s', { ctrlKey: true }), LINUX_BROWSER)).toBe('file:save');
    expect(commandForPress(press('y', { ctrlKey: true }), LINUX_DESKTOP)).toBeNull();
    expect(commandForPress(press('Z', { ctrlKey: true, shiftKey: true }), LINUX_DESKTOP)).toBe('edit:redo');
    expect(commandForPress(press('e', { ctrlKey: true }), LINUX_BROWSER)).toBe('file:export');
  });

  it('closes the project with Ctrl+Alt+W in the browser, leaving Ctrl+W to the browser', () => {
    expect(commandForPress(press('w', { ctrlKey: true, altKey: true }), LINUX_BROWSER)).toBe('file:close');
    expect(commandForPress(press('w', { ctrlKey: true }), LINUX_BROWSER)).toBeNull();
    expect(commandForPress(press('n', { ctrlKey: true, altKey: true }), LINUX_BROWSER)).toBe('file:new');
  });
});

describe('what a key press does', () => {
  const actions = createActions();
  beforeEach(() => {
    dialogOpen = false;
    loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
    selectionStore.setState({ nodeIds: [], moduleIds: [], edgeId: null });
    uiStore.setState({ panels: { monolith: true, inspector: true, roadmap: true }, shortcutsOpen: false });
  });

  it('toggles a panel, opens the shortcuts reference, and takes the key from the browser', () => {
    const toggle = press('b', { ctrlKey: true });
    expect(handleKey(toggle, actions, LINUX_BROWSER)).toBe('view:toggle-monolith-panel');
    expect(toggle.prevented).toBe(true);
    expect(uiStore.getState().panels.monolith).toBe(false);
    expect(handleKey(press('/', { ctrlKey: true }), actions, LINUX_BROWSER)).toBe('help:shortcuts');
    expect(uiStore.getState().shortcutsOpen).toBe(true);
  });

  it('deletes the selected service with Delete on the canvas, as one undo step', () => {
    const before = documentStore.getState().project!;
    const serviceId = before.services[0]!.id;
    selectionStore.setState({ nodeIds: [serviceId], moduleIds: [], edgeId: null });
    const key = press('Delete', {}, CANVAS);
    expect(handleKey(key, actions, LINUX_DESKTOP)).toBe('service:delete');
    expect(key.prevented).toBe(true);
    const after = documentStore.getState();
    expect(after.project!.services.map((s) => s.id)).not.toContain(serviceId);
    expect(after.history!.past.at(-1)).toBe(before);
  });

  it('leaves a key whose command cannot run to the browser: Ctrl+C with no service selected copies text', () => {
    const copy = press('c', { ctrlKey: true }, CANVAS);
    expect(handleKey(copy, actions, LINUX_BROWSER)).toBeNull();
    expect(copy.prevented).toBe(false);
  });

  it('runs nothing while a dialog is open, keeps Ctrl+S from the browser, and leaves undo to the dialog’s fields', () => {
    dialogOpen = true;
    const save = press('s', { ctrlKey: true }, FIELD);
    const toggle = press('b', { ctrlKey: true });
    const undo = press('z', { ctrlKey: true }, FIELD);
    expect([
      handleKey(save, actions, LINUX_BROWSER),
      handleKey(toggle, actions, LINUX_BROWSER),
      handleKey(undo, actions, LINUX_BROWSER),
    ]).toEqual([null, null, null]);
    expect([save.prevented, toggle.prevented, undo.prevented]).toEqual([true, true, false]);
    expect(uiStore.getState().panels.monolith).toBe(true);
  });
});

describe('the command palette', () => {
  it('lists every command once with its key on this platform, and filters by words', () => {
    const linux = paletteCommands(LINUX_BROWSER);
    expect(new Set(linux.map((c) => c.id)).size).toBe(linux.length);
    expect(new Set(linux.map((c) => c.label)).size).toBe(linux.length);
    expect(linux.map((c) => c.id)).not.toContain('palette:open');
    expect(linux.find((c) => c.id === 'file:close')?.shortcut).toBe('Ctrl+Alt+W');
    expect(paletteCommands(LINUX_DESKTOP).find((c) => c.id === 'file:close')?.shortcut).toBe('Ctrl+W');
    expect(paletteCommands(MAC_BROWSER).find((c) => c.id === 'module:move')?.shortcut).toBe('⇧⌘M');
    expect(filterCommands(linux, 'move serv').map((c) => c.label)).toEqual(['Move to service…']);
    expect(filterCommands(linux, 'ZOOM').map((c) => c.id)).toEqual(['view:fit', 'view:fit-selection']);
    expect(filterCommands(linux, 'keyboard').map((c) => c.id)).toEqual(['help:shortcuts']);
    expect(filterCommands(linux, 'no such thing')).toEqual([]);
  });
});
