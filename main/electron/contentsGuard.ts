import { app, type WebContents } from 'electron';
import { isAppUrl } from './appUrl';

// One guard for every webContents the app ever makes (the main window, the hidden print window, anything a
// future change or a compromised page might open): no new windows, no navigation started by a page, no
// redirect away from Carve's own pages, no <webview>. The main window adds its own handlers on top (https
// links to the user's browser); this guard holds even where a window forgets them.

/** The rules, on one webContents. */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** From now on, every webContents created in the app is guarded as soon as it exists. */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
