import fs from 'node:fs/promises';
import path from 'node:path';

// Source roots: the folders that Python's import path starts from. The imported folder itself; a `src/`
// layout; the folders named by pyproject.toml (setuptools package-dir / packages.find where, Poetry `from`)
// and setup.cfg (package_dir, packages.find where); every folder holding a Django manage.py.
// A file's dotted name: its package chain (folders with __init__.py, walking up), extended up to the deepest
// source root above it, so namespace packages (no __init__.py) under a root are named as Python would.

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** The string values of `key = "x"` or `key = ["x", "y"]` lines inside TOML `[section]`. */
function tomlStrings(text: string, section: string, key: string): string[] {
  const out: string[] = [];
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inSection = line.replace(/\s/g, '') === `[${section}]`;
      continue;
    }
    if (!inSection) continue;
    const match = /^([\w."-]+)\s*=\s*(.*)$/.exec(line);
    if (!match || match[1]!.replace(/"/g, '') !== key) continue;
    for (const m of match[2]!.matchAll(/"([^"]*)"|'([^']*)'/g)) out.push(m[1] ?? m[2] ?? '');
  }
  return out;
}

/** setup.cfg `key = value` (with indented continuation lines) inside `[section]`. */
function iniValue(text: string, section: string, key: string): string | null {
  let inSection = false;
  let value: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\[/.test(raw)) {
      inSection = raw.trim() === `[${section}]`;
      value = value ?? null;
      continue;
    }
    if (!inSection) continue;
    const match = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(raw);
    if (match) {
      if (value !== null) return value;
      if (match[1] === key) value = match[2]!;
    } else if (value !== null && /^\s+\S/.test(raw)) value += `\n${raw.trim()}`;
  }
  return value;
}

const clean = (dir: string): string =>
  dir
    .replace(/\\/g, '/')
    .replace(/^\.\/?/, '')
    .replace(/\/+$/, '');

/** `outside`: root entries that are links out of the import's boundary, never read. */
export async function detectSourceRoots(
  root: string,
  files: readonly string[],
  manageDirs: readonly string[],
  outside: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const roots = new Set<string>(['']);
  if (files.some((f) => f.startsWith('src/'))) roots.add('src');
  for (const dir of manageDirs) roots.add(dir);
  const pyproject = outside.has('pyproject.toml') ? null : await readText(path.join(root, 'pyproject.toml'));
  if (pyproject !== null) {
    for (const where of tomlStrings(pyproject, 'tool.setuptools.packages.find', 'where')) roots.add(clean(where));
    const packageDir = /package-dir\s*=\s*\{\s*""\s*=\s*"([^"]*)"/.exec(pyproject);
    if (packageDir) roots.add(clean(packageDir[1]!));
    for (const m of pyproject.matchAll(/from\s*=\s*"([^"]*)"/g)) roots.add(clean(m[1]!));
  }
  const setupCfg = outside.has('setup.cfg') ? null : await readText(path.join(root, 'setup.cfg'));
  if (setupCfg !== null) {
    const where = iniValue(setupCfg, 'options.packages.find', 'where');
    if (where) roots.add(clean(where.trim()));
    const packageDir = iniValue(setupCfg, 'options', 'package_dir');
    const match = packageDir ? /(?:^|\n)\s*=\s*(\S+)/.exec(packageDir) : null;
    if (match) roots.add(clean(match[1]!));
  }
  return [...roots].filter((r) => r === '' || files.some((f) => f.startsWith(`${r}/`))).sort();
}

/** The dotted module name of a .py file and whether it is a package's __init__.py. */
export function moduleNameOf(
  file: string,
  packages: ReadonlySet<string>,
  roots: readonly string[],
): { module: string; isPackage: boolean } {
  const parts = file.slice(0, -3).split('/');
  const isPackage = parts[parts.length - 1] === '__init__';
  const folders = parts.slice(0, -1);
  let stop = folders.length;
  while (stop > 0 && packages.has(folders.slice(0, stop).join('/'))) stop--;
  // The deepest source root at or above the folder where the package chain stops.
  const stopDir = folders.slice(0, stop).join('/');
  let rootDepth = 0;
  for (const r of roots) {
    if (r === '') continue;
    if (stopDir === r || stopDir.startsWith(`${r}/`)) rootDepth = Math.max(rootDepth, r.split('/').length);
  }
  const name = [...folders.slice(rootDepth), ...(isPackage ? [] : [parts[parts.length - 1]!])];
  return { module: name.join('.'), isPackage };
}
