import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/server/browserHost';
import { APP_JS, INDEX_HTML, raw, SECRET, startTestHost } from './serverHarness';

// The built renderer as static files: the right bytes and types, strict headers, nothing outside its folder.

let host: BrowserHost;

let stop = async () => {};

beforeAll(async () => {
  ({ host, stop } = await startTestHost());
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
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));
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

  it('refuses (403) traversal, encoded or not, hidden files and symlinks leading outside; 404 for a malformed escape', async () => {
    // Raw paths: fetch would normalize '/../' away before it left the client.
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/.env',
      '/assets/link.txt',
      '/%00',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(403);
      expect(response.body).toBe('Forbidden');
    }
    const malformed = await get('/%E0%A4%A');
    expect(malformed.status).toBe(404);
    expect(malformed.body).not.toContain(SECRET);
  });
});
