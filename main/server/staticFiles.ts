import { realpath, stat, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, contentTypeFor } from '../services/rendererAssets';
import { COMMON_HEADERS, sendText } from './respond';

// The built renderer (out/renderer) served as static files: GET and HEAD only, nothing outside the folder,
// no hidden files, 404 for anything else.

/** The file under `root` a URL path names, or null when it is outside, hidden or malformed. */
export function staticPathFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment.startsWith('.'))) return null;
  const wanted = segments.length === 0 ? 'index.html' : segments.join('/');
  const file = resolve(root, wanted);
  return isInside(root, file) ? file : null;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

export async function serveStatic(request: IncomingMessage, response: ServerResponse, root: string, urlPath: string, extraHeaders: Record<string, string> = {}): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const file = staticPathFor(root, urlPath);
  const bytes = file ? await readInside(root, file) : null;
  if (!file || !bytes) {
    sendText(response, 404, 'Not found');
    return;
  }
  const isIndex = relative(root, file) === 'index.html';
  const isHashedAsset = relative(root, file).startsWith('assets' + sep);
  response.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': contentTypeFor(file),
    'Content-Length': bytes.byteLength,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': isIndex ? 'no-store' : isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...extraHeaders,
  });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

/** The file's bytes when it is a regular file whose real path (symlinks followed) is still inside `root`. */
async function readInside(root: string, file: string): Promise<Buffer | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile)) return null;
    const info = await stat(realFile);
    if (!info.isFile()) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}
