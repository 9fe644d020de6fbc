import type { MenuItemConstructorOptions } from 'electron';
import type { RecentFile, Theme } from '../../shared/api/contract';
import type { MenuCommand } from '../../shared/api/events';
import { commandSpec, primaryKey, toAccelerator, type Platform } from '../../shared/commands/appCommands';

// The application menu as plain data (the electron import above is types only): built again whenever the
// recent files or the theme change. Items that act on the document send a MenuCommand to the renderer, which
// runs the same command as its own buttons and shortcuts do; editing and zoom use Electron's roles. Their labels
// and keys come from the one command table (shared/commands/appCommands.ts), so the menu and the page agree.

export interface MenuActions {
  /** Send a command to the renderer. */
  send(command: MenuCommand): void;
  /** Open Recent > a file: sent to the renderer as an open-file event (it guards unsaved changes). */
  openRecent(path: string): void;
  clearRecent(): void;
  setTheme(theme: Theme): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  recentFiles: readonly RecentFile[];
  theme: Theme;
  /** Developer tools in the View menu: only when running unpackaged. */
  isDevelopment: boolean;
}

const THEME_LABELS: Record<Theme, string> = { system: 'Follow System', light: 'Light', dark: 'Dark' };

function recentLabel(file: RecentFile): string {
  // '&' would become a mnemonic on Windows and Linux.
  const label = `${file.name || 'Untitled'} — ${file.path}`.replace(/&/g, '&&');
  return label.length > 120 ? `${label.slice(0, 119)}…` : label;
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = state.platform === 'darwin';
  const platform: Platform = isMac ? 'mac' : 'other';
  const command = (cmd: MenuCommand): MenuItemConstructorOptions => {
    const spec = commandSpec(cmd);
    const key = primaryKey(cmd, platform, 'desktop');
    // A key without Ctrl/Cmd or Alt (Shift+1) is shown, not registered: as a global accelerator it would fire
    // while typing in a text field. The page handles it where it applies.
    const shownOnly = key !== undefined && !/^(Mod|Alt)\+/.test(key);
    return {
      label: spec.menuLabel ?? spec.label,
      ...(key ? { accelerator: toAccelerator(key) } : {}),
      ...(shownOnly ? { registerAccelerator: false } : {}),
      click: () => actions.send(cmd),
    };
  };

  const recent: MenuItemConstructorOptions[] = state.recentFiles.length
    ? [
        ...state.recentFiles.map((file) => ({ label: recentLabel(file), click: () => actions.openRecent(file.path) })),
        { type: 'separator' },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No Recent Files', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('file:new'),
      command('file:open'),
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      command('file:save'),
      command('file:save-as'),
      command('file:export'),
      command('file:import'),
      { type: 'separator' },
      command('file:close'),
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // The renderer decides: a text field undoes its typing, anywhere else the project's history steps back.
      command('edit:undo'),
      command('edit:redo'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      command('view:fit'),
      { type: 'separator' },
      command('view:toggle-monolith-panel'),
      command('view:toggle-inspector'),
      command('view:toggle-roadmap'),
      { type: 'separator' },
      {
        label: 'Theme',
        submenu: (Object.keys(THEME_LABELS) as Theme[]).map((theme) => ({
          label: THEME_LABELS[theme],
          type: 'radio',
          checked: state.theme === theme,
          click: () => actions.setTheme(theme),
        })),
      },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.isDevelopment ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  const help: MenuItemConstructorOptions = { role: 'help', label: '&Help', submenu: [command('help:shortcuts')] };
  const app: MenuItemConstructorOptions = {
    label: 'Carve',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return isMac ? [app, file, edit, view, windowMenu, help] : [file, edit, view, help];
}
