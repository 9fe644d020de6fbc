import { createProject } from '../../shared/model/create';
import type { Project } from '../../shared/model/project';

/**
 * A valid project of about `megabytes` MB once saved: modules with many data models each. `variant` changes
 * every model name, so two variants of one size differ in every part of the file.
 */
export function bigProject(megabytes: number, variant = 'a'): Project {
  const project = createProject(`Large ${variant}`);
  const perModule = 50;
  // A saved model name takes about 52 bytes ("        \"Entity_a_1_2_xxxxxxxxxxxx\",\n"), with its module's share.
  const modules = Math.max(1, Math.round((megabytes * 1024 * 1024) / (perModule * 52)));
  for (let i = 0; i < modules; i++) {
    project.monolith.modules.push({
      id: `m${i}`,
      name: `shop.part${i}`,
      path: `shop/part${i}`,
      linesOfCode: 1000 + i,
      tags: [],
      entities: Array.from({ length: perModule }, (_, j) => `Entity_${variant}_${i}_${j}_${'x'.repeat(12)}`),
      files: 3,
      apiSurface: 0,
      thirdParty: [],
    });
  }
  return project;
}
