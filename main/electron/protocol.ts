import { protocol } from 'electron';
import { readRendererAsset } from '../services/rendererAssets';
import { APP_SCHEME, appUrlPath } from './appUrl';

// The renderer is served from out/renderer through app://carve/, a standard, secure scheme: a real origin for
// module scripts and the CSP, without file:// and its access to the whole disk. This file only wires the
// scheme: which file a URL names, what is refused (403) or missing (404) and the headers are readRendererAsset's,
// the same as the browser host's.

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/** After ready: answer app:// requests with files from `rendererDir`. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const urlPath = appUrlPath(request.url);
    if (urlPath === null) return plain(404, 'Not found');
    const asset = await readRendererAsset(rendererDir, urlPath);
    if (asset.status !== 200) return plain(asset.status, asset.status === 403 ? 'Forbidden' : 'Not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(asset.body), { status: 200, headers: asset.headers });
  });
}
