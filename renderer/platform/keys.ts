import { ariaKeys, primaryKey, shortcutText, type AppCommandId, type Host, type Platform } from '../../shared/commands/appCommands';
import { getBridge } from './bridge';

// Which key table applies to this page: macOS or not (Cmd or Ctrl), the desktop app or the browser host.

export const keyboardPlatform = (): Platform =>
  typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform) ? 'mac' : 'other';

export const hostOf = (kind: 'electron' | 'browser'): Host => (kind === 'electron' ? 'desktop' : 'browser');

export interface KeyTable {
  platform: Platform;
  host: Host;
}

export const keyTable = (): KeyTable => ({ platform: keyboardPlatform(), host: hostOf(getBridge().host.kind) });

/** A command's own key as written on this page (⇧⌘S on macOS, Ctrl+Shift+S elsewhere), if it has one. */
export function shortcutLabel(id: AppCommandId, table: KeyTable = keyTable()): string | undefined {
  return shortcutText(id, table.platform, table.host);
}

/** A command's key for a menu item: the label shown and the aria-keyshortcuts value, or nothing when it has none. */
export function commandShortcut(id: AppCommandId, table: KeyTable = keyTable()): { shortcut?: string; ariaShortcut?: string } {
  const key = primaryKey(id, table.platform, table.host);
  return key === undefined ? {} : { shortcut: shortcutText(id, table.platform, table.host), ariaShortcut: ariaKeys(key, table.platform) };
}

/** A button's title with its command's key: "Zoom to fit (Shift+1)". */
export function titled(label: string, id: AppCommandId): string {
  const keys = shortcutLabel(id);
  return keys ? `${label} (${keys})` : label;
}
