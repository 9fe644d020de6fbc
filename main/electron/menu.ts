import { existsSync } from 'node:fs';
import { Menu, nativeTheme } from 'electron';
import type { Theme } from '../../shared/api/contract';
import type { MenuCommand } from '../../shared/api/events';
import type { PreferenceStore } from '../services/preferences';
import { RecentFiles } from '../services/recentFiles';
import { buildMenuTemplate } from './menuTemplate';

// The native menu, rebuilt from preferences whenever the recent files or the theme change.

export interface MenuOptions {
  preferences: PreferenceStore;
  isDevelopment: boolean;
  send(command: MenuCommand): void;
  /** The page re-reads the theme and the recent files after the menu changed them. */
  notifyPreferencesChanged(): void;
  openRecent(path: string): void;
}

export interface AppMenu {
  /** Rebuild after the recent files or the theme changed. */
  refresh(): void;
  /** Apply a theme: preferences, nativeTheme (which the page's prefers-color-scheme follows), the menu. */
  setTheme(theme: Theme): void;
}

export function installMenu(options: MenuOptions): AppMenu {
  const { preferences } = options;
  const recent = new RecentFiles(preferences);

  const build = () => {
    // Files gone since are left out of the menu but kept in the preferences: recent:list drops them and the
    // renderer tells the user which ones.
    const files = preferences.get('recentFiles').filter((file) => existsSync(file.path));
    const template = buildMenuTemplate(
      { platform: process.platform, recentFiles: files, theme: preferences.get('theme'), isDevelopment: options.isDevelopment },
      {
        send: options.send,
        openRecent: options.openRecent,
        clearRecent: () => {
          recent.clear();
          menu.refresh();
          options.notifyPreferencesChanged();
        },
        setTheme: (theme) => {
          menu.setTheme(theme);
          options.notifyPreferencesChanged();
        },
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const menu: AppMenu = {
    refresh: build,
    setTheme(theme) {
      preferences.set('theme', theme);
      nativeTheme.themeSource = theme;
      menu.refresh();
    },
  };
  nativeTheme.themeSource = preferences.get('theme');
  menu.refresh();
  return menu;
}
