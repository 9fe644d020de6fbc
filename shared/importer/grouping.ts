// How the files of a scan become modules: which files are application code (roles.ts), the granularity
// (chosen per project for 'auto'), and horizontal layers attributed to their domains (layers.ts). Pure, so the
// import report can offer every other granularity with its number of modules without reading a file again.
import { djangoApps, grouper, isAppConfig, type FixedGranularity, type Granularity } from './granularity';
import { findLayers, LAYER_NAMES, type Layers } from './layers';
import { supportKinds, type SupportKind } from './roles';
import type { ScanResult, ScannedFile } from './types';
import { countOf, listNames } from '../words';

export interface GroupingOptions {
  granularity: Granularity;
  /** Keep layer packages (api/, graphql/, ...) as modules instead of attributing their parts to domains. */
  keepLayers?: boolean;
}

export interface GroupingPlan {
  granularity: FixedGranularity;
  /** Why this granularity, without the module count ("Flask blueprints found in ...: chose depth 2"). */
  why: string;
  /** Files that are not application code, by path. */
  kinds: ReadonlyMap<string, SupportKind>;
  layers: Layers;
  keepLayers: boolean;
  /** The module (dotted group name) of a code module's dotted name, layers attributed. */
  groupOf(module: string): string;
  /** Whether the layers moved this module out of the group its name gives. */
  isAttributed(module: string): boolean;
  /** Whether the tree is a Django project (isDjango). */
  django: boolean;
}

