import Store from 'electron-store';
import { describeError } from '../../shared/api/result';
import { plainReason } from '../services/fsErrors';
import { memoryStore, validatedPreferences, type PreferenceStore, type RawStore } from '../services/preferences';

// Preferences in the desktop app: electron-store 11 (ESM-only, built on conf 15) writing the same
// `<userData>/preferences.json` that the browser host and the CLI read through conf. No `migrations` option
// (documented as buggy): what is read is validated by validatedPreferences instead, a bad value reads as its
// default.

export function createElectronPreferences(userDataDir: string): PreferenceStore {
  let store: Store<Record<string, unknown>> | null = null;
  let memory: RawStore | null = null;
  try {
    store = new Store<Record<string, unknown>>({
      name: 'preferences',
      cwd: userDataDir,
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
    });
  } catch (error) {
    console.warn(`Preferences are kept in memory only: ${describeError(error)}`);
    memory = memoryStore(`the preferences folder cannot be used (${plainReason(error)})`);
  }
  const opened = store;
  return validatedPreferences(opened ? { get: (key) => opened.get(key), set: (key, value) => opened.set(key, value) } : memory!);
}
