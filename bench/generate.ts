import { mulberry32 } from '../shared/random';
import type {
  ApiStyle,
  Dependency,
  DependencyKind,
  Link,
  LinkStyle,
  Module,
  NodePosition,
  Phase,
  Project,
  Service,
  Team,
} from '../shared/model/project';
import { DEFAULT_SCENARIO, MONOLITH_NODE_ID } from '../shared/model/project';

// A deterministic generator of large, realistic projects for the benchmarks (file format, canvas, planner).
// The same options give the same project, byte for byte. Pure: no Node, no DOM, so a benchmark page in
// Chromium can use it as well as Node.
//
// Shape, modelled on a large Django monolith:
// - modules are grouped in packages of up to 8 ("acme.billing_2.models", "acme.billing_2.api", ...) with
//   log-normal sizes; `models` modules own entities, `tasks` are Celery, `api` often async;
// - about 60% of dependencies stay inside a package, most of the rest point at an earlier package (a layered
//   monolith), a few point anywhere (so there are some cycles); between two models modules they are foreign
//   keys (`data`); weights are skewed towards 1;
// - 80% of the modules are carved into the services (consecutive runs, so a service owns related modules),
//   the rest stay in the monolith; services get frameworks, runtimes, datastores, teams, some links and pins;
// - the layout puts the monolith at the origin and the services on a grid to its right.
// It always passes integrity: unique ids and names, every reference exists, a module in at most one service.

export interface GenerateOptions {
  services: number;
  modules: number;
  dependencies: number;
  /** Any integer; the same seed gives the same project. */
  seed: number;
}

const DOMAINS = [
  'orders',
  'billing',
  'catalog',
  'inventory',
  'shipping',
  'accounts',
  'payments',
  'search',
  'reviews',
  'pricing',
  'promotions',
  'reporting',
  'notifications',
  'returns',
  'loyalty',
  'wishlist',
  'tax',
  'fraud',
  'media',
  'audit',
  'checkout',
  'cart',
  'support',
  'analytics',
  'warehouse',
  'suppliers',
  'invoicing',
  'subscriptions',
  'content',
  'marketing',
  'partners',
  'ledger',
  'identity',
  'scheduling',
  'documents',
  'messaging',
  'compliance',
  'exports',
  'imports',
  'geo',
];
const SUBPACKAGES = ['models', 'api', 'services', 'tasks', 'views', 'admin', 'selectors', 'utils'];
const ENTITY_NOUNS = ['Record', 'Line', 'Event', 'Item', 'Log', 'Rule', 'Entry', 'Snapshot', 'Batch', 'Link'];
const TAGS_BY_SUBPACKAGE: Record<string, string[][]> = {
  models: [['django-app'], ['django-app', 'admin']],
  api: [['api'], ['api', 'async-io']],
  services: [['django-app'], []],
  tasks: [['celery'], ['celery', 'async-io']],
  views: [['django-app', 'api'], ['django-app']],
  admin: [['admin'], ['admin', 'reporting']],
  selectors: [['reporting'], []],
  utils: [[], ['async-io']],
};
const FRAMEWORKS = ['fastapi', 'django', 'flask', 'litestar', 'django-ninja', 'starlette', 'quart', 'sanic', 'celery', 'other'];
const FRAMEWORK_WEIGHTS = [30, 25, 12, 5, 8, 3, 3, 2, 10, 2];
const RUNTIMES = ['cpython-3.10', 'cpython-3.11', 'cpython-3.12', 'cpython-3.13', 'cpython-3.14', 'pypy-3.10'];
const RUNTIME_WEIGHTS = [5, 15, 45, 25, 7, 3];
const DATASTORES = ['PostgreSQL', 'PostgreSQL', 'PostgreSQL', 'MySQL', 'Redis', 'Elasticsearch', 'MongoDB', ''];
const API_STYLES: ApiStyle[] = ['rest', 'rest', 'rest', 'grpc', 'events', 'graphql', 'none'];
const LINK_STYLES: LinkStyle[] = ['rest', 'rest', 'events', 'grpc', 'shared-db'];
const PACKAGE_SIZE = SUBPACKAGES.length;

