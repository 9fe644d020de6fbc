import os from 'node:os';
import path from 'node:path';

/**
 * Where Carve keeps preferences and drafts: `$CARVE_USER_DATA` when set (tests, portable installs), else the
 * folder Electron's `app.getPath('userData')` gives for an app named Carve, so that the desktop app, the browser
 * host and the CLI share one set of recent files and drafts.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.CARVE_USER_DATA?.trim();
  if (override) return path.resolve(override);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Carve');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Carve');
  const xdg = env.XDG_CONFIG_HOME?.trim();
  // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const config = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
  return path.join(config, 'Carve');
}
