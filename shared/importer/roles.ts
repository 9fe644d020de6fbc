// What each file of a tree is for. Application code becomes modules; tests, migrations, scripts (manage.py,
// setup.py, noxfile.py, conftest.py, loose entry points, scripts/ and docker/ folders), docs and examples are
// read (their size and what they import are reported) but are never modules, so never services.
import { absoluteModule } from './resolve';
import type { ScanResult, ScannedFile } from './types';

export const SUPPORT_KINDS = ['tests', 'migrations', 'scripts', 'docs', 'examples'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** Folder names, by kind; the outermost matching folder of a path decides. */
const FOLDER_KINDS: ReadonlyArray<[RegExp, SupportKind]> = [
  [/^(tests?|testing|unittests?|\w+_tests?)$/, 'tests'],
  [/^(migrations|alembic)$/, 'migrations'],
  [/^(scripts|bin|docker|deploy|deployment)$/, 'scripts'],
  [/^(docs?)$/, 'docs'],
  [/^(examples?|sandbox)$/, 'examples'],
];
/** The kind of each folder name met: a tree repeats its names (saleor's 4,329 paths: 16,083 names, 116 distinct). */
const folderKinds = new Map<string, SupportKind | null>();
function folderKind(folder: string): SupportKind | null {
  let kind = folderKinds.get(folder);
  if (kind === undefined) {
    kind = FOLDER_KINDS.find(([pattern]) => pattern.test(folder))?.[1] ?? null;
    if (folderKinds.size >= 50_000) folderKinds.clear();
    folderKinds.set(folder, kind);
  }
  return kind;
}

const TEST_FILE = /^(test_\w+|\w+_tests?|tests|conftest)\.py$/;
/** Setup and entry scripts, wherever they are. */
const SCRIPT_FILES: ReadonlySet<string> = new Set([
  'manage.py',
  'setup.py',
  'noxfile.py',
  'fabfile.py',
  'runtests.py',
  'wsgi.py',
  'asgi.py',
]);

/**
 * The kind of a file by its path, or null for application code. `loose`: the file is in no package (setup.py,
 * manage.py and the like are scripts only there; CTFd/forms/setup.py is a module).
 */
export function supportKindOfPath(path: string, loose = true): SupportKind | null {
  const parts = path.split('/');
  const name = parts.pop()!;
  for (const folder of parts) {
    const kind = folderKind(folder);
    if (kind !== null) return kind;
  }
  if (TEST_FILE.test(name)) return 'tests';
  if (loose && SCRIPT_FILES.has(name)) return 'scripts';
  return null;
}

/**
 * The kind of every file that is not application code, by path. A loose file at a source root (no package
 * around it) is a script too when the tree has packages of code and no packaged code file imports it: an entry
 * point (`serve.py`, `populate.py`), not a library module.
 */
export function supportKinds(scan: Pick<ScanResult, 'files'>): ReadonlyMap<string, SupportKind> {
  let kinds = kindsFound.get(scan);
  if (kinds === undefined) kindsFound.set(scan, (kinds = findSupportKinds(scan)));
  return kinds;
}

/** A scan is never changed once made (types.ts): its kinds are found once, however many callers ask. */
const kindsFound = new WeakMap<Pick<ScanResult, 'files'>, ReadonlyMap<string, SupportKind>>();

function findSupportKinds(scan: Pick<ScanResult, 'files'>): Map<string, SupportKind> {
  const isLoose = (file: ScannedFile) => !file.isPackage && file.module !== '' && !file.module.includes('.');
  const kinds = new Map<string, SupportKind>();
  for (const file of scan.files) {
    const kind = supportKindOfPath(file.path, file.module === '' || isLoose(file)) ?? (file.isMigration ? 'migrations' : null);
    if (kind !== null) kinds.set(file.path, kind);
  }
  const loose = scan.files.filter((f) => isLoose(f) && !kinds.has(f.path));
  const packaged = scan.files.filter((f) => !isLoose(f) && f.module !== '' && !kinds.has(f.path));
  if (loose.length === 0 || packaged.length === 0) return kinds;
  const looseNames = new Set(loose.map((f) => f.module));
  const imported = new Set<string>();
  for (const file of packaged) {
    for (const record of file.imports) {
      const base = absoluteModule(record.module, record.level, file.module, file.isPackage);
      if (base === null) continue;
      const top = base === '' ? (record.names ?? []) : [base.split('.', 1)[0]!];
      for (const name of top) if (looseNames.has(name)) imported.add(name);
    }
  }
  for (const file of loose) if (!imported.has(file.module)) kinds.set(file.path, 'scripts');
  return kinds;
}
