// Accepting proposed services (the app's Accept and `carve suggest`): create them with createService, laid out
// in a grid beside the Monolith (or below what is drawn) so that no two nodes overlap.
import type { ProposedService } from '../importer/suggest';
import type { Project } from '../model/project';
import { chipNamesOf, estimateServiceSize, gridPositions } from './arrange';
import { createService, serviceNameForModule } from './services';

/** A service name for a proposal: "Orders" for one module, "Orders +2" for a group led by orders. */
export function proposedName(service: Pick<ProposedService, 'name'>): string {
  const match = /^(.*?)( \+\d+)?$/.exec(service.name)!;
  return `${serviceNameForModule(match[1]!)}${match[2] ?? ''}`;
}

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
    next = createService(next, { name: proposedName(service), moduleIds, position: { x, y } });
  });
  return next;
}
