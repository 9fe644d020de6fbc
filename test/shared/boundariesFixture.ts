// Planted co-change for the boundaries tests: three groups of three modules (m0-m8) whose commits touch 1-3
// modules of one group, 200 before time 5000 and 100 from it on, and two commits after it that cross groups.
import type { ModuleCommit } from '../../shared/boundaries/history';
import { mulberry32 } from '../../shared/random';

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
