import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { errnoCode } from './fsErrors';

// The one way both hosts that serve the built renderer (the browser host over http, Electron over app://) find a
// file and what they send with it: the path confined to the renderer folder (no traversal, no hidden file, no
// symbolic link out of it, real paths compared), one Content-Security-Policy and one table of content types.

/**
 * Repeats the renderer's own CSP meta tag (renderer/index.html: no remote code, no inline script or style, no
 * plugins) and adds what only a header can say: no framing. React and React Flow set styles through the CSSOM,
 * which style-src does not restrict, so no 'unsafe-inline' is needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** What a URL path of the renderer answers: the file with its headers, or why not (403 refused, 404 nothing there). */
export type RendererAsset =
  { status: 200; file: string; body: Buffer; headers: Record<string, string> } | { status: 403 | 404; reason: string };

const refused = (reason: string): RendererAsset => ({ status: 403, reason });
const missing = (reason: string): RendererAsset => ({ status: 404, reason });

/** Whether `file` is strictly below `root` (both resolved). */
function isBelow(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

/** A hidden segment (`.env`, `.git/`) or a dot segment in a path relative to the root. */
const hasHiddenSegment = (rel: string) => rel.split(sep).some((segment) => segment.startsWith('.'));

/** How long a browser keeps a file: the page never (it names the current assets), hashed assets for ever. */
function cacheControl(rel: string): string {
  if (rel === 'index.html') return 'no-store';
  return rel.startsWith('assets' + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The file of the renderer folder `root` that the URL path (still percent-encoded, without query) names, read,
 * with the headers to send. `/` is index.html. Refused (403): `..` or hidden segments, NUL or backslash, a
 * real path (symbolic links followed) outside `root` or hidden in it. Not found (404): a malformed escape, no
 * such file, a folder.
 */
export async function readRendererAsset(root: string, urlPath: string): Promise<RendererAsset> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return missing('malformed escape');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return refused('NUL or backslash');
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return refused('dot segment or hidden file');
  const base = resolve(root);
  const file = resolve(base, segments.length === 0 ? 'index.html' : segments.join('/'));
  if (!isBelow(base, file)) return refused('outside the renderer folder');
  try {
    const [realRoot, realFile] = await Promise.all([realpath(base), realpath(file)]);
    if (!isBelow(realRoot, realFile)) return refused('a link out of the renderer folder');
    if (hasHiddenSegment(relative(realRoot, realFile))) return refused('a link to a hidden file');
    if (!(await stat(realFile)).isFile()) return missing('not a file');
    const body = await readFile(realFile);
    const headers = {
      'Content-Type': contentTypeFor(realFile),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': cacheControl(relative(base, file)),
    };
    return { status: 200, file: realFile, body, headers };
  } catch (error) {
    const code = errnoCode(error);
    return code === 'EACCES' || code === 'EPERM' ? refused('not readable') : missing('no such file');
  }
}
