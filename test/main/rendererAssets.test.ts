import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, readRendererAsset } from '../../main/services/rendererAssets';

// The one resolver of renderer files, shared by the browser host and app://, on a real folder with real links:
// what it serves, what it refuses (403) and what is not there (404).

const SECRET = 'outside the renderer folder';
let base: string;
let root: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), 'carve-assets-')));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await mkdir(path.join(root, '.git'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Carve</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'export {};');
  await writeFile(path.join(root, 'assets', 'parser.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(path.join(root, 'assets', 'a b.css'), 'body{}');
  await writeFile(path.join(root, 'favicon.ico'), 'ico');
  await writeFile(path.join(root, '.env'), 'TOKEN=hidden');
  await writeFile(path.join(root, '.git', 'config'), 'hidden');
  await writeFile(path.join(base, 'secret.txt'), SECRET);
  // Links: one out of the folder (a file, and a folder), one to a hidden file inside, one that stays inside.
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'out.txt'));
  await symlink(base, path.join(root, 'assets', 'up'));
  await symlink(path.join(root, '.env'), path.join(root, 'assets', 'env.txt'));
  await symlink(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
  await symlink(path.join(root, 'nowhere.js'), path.join(root, 'assets', 'dangling.js'));
  // The renderer folder reached through a link itself (an install under a linked prefix).
  await symlink(root, path.join(base, 'linked-renderer'));
});

afterAll(() => rm(base, { recursive: true, force: true }));

const statusOf = async (urlPath: string, from = root) => (await readRendererAsset(from, urlPath)).status;

describe('readRendererAsset', () => {
  it('serves index.html for / with the CSP, nosniff and no-store, and assets with their type and a long cache', async () => {
    for (const urlPath of ['/', '', '/index.html', '//index.html']) {
      const page = await readRendererAsset(root, urlPath);
      if (page.status !== 200) throw new Error(`${urlPath}: ${page.status} ${page.reason}`);
      expect(page.body.toString()).toContain('<title>Carve</title>');
      expect(page.headers).toMatchObject({
        'Content-Type': 'text/html; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      expect(page.headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    }
    const script = await readRendererAsset(root, '/assets/app.js');
    expect(script).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' },
    });
    expect(await readRendererAsset(root, '/assets/parser.wasm')).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'application/wasm' },
    });
    expect(await readRendererAsset(root, '/assets/a%20b.css')).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'text/css; charset=utf-8' },
    });
    expect(await readRendererAsset(root, '/favicon.ico')).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'image/x-icon', 'Cache-Control': 'no-cache' },
    });
  });

  it('follows a link that stays inside the folder, and serves from a renderer folder reached through a link', async () => {
    expect(await readRendererAsset(root, '/alias.js')).toMatchObject({ status: 200, file: path.join(root, 'assets', 'app.js') });
    expect(await statusOf('/assets/app.js', path.join(base, 'linked-renderer'))).toBe(200);
  });

  it('refuses (403) traversal, encoded or not, hidden files, NUL and backslashes, and links out or to hidden files', async () => {
    const refused = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets%5capp.js',
      '/index.html%00.js',
      '/%00',
      '/.env',
      '/%2eenv',
      '/.git/config',
      '/./index.html',
      '/assets/out.txt',
      '/assets/up/secret.txt',
      '/assets/env.txt',
    ];
    for (const urlPath of refused) {
      const asset = await readRendererAsset(root, urlPath);
      expect(asset.status, urlPath).toBe(403);
    }
  });

  it('answers 404 for a missing file, a folder, a dangling link and a malformed escape', async () => {
    for (const urlPath of ['/nope.js', '/assets', '/assets/', '/assets/dangling.js', '/%E0%A4%A', '/%'])
      expect(await statusOf(urlPath), urlPath).toBe(404);
  });

  it('never returns a file outside the folder or a hidden one, whatever the path (property)', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2E%2F',
        '..%2f',
        '%5c..',
        'assets',
        'index.html',
        'out.txt',
        'up',
        'env.txt',
        'secret.txt',
        '.env',
        '%00',
        '%',
        '//',
      ),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 6 }), async (segments) => {
        const asset = await readRendererAsset(root, '/' + segments.join('/'));
        if (asset.status !== 200) return;
        const rel = path.relative(root, asset.file);
        expect(rel.startsWith('..') || path.isAbsolute(rel)).toBe(false);
        expect(rel.split(path.sep).some((s) => s.startsWith('.'))).toBe(false);
        expect(asset.body.toString()).not.toContain(SECRET);
      }),
      { numRuns: 400 },
    );
  });

  it('names content types by extension, whatever the case', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
