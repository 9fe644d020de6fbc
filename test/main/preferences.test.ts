import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultUserDataDir } from '../../main/services/paths';
import { createConfPreferences, PREFERENCE_DEFAULTS, validatedPreferences } from '../../main/services/preferences';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-prefs-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const quiet = () => {};

describe('createConfPreferences', () => {
  it('reads the defaults from a fresh folder', () => {
    const prefs = createConfPreferences(dir, quiet);
    expect(prefs.get('theme')).toBe('system');
    expect(prefs.get('recentFiles')).toEqual([]);
    expect(prefs.get('windowBounds')).toBeNull();
  });

  it('keeps what was set in preferences.json, for the next start', async () => {
    createConfPreferences(dir, quiet).set('theme', 'dark');
    createConfPreferences(dir, quiet).set('windowBounds', { x: 10, y: 20, width: 800, height: 600 });
    const again = createConfPreferences(dir, quiet);
    expect(again.get('theme')).toBe('dark');
    expect(again.get('windowBounds')).toEqual({ x: 10, y: 20, width: 800, height: 600 });
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'preferences.json'), 'utf8'));
    expect(onDisk.theme).toBe('dark');
  });

  it('falls back to the defaults when the file is not JSON, and can save again', async () => {
    await fs.writeFile(path.join(dir, 'preferences.json'), '{"theme": "dark", oops');
    const prefs = createConfPreferences(dir, quiet);
    expect(prefs.get('theme')).toBe('system');
    prefs.set('theme', 'light');
    expect(createConfPreferences(dir, quiet).get('theme')).toBe('light');
  });

  it('reads a hand-edited value of the wrong shape as its default, keeping the others', async () => {
    const file = path.join(dir, 'preferences.json');
    await fs.writeFile(
      file,
      JSON.stringify({ theme: 'purple', recentFiles: [{ path: '/a.carve', name: 'A' }], windowBounds: { x: 'left' } }),
    );
    const prefs = createConfPreferences(dir, quiet);
    expect(prefs.get('theme')).toBe('system');
    expect(prefs.get('windowBounds')).toBeNull();
    expect(prefs.get('recentFiles')).toEqual([{ path: '/a.carve', name: 'A' }]);
  });

  it('reads a file holding a JSON array or null as the defaults', async () => {
    for (const text of ['[1, 2]', 'null', '"dark"']) {
      await fs.writeFile(path.join(dir, 'preferences.json'), text);
      expect(createConfPreferences(dir, quiet).get('theme')).toBe('system');
    }
  });

  it('keeps preferences in memory, and says so once, when the folder cannot be used', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const messages: string[] = [];
    const prefs = createConfPreferences(path.join(blocker, 'inner'), (message) => messages.push(message));
    prefs.set('theme', 'dark');
    expect(prefs.get('theme')).toBe('dark');
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toContain('\n');
  });

  it('refuses to store a value of the wrong shape', () => {
    const prefs = createConfPreferences(dir, quiet);
    expect(() => prefs.set('theme', 'purple' as never)).toThrow();
    expect(prefs.get('theme')).toBe('system');
  });

  it('never hands out the shared default list (a caller mutating it changes nothing)', () => {
    const prefs = validatedPreferences({ get: () => undefined, set: () => {} }, quiet);
    prefs.get('recentFiles').push({ path: '/x.carve', name: 'X' });
    expect(prefs.get('recentFiles')).toEqual([]);
    expect(PREFERENCE_DEFAULTS.recentFiles).toEqual([]);
  });

  it('answers the defaults when the store throws on read', () => {
    const messages: string[] = [];
    const prefs = validatedPreferences(
      {
        get: () => {
          throw new Error('disk gone\nstack');
        },
        set: () => {},
      },
      (m) => messages.push(m),
    );
    expect(prefs.get('theme')).toBe('system');
    expect(messages).toEqual(['Could not read the preferences: disk gone']);
  });
});

describe('defaultUserDataDir', () => {
  const home = os.homedir();
  it('uses CARVE_USER_DATA when set', () => {
    expect(defaultUserDataDir({ CARVE_USER_DATA: '/data/carve' }, 'linux')).toBe(path.resolve('/data/carve'));
  });
  it('uses XDG_CONFIG_HOME on Linux, else ~/.config, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe(path.join('/xdg', 'Carve'));
    expect(defaultUserDataDir({}, 'linux')).toBe(path.join(home, '.config', 'Carve'));
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: 'relative' }, 'linux')).toBe(path.join(home, '.config', 'Carve'));
  });
  it('follows Electron on macOS and Windows', () => {
    expect(defaultUserDataDir({}, 'darwin')).toBe(path.join(home, 'Library', 'Application Support', 'Carve'));
    expect(defaultUserDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\a\\AppData\\Roaming', 'Carve'),
    );
  });
});
