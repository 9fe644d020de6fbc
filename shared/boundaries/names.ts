// Names of proposed services from their dominant domain (issue 9): "Catalogue", "Checkout & Basket", never
// "Utils +15", "Dcim +7", "Oscar" or "Apps". A module's dotted name gives its parts (oscar, apps, catalogue);
// each part of a service scores by the share of the service's lines in modules that carry it, times how rare
// the part is in the whole monolith (so the root package and "apps" score nothing), and technical layer words
// (utils, api, admin, views..., and API versions such as v3) weigh a fifth: they name a layer, not a domain, and
// never name a service that holds a domain part.
import { serviceNameForModule } from '../commands/services';
import { uniqueId } from '../model/create';
import type { Module } from '../model/project';

/** Package parts that name a technical layer rather than a business domain. */
const LAYER_WORDS = new Set([
  'admin',
  'api',
  'apis',
  'app',
  'apps',
  'base',
  'cache',
  'cli',
  'commands',
  'common',
  'conf',
  'config',
  'constants',
  'contrib',
  'core',
  'errors',
  'exceptions',
  'forms',
  'helpers',
  'lib',
  'libs',
  'management',
  'migrations',
  'misc',
  'models',
  'schemas',
  'serializers',
  'settings',
  'shared',
  'signals',
  'src',
  'tasks',
  'templatetags',
  'test',
  'tests',
  'urls',
  'util',
  'utils',
  'views',
  'web',
]);

/** An API version package: v1, v3, ... */
const API_VERSION = /^v\d+$/i;

/** A layer word, or an API version package: it names a layer, not a domain. */
const isLayerWord = (part: string): boolean => LAYER_WORDS.has(part.toLowerCase()) || API_VERSION.test(part);

/**
 * A part that can name a service ahead of every layer word: not a layer word, carried by at most half the
 * monolith's modules (not the root package) and by at least a twentieth of the service's lines.
 */
const MIN_DOMAIN_SHARE = 0.05;

/** A second domain joins the name ("Checkout & Basket") when it scores at least this share of the first. */
const SECOND_NAME = 0.6;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The word a part gives a name: an API version says whose version it is ("Api v3" for wagtail.api.v3, not "V3");
 * any other part is named as a module is.
 */
function wordFor(part: string, carrier: Pick<Module, 'name'> | undefined): string {
  if (!API_VERSION.test(part) || !carrier) return serviceNameForModule(part);
  const parts = carrier.name.split('.');
  const parent = parts[parts.indexOf(part) - 1];
  return parent ? `${serviceNameForModule(parent)} ${part.toLowerCase()}` : serviceNameForModule(part);
}

const isWord = (part: string): boolean => /[a-z0-9]/i.test(part);

/** The distinct parts of a module's dotted name that hold a letter or digit ("_" names nothing). */
const partsOf = (module: Pick<Module, 'name'>): string[] => [...new Set(module.name.split('.').filter(isWord))];

/**
 * A name for a group whose dotted names give none (saleor's `.semgrep/security/requests` is a module named "_"):
 * the last word of the largest module's path ("Requests"), else "Service".
 */
function nameFromPaths(members: ReadonlyArray<Module | undefined>): string {
  const largest = members
    .filter((m): m is Module => m !== undefined)
    .sort((a, b) => b.linesOfCode - a.linesOfCode || compareText(a.id, b.id))[0];
  // A module of one file has its file's path: its name is the file's, not "py".
  const word = largest?.path.replace(/\.py$/, '').split(/[/.]/).filter(isWord).at(-1);
  return word ? serviceNameForModule(word) : 'Service';
}

/** How many modules carry each name part, and the modules by id: counted once for many groups. */
export interface PartCounts {
  everywhere: Map<string, number>;
  byId: Map<string, Module>;
  /** The parts of each module (partsOf), by id. */
  partsById: Map<string, string[]>;
}

