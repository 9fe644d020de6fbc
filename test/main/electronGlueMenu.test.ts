import { describe, expect, it } from 'vitest';
import type { Theme } from '../../shared/api/contract';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/api/events';
import { buildMenuTemplate, type MenuState } from '../../main/electron/menuTemplate';
import { commandForKey, keyOfPress, primaryKey, type Platform } from '../../shared/commands/appCommands';

// The native menu as data: what it shows, and what each item does when clicked.

/** Electron's MenuItemConstructorOptions (test files do not import electron, not even its types). */
type Item = ReturnType<typeof buildMenuTemplate>[number];

function setup(state: Partial<MenuState> = {}) {
  const calls: Array<[string, unknown]> = [];
  const template = buildMenuTemplate(
    { platform: 'linux', recentFiles: [], theme: 'system', isDevelopment: false, ...state },
    {
      send: (command) => calls.push(['send', command]),
      openRecent: (path) => calls.push(['openRecent', path]),
      clearRecent: () => calls.push(['clearRecent', null]),
      setTheme: (theme) => calls.push(['setTheme', theme]),
    },
  );
  return { template, calls };
}

function submenu(item: Item | undefined): Item[] {
  expect(Array.isArray(item?.submenu)).toBe(true);
  return item!.submenu as Item[];
}

function find(items: Item[], label: string): Item {
  const found = items.find((item) => item.label === label);
  expect(found, label).toBeDefined();
  return found!;
}

function click(item: Item): void {
  (item.click as unknown as () => void)();
}

function allItems(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu as Item[]) : [])]);
}