/** A project of the given size; deterministic for a given seed. */
export function generateProject(options: GenerateOptions): Project {
  const { seed } = options;
  const moduleCount = Math.max(0, Math.floor(options.modules));
  const serviceCount = Math.max(0, Math.floor(options.services));
  const dependencyCount = moduleCount > 1 ? Math.max(0, Math.floor(options.dependencies)) : 0;
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = random() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };

  const modules = generateModules(moduleCount, random, int, pick);
  const dependencies = generateDependencies(modules, dependencyCount, random, int);
  const teams: Team[] = Array.from({ length: Math.min(50, Math.max(2, Math.ceil(serviceCount / 25))) }, (_, i) => ({
    id: `team-${i + 1}`,
    name: `Team ${i + 1}`,
    capacityPerPhase: 6 + int(0, 3) * 2,
  }));
  const phases: Phase[] = Array.from({ length: Math.min(10, Math.max(2, Math.ceil(serviceCount / 100))) }, (_, i) => ({
    id: `phase-${i}`,
    name: i === 0 ? 'Foundations' : `Phase ${i}`,
    goal: i === 0 ? 'CI/CD, observability and the routing facade.' : `Extract the services of wave ${i}.`,
    lengthWeeks: 4 + int(0, 2) * 2,
  }));

  const assigned = Math.floor(moduleCount * 0.8);
  const usedNames = new Map<string, number>();
  const services: Service[] = [];
  for (let i = 0; i < serviceCount; i++) {
    const start = Math.floor((i * assigned) / serviceCount);
    const end = Math.floor(((i + 1) * assigned) / serviceCount);
    const owned = modules.slice(start, end);
    const base = owned[0] ? titleCase(owned[0].name.split('.')[1]!) : 'Service';
    const n = (usedNames.get(base) ?? 0) + 1;
    usedNames.set(base, n);
    const name = n === 1 ? `${base} Service` : `${base} Service ${n}`;
    services.push({
      id: `svc-${i + 1}`,
      name,
      description: `Owns ${owned.length} module${owned.length === 1 ? '' : 's'} of the ${base.toLowerCase()} domain.`,
      moduleIds: owned.map((m) => m.id),
      framework: weighted(FRAMEWORKS, FRAMEWORK_WEIGHTS),
      runtime: weighted(RUNTIMES, RUNTIME_WEIGHTS),
      datastore: pick(DATASTORES),
      apiStyle: pick(API_STYLES),
      team: pick(teams).name,
      notes: random() < 0.2 ? 'Talk to the data team before moving the tables.' : '',
      pinnedPhaseId: random() < 0.05 ? pick(phases).id : null,
      effortOverride: random() < 0.05 ? int(1, 20) : null,
    });
  }

  const links: Link[] = [];
  if (serviceCount > 1) {
    const linkCount = Math.floor(serviceCount / 2);
    for (let i = 0; i < linkCount; i++) {
      const from = int(0, serviceCount - 1);
      let to = int(0, serviceCount - 2);
      if (to >= from) to++;
      const style = pick(LINK_STYLES);
      links.push({
        id: `link-${i + 1}`,
        from: services[from]!.id,
        to: services[to]!.id,
        style,
        label: style === 'events' ? `${services[from]!.name.toLowerCase().replaceAll(' ', '.')}.changed` : '',
      });
    }
  }

  const columns = Math.max(1, Math.ceil(Math.sqrt(serviceCount)));
  const nodes: NodePosition[] = [{ id: MONOLITH_NODE_ID, x: 0, y: 0 }];
  services.forEach((s, i) => nodes.push({ id: s.id, x: 520 + (i % columns) * 320, y: Math.floor(i / columns) * 200 }));

  return {
    id: `generated-${seed}`,
    name: `Generated ${serviceCount} services, ${moduleCount} modules, ${dependencyCount} dependencies`,
    description: `A generated project for benchmarks (seed ${seed}).`,
    author: 'bench/generate.ts',
    monolith: { name: 'acme', framework: 'django', pythonVersion: '3.11', modules, dependencies },
    services,
    links,
    phases,
    planning: { startDate: '2027-01-04', defaultPhaseWeeks: 4, maxServicesPerPhase: null, teams },
    layout: { nodes, viewport: { x: 0, y: 0, zoom: 1 } },
    scenario: { ...DEFAULT_SCENARIO },
    otherScenarios: [],
  };
}

