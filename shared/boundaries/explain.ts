// Why a proposed service's modules belong together, and what ties it most to the others (issue 9): the imports
// and foreign keys between its modules, the commits (before the cut-off) that changed two or more of them, the
// authors who changed several of them; and the other service (or the monolith) it shares most evidence with.
import { MONOLITH_NODE_ID, type Project } from '../model/project';
import type { WeightedEdge } from './cluster';
import type { ModuleCommit } from './history';

/** Evidence between modules: import statements, foreign keys (and relationships), commits that changed both. */
export interface Ties {
  imports: number;
  foreignKeys: number;
  commitsTogether: number;
}

export interface ServiceExplanation {
  /** Between the service's own modules. */
  inside: Ties;
  /** Authors who changed two or more of its modules, most modules first (at most 3). */
  sharedOwners: Array<{ author: string; modules: number }>;
  /** The other node it shares most evidence with (by the clustering's weights); null when it shares none. */
  strongestTie: (Ties & { serviceId: string; name: string }) | null;
  /** The same in one or two sentences for a person. */
  summary: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "2 imports, 1 foreign key" and "13 commits" apart: the commits say what they changed in each context. */
function tiesWords(t: Ties, commitsWord: string): string[] {
  const links = [
    ...(t.imports > 0 ? [plural(t.imports, 'import')] : []),
    ...(t.foreignKeys > 0 ? [plural(t.foreignKeys, 'foreign key')] : []),
  ];
  return [...links, ...(t.commitsTogether > 0 ? [`${plural(t.commitsTogether, 'commit')} ${commitsWord}`] : [])];
}

/**
 * Explanations of services (groups of module ids; the modules of none are the monolith). `edges` are the
 * clustering's weighted edges: the strongest tie is the node sharing most of that weight.
 */
export function explainServices(
  project: Project,
  services: ReadonlyArray<{ id: string; name: string; moduleIds: readonly string[] }>,
  commits: readonly ModuleCommit[],
  edges: readonly WeightedEdge[],
): ServiceExplanation[] {
  const nodeOf = new Map<string, number>();
  services.forEach((s, k) => s.moduleIds.forEach((id) => nodeOf.set(id, k)));
  const monolith = services.length;
  const node = (id: string) => nodeOf.get(id) ?? monolith;
  const inside: Ties[] = services.map(() => ({ imports: 0, foreignKeys: 0, commitsTogether: 0 }));
  // Ties between two nodes by a number (x, y) -> x * nodes + y: no key string per commit.
  const between = new Map<number, Ties & { weight: number }>();
  const keyOf = (x: number, y: number) => x * (monolith + 1) + y;
  const tie = (x: number, y: number) => {
    const key = keyOf(x, y);
    let t = between.get(key);
    if (!t) between.set(key, (t = { imports: 0, foreignKeys: 0, commitsTogether: 0, weight: 0 }));
    return t;
  };
  for (const d of project.monolith.dependencies) {
    if (d.from === d.to) continue;
    const [x, y] = [node(d.from), node(d.to)];
    const field = d.kind === 'data' ? 'foreignKeys' : 'imports';
    if (x === y) {
      if (x !== monolith) inside[x]![field] += d.weight;
    } else {
      tie(x, y)[field] += d.weight;
      tie(y, x)[field] += d.weight;
    }
  }
  for (const { a, b, weight } of edges) {
    const [x, y] = [node(a), node(b)];
    if (x === y) continue;
    tie(x, y).weight += weight;
    tie(y, x).weight += weight;
  }
  const authors = services.map(() => new Map<string, Set<string>>());
  // The nodes a commit touches and how many of its modules each holds, in two arrays reused for every commit.
  const nodes: number[] = [];
  const counts: number[] = [];
  for (const commit of commits) {
    nodes.length = 0;
    counts.length = 0;
    for (const id of commit.modules) {
      const x = node(id);
      const at = nodes.indexOf(x);
      if (at < 0) {
        nodes.push(x);
        counts.push(1);
      } else counts[at]!++;
      if (x !== monolith) {
        let touched = authors[x]!.get(commit.author);
        if (!touched) authors[x]!.set(commit.author, (touched = new Set()));
        touched.add(id);
      }
    }
    nodes.forEach((x, k) => {
      if (counts[k]! >= 2 && x !== monolith) inside[x]!.commitsTogether++;
    });
    if (nodes.length > 1) for (const x of nodes) for (const y of nodes) if (x !== y) tie(x, y).commitsTogether++;
  }
  const nameOf = (x: number) => (x === monolith ? 'the monolith' : services[x]!.name);
  return services.map((service, x) => {
    const sharedOwners = [...authors[x]!.entries()]
      .map(([author, modules]) => ({ author, modules: modules.size }))
      .filter((o) => o.modules >= 2)
      .sort((p, q) => q.modules - p.modules || (p.author < q.author ? -1 : p.author > q.author ? 1 : 0))
      .slice(0, 3);
    let strongest: { y: number; t: Ties & { weight: number } } | null = null;
    for (let y = 0; y <= monolith; y++) {
      const t = between.get(keyOf(x, y));
      if (t && t.weight > 0 && (strongest === null || t.weight > strongest.t.weight)) strongest = { y, t };
    }
    const strongestTie =
      strongest === null
        ? null
        : {
            serviceId: strongest.y === monolith ? MONOLITH_NODE_ID : services[strongest.y]!.id,
            name: nameOf(strongest.y),
            imports: strongest.t.imports,
            foreignKeys: strongest.t.foreignKeys,
            commitsTogether: strongest.t.commitsTogether,
          };
    const own = tiesWords(inside[x]!, 'changing two or more of them');
    const count = service.moduleIds.length;
    const why =
      count === 1
        ? `${service.name} is one module`
        : own.length === 0
          ? `${plural(count, 'module')} with no import, foreign key or commit between them`
          : `${plural(count, 'module')}: ${own.join(', ')}`;
    const owners = sharedOwners.length === 0 ? '' : `; ${sharedOwners.map((o) => `${o.author} changed ${o.modules}`).join(', ')} of them`;
    const tieWords = strongestTie === null ? [] : tiesWords(strongestTie, 'changing both');
    const most =
      strongestTie === null
        ? ' Nothing ties it to the rest.'
        : ` Most tied to ${strongestTie.name}${tieWords.length > 0 ? ` (${tieWords.join(', ')})` : ''}.`;
    return { inside: inside[x]!, sharedOwners, strongestTie, summary: `${why}${owners}.${most}` };
  });
}
