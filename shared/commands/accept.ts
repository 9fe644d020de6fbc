// Accepting proposed services (the app's Accept and `carve suggest`): create them with createService under the
// names they were proposed with (their dominant domain, boundaries/names.ts), laid out in a grid beside the
// Monolith (or below what is drawn) so that no two nodes overlap.
import type { ProposedService } from '../boundaries/staticLouvain';
import type { Project } from '../model/project';
import { chipNamesOf, estimateServiceSize, gridPositions } from './arrange';
import { createService } from './services';

/** The project with these proposed services created (modules that no longer exist are left out). */
export function acceptServices(project: Project, services: readonly ProposedService[]): Project {
  const known = new Set(project.monolith.modules.map((m) => m.id));
  const chosen = services
    .map((service) => ({ service, moduleIds: service.moduleIds.filter((id) => known.has(id)) }))
    .filter((entry) => entry.moduleIds.length > 0);
  const positions = gridPositions(
    project,
    chosen.map((entry, k) => ({ id: String(k), size: estimateServiceSize(chipNamesOf(project, entry.moduleIds)) })),
  );
  let next = project;
  chosen.forEach(({ service, moduleIds }, k) => {
    const { x, y } = positions[k]!;
    next = createService(next, { name: service.name, moduleIds, position: { x, y } });
  });
  return next;
}
