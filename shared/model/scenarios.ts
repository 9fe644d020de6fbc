import type { Design, Project, Scenario, ScenarioInfo } from './project';

// The modules of the monolith are shared by every scenario: when one goes (deleted, or gone from a re-import),
// it leaves the services of the scenarios that are not active too, or the project would fail its integrity check.

/** The other scenarios with the modules `isGone` names taken out of their services; the same array when none held one. */
export function dropModulesFromScenarios(
  otherScenarios: Project['otherScenarios'],
  isGone: (moduleId: string) => boolean,
): Project['otherScenarios'] {
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

/** The design parts of a project or a scenario (the arrays shared, not copied). */
export function designOf(source: Design): Design {
  return { services: source.services, links: source.links, phases: source.phases, planning: source.planning, layout: source.layout };
}

/** The name parts of a scenario. */
export function scenarioInfoOf(scenario: ScenarioInfo): ScenarioInfo {
  return { id: scenario.id, name: scenario.name, description: scenario.description };
}

/** Every scenario of the project, the active one first then the others in file order, each with its design. */
export function allScenarios(project: Project): { scenario: Scenario; active: boolean }[] {
  return [
    { scenario: { ...scenarioInfoOf(project.scenario), ...designOf(project) }, active: true },
    ...project.otherScenarios.map((scenario) => ({ scenario, active: false })),
  ];
}

/** The project with this scenario's design at the top level and no other scenario: what the planner and metrics read. */
export function projectWithDesign(project: Project, scenario: Scenario): Project {
  return { ...project, ...designOf(scenario), scenario: scenarioInfoOf(scenario), otherScenarios: [] };
}

/**
 * The scenario a person means by `text`: its id, its exact name, or its name in any case when only one matches.
 * null when none does.
 */
export function findScenario(project: Project, text: string): ScenarioInfo | null {
  const all: ScenarioInfo[] = [project.scenario, ...project.otherScenarios];
  const exact = all.find((s) => s.id === text) ?? all.find((s) => s.name === text);
  if (exact) return scenarioInfoOf(exact);
  const folded = all.filter((s) => s.name.toLowerCase() === text.toLowerCase());
  return folded.length === 1 ? scenarioInfoOf(folded[0]!) : null;
}
