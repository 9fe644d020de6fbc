import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { Workspace } from '../../main/services/workspace';
import { createRouter, type Router } from '../../shared/api/router';

// Item 8 of issue 10: prefs:set answers a failure, not "ok", when the preference could not be written, and
// says why in one line; the value that is on disk stays as it was.

let base: string;
let userData: string;
beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-prefs-fail-')));
  userData = path.join(base, 'user-data');
  await fs.mkdir(userData);
  await fs.mkdir(path.join(base, 'ws'));
});
afterEach(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

function router(messages: string[] = []): Router {
  const preferences = createConfPreferences(userData, (message) => messages.push(message));
  return createRouter(
    createHandlers({ host: 'browser', userDataDir: userData, preferences, workspace: new Workspace(path.join(base, 'ws')) }),
  );
}

describe('prefs:set', () => {
  it('is ok and on disk when the preference was written', async () => {
    const r = router();
    expect(await r('prefs:set', { theme: 'dark' })).toEqual({ ok: true, value: { theme: 'dark' } });
    expect(JSON.parse(await fs.readFile(path.join(userData, 'preferences.json'), 'utf8')).theme).toBe('dark');
  });

  it('fails with save-failed when the file cannot be written, and keeps the value on disk', async () => {
    const messages: string[] = [];
    const r = router(messages);
    expect((await r('prefs:set', { theme: 'dark' })).ok).toBe(true);
    // The preferences file turns into a folder: the next write (temp file renamed over it) cannot happen.
    const file = path.join(userData, 'preferences.json');
    const kept = await fs.readFile(file);
    await fs.rm(file);
    await fs.mkdir(file);
    const result = await r('prefs:set', { theme: 'light' });
    expect(result).toEqual({ ok: false, error: { code: 'save-failed', message: 'The theme was not saved: it is a folder, not a file' } });
    expect(messages).toEqual(['Could not save the preferences: it is a folder, not a file']);
    await fs.rmdir(file);
    await fs.writeFile(file, kept);
    expect(await r('prefs:get', {})).toEqual({ ok: true, value: { theme: 'dark' } });
  });

  it('fails when the preferences folder cannot be used at all (kept for this session only)', async () => {
    await fs.rm(userData, { recursive: true });
    await fs.writeFile(userData, 'a file where the folder should be');
    const r = router();
    const result = await r('prefs:set', { theme: 'dark' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('save-failed');
    expect(result.error.message).toMatch(
      /^The theme was not saved: it is kept until Carve stops only: the preferences folder cannot be used \(.+\)$/,
    );
    expect(await fs.readFile(userData, 'utf8')).toBe('a file where the folder should be');
  });
});
