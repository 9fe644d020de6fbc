import fs from 'node:fs';
import path from 'node:path';
import type { RecentFile } from '../../shared/api/contract';
import type { PreferenceStore } from './preferences';

export const MAX_RECENT_FILES = 10;

/** What makes two paths the same file: the real path (symbolic links followed), or the resolved one when gone. */
function identity(filePath: string): string {
  const resolved = path.resolve(filePath);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    return resolved;
  }
}

/** Recently opened or saved files, most recent first, kept in the preferences. */
export class RecentFiles {
  constructor(private readonly store: PreferenceStore) {}

  /** The recent files that still exist; those that do not are removed and named in `dropped`. */
  async list(): Promise<{ files: RecentFile[]; dropped: string[] }> {
    const stored = this.store.get('recentFiles');
    const exists = await Promise.all(
      stored.map((file) =>
        fs.promises.stat(file.path).then(
          (stats) => stats.isFile(),
          (error: { code?: string }) => error.code !== 'ENOENT' && error.code !== 'ENOTDIR',
        ),
      ),
    );
    const files = stored.filter((_, index) => exists[index]);
    const dropped = stored.filter((_, index) => !exists[index]).map((file) => file.path);
    if (dropped.length > 0) {
      // Re-read: an add() may have happened while we were checking.
      const gone = new Set(dropped);
      this.store.set(
        'recentFiles',
        this.store.get('recentFiles').filter((file) => !gone.has(file.path)),
      );
    }
    return { files, dropped };
  }

  /** Put `filePath` first (once, however it was reached: a symbolic link is the file it points to), keeping at most ten. */
  add(filePath: string, name: string): void {
    const same = identity(filePath);
    const others = this.store.get('recentFiles').filter((file) => identity(file.path) !== same);
    this.store.set('recentFiles', [{ path: path.resolve(filePath), name: name.slice(0, 200) }, ...others].slice(0, MAX_RECENT_FILES));
  }

  /** Forget `filePath` (after it failed to open because it is gone). */
  remove(filePath: string): void {
    const same = identity(filePath);
    this.store.set(
      'recentFiles',
      this.store.get('recentFiles').filter((file) => identity(file.path) !== same),
    );
  }

  clear(): void {
    this.store.set('recentFiles', []);
  }
}
