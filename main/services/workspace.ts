import fs from 'node:fs';
import path from 'node:path';
import type { DirEntry, DirListing } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { readError } from './fsErrors';

/** The extension of Carve project files; the in-app file dialog lists only these (and folders). */
export const PROJECT_EXTENSION = '.carve';

/** Whether `candidate` is `root` or inside it (both absolute and resolved; real paths where links matter). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The real path of `target`, following symbolic links in the part of it that exists, and dangling links too
 * (a link to a file not yet created elsewhere must not let a save escape).
 */
function realPathOf(target: string, depth = 0): string {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...rest);
    } catch {
      const link = readLinkOrNull(current);
      if (link !== null && depth < 40) return realPathOf(path.join(path.resolve(path.dirname(current), link), ...rest), depth + 1);
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

function readLinkOrNull(candidate: string): string | null {
  try {
    return fs.readlinkSync(candidate);
  } catch {
    return null;
  }
}

const byName = (a: DirEntry, b: DirEntry) =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The folder the browser host is confined to. Every path a request names goes through `resolve`, which
 * refuses anything outside the root: `..`, absolute paths elsewhere, and symbolic links that point out.
 */
export class Workspace {
  /** The real, absolute path of the workspace folder. */
  readonly root: string;

  constructor(root: string) {
    const absolute = path.resolve(root);
    let real: string;
    try {
      real = fs.realpathSync.native(absolute);
    } catch (error) {
      throw readError(error, `The workspace folder ${absolute}`, 'use');
    }
    if (!fs.statSync(real).isDirectory()) throw new CarveError('not-a-file', `The workspace ${absolute} is not a folder`);
    this.root = real;
  }

  /** An absolute path inside the workspace for a path relative to its root or absolute; throws outside-workspace. */
  resolve(userPath: string): string {
    if (userPath.includes('\0')) throw new CarveError('not-found', 'A path cannot contain a NUL character');
    const resolved = path.resolve(this.root, userPath);
    if (!isInside(this.root, resolved) || !isInside(this.root, realPathOf(resolved))) {
      throw new CarveError('outside-workspace', `${userPath} is outside the workspace folder ${this.root}`);
    }
    return resolved;
  }

  /** Folders, then .carve files, sorted by name; hidden entries left out. `dir: null` is the root. */
  async list(dir: string | null): Promise<DirListing> {
    const folder = dir === null ? this.root : this.resolve(dir);
    const label = folder === this.root ? 'The workspace folder' : path.basename(folder);
    let dirents: fs.Dirent[];
    try {
      dirents = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOTDIR') throw new CarveError('not-a-file', `${label} is a file, not a folder`);
      throw readError(error, label, 'list');
    }
    const folders: DirEntry[] = [];
    const files: DirEntry[] = [];
    for (const dirent of dirents) {
      if (dirent.name.startsWith('.')) continue;
      const entryPath = path.join(folder, dirent.name);
      let kind: DirEntry['kind'] | null = dirent.isDirectory() ? 'dir' : dirent.isFile() ? 'file' : null;
      if (dirent.isSymbolicLink()) {
        if (!isInside(this.root, realPathOf(entryPath))) continue;
        const stats = await fs.promises.stat(entryPath).catch(() => null);
        kind = stats?.isDirectory() ? 'dir' : stats?.isFile() ? 'file' : null;
      }
      if (kind === 'dir') folders.push({ name: dirent.name, path: entryPath, kind });
      else if (kind === 'file' && dirent.name.toLowerCase().endsWith(PROJECT_EXTENSION))
        files.push({ name: dirent.name, path: entryPath, kind });
    }
    return {
      dir: folder,
      parent: folder === this.root ? null : path.dirname(folder),
      entries: [...folders.sort(byName), ...files.sort(byName)],
    };
  }
}
