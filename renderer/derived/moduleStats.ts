import type { Project } from '../../shared/model/project';
import { memoByObject } from './memo';

export interface ModuleStats {
  /** Dependencies in and out of the module (a dependency on itself counted once). */
  count: number;
  /** Their summed weight. */
  weight: number;
}

/** Per module, how many dependencies touch it and their weight; computed once per monolith object. */
export const moduleStats = memoByObject((monolith: Project['monolith']): Map<string, ModuleStats> => {
  const stats = new Map(monolith.modules.map((module) => [module.id, { count: 0, weight: 0 }]));
  for (const dependency of monolith.dependencies) {
    for (const id of dependency.from === dependency.to ? [dependency.from] : [dependency.from, dependency.to]) {
      const entry = stats.get(id);
      if (!entry) continue;
      entry.count += 1;
      entry.weight += dependency.weight;
    }
  }
  return stats;
});
