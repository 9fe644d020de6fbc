import fs from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ImportProblem } from '../../../shared/importer/types';

// The folder walk of the Python importer: .py files, .gitignore files at every level respected, virtualenvs,
// node_modules and build folders skipped, symlinked folders followed once (real paths tracked, so a loop ends).

/** Folder names never read: virtualenvs, dependency and build output, caches. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'venv',
  '.venv',
  'env',
  'site-packages',
  'node_modules',
  'build',
  'dist',
  '__pycache__',
  '.git',
  '.tox',
  '.mypy_cache',
]);

export interface WalkResult {
  /** .py files, relative to the root with forward slashes, sorted. */
  files: string[];
  /** Folders (relative, '' for the root) that hold an __init__.py. */
  packages: Set<string>;
  /** Folders that hold a manage.py (Django project folders). */
  manageDirs: string[];
  problems: ImportProblem[];
  /** Files and folders left out: ignored, skipped folders, symlink loops. */
  skipped: number;
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

export async function walkPythonTree(root: string, signal?: AbortSignal): Promise<WalkResult> {
  const result: WalkResult = { files: [], packages: new Set(), manageDirs: [], problems: [], skipped: 0 };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  async function visit(abs: string, rel: string, inherited: Rules[]): Promise<void> {
    signal?.throwIfAborted();
    let real: string;
    try {
      real = await fs.realpath(abs);
    } catch {
      result.problems.push({ path: rel || '.', reason: 'cannot resolve this folder' });
      return;
    }
    if (seenDirs.has(real)) {
      result.skipped++;
      return;
    }
    seenDirs.add(real);
    let entries;
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ path: rel || '.', reason: `cannot read this folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    let levels = inherited;
    if (entries.some((e) => e.name === '.gitignore')) {
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
      const childAbs = path.join(abs, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = await fs.stat(childAbs);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          result.skipped++;
          continue;
        }
      }
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name) || entry.name.endsWith('.egg-info') || isIgnored(childRel, true, levels)) {
          result.skipped++;
          continue;
        }
        subdirs.push(visit(childAbs, childRel, levels));
      } else if (isFile) {
        if (entry.name === '__init__.py') result.packages.add(rel);
        if (entry.name === 'manage.py') result.manageDirs.push(rel);
        if (!entry.name.endsWith('.py')) continue;
        if (isIgnored(childRel, false, levels)) {
          result.skipped++;
          continue;
        }
        if (entry.isSymbolicLink()) {
          const real = await fs.realpath(childAbs).catch(() => childAbs);
          if (seenFiles.has(real)) {
            result.skipped++;
            continue;
          }
          seenFiles.add(real);
        }
        result.files.push(childRel);
      }
    }
    await Promise.all(subdirs);
  }

  await visit(root, '', []);
  result.files.sort();
  result.manageDirs.sort();
  return result;
}
