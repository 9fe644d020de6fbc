import type { Project, Scenario } from './project';

// The modules of the monolith are shared by every scenario: when one goes (deleted, or gone from a re-import),
// it leaves the services of the scenarios that are not active too, or the project would fail its integrity check.

/** The other scenarios with the modules `isGone` names taken out of their services; the same array when none held one. */
export function dropModulesFromScenarios(otherScenarios: Project['otherScenarios'], isGone: (moduleId: string) => boolean): Project['otherScenarios'] {
  let changed = false;
  const next = otherScenarios.map((scenario): Scenario => {
    if (!scenario.services.some((service) => service.moduleIds.some(isGone))) return scenario;
    changed = true;
    return {
      ...scenario,
      services: scenario.services.map((service) =>
        service.moduleIds.some(isGone) ? { ...service, moduleIds: service.moduleIds.filter((id) => !isGone(id)) } : service,
      ),
    };
  });
  return changed ? next : otherScenarios;
}
