// The boundaries tests' fixtures: projects of chosen modules, and planted co-change: three groups of three modules
// (m0-m8) whose commits touch 1-3 modules of one group, 200 before time 5000 and 100 from it on, and two commits
// after it that cross groups.
import type { ModuleCommit } from '../../shared/boundaries/history';
import { createProject } from '../../shared/model/create';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { mulberry32 } from '../../shared/random';

export type ModuleSpec = { id: string; name?: string; path?: string; lines?: number };

/** A project of these modules (path: the dotted name as folders unless given; 100 lines unless given). */
export function projectOf(
  modules: readonly ModuleSpec[],
  deps: Array<{ from: string; to: string; kind?: string; weight?: number }> = [],
  services: Array<{ id: string; name: string; moduleIds: string[] }> = [],
): Project {
  const base = createProject('Test');
  return ProjectSchema.parse({
    ...base,
    monolith: {
      ...base.monolith,
      modules: modules.map((m) => ({
        id: m.id,
        name: m.name ?? m.id,
        path: m.path ?? (m.name ?? m.id).replaceAll('.', '/'),
        linesOfCode: m.lines ?? 100,
      })),
      dependencies: deps.map((d) => ({ kind: 'import', weight: 1, ...d })),
    },
    services,
  });
}

export const PLANTED_GROUPS = [
  ['m0', 'm1', 'm2'],
  ['m3', 'm4', 'm5'],
  ['m6', 'm7', 'm8'],
];

export function plantedCommits(author = 'ann'): ModuleCommit[] {
  const random = mulberry32(3);
  const commits: ModuleCommit[] = [];
  for (let k = 0; k < 300; k++) {
    const g = PLANTED_GROUPS[k % 3]!;
    const picked = g.filter(() => random() < 0.6);
    commits.push({ time: k < 200 ? 1000 + k : 5000 + k, author, modules: picked.length > 0 ? picked : [g[0]!] });
  }
  commits.push({ time: 5001, author, modules: ['m0', 'm3'] }, { time: 5002, author, modules: ['m4', 'm8'] });
  return commits;
}
