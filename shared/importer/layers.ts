// Horizontal layers: packages such as api/, graphql/, serializers/, views/, admin/ or models/ that hold one
// sub-module or sub-package per domain (api/v1/orders.py, graphql/orders/, models/order.py). Their per-domain
// parts are attributed to the domain's module (matched by name: orders -> order, checkout_link_product ->
// checkout_link), instead of the layer becoming one hub module that every domain depends on.
//
// A package is a layer when its name is a layer name, it is a module of its own or holds modules at the
// granularity in use (never a folder inside one module), and at least two of its per-domain parts match a
// domain module, or are named like parts of another layer. A name found in two layers but in no module becomes
// a module of its own, named under the layer's parent (CTFd.api.v1.awards + CTFd.schemas.awards -> CTFd.awards).
// Everything else of a layer (its __init__, helpers, a name no other layer shares) stays in the layer's module.
// A layer that is a Django app keeps its files: only its sub-packages are attributed, those that are apps
// themselves (oscar's dashboard/orders/ app to orders) and those that match a domain module (saleor's
// graphql/order/ to saleor.order), never the files of an app that happens to be called admin (admin/orders.py)
// nor a sub-package no domain matches (graphql/core/, graphql/meta/): those stay in the layer app's module.

/** Package names that make a layer when their parts are per domain. */
export const LAYER_NAMES: ReadonlySet<string> = new Set([
  'api',
  'apis',
  'rest',
  'graphql',
  'schema',
  'schemas',
  'serializers',
  'views',
  'viewsets',
  'endpoints',
  'routers',
  'routes',
  'resources',
  'controllers',
  'handlers',
  'admin',
  'dashboard',
  'backoffice',
  'forms',
  'models',
]);

/** Module files of a layer that serve every domain (app.py: the application object), never attributed; a
 * sub-package of the same name is a domain like any other (saleor's graphql/app/ to the app saleor.app). */
const SHARED_FILES: ReadonlySet<string> = new Set(['app']);

/** Parts of a layer that serve every domain: never attributed. */
const SHARED_PARTS: ReadonlySet<string> = new Set([
  '__init__',
  'base',
  'common',
  'core',
  'shared',
  'utils',
  'util',
  'helpers',
  'helper',
  'mixins',
  'deps',
  'dependencies',
  'permissions',
  'pagination',
  'exceptions',
  'errors',
  'decorators',
  'fields',
  'types',
  'urls',
  'router',
  'main',
  'constants',
  'enums',
  'validators',
  'middleware',
  'middlewares',
  'generic',
  // The usual files of a Django app: a layer app's own, never a domain.
  'apps',
  'signals',
  'signal_handlers',
  'receivers',
  'tasks',
  'checks',
  'hooks',
  'wagtail_hooks',
  'settings',
  'context_processors',
  'templatetags',
  'management',
  'widgets',
  'tables',
]);

const VERSION = /^v\d+$/;
const SUFFIXES =
  /_(api|apis|views?|viewsets?|routes?|routers?|endpoints?|serializers?|schemas?|resources?|admin|forms?|types?|mutations|queries|models?)$/;

/** A name as a domain key: lower case, a layer suffix dropped, singular ("orders_api" -> "order"). */
export function domainKey(name: string): string {
  let key = name.toLowerCase().replace(SUFFIXES, '');
  if (key.endsWith('ies') && key.length > 4) key = `${key.slice(0, -3)}y`;
  else if (/(ss|ch|sh|x)es$/.test(key)) key = key.slice(0, -2);
  else if (key.endsWith('s') && !/(ss|us|is)$/.test(key) && key.length > 2) key = key.slice(0, -1);
  return key;
}

export interface LayerPart {
  /** Dotted name of the part (module or package): "CTFd.api.v1.challenges". */
  prefix: string;
  /** The domain module's dotted name it is attributed to. */
  domain: string;
}

export interface Layers {
  /** Dotted names of the packages found to be layers. */
  layers: string[];
  /** Attributed parts, longest prefix first. */
  parts: LayerPart[];
  /** Names of modules made from parts of layers that no module matched. */
  made: string[];
}

interface Candidate {
  layer: string;
  /** Per-domain parts: dotted prefix -> its raw last name. */
  parts: Map<string, string>;
  /** Parts of a layer that is a Django app that are sub-packages and no app: attributed only to a domain they match. */
  matchOnly: Set<string>;
}

const parentOf = (name: string): string => name.slice(0, Math.max(0, name.lastIndexOf('.')));

/**
 * Find the layers among the code's modules and where their parts go. `groupOf` is the grouping at the chosen
 * granularity; `modules` are the dotted names of the code files.
 */
