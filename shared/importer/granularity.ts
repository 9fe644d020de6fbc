// Granularity: which group of files becomes one module of the project. 'app' groups by Django app (a package
// named in INSTALLED_APPS, or holding a models.py of Django models or an apps.py with an AppConfig), falling
// back to the top-level package; 'package' by top-level package; 'depth:N' by the first N parts of the dotted
// name; 'auto' chooses one of those for the project at hand (grouping.ts).
import { isModuleClass } from './bindings';
import { classifierOf } from './modelClasses';
import type { ClassRecord, ScanResult, ScannedFile } from './types';

/** A granularity that groups by itself. */
export type FixedGranularity = 'app' | 'package' | `depth:${number}`;
export type Granularity = 'auto' | FixedGranularity;

/** Parse "auto", "app", "package" or "depth:N" (N from 1 to 20); null when it is none of them. */
export function parseGranularity(text: string): Granularity | null {
  if (text === 'auto' || text === 'app' || text === 'package') return text;
  const match = /^depth:(\d{1,2})$/.exec(text);
  if (!match) return null;
  const depth = Number(match[1]);
  return depth >= 1 && depth <= 20 ? `depth:${depth}` : null;
}

/** A class statement whose base is Django's AppConfig (`AppConfig`, `apps.AppConfig`). */
export const isAppConfig = (bases: readonly string[]): boolean => bases.some((b) => b === 'AppConfig' || b.endsWith('.AppConfig'));

const appsFound = new WeakMap<ScanResult, readonly string[]>();

/**
 * The packages of the tree that are Django apps (dotted names), longest first: those INSTALLED_APPS names, and
 * those holding a models.py (or a models/ package) that declares a Django model or no class at all (the empty
 * models.py of `startapp`), or an apps.py that declares an AppConfig or no class at all. A models.py of other
 * classes is no sign of an app: saleor/graphql/checkout/dataloaders/models.py holds data loaders,
 * saleor/core/editorjs/models.py pydantic models, saleor/graphql/app/dataloaders/apps.py loaders of apps.
 */
export function djangoApps(scan: ScanResult): readonly string[] {
  const known = appsFound.get(scan);
  if (known !== undefined) return known;
  const packages = new Set<string>();
  for (const file of scan.files) {
    if (file.isPackage) packages.add(file.module);
    const parts = file.module.split('.');
    for (let k = 1; k < parts.length; k++) packages.add(parts.slice(0, k).join('.'));
  }
  const apps = new Set<string>();
  for (const entry of scan.installedApps) {
    const parts = entry.split('.');
    for (let k = parts.length; k > 0; k--) {
      const candidate = parts.slice(0, k).join('.');
      if (packages.has(candidate)) {
        apps.add(candidate);
        break;
      }
    }
  }
  // The module-level classes of each models module (models.py, or every file of a models/ package) and apps.py.
  const classesOf = new Map<string, Array<{ file: ScannedFile; cls: ClassRecord }>>();
  for (const file of scan.files) {
    if (file.isMigration) continue;
    const parts = file.module.split('.');
    const at = parts.indexOf('models', 1);
    const key = at > 0 ? parts.slice(0, at + 1).join('.') : !file.isPackage && parts.at(-1) === 'apps' ? file.module : null;
    if (key === null) continue;
    const list = classesOf.get(key) ?? [];
    for (const cls of file.classes) if (isModuleClass(cls)) list.push({ file, cls });
    classesOf.set(key, list);
  }
  const classifier = classifierOf(scan);
  for (const [module, classes] of classesOf) {
    const isApps = module.endsWith('.apps');
    if (!module.includes('.')) continue;
    const found =
      classes.length === 0 ||
      classes.some(({ file, cls }) => (isApps ? isAppConfig(cls.bases) : classifier.info(file, cls).family === 'django'));
    if (found) apps.add(module.slice(0, module.lastIndexOf('.')));
  }
  const sorted = [...apps].sort((a, b) => b.length - a.length || a.localeCompare(b));
  appsFound.set(scan, sorted);
  return sorted;
}

/** A function from a dotted module name to the dotted name of its group at this granularity. */
export function grouper(scan: ScanResult, granularity: FixedGranularity): (module: string) => string {
  if (granularity === 'package') return (module) => module.split('.', 1)[0]!;
  if (granularity.startsWith('depth:')) {
    const depth = Number(granularity.slice('depth:'.length));
    return (module) => module.split('.').slice(0, depth).join('.');
  }
  const apps = djangoApps(scan);
  const cache = new Map<string, string>();
  return (module) => {
    let group = cache.get(module);
    if (group === undefined) {
      group = apps.find((app) => module === app || module.startsWith(`${app}.`)) ?? module.split('.', 1)[0]!;
      cache.set(module, group);
    }
    return group;
  };
}
