import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/server/browserHost';
import { staticPathFor } from '../../main/server/staticFiles';
import { APP_JS, INDEX_HTML, raw, SECRET, startTestHost, type TempFolders } from './serverHarness';
import fc from 'fast-check';
import { relative, sep } from 'node:path';

// The built renderer as static files: the right bytes and types, strict headers, nothing outside its folder.

let folders: TempFolders;
let host: BrowserHost;

let stop = async () => {};

beforeAll(async () => {
  ({ folders, host, stop } = await startTestHost());
});

afterAll(() => stop());

const get = (path: string, method = 'GET') => raw({ port: host.port, path, method });

describe('static files', () => {
  it('serves index.html for / (also with the token query) with a strict CSP, nosniff and no-store', async () => {
    // The printed URL's path: its first load also sets the session cookie (serverSession.test.ts).
    for (const path of ['/', host.url.slice(host.url.indexOf('/?')), '/index.html']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.body).toBe(INDEX_HTML);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves assets with their content type', async () => {
    const response = await get('/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.body).toBe(APP_JS);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('answers 404 for a missing file or a folder', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/assets/')).status).toBe(404);
  });

  it('refuses traversal, encoded or not, hidden files and symlinks leading outside', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/.env', '/assets/link.txt', '/%00', '/%E0%A4%A']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain(SECRET);
    }
  });
});

describe('staticPathFor', () => {
  it('never names a file outside the root, whatever the URL path', () => {
    const root = folders.renderer;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', '%2e%2e', '%2f', '%5c', 'a', 'assets', '/', '%00', '~', 'index.html', '%2e'), { maxLength: 12 }), (parts) => {
        const file = staticPathFor(root, '/' + parts.join(''));
        if (file !== null) {
          const rel = relative(root, file);
          expect(rel.startsWith('..')).toBe(false);
          expect(rel.split(sep)).not.toContain('..');
        }
      }),
      { numRuns: 500 },
    );
  });
});