export function countParts(modules: readonly Module[]): PartCounts {
  const everywhere = new Map<string, number>();
  const partsById = new Map<string, string[]>();
  for (const m of modules) {
    const parts = partsOf(m);
    partsById.set(m.id, parts);
    for (const part of parts) everywhere.set(part, (everywhere.get(part) ?? 0) + 1);
  }
  return { everywhere, byId: new Map(modules.map((m) => [m.id, m])), partsById };
}

/** The parts of a group of modules ranked by score, best first (ties by name), with the modules carrying each. */
export function rankedDomains(
  modules: readonly Module[],
  group: readonly string[],
  counted: PartCounts = countParts(modules),
): Array<{ part: string; score: number; share: number; carriers: string[]; isDomain: boolean }> {
  const { everywhere, byId, partsById } = counted;
  const members = group.map((id) => byId.get(id)).filter((m): m is Module => m !== undefined);
  const lines = members.reduce((sum, m) => sum + Math.max(1, m.linesOfCode), 0);
  const found = new Map<string, { share: number; carriers: string[] }>();
  for (const m of members) {
    for (const part of partsById.get(m.id) ?? partsOf(m)) {
      let entry = found.get(part);
      if (!entry) found.set(part, (entry = { share: 0, carriers: [] }));
      entry.share += Math.max(1, m.linesOfCode) / lines;
      entry.carriers.push(m.id);
    }
  }
  const total = modules.length;
  return (
    [...found.entries()]
      .map(([part, { share, carriers }]) => {
        const layer = isLayerWord(part);
        const spread = everywhere.get(part) ?? 1;
        return {
          part,
          share,
          carriers,
          score: share * Math.log((total + 1) / spread) * (layer ? 0.2 : 1),
          isDomain: !layer && spread * 2 <= total && share >= MIN_DOMAIN_SHARE,
        };
      })
      // Domains first: a layer module holding most of the lines (CTFd.utils) never names a service that has one.
      .sort((p, q) => Number(q.isDomain) - Number(p.isDomain) || q.score - p.score || compareText(p.part, q.part))
  );
}

/**
 * A name for each group of module ids, distinct across the groups: its best domain, with a second one when that
 * scores close and holds at least a quarter of the lines in modules outside the first ("Checkout & Basket", but
 * "Catalogue" for catalogue and catalogue.reviews); a name already given (or `taken`) goes to the next domains,
 * then gets a number. `counted`: countParts(modules), when names are given to several sets of groups.
 */
export function domainNames(
  modules: readonly Module[],
  groups: ReadonlyArray<readonly string[]>,
  taken: readonly string[] = [],
  counted: PartCounts = countParts(modules),
): string[] {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  const lines = new Map(modules.map((m) => [m.id, Math.max(1, m.linesOfCode)]));
  return groups.map((group) => {
    const ranked = rankedDomains(modules, group, counted);
    const words = ranked.map((p) => wordFor(p.part, counted.byId.get(p.carriers[0]!)));
    const candidates: string[] = [];
    const [first] = ranked;
    if (first && first.score > 0) {
      const inFirst = new Set(first.carriers);
      const all = group.reduce((sum, id) => sum + (lines.get(id) ?? 1), 0);
      const apart = (p: (typeof ranked)[number]) =>
        p.carriers.filter((id) => !inFirst.has(id)).reduce((sum, id) => sum + (lines.get(id) ?? 1), 0) / all;
      const k = ranked.findIndex(
        (p, i) => i > 0 && p.isDomain === first.isDomain && p.score >= SECOND_NAME * first.score && apart(p) >= 0.25,
      );
      if (k > 0) candidates.push(`${words[0]} & ${words[k]}`);
    }
    candidates.push(...words);
    if (candidates.length === 0) candidates.push(nameFromPaths(group.map((id) => counted.byId.get(id))));
    let name = candidates.find((n) => !used.has(n.toLowerCase())) ?? candidates[0]!;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${candidates[0]} ${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** A service id from its name ("Order & Basket" -> svc-order-basket), distinct from `taken`, which it joins. */
export function serviceIdFor(name: string, taken: Set<string>): string {
  const id = uniqueId(
    `svc-${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`,
    taken,
  );
  taken.add(id);
  return id;
}
