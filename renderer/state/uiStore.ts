import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppInfo, DraftInfo, RecentFile, Theme } from '../../shared/api/contract';

// View state: never saved in a project file. The theme is a preference (saved by the host through prefs:set);
// panels, messages and the lists shown on the start screen live only as long as the page.

export type PanelId = 'monolith' | 'inspector' | 'roadmap';

export interface UiState {
  info: AppInfo | null;
  theme: Theme;
  panels: Record<PanelId, boolean>;
  /** The last error, one line, until dismissed. */
  lastError: string | null;
  /** What kind of problem the last error is (from its code), shown where there is room. */
  lastErrorHeading: string | null;
  /** A passing notice ("Saved", "2 missing files were removed from the recent list"). */
  notice: string | null;
  recent: RecentFile[];
  /** Recent files that no longer exist and were dropped from the list. */
  droppedRecent: string[];
  drafts: DraftInfo[];
  busy: boolean;
  /** The keyboard shortcuts reference (Help > Keyboard Shortcuts, the palette). */
  shortcutsOpen: boolean;
}

export const uiStore = createStore<UiState>(() => ({
  info: null,
  theme: 'system',
  panels: { monolith: true, inspector: true, roadmap: true },
  lastError: null,
  lastErrorHeading: null,
  notice: null,
  recent: [],
  droppedRecent: [],
  drafts: [],
  busy: false,
  shortcutsOpen: false,
}));

export const useUi = <T>(selector: (state: UiState) => T): T => useStore(uiStore, selector);
/** The browser host's workspace folder (the in-app file dialog's root), null until the host has said it. */
export const useWorkspace = () => useStore(uiStore, (state) => state.info?.workspace ?? null);

export function showError(message: string, heading: string | null = null): void {
  uiStore.setState({ lastError: message, lastErrorHeading: heading, notice: null });
}

export function dismissError(): void {
  uiStore.setState({ lastError: null, lastErrorHeading: null });
}

export function showNotice(message: string | null): void {
  uiStore.setState({ notice: message });
}

export const setShortcutsOpen = (shortcutsOpen: boolean) => uiStore.setState({ shortcutsOpen });

export function togglePanel(panel: PanelId): void {
  const { panels } = uiStore.getState();
  uiStore.setState({ panels: { ...panels, [panel]: !panels[panel] } });
}
