import Store from 'electron-store';
import { describeError } from '../../shared/api/result';
import { validatedPreferences, type PreferenceStore } from '../services/preferences';

// Preferences in the desktop app: electron-store 11 (ESM-only, built on conf 15) writing the same
// `<userData>/preferences.json` that the browser host and the CLI read through conf. No `migrations` option
// (documented as buggy): what is read is validated by validatedPreferences instead, a bad value reads as its
// default.

export function createElectronPreferences(userDataDir: string): PreferenceStore {
  let store: Store<Record<string, unknown>> | null = null;
  try {
    store = new Store<Record<string, unknown>>({
      name: 'preferences',
      cwd: userDataDir,
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
    });
  } catch (error) {
    console.warn(`Preferences are kept in memory only: ${describeError(error)}`);
  }
  const memory = new Map<string, unknown>();
  return validatedPreferences({
    get: (key) => (store ? store.get(key) : memory.get(key)),
    set: (key, value) => (store ? store.set(key, value) : void memory.set(key, value)),
  });
}
