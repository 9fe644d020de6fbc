import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserRouter } from './browserHost';
import { createHandlers } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { createRouter, type Router } from '../../shared/api/router';
import { serializeProject } from '../../shared/format/save';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { CARVE_VERSION } from '../../shared/version';

let base: string;
let root: string;
let outside: string;
let userData: string;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-handlers-')));
  root = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  userData = path.join(base, 'user-data');
  await fs.mkdir(root);
  await fs.mkdir(outside);
});
afterEach(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

const sample = loadSampleProject();

function browser(): Router {
  return browserRouter(root, userData);
}

function electron(dialogs?: { open(): Promise<string | null>; save(name: string): Promise<string | null> }): Router {
  return createRouter(
    createHandlers({
      host: 'electron',
      userDataDir: userData,
      preferences: createConfPreferences(userData, () => {}),
      workspace: null,
      dialogs,
    }),
  );
}

async function value(router: Router, method: string, payload: unknown = {}) {
  const result = await router(method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as never;
}

async function errorCode(router: Router, method: string, payload: unknown = {}) {
  const result = await router(method, payload);
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.error.code;
}

describe('createHandlers through the router', () => {
  it('describes the host in app:info', async () => {
    expect(await value(browser(), 'app:info')).toEqual({
      version: CARVE_VERSION,
      host: 'browser',
      workspace: root,
      hasNativeDialogs: false,
      userDataDir: userData,
    });
    expect(await value(electron({ open: async () => null, save: async () => null }), 'app:info')).toMatchObject({
      host: 'electron',
      workspace: null,
      hasNativeDialogs: true,
    });
  });

  it('answers invalid-request for payloads that do not match the contract', async () => {
    const router = browser();
    expect(await errorCode(router, 'project:open', { path: '' })).toBe('invalid-request');
    expect(await errorCode(router, 'project:open', {})).toBe('invalid-request');
    expect(await errorCode(router, 'project:save', { path: 'a.carve', project: sample, baseHash: 'nope', overwrite: false })).toBe(
      'invalid-request',
    );
    expect(await errorCode(router, 'draft:load', { id: '../../etc/passwd' })).toBe('invalid-request');
    expect(await errorCode(router, 'prefs:set', { theme: 'purple' })).toBe('invalid-request');
    expect(await errorCode(router, 'no:such', {})).toBe('unknown-method');
  });

  it('saves, reopens and lists a project in the workspace by relative path', async () => {
    const router = browser();
    const saved: { path: string; hash: string } = await value(router, 'project:save', {
      path: 'shop.carve',
      project: sample,
      baseHash: null,
      overwrite: false,
    });
    expect(saved.path).toBe(path.join(root, 'shop.carve'));
    expect(await fs.readFile(saved.path, 'utf8')).toBe(serializeProject(sample));
    const opened: { hash: string; project: unknown } = await value(router, 'project:open', { path: 'shop.carve' });
    expect(opened.hash).toBe(saved.hash);
    expect(opened.project).toEqual(sample);
    expect(await value(router, 'recent:list')).toEqual({ files: [{ path: saved.path, name: 'Acme Shop' }], dropped: [] });
    const listing: { entries: { name: string }[] } = await value(router, 'fs:list', { dir: null });
    expect(listing.entries.map((entry) => entry.name)).toEqual(['shop.carve']);
  });

  it('confines every path of the browser host to the workspace', async () => {
    const router = browser();
    const secret = path.join(outside, 'secret.carve');
    await fs.writeFile(secret, serializeProject(sample));
    expect(await errorCode(router, 'project:open', { path: secret })).toBe('outside-workspace');
    expect(await errorCode(router, 'project:open', { path: '../outside/secret.carve' })).toBe('outside-workspace');
    expect(
      await errorCode(router, 'project:save', { path: '../outside/new.carve', project: sample, baseHash: null, overwrite: true }),
    ).toBe('outside-workspace');
    expect(await errorCode(router, 'draft:save', { id: 'd', filePath: secret, project: sample })).toBe('outside-workspace');
    expect(await errorCode(router, 'fs:list', { dir: outside })).toBe('outside-workspace');
    expect(await fs.readdir(outside)).toEqual(['secret.carve']);
  });

  it('hides recent files and drafts outside the workspace from the browser host, without forgetting them', async () => {
    const secret = path.join(outside, 'secret.carve');
    const desktop = electron();
    await value(desktop, 'project:save', { path: secret, project: sample, baseHash: null, overwrite: false });
    await value(desktop, 'draft:save', { id: 'desk', filePath: secret, project: { ...sample, description: 'edited' } });
    const router = browser();
    expect(await value(router, 'recent:list')).toEqual({ files: [], dropped: [] });
    expect(await value(router, 'draft:list')).toEqual({ drafts: [] });
    expect(await errorCode(router, 'draft:load', { id: 'desk' })).toBe('outside-workspace');
    const again: { files: unknown[] } = await value(electron(), 'recent:list');
    expect(again.files).toEqual([{ path: secret, name: 'Acme Shop' }]);
  });

  it('detects a conflict through the API', async () => {
    const router = browser();
    const saved: { hash: string } = await value(router, 'project:save', {
      path: 'shop.carve',
      project: sample,
      baseHash: null,
      overwrite: false,
    });
    await fs.writeFile(path.join(root, 'shop.carve'), serializeProject({ ...sample, name: 'Theirs' }));
    const result = await router('project:save', { path: 'shop.carve', project: sample, baseHash: saved.hash, overwrite: false });
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: 'shop.carve changed on disk since you opened it' } });
  });

  it('names a broken file and the problem when opening it', async () => {
    await fs.writeFile(path.join(root, 'broken.carve'), '');
    const result = await browser()('project:open', { path: 'broken.carve' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-file');
      expect(result.error.message).toMatch(/^broken\.carve: /);
    }
  });

  it('keeps, lists, loads and discards drafts', async () => {
    const router = electron();
    await value(router, 'draft:save', { id: 'd1', filePath: null, project: sample });
    const listed: { drafts: { id: string; projectName: string }[] } = await value(router, 'draft:list');
    expect(listed.drafts.map((draft) => [draft.id, draft.projectName])).toEqual([['d1', 'Acme Shop']]);
    const draft: { project: unknown } = await value(router, 'draft:load', { id: 'd1' });
    expect(draft.project).toEqual(sample);
    await value(router, 'draft:discard', { id: 'd1' });
    expect(await value(router, 'draft:list')).toEqual({ drafts: [] });
    expect(await errorCode(router, 'draft:load', { id: 'd1' })).toBe('not-found');
  });

  it('keeps the theme in the preferences', async () => {
    expect(await value(browser(), 'prefs:get')).toEqual({ theme: 'system' });
    expect(await value(browser(), 'prefs:set', { theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(await value(electron(), 'prefs:get')).toEqual({ theme: 'dark' });
  });

  it('uses native dialogs where the host has them and answers unsupported elsewhere', async () => {
    const asked: string[] = [];
    const desktop = electron({ open: async () => '/picked.carve', save: async (name) => (asked.push(name), null) });
    expect(await value(desktop, 'dialog:open')).toEqual({ path: '/picked.carve' });
    expect(await value(desktop, 'dialog:save', { defaultName: 'Acme Shop.carve' })).toEqual({ path: null });
    expect(asked).toEqual(['Acme Shop.carve']);
    expect(await errorCode(browser(), 'dialog:open')).toBe('unsupported');
    expect(await errorCode(browser(), 'dialog:save', { defaultName: 'x' })).toBe('unsupported');
    expect(await errorCode(electron(), 'fs:list', { dir: null })).toBe('unsupported');
  });

  it('serves the bundled sample', async () => {
    const { project }: { project: { name: string } } = await value(browser(), 'project:sample');
    expect(project).toEqual(sample);
  });

  it('forgets a recent file that is gone when opening it fails', async () => {
    const router = browser();
    await value(router, 'project:save', { path: 'a.carve', project: sample, baseHash: null, overwrite: false });
    await value(router, 'project:save', { path: 'b.carve', project: sample, baseHash: null, overwrite: false });
    await fs.rm(path.join(root, 'a.carve'));
    expect(await errorCode(router, 'project:open', { path: 'a.carve' })).toBe('not-found');
    await fs.writeFile(path.join(root, 'a.carve'), 'back, but later');
    const listed: { files: { path: string }[] } = await value(router, 'recent:list');
    expect(listed.files.map((file) => path.basename(file.path))).toEqual(['b.carve']);
  });

  it('clears the recent files', async () => {
    const router = browser();
    await value(router, 'project:save', { path: 'a.carve', project: sample, baseHash: null, overwrite: false });
    await value(router, 'recent:clear');
    expect(await value(router, 'recent:list')).toEqual({ files: [], dropped: [] });
  });
});
