import path from 'node:path';

// The renderer is served from out/renderer through a privileged custom scheme, app://carve/..., never file://.
// Pure helpers (no electron import) so that the confinement and the sender check are tested in plain Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'carve';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY, contentTypeFor } from '../services/rendererAssets';

/**
 * The file under `root` that an app:// URL names, or null when the URL is not ours or would leave `root`
 * (`..`, encoded separators, NUL bytes, another host). `/` is the entry page.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = path.resolve(root);
  const resolved = path.resolve(base, `.${pathname}`);
  if (resolved === base || !resolved.startsWith(base + path.sep)) return null;
  return resolved;
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