describe('application menu', () => {
  it('has File, Edit and View menus with the issue’s items', () => {
    const { template } = setup();
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = submenu(template[0])
      .filter((item) => item.label)
      .map((item) => item.label);
    expect(file).toEqual(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Export…', 'Import from Python Source…', 'Close']);
    const edit = submenu(template[1])
      .filter((item) => item.role)
      .map((item) => item.role);
    expect(edit).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    // Undo and Redo go to the renderer, which steps through a text field's typing or the project's history.
    const history = submenu(template[1])
      .filter((item) => item.label)
      .map((item) => [item.label, item.accelerator]);
    expect(history).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Y'],
    ]);
    const view = submenu(template[2]);
    expect(view.filter((item) => item.role).map((item) => item.role)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('sends every menu command to the renderer from some item', () => {
    const { template, calls } = setup();
    for (const item of allItems(template)) if (item.click && !item.submenu) click(item);
    const sent = calls.filter(([kind]) => kind === 'send').map(([, command]) => command as MenuCommand);
    expect([...new Set(sent)].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('sends the command of the item clicked', () => {
    const { template, calls } = setup();
    click(find(submenu(template[0]), 'Save As…'));
    expect(calls).toEqual([['send', 'file:save-as']]);
  });

  it('gives no two items the same accelerator', () => {
    const accelerators = allItems(setup({ platform: 'darwin' }).template)
      .map((item) => item.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('lists recent files in Open Recent, opens one when clicked, and can clear them', () => {
    const { template, calls } = setup({
      recentFiles: [
        { path: '/work/shop.carve', name: 'Acme Shop' },
        { path: '/work/r&d.carve', name: 'R&D' },
      ],
    });
    const recent = submenu(find(submenu(template[0]), 'Open Recent'));
    const labels = recent.map((item) => item.label).filter(Boolean);
    expect(labels).toEqual(['Acme Shop — /work/shop.carve', 'R&&D — /work/r&&d.carve', 'Clear Recent']);
    click(recent[1]!);
    click(find(recent, 'Clear Recent'));
    expect(calls).toEqual([
      ['openRecent', '/work/r&d.carve'],
      ['clearRecent', null],
    ]);
  });

  it('shows a disabled placeholder when there are no recent files', () => {
    const recent = submenu(find(submenu(setup().template[0]), 'Open Recent'));
    expect(recent).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('checks the current theme and sets the one picked', () => {
    for (const theme of ['system', 'light', 'dark'] as Theme[]) {
      const { template, calls } = setup({ theme });
      const themes = submenu(find(submenu(template[2]), 'Theme'));
      expect(themes.map((item) => item.label)).toEqual(['Follow System', 'Light', 'Dark']);
      expect(themes.filter((item) => item.checked).map((item) => item.label)).toHaveLength(1);
      expect(themes.every((item) => item.type === 'radio')).toBe(true);
      click(themes[2]!);
      expect(calls).toEqual([['setTheme', 'dark']]);
    }
    const checked = submenu(find(submenu(setup({ theme: 'light' }).template[2]), 'Theme')).find((item) => item.checked);
    expect(checked?.label).toBe('Light');
  });

  it('follows the platform: an app menu and Window menu on macOS, Quit in File elsewhere', () => {
    const mac = setup({ platform: 'darwin' }).template;
    expect(mac.map((item) => item.label ?? item.role)).toEqual(['Carve', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    expect(submenu(mac[1]).some((item) => item.role === 'quit')).toBe(false);
    expect(submenu(setup({ platform: 'win32' }).template[0]).some((item) => item.role === 'quit')).toBe(true);
  });

  it('offers developer tools only when running unpackaged', () => {
    const hasDevTools = (isDevelopment: boolean) =>
      allItems(setup({ isDevelopment }).template).some((item) => item.role === 'toggleDevTools');
    expect(hasDevTools(false)).toBe(false);
    expect(hasDevTools(true)).toBe(true);
  });

  it('gives each command the page’s own key: the accelerator, pressed in the page, is the same command', () => {
    for (const [os, platform] of [
      ['linux', 'other'],
      ['win32', 'other'],
      ['darwin', 'mac'],
    ] as [NodeJS.Platform, Platform][]) {
      const { template, calls } = setup({ platform: os });
      for (const item of allItems(template).filter((candidate) => candidate.click && !candidate.submenu)) {
        calls.length = 0;
        click(item);
        const sent = calls.find(([kind]) => kind === 'send')?.[1] as MenuCommand | undefined;
        if (!sent) continue;
        const key = primaryKey(sent, platform, 'desktop');
        expect(item.accelerator, `${os} ${sent}`).toBe(key ? accelerator(key) : undefined);
        if (!item.accelerator) continue;
        // The accelerator as a key press on the page of that platform: the page's table names the same command.
        const parts = String(item.accelerator).split('+');
        const last = parts.pop()!;
        const pressed = keyOfPress(
          {
            key: /^[A-Z]$/.test(last) ? last.toLowerCase() : last,
            code: /^[A-Z]$/.test(last) ? `Key${last}` : /^[0-9]$/.test(last) ? `Digit${last}` : last,
            ctrlKey: parts.includes('CmdOrCtrl') && platform === 'other',
            metaKey: parts.includes('CmdOrCtrl') && platform === 'mac',
            altKey: parts.includes('Alt'),
            shiftKey: parts.includes('Shift'),
          },
          platform,
        );
        expect(pressed && commandForKey(pressed, platform, 'desktop'), `${os} ${String(item.accelerator)}`).toBe(sent);
        // Keys without Ctrl/Cmd or Alt are shown but not registered: they would fire while typing.
        expect(item.registerAccelerator === false, `${os} ${sent}`).toBe(!/CmdOrCtrl|Alt/.test(String(item.accelerator)));
      }
    }
  });

  it('offers the keyboard shortcuts reference in Help', () => {
    const { template, calls } = setup();
    click(find(submenu(template.at(-1)), 'Keyboard Shortcuts'));
    expect(calls).toEqual([['send', 'help:shortcuts']]);
    expect(find(submenu(template.at(-1)), 'Keyboard Shortcuts').accelerator).toBe('CmdOrCtrl+/');
  });
});

/** The accelerator a key of the table is written as in Electron. */
const accelerator = (key: string) => key.replace(/^Mod\+/, 'CmdOrCtrl+');
