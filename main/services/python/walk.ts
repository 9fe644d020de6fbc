import fs from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ImportProblem } from '../../../shared/importer/types';
import { hasUndecodableName } from '../fsErrors';
import { isInside } from '../workspace';

// The folder walk of the Python importer: .py files, .gitignore files at every level respected, virtualenvs,
// node_modules and build folders skipped, symlinked folders followed once (real paths tracked, so a loop ends).
// Links stay inside a boundary (the imported folder unless the caller widens it): a symbolic link to a folder
// or file outside it is not followed, and the report says so. Real paths are worked out from the parent's
// (only links are resolved), so a deep tree costs one readdir per folder, not a realpath of every ancestor.

/**
 * Folders deeper than this are not read (and the report says so). Real monoliths nest .py files 5 to 8 folders
 * deep (django-oscar 7, polar 8, wagtail 6); a 3,000-deep tree took minutes, mostly the kernel walking paths
 * that grow with every level, and past about 2,000 single-letter levels its paths no longer open at all.
 */
export const MAX_DEPTH = 100;

export interface WalkOptions {
  signal?: AbortSignal;
  /**
   * The real path that symbolic links may not lead out of: by default the imported folder itself; null follows
   * links anywhere (the desktop app, when the person allows it).
   */
  boundary?: string | null;
  /** What the boundary is called in the report ("the imported folder", "the workspace"). */
  boundaryName?: string;
  /** Called with the number of .py files found so far, after each one (the importer starts its workers early). */
  onFile?: (count: number) => void;
}

/** Folder names never read: virtualenvs, dependency and build output, caches (and every hidden name, see isHidden). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['venv', 'env', 'site-packages', 'node_modules', 'build', 'dist', '__pycache__']);

/**
 * Hidden folders and files (.git, .venv, .tox, .semgrep, .github): tools' and editors' files, never the
 * monolith's code (Python cannot import a name that starts with a dot). The imported folder itself may be hidden.
 */
const isHidden = (name: string): boolean => name.startsWith('.');

export interface WalkResult {
  /** .py files, relative to the root with forward slashes, sorted. */
  files: string[];
  /** Folders (relative, '' for the root) that hold an __init__.py. */
  packages: Set<string>;
  /** Folders that hold a manage.py (Django project folders). */
  manageDirs: string[];
  problems: ImportProblem[];
  /** Files and folders left out: ignored, skipped folders, symlink loops, links out of the boundary. */
  skipped: number;
  /** Entries of the root folder that are links out of the boundary (pyproject.toml, setup.cfg: not read). */
  outside: Set<string>;
}

interface Rules {
  dir: string;
  rules: Ignore;
}