export function findLayers(
  modules: readonly string[],
  groupOf: (module: string) => string,
  options: { apps?: ReadonlySet<string> } = {},
): Layers {
  const known = new Set<string>();
  for (const module of modules) {
    const parts = module.split('.');
    for (let k = 1; k <= parts.length; k++) known.add(parts.slice(0, k).join('.'));
  }
  const children = new Map<string, Set<string>>();
  for (const name of known) {
    const parent = parentOf(name);
    if (parent === '' && !name.includes('.')) continue;
    let set = children.get(parent);
    if (set === undefined) children.set(parent, (set = new Set()));
    set.add(name);
  }
  const candidates: Candidate[] = [];
  for (const name of [...known].sort()) {
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (!LAYER_NAMES.has(last)) continue;
    const group = groupOf(name);
    // A layer is a module of its own or holds modules; a folder inside one module is that module's business.
    if (group !== name && !group.startsWith(`${name}.`)) continue;
    const parts = new Map<string, string>();
    const matchOnly = new Set<string>();
    const isApp = options.apps?.has(name) === true;
    const visit = (parent: string) => {
      for (const child of children.get(parent) ?? []) {
        const raw = child.slice(child.lastIndexOf('.') + 1);
        const isPackage = children.has(child);
        if (VERSION.test(raw)) visit(child);
        else if (SHARED_PARTS.has(raw) || LAYER_NAMES.has(raw) || (SHARED_FILES.has(raw) && !isPackage)) continue;
        else if (!isApp || groupOf(child) === child) parts.set(child, raw);
        else if (isPackage) {
          parts.set(child, raw);
          matchOnly.add(child);
        }
      }
    };
    visit(name);
    if (parts.size >= 2) candidates.push({ layer: name, parts, matchOnly });
  }
  if (candidates.length === 0) return { layers: [], parts: [], made: [] };

  // Domain modules: the groups of code outside every candidate layer, by key.
  const inLayer = (module: string) => candidates.some((c) => module === c.layer || module.startsWith(`${c.layer}.`));
  const domains = new Map<string, string[]>();
  for (const group of new Set(modules.filter((m) => !inLayer(m)).map(groupOf))) {
    const key = domainKey(group.slice(group.lastIndexOf('.') + 1));
    const list = domains.get(key) ?? [];
    list.push(group);
    domains.set(key, list);
  }
  const commonDepth = (a: string, b: string) => {
    const x = a.split('.');
    const y = b.split('.');
    let k = 0;
    while (k < x.length && k < y.length && x[k] === y[k]) k++;
    return k;
  };
  const match = (raw: string, layer: string): string | null => {
    const key = domainKey(raw);
    let list = domains.get(key);
    if (list === undefined) {
      // The longest domain key that starts the name: checkout_link_product -> checkout_link.
      const words = raw.toLowerCase().split('_');
      for (let k = words.length - 1; k > 0 && list === undefined; k--) list = domains.get(domainKey(words.slice(0, k).join('_')));
    }
    if (list === undefined) return null;
    return [...list].sort(
      (a, b) => commonDepth(b, layer) - commonDepth(a, layer) || a.split('.').length - b.split('.').length || (a < b ? -1 : 1),
    )[0]!;
  };
  // Keys shared by parts of two or more candidates.
  const layersOfKey = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const [prefix, raw] of c.parts) {
      if (c.matchOnly.has(prefix)) continue;
      const key = domainKey(raw);
      const set = layersOfKey.get(key) ?? new Set();
      set.add(c.layer);
      layersOfKey.set(key, set);
    }
  }
  const shared = (raw: string) => (layersOfKey.get(domainKey(raw))?.size ?? 0) >= 2;
  /** A part's name shared by other layers' parts: it makes a module (never for a sub-package of a layer app). */
  const madeOf = (c: Candidate, prefix: string, raw: string) => !c.matchOnly.has(prefix) && shared(raw);

  const layers: string[] = [];
  const attributed: LayerPart[] = [];
  const madeByKey = new Map<string, string>();
  for (const c of candidates) {
    const matches = [...c.parts].filter(([prefix, raw]) => match(raw, c.layer) !== null || madeOf(c, prefix, raw));
    if (matches.length < 2) continue;
    layers.push(c.layer);
    for (const [prefix, raw] of c.parts) {
      let domain = match(raw, c.layer);
      if (domain === null && madeOf(c, prefix, raw)) {
        const key = domainKey(raw);
        domain = madeByKey.get(key) ?? null;
        if (domain === null) {
          const holders = [...layersOfKey.get(key)!].sort((a, b) => a.split('.').length - b.split('.').length || (a < b ? -1 : 1));
          const parent = parentOf(holders[0]!);
          domain = parent === '' ? raw : `${parent}.${raw}`;
          madeByKey.set(key, domain);
        }
      }
      if (domain !== null) attributed.push({ prefix, domain });
    }
  }
  attributed.sort((a, b) => b.prefix.length - a.prefix.length || (a.prefix < b.prefix ? -1 : 1));
  return { layers, parts: attributed, made: [...new Set(madeByKey.values())].sort() };
}