/** "depth 3", "Django apps", "top-level packages". */
export function describeGranularity(granularity: FixedGranularity): string {
  if (granularity === 'app') return 'Django apps';
  if (granularity === 'package') return 'top-level packages';
  return `depth ${granularity.slice('depth:'.length)}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** A Django project: INSTALLED_APPS somewhere, or an AppConfig in an apps.py of the code. */
export function isDjango(scan: Pick<ScanResult, 'files' | 'installedApps'>, kinds: ReadonlyMap<string, SupportKind>): boolean {
  if (scan.installedApps.length > 0) return true;
  return scan.files.some((f) => !kinds.has(f.path) && f.path.endsWith('apps.py') && f.classes.some((c) => isAppConfig(c.bases)));
}

/** Module files that create a Blueprint or an APIRouter but only hold routes of a package ("polar/file/endpoints.py"). */
const ROUTE_FILES: ReadonlySet<string> = new Set([
  'endpoints',
  'routes',
  'router',
  'routers',
  'views',
  'api',
  'urls',
  'blueprint',
  'blueprints',
  'resources',
  'handlers',
  'controllers',
]);

/** The depth of the domain package a blueprint or router belongs to; a layer (api/...) sits at the domains' depth. */
function anchorDepth(file: ScannedFile): number {
  const parts = file.module.split('.');
  const owner = !file.isPackage && parts.length > 1 && ROUTE_FILES.has(parts[parts.length - 1]!) ? parts.slice(0, -1) : parts;
  for (let k = 1; k < owner.length; k++) if (LAYER_NAMES.has(owner[k]!)) return k + 1;
  return owner.length;
}

const groupsAt = (code: readonly ScannedFile[], depth: number) =>
  new Set(code.map((f) => f.module.split('.').slice(0, depth).join('.'))).size;

/** The granularity 'auto' stands for, and why. */
export function chooseGranularity(
  scan: ScanResult,
  kinds: ReadonlyMap<string, SupportKind>,
  django = isDjango(scan, kinds),
): { granularity: FixedGranularity; why: string } {
  const code = scan.files.filter((f) => f.module !== '' && !kinds.has(f.path));
  if (django) {
    const found = scan.installedApps.length > 0 ? 'INSTALLED_APPS' : 'an AppConfig in apps.py';
    return { granularity: 'app', why: `Django project (${found}): chose Django apps` };
  }
  const anchors = code.filter((f) => f.blueprints > 0 || f.routers > 0);
  if (anchors.length > 0) {
    const votes = new Map<number, number>();
    for (const file of anchors) votes.set(anchorDepth(file), (votes.get(anchorDepth(file)) ?? 0) + 1);
    const depth = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const blueprints = anchors.filter((f) => f.blueprints > 0).length;
    const what = blueprints * 2 >= anchors.length ? 'Flask blueprints' : 'FastAPI routers';
    const where = anchors.map((f) => (f.isPackage ? f.path.slice(0, f.path.lastIndexOf('/')) : f.path));
    return {
      granularity: `depth:${depth}`,
      why: `${what} found in ${listNames(where, String, 3)}: chose depth ${depth}, the level of the domain packages`,
    };
  }
  // No apps, blueprints or routers: the packages under the application's root package (the one package that
  // holds most of the code), deeper while that gives fewer than 10 modules and at most 80.
  const lines = (files: readonly ScannedFile[]) => files.reduce((sum, f) => sum + f.codeLines, 0);
  let root: string[] = [];
  for (;;) {
    const inside = code.filter((f) => root.every((p, k) => f.module.split('.')[k] === p) && f.module.split('.').length > root.length + 1);
    const byChild = new Map<string, number>();
    for (const f of inside) {
      const child = f.module.split('.')[root.length]!;
      byChild.set(child, (byChild.get(child) ?? 0) + f.codeLines);
    }
    const top = [...byChild].sort((a, b) => b[1] - a[1])[0];
    const under = lines(code.filter((f) => root.every((p, k) => f.module.split('.')[k] === p)));
    if (top === undefined || top[1] < 0.8 * under) break;
    root = [...root, top[0]];
  }
  let depth = root.length + 1;
  while (
    groupsAt(code, depth) < 10 &&
    depth < root.length + 3 &&
    groupsAt(code, depth + 1) <= 80 &&
    groupsAt(code, depth + 1) > groupsAt(code, depth)
  )
    depth++;
  const under = root.length === 0 ? 'the top-level packages' : `the packages of ${root.join('.')}`;
  return { granularity: `depth:${depth}`, why: `no Django apps, blueprints or routers: chose depth ${depth}, ${under}` };
}

/** Everything aggregate() needs to group files: roles, the granularity, the layers. */
export function planGrouping(
  scan: ScanResult,
  options: GroupingOptions,
  known?: { kinds: ReadonlyMap<string, SupportKind>; django: boolean },
): GroupingPlan {
  const kinds = known?.kinds ?? supportKinds(scan);
  const django = known?.django ?? isDjango(scan, kinds);
  const chosen =
    options.granularity === 'auto'
      ? chooseGranularity(scan, kinds, django)
      : {
          granularity: options.granularity,
          why: `${describeGranularity(options.granularity)}, as asked${options.granularity === 'app' && !django ? ' (no Django project found: packages holding models.py or apps.py, else top-level packages)' : ''}`,
        };
  const base = grouper(scan, chosen.granularity);
  const code = [...new Set(scan.files.filter((f) => f.module !== '' && !kinds.has(f.path)).map((f) => f.module))];
  const layers = findLayers(code, base, chosen.granularity === 'app' ? { apps: new Set(djangoApps(scan)) } : {});
  const keepLayers = options.keepLayers === true;
  const domainOf = new Map(keepLayers ? [] : layers.parts.map((p) => [p.prefix, p.domain]));
  const cache = new Map<string, string>();
  /** The domain of the longest attributed prefix of `module`, if any. */
  const attributedTo = (module: string): string | undefined => {
    if (domainOf.size === 0) return undefined;
    for (let prefix = module; ; prefix = prefix.slice(0, prefix.lastIndexOf('.'))) {
      const domain = domainOf.get(prefix);
      if (domain !== undefined || !prefix.includes('.')) return domain;
    }
  };
  const groupOf = (module: string): string => {
    let group = cache.get(module);
    if (group === undefined) {
      group = attributedTo(module) ?? base(module);
      cache.set(module, group);
    }
    return group;
  };
  return {
    granularity: chosen.granularity,
    why: chosen.why,
    kinds,
    layers,
    keepLayers,
    groupOf,
    isAttributed: (module) => groupOf(module) !== base(module),
    django,
  };
}

/** The granularities the import report offers, with their number of modules (the chosen one included). */
export function groupingOptions(scan: ScanResult, plan: GroupingPlan): Array<{ granularity: FixedGranularity; modules: number }> {
  const list: FixedGranularity[] = plan.django ? ['app'] : [];
  list.push('package', 'depth:2', 'depth:3', 'depth:4');
  if (!list.includes(plan.granularity)) list.push(plan.granularity);
  const code = scan.files.filter((f) => f.module !== '' && !plan.kinds.has(f.path) && f.codeLines > 0);
  return list.map((granularity) => {
    const other = granularity === plan.granularity ? plan : planGrouping(scan, { granularity, keepLayers: plan.keepLayers }, plan);
    return { granularity, modules: new Set(code.map((f) => other.groupOf(f.module))).size };
  });
}

/**
 * Why this tree cannot become a useful project, in one line (null when it can): no Python at all, nothing but
 * tests and scripts, or all the code in one file.
 */
export function cannotCarve(scan: ScanResult, kinds: ReadonlyMap<string, SupportKind> = supportKinds(scan)): string | null {
  if (scan.files.length === 0) {
    if (scan.problems.length > 0)
      return `none of its ${count(scan.problems.length)} Python files could be read (${scan.problems[0]!.path}: ${scan.problems[0]!.reason})`;
    const skipped = scan.skipped > 0 ? ` (${count(scan.skipped)} ignored, hidden or virtualenv/build folders and files left out)` : '';
    return `no Python files found${skipped}; choose the folder that holds the monolith's Python source`;
  }
  const code = scan.files.filter((f) => f.module !== '' && !kinds.has(f.path));
  if (code.length === 0) {
    const byKind = new Map<SupportKind, number>();
    for (const kind of kinds.values()) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    const found = [...byKind].map(([kind, n]) => `${kind} (${countOf(n, 'file')})`);
    const list = found.length === 1 ? found[0]! : `${found.slice(0, -1).join(', ')} and ${found.at(-1)!}`;
    return `only ${list} found, no application code (tests, migrations and scripts never become modules); choose the folder that holds the application's packages`;
  }
  const total = code.reduce((sum, f) => sum + f.codeLines, 0);
  const largest = code.reduce((a, b) => (b.codeLines > a.codeLines ? b : a));
  if (code.length === 1 || (largest.codeLines >= 2_000 && largest.codeLines >= 0.9 * total)) {
    const share = code.length === 1 ? '' : ` of ${count(total)}`;
    return `the application code is all in one file, ${largest.path} (${count(largest.codeLines)} lines${share}); Carve makes modules of packages and files, so split that file into modules first, or import the folder of a project with several`;
  }
  return null;
}
