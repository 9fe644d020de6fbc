import { BrowserWindow, nativeTheme, screen, shell } from 'electron';
import type { PreferenceStore } from '../services/preferences';
import { APP_ENTRY_URL, isAppUrl, isExternalHttps } from './appUrl';
import { MIN_SIZE, restoreBounds } from './bounds';
import type { CloseGuard } from './closeGuard';

// The one window. Its security settings are written inline as literals (Electronegativity reads them there):
// isolated, sandboxed, no Node in the page, web security on, no auxclick; the page cannot navigate away or
// open windows; https links go to the user's browser. Its bounds are kept in the preferences.

export interface WindowOptions {
  preloadPath: string;
  preferences: PreferenceStore;
  guard: CloseGuard;
  /** The close needs the renderer's answer: send it `close-requested`. */
  onCloseRequested(): void;
  /** The page started loading (again): host events wait until it listens. */
  onPageLoading(): void;
}

function openExternally(url: string): void {
  if (isExternalHttps(url)) void shell.openExternal(url);
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const { preferences, guard } = options;
  const bounds = restoreBounds(
    preferences.get('windowBounds'),
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Carve',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });

  const contents = window.webContents;
  window.once('ready-to-show', () => window.show());
  // The renderer sets document.title ("Name • — Carve"); the window title follows it, never blank.
  window.on('page-title-updated', (event, title) => {
    if (title.trim()) return;
    event.preventDefault();
    window.setTitle('Carve');
  });

  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A new page in the main frame (the first load, a reload): a new document state, not yet listening.
  // (Not did-start-loading: an iframe loading, say a report preview, must not reset the guard.)
  contents.on('did-start-navigation', (event) => {
    if (!event.isMainFrame || event.isSameDocument) return;
    guard.rendererGone();
    options.onPageLoading();
  });
  contents.on('render-process-gone', () => guard.rendererGone());

  let saveTimer: NodeJS.Timeout | undefined;
  const saveBounds = () => {
    clearTimeout(saveTimer);
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    preferences.set('windowBounds', window.getNormalBounds());
  };
  const saveBoundsSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveBounds, 500);
  };
  window.on('resize', saveBoundsSoon);
  window.on('move', saveBoundsSoon);

  window.on('close', (event) => {
    if (guard.onClose() === 'ask') {
      event.preventDefault();
      options.onCloseRequested();
      return;
    }
    saveBounds();
  });

  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** The renderer's unsaved-changes flag: the close guard, and the macOS title bar's edited dot. */
export function setWindowDirty(window: BrowserWindow | null, guard: CloseGuard, dirty: boolean): void {
  guard.setDirty(dirty);
  if (window && !window.isDestroyed() && process.platform === 'darwin') window.setDocumentEdited(dirty);
}
