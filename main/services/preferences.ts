import Conf from 'conf';
import { z } from 'zod';
import { THEMES, type RecentFile, type Theme } from '../../shared/api/contract';
import { describeError } from '../../shared/api/result';
import { plainReason } from './fsErrors';

// Preferences: the fields whose home is neither the project file nor nowhere (see STYLE.md, section 3).
// One small interface, bound to electron-store in the desktop app and to conf (same file format) elsewhere.

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StoredPreferences {
  theme: Theme;
  recentFiles: RecentFile[];
  windowBounds: WindowBounds | null;
}

export interface PreferenceStore {
  get<K extends keyof StoredPreferences>(key: K): StoredPreferences[K];
  /**
   * Store a value; null when it was written, else why it was not (a full disk, a read-only folder): the value
   * is then kept for this session only, or not at all. Callers that must say so (prefs:set) check it.
   */
  set<K extends keyof StoredPreferences>(key: K, value: StoredPreferences[K]): string | null;
}

export const PREFERENCE_DEFAULTS: StoredPreferences = Object.freeze({
  theme: 'system',
  recentFiles: [],
  windowBounds: null,
}) as StoredPreferences;

const coordinate = z.number().finite().min(-100_000).max(100_000);
const size = z.number().finite().min(1).max(100_000);

/** What a stored value must look like; anything else reads as the default. */
export const PREFERENCE_SCHEMAS: { [K in keyof StoredPreferences]: z.ZodType<StoredPreferences[K]> } = {
  theme: z.enum(THEMES),
  recentFiles: z.array(z.object({ path: z.string().min(1).max(4096), name: z.string().max(200) })).max(100),
  windowBounds: z.object({ x: coordinate, y: coordinate, width: size, height: size }).nullable(),
};

/** A raw key-value store: electron-store and conf both fit. `set` throws, or returns why it kept the value in memory only. */
export interface RawStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void | string;
}

/**
 * Wraps a raw store so that what is read is validated (a hand-edited or damaged value reads as its default)
 * and a store that fails (unreadable folder, full disk) never takes the app down: reads fall back to the
 * defaults, writes are reported once through `onError` and otherwise ignored.
 */
export function validatedPreferences(raw: RawStore, onError: (message: string) => void = warnOnce()): PreferenceStore {
  return {
    get(key) {
      let value: unknown;
      try {
        value = raw.get(key);
      } catch (error) {
        onError(`Could not read the preferences: ${describeError(error)}`);
        return structuredClone(PREFERENCE_DEFAULTS[key]);
      }
      const parsed = PREFERENCE_SCHEMAS[key].safeParse(value);
      return parsed.success ? parsed.data : structuredClone(PREFERENCE_DEFAULTS[key]);
    },
    set(key, value) {
      const parsed = PREFERENCE_SCHEMAS[key].parse(value);
      try {
        const kept = raw.set(key, parsed);
        return typeof kept === 'string' ? kept : null;
      } catch (error) {
        const reason = plainReason(error);
        onError(`Could not save the preferences: ${reason}`);
        return reason;
      }
    },
  };
}

function warnOnce(): (message: string) => void {
  let warned = false;
  return (message) => {
    if (warned) return;
    warned = true;
    console.warn(message);
  };
}

/** Values kept in memory only: when the preferences file cannot be opened at all. */
export function memoryStore(reason: string): RawStore {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => {
      values.set(key, value);
      return `it is kept until Carve stops only: ${reason}`;
    },
  };
}

/**
 * Preferences in `<dir>/preferences.json` through conf (the browser host, the CLI and tests). A damaged file
 * (not JSON) is replaced by the defaults; a folder that cannot be used leaves preferences in memory.
 */
export function createConfPreferences(dir: string, onError?: (message: string) => void): PreferenceStore {
  const report = onError ?? warnOnce();
  let raw: RawStore;
  try {
    const conf = new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: 'preferences',
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
    });
    raw = { get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) };
  } catch (error) {
    report(`Preferences are kept in memory only: ${describeError(error)}`);
    raw = memoryStore(`the preferences folder cannot be used (${plainReason(error)})`);
  }
  return validatedPreferences(raw, report);
}
