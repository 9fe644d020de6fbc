import path from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import type { HostEvent } from '../../shared/api/events';
import { CHANNELS } from '../../shared/api/preload';
import { createRouter } from '../../shared/api/router';
import { createHandlers } from '../services/handlers';
import { defaultUserDataDir } from '../services/paths';
import { withAfterEffects } from './afterEffects';
import { carvePathFromArgv, isCarvePath } from './argv';
import { CloseGuard } from './closeGuard';
import { guardAllWebContents } from './contentsGuard';
import { createDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createElectronPrinter } from './pdfPrinter';
import { createHostEventOutbox } from './outbox';
import { createElectronPreferences } from './preferences';
import { registerAppScheme, serveAppScheme } from './protocol';
import { createMainWindow, setWindowDirty } from './window';

// The Electron host: one window over the shared router. Wiring only; each concern lives in its own file.

registerAppScheme();
guardAllWebContents();
app.setName('Carve');
// One user-data folder for the app, the browser host and the CLI (recent files, drafts, preferences).
app.setPath('userData', defaultUserDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const guard = new CloseGuard();
  let window: BrowserWindow | null = null;
  /** Set once the app is ready. */
  let openWindow: (() => void) | null = null;
  const outbox = createHostEventOutbox((event) => {
    if (window && !window.isDestroyed()) window.webContents.send(CHANNELS.hostEvent, event);
  });
  const post = (event: HostEvent) => outbox.post(event);
  const openFile = (filePath: string) => {
    post({ type: 'open-file', path: filePath });
    // macOS keeps running without a window: a file opened then needs one.
    if (!window && openWindow) openWindow();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  };

  const initial = carvePathFromArgv(process.argv, process.cwd());
  if (initial) openFile(initial);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const filePath = carvePathFromArgv(argv, workingDirectory);
    if (filePath) openFile(filePath);
    else if (window) window.focus();
  });
  // macOS: a double-clicked .carve file, possibly before the app is ready.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    if (isCarvePath(filePath)) openFile(filePath);
  });
  app.on('before-quit', () => guard.beforeQuit());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    const appPath = app.getAppPath();
    const userDataDir = app.getPath('userData');
    const preferences = createElectronPreferences(userDataDir);
    // The page needs no permission (camera, notifications, geolocation...) except writing to the clipboard.
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(permission === 'clipboard-sanitized-write'),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
    serveAppScheme(path.join(appPath, 'out', 'renderer'));

    const menu = installMenu({
      preferences,
      isDevelopment: !app.isPackaged,
      send: (command) => post({ type: 'menu', command }),
      notifyPreferencesChanged: () => post({ type: 'preferences-changed' }),
      openRecent: openFile,
    });
    const handlers = withAfterEffects(
      createHandlers({
        host: 'electron',
        userDataDir,
        preferences,
        workspace: null,
        dialogs: createDialogs(() => window),
        printer: createElectronPrinter(),
      }),
      {
        'project:open': () => menu.refresh(),
        'project:save': () => menu.refresh(),
        'recent:clear': () => menu.refresh(),
        'prefs:set': ({ theme }) => menu.setTheme(theme),
      },
      (method, error) => console.error(`After ${method}:`, error),
    );
    registerIpc({
      router: createRouter(handlers, (error) => console.error(error)),
      getWebContents: () => (window && !window.isDestroyed() ? window.webContents : null),
      onRendererReady: () => outbox.ready(),
      onSetDirty: (dirty) => setWindowDirty(window, guard, dirty),
      onConfirmClose: () => {
        const decision = guard.confirm();
        if (decision === 'quit') app.quit();
        else if (decision === 'close') window?.close();
      },
    });

    openWindow = () => {
      window = createMainWindow({
        preloadPath: path.join(appPath, 'out', 'preload', 'preload.cjs'),
        preferences,
        guard,
        onCloseRequested: () => {
          if (outbox.isReady) return post({ type: 'close-requested' });
          // A page that never listened cannot answer: do not hold the window open for it.
          guard.rendererGone();
          window?.close();
        },
        onPageLoading: () => outbox.reset(),
      });
      window.on('closed', () => {
        window = null;
      });
    };
    openWindow();
    app.on('activate', () => {
      if (!window) openWindow?.();
    });
  });
}
