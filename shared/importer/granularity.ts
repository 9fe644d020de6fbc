// Granularity: which group of files becomes one module of the project. 'app' groups by Django app (a package
// named in INSTALLED_APPS or holding models.py / apps.py), falling back to the top-level package; 'package' by
// top-level package; 'depth:N' by the first N parts of the dotted name; 'auto' chooses one of those for the
// project at hand (grouping.ts).
import type { ScanResult } from './types';

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

/** The packages of the tree that are Django apps (dotted names), longest first. */
export function djangoApps(scan: ScanResult): string[] {
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
  for (const file of scan.files) {
    if (file.isMigration) continue;
    const parts = file.module.split('.');
    const last = parts[parts.length - 1]!;
    if (file.isPackage && last === 'models' && parts.length > 1) apps.add(parts.slice(0, -1).join('.'));
    else if (!file.isPackage && (last === 'models' || last === 'apps') && parts.length > 1) apps.add(parts.slice(0, -1).join('.'));
  }
  return [...apps].sort((a, b) => b.length - a.length || a.localeCompare(b));
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
