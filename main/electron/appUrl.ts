// The renderer is served from out/renderer through a privileged custom scheme, app://carve/..., never file://.
// Pure helpers (no electron import) so that the URL checks and the sender check are tested in plain Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'carve';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The path of an app:// URL of ours, still percent-encoded (`/` for the entry page), or null for another host,
 * another scheme or no URL. Which file it names is for readRendererAsset (main/services/rendererAssets.ts).
 */
export function appUrlPath(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST ? parsed.pathname || '/' : null;
  } catch {
    return null;
  }
}

/** Whether a URL is a page of ours (the IPC sender check). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links that may leave the app for the user's browser: https only, nothing else (no file:, no custom schemes). */
export function isExternalHttps(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** What the sender check needs from an IPC event (Electron's IpcMainEvent and IpcMainInvokeEvent fit). */
export interface IpcSender {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

/** The IPC sender check: our window's web contents, in a frame showing one of our app:// pages. */
export function isTrustedSender(event: IpcSender, ours: { id: number } | null): boolean {
  return ours !== null && event.sender.id === ours.id && isAppUrl(event.senderFrame?.url);
}