function isIgnored(rel: string, isDir: boolean, levels: Rules[]): boolean {
  let ignored = false;
  for (const level of levels) {
    const local = level.dir === '' ? rel : rel.slice(level.dir.length + 1);
    let result;
    try {
      result = level.rules.test(isDir ? `${local}/` : local);
    } catch {
      continue; // a name the ignore package cannot test (it never matches a rule)
    }
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

const exists = (file: string): Promise<boolean> =>
  fs.lstat(file).then(
    () => true,
    () => false,
  );

const shortPath = (rel: string) => (rel.length > 120 ? `${rel.slice(0, 58)}…${rel.slice(-58)}` : rel);

export async function walkPythonTree(root: string, options: WalkOptions | AbortSignal = {}): Promise<WalkResult> {
  const {
    signal,
    boundary: wanted,
    boundaryName = 'the imported folder',
    onFile,
  } = options instanceof AbortSignal ? ({ signal: options } as WalkOptions) : options;
  const result: WalkResult = { files: [], packages: new Set(), manageDirs: [], problems: [], skipped: 0, outside: new Set() };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  let rootReal: string;
  try {
    rootReal = await fs.realpath(root);
  } catch {
    result.problems.push({ path: '.', reason: 'cannot resolve this folder' });
    return result;
  }
  const boundary = wanted === undefined ? rootReal : wanted;
  let tooDeep = 0;

  /** The real path of a link, or null (reported) when it is dangling or leads out of the boundary. */
  async function followLink(abs: string, rel: string): Promise<{ real: string; isDir: boolean; isFile: boolean } | null> {
    let real: string;
    let stat;
    try {
      real = await fs.realpath(abs);
      stat = await fs.stat(real);
    } catch {
      result.skipped++;
      return null;
    }
    if (boundary !== null && !isInside(boundary, real)) {
      result.skipped++;
      if (!rel.includes('/')) result.outside.add(rel);
      const what = stat.isDirectory() ? 'folder' : 'file';
      if (stat.isDirectory() || /(\.py|\.gitignore|^pyproject\.toml|^setup\.cfg)$/.test(rel)) {
        result.problems.push({ path: shortPath(rel), reason: `a symbolic link to a ${what} outside ${boundaryName}: not followed` });
      }
      return null;
    }
    return { real, isDir: stat.isDirectory(), isFile: stat.isFile() };
  }

  async function visit(abs: string, rel: string, real: string, depth: number, inherited: Rules[]): Promise<void> {
    signal?.throwIfAborted();
    if (seenDirs.has(real)) {
      result.skipped++;
      return;
    }
    seenDirs.add(real);
    if (depth > MAX_DEPTH) {
      result.skipped++;
      if (tooDeep++ === 0)
        result.problems.push({ path: shortPath(rel), reason: `folders more than ${MAX_DEPTH} levels deep are not read` });
      return;
    }
    let entries;
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch (error) {
      result.problems.push({
        path: shortPath(rel || '.'),
        reason: `cannot read this folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return;
    }
    let levels = inherited;
    const gitignore = entries.find((e) => e.name === '.gitignore');
    if (
      gitignore !== undefined &&
      (!gitignore.isSymbolicLink() || (await followLink(path.join(abs, '.gitignore'), rel ? `${rel}/.gitignore` : '.gitignore')))
    ) {
      try {
        const text = await fs.readFile(path.join(abs, '.gitignore'), 'utf8');
        levels = [...inherited, { dir: rel, rules: ignore().add(text) }];
      } catch {
        result.problems.push({ path: rel ? `${rel}/.gitignore` : '.gitignore', reason: 'cannot read this .gitignore' });
      }
    }
    const subdirs: Array<Promise<void>> = [];
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (hasUndecodableName(entry.name) && !(await exists(path.join(abs, entry.name)))) {
        // Bytes that are not UTF-8 in the name: Python cannot import it either; say so rather than "not found".
        result.skipped++;
        if (entry.isDirectory() || entry.name.endsWith('.py'))
          result.problems.push({ path: shortPath(childRel), reason: 'its name is not valid UTF-8: not read' });
        continue;
      }
      const childAbs = path.join(abs, entry.name);
      let childReal = path.join(real, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        // A linked .gitignore was dealt with above. Ignored and skipped names are left out before a link is
        // resolved: nothing outside is touched for them.
        if (entry.name === '.gitignore') continue;
        if (
          SKIPPED_DIRS.has(entry.name) ||
          isHidden(entry.name) ||
          isIgnored(childRel, false, levels) ||
          (!entry.name.endsWith('.py') && isIgnored(childRel, true, levels))
        ) {
          result.skipped++;
          continue;
        }
        const target = await followLink(childAbs, childRel);
        if (target === null) continue;
        ({ real: childReal, isDir, isFile } = target);
      }
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name) || isHidden(entry.name) || entry.name.endsWith('.egg-info') || isIgnored(childRel, true, levels)) {
          result.skipped++;
          continue;
        }
        subdirs.push(visit(childAbs, childRel, childReal, depth + 1, levels));
      } else if (isFile) {
        if (entry.name === '__init__.py') result.packages.add(rel);
        if (entry.name === 'manage.py') result.manageDirs.push(rel);
        if (!entry.name.endsWith('.py')) continue;
        if (isHidden(entry.name) || isIgnored(childRel, false, levels)) {
          result.skipped++;
          continue;
        }
        if (isLink) {
          if (seenFiles.has(childReal)) {
            result.skipped++;
            continue;
          }
          seenFiles.add(childReal);
        }
        result.files.push(childRel);
        onFile?.(result.files.length);
      }
    }
    await Promise.all(subdirs);
  }

  await visit(root, '', rootReal, 0, []);
  result.files.sort();
  result.manageDirs.sort();
  return result;
}