function generateModules(
  count: number,
  random: () => number,
  int: (min: number, max: number) => number,
  pick: <T>(items: readonly T[]) => T,
): Module[] {
  const modules: Module[] = [];
  for (let i = 0; i < count; i++) {
    const packageIndex = Math.floor(i / PACKAGE_SIZE);
    const round = Math.floor(packageIndex / DOMAINS.length);
    const domain = DOMAINS[packageIndex % DOMAINS.length]! + (round > 0 ? `_${round + 1}` : '');
    const sub = SUBPACKAGES[i % PACKAGE_SIZE]!;
    const name = `acme.${domain}.${sub}`;
    const entities: string[] = [];
    if (sub === 'models') {
      const stem = titleCase(domain).replaceAll(' ', '');
      const n = int(1, 6);
      for (let e = 0; e < n; e++) entities.push(`${stem}${ENTITY_NOUNS[e]}`);
    }
    // Log-normal-ish sizes: most modules a few hundred lines, a few over 10,000.
    const linesOfCode = Math.min(40_000, Math.round(80 + Math.exp(5 + random() * 2.2 + random() * 2.2)));
    modules.push({
      id: `${domain.replaceAll('_', '-')}-${sub}`,
      name,
      path: name.replaceAll('.', '/'),
      linesOfCode,
      tags: [...pick(TAGS_BY_SUBPACKAGE[sub]!)],
      entities,
      // About one file per 150 lines; API surface and third-party imports are left to the importer's data.
      files: Math.max(1, Math.round(linesOfCode / 150)),
      apiSurface: 0,
      thirdParty: [],
    });
  }
  return modules;
}

function generateDependencies(
  modules: Module[],
  count: number,
  random: () => number,
  int: (min: number, max: number) => number,
): Dependency[] {
  const n = modules.length;
  const packages = Math.ceil(n / PACKAGE_SIZE);
  const dependencies: Dependency[] = [];
  const seen = new Set<string>();
  const MAX_TRIES = 20;
  for (let i = 0; i < count; i++) {
    // A few tries for a pair not yet used; a dense request (more than the pairs available) may repeat one, so
    // there are always exactly `count` dependencies.
    for (let attempt = 1; ; attempt++) {
      const from = int(0, n - 1);
      const fromPackage = Math.floor(from / PACKAGE_SIZE);
      const r = random();
      let toPackage: number;
      if (r < 0.6) toPackage = fromPackage;
      else if (r < 0.95 && fromPackage > 0) toPackage = int(0, fromPackage - 1);
      else toPackage = int(0, packages - 1);
      const first = toPackage * PACKAGE_SIZE;
      const fromModule = modules[from]!;
      // Models point at other packages' models (foreign keys) more often than at anything else.
      let to = fromModule.entities.length > 0 && random() < 0.6 ? first : int(first, Math.min(n, first + PACKAGE_SIZE) - 1);
      if (to === from) {
        to = int(0, n - 2);
        if (to >= from) to++;
      }
      const toModule = modules[to]!;
      const kind: DependencyKind =
        fromModule.entities.length > 0 && toModule.entities.length > 0 ? 'data' : random() < 0.75 ? 'import' : 'call';
      const key = `${from}>${to}>${kind}`;
      if (seen.has(key) && attempt < MAX_TRIES) continue;
      seen.add(key);
      dependencies.push({ from: fromModule.id, to: toModule.id, kind, weight: 1 + Math.floor(random() ** 3 * 40), evidence: [] });
      break;
    }
  }
  return dependencies;
}

function titleCase(snake: string): string {
  return snake
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
