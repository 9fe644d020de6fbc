import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRendererAsset } from '../services/rendererAssets';
import { COMMON_HEADERS, sendText } from './respond';

// The built renderer (out/renderer) served as static files over http: GET and HEAD only. Which file a path
// names, whether it may be served (403) or is not there (404), and its headers are decided once, for this host
// and the app:// protocol alike, by readRendererAsset.

export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  root: string,
  urlPath: string,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const asset = await readRendererAsset(root, urlPath);
  if (asset.status !== 200) {
    sendText(response, asset.status, asset.status === 403 ? 'Forbidden' : 'Not found');
    return;
  }
  // Content-Length here, not in the shared headers: app:// answers HEAD with no body, and Electron checks lengths.
  response.writeHead(200, { ...COMMON_HEADERS, ...asset.headers, 'Content-Length': asset.body.byteLength, ...extraHeaders });
  response.end(request.method === 'HEAD' ? undefined : asset.body);
}
