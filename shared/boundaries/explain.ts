// Why a proposed service's modules belong together, and what ties it most to the others (issue 9): the imports
// and foreign keys between its modules, the commits (before the cut-off) that changed two or more of them, the
// authors who changed several of them; and the other service (or the monolith) it shares most evidence with.
import { MONOLITH_NODE_ID, type Project } from '../model/project';
import type { WeightedEdge } from './cluster';
import type { ModuleCommit } from './history';
import { commitIndex } from './refine';

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

/** n.toLocaleString('en-US'), without making a number format per call. */
const grouped = new Intl.NumberFormat('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${grouped.format(n)} ${n === 1 ? one : many}`;

/** Per author, the modules (by commitIndex's numbers) they changed: built once per list of commits. */
const authorsOfCommits = new WeakMap<readonly ModuleCommit[], Map<string, Set<number>>>();

function modulesByAuthor(commits: readonly ModuleCommit[]): Map<string, Set<number>> {
  const known = authorsOfCommits.get(commits);
  if (known) return known;
  const { starts, modules } = commitIndex(commits);
  const byAuthor = new Map<string, Set<number>>();
  commits.forEach((commit, c) => {
    let touched = byAuthor.get(commit.author);
    if (!touched) byAuthor.set(commit.author, (touched = new Set()));
    for (let k = starts[c]!; k < starts[c + 1]!; k++) touched.add(modules[k]!);
  });
  authorsOfCommits.set(commits, byAuthor);
  return byAuthor;
}

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
  // Ties between two nodes at x * (nodes) + y of four arrays: no key string, no object per pair.
  const square = (monolith + 1) * (monolith + 1);
  const tieImports = new Float64Array(square);
  const tieForeignKeys = new Float64Array(square);
  const tieCommits = new Float64Array(square);
  const tieWeight = new Float64Array(square);
  const keyOf = (x: number, y: number) => x * (monolith + 1) + y;
  for (const d of project.monolith.dependencies) {
    if (d.from === d.to) continue;
    const [x, y] = [node(d.from), node(d.to)];
    const field = d.kind === 'data' ? 'foreignKeys' : 'imports';
    if (x === y) {
      if (x !== monolith) inside[x]![field] += d.weight;
    } else {
      const ties = d.kind === 'data' ? tieForeignKeys : tieImports;
      ties[keyOf(x, y)]! += d.weight;
      ties[keyOf(y, x)]! += d.weight;
    }
  }
  for (const { a, b, weight } of edges) {
    const [x, y] = [node(a), node(b)];
    if (x === y) continue;
    tieWeight[keyOf(x, y)]! += weight;
    tieWeight[keyOf(y, x)]! += weight;
  }
  // The commits by module numbers (commitIndex), each number's node in an array.
  const { indexOf, starts, modules } = commitIndex(commits);
  const nodeAt = new Int32Array(indexOf.size).fill(monolith);
  for (const [id, m] of indexOf) nodeAt[m] = node(id);
  // Per service, the authors who changed its modules and how many of them.
  const authors = services.map(() => new Map<string, number>());
  for (const [author, touched] of modulesByAuthor(commits)) {
    for (const m of touched) {
      const x = nodeAt[m]!;
      if (x !== monolith) authors[x]!.set(author, (authors[x]!.get(author) ?? 0) + 1);
    }
  }
  // The nodes a commit touches and how many of its modules each holds, in two arrays reused for every commit
  // (a commit of one module ties nothing).
  const nodes = new Int32Array(monolith + 1);
  const counts = new Int32Array(monolith + 1);
  for (let c = 0; c + 1 < starts.length; c++) {
    if (starts[c + 1]! - starts[c]! < 2) continue;
    let touched = 0;
    for (let k = starts[c]!; k < starts[c + 1]!; k++) {
      const x = nodeAt[modules[k]!]!;
      if (counts[x]!++ === 0) nodes[touched++] = x;
    }
    for (let i = 0; i < touched; i++) {
      const x = nodes[i]!;
      if (counts[x]! >= 2 && x !== monolith) inside[x]!.commitsTogether++;
      counts[x] = 0;
      for (let j = 0; j < touched; j++) if (j !== i) tieCommits[keyOf(x, nodes[j]!)]!++;
    }
  }
  const nameOf = (x: number) => (x === monolith ? 'the monolith' : services[x]!.name);
  return services.map((service, x) => {
    const sharedOwners = [...authors[x]!.entries()]
      .map(([author, modules]) => ({ author, modules }))
      .filter((o) => o.modules >= 2)
      .sort((p, q) => q.modules - p.modules || (p.author < q.author ? -1 : p.author > q.author ? 1 : 0))
      .slice(0, 3);
    let strongest = -1;
    for (let y = 0; y <= monolith; y++) {
      const weight = tieWeight[keyOf(x, y)]!;
      if (weight > 0 && (strongest < 0 || weight > tieWeight[keyOf(x, strongest)]!)) strongest = y;
    }
    const strongestTie =
      strongest < 0
        ? null
        : {
            serviceId: strongest === monolith ? MONOLITH_NODE_ID : services[strongest]!.id,
            name: nameOf(strongest),
            imports: tieImports[keyOf(x, strongest)]!,
            foreignKeys: tieForeignKeys[keyOf(x, strongest)]!,
            commitsTogether: tieCommits[keyOf(x, strongest)]!,
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
