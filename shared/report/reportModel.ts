import { recommendFramework } from '../analysis/recommend';
import { getFramework } from '../catalog/frameworks';
import { getRuntime } from '../catalog/runtimes';
import type { Project } from '../model/project';
import { parseIsoDate } from '../planning/dates';
import type { Plan, PlannedPhase, PlannedService } from '../planning/types';

// What every export reads besides the plan: names for ids, where each service and module goes. Built once per
// render, in project order, so the output is deterministic.

export interface ServiceFacts {
  service: PlannedService;
  phase: PlannedPhase;
  frameworkName: string;
  runtimeName: string;
  /** Why the recommended framework fits, and whether the service's choice differs from it. */
  recommendation: { frameworkName: string; reason: string; differs: boolean };
  /** Dotted names of the modules it takes, in project order. */
  moduleNames: string[];
  /** Lines of code of each of those modules, in the same order. */
  moduleLines: number[];
  dependsOnNames: string[];
}

export interface ModulePlacement {
  moduleName: string;
  linesOfCode: number;
  /** The service's name, or null when the module stays in the monolith. */
  serviceName: string | null;
  phase: PlannedPhase | null;
}

export interface ReportModel {
  project: Project;
  plan: Plan;
  /** Services in plan order (phase by phase). */
  services: ServiceFacts[];
  byServiceId: ReadonlyMap<string, ServiceFacts>;
  /** Every module, sorted by name. */
  modules: ModulePlacement[];
  /** Whole weeks from the plan's start to its end. */
  durationWeeks: number;
}

export const frameworkName = (id: string): string => (id ? getFramework(id).name : 'None');
export const runtimeName = (id: string): string => getRuntime(id)?.name ?? id;

export function buildReportModel(project: Project, plan: Plan): ReportModel {
  const moduleName = new Map(project.monolith.modules.map((module) => [module.id, module.name]));
  const moduleLines = new Map(project.monolith.modules.map((module) => [module.id, module.linesOfCode]));
  const serviceName = new Map(project.services.map((service) => [service.id, service.name]));
  const services: ServiceFacts[] = [];
  for (const phase of plan.phases) {
    for (const service of phase.services) {
      const recommendation = project.services.some((candidate) => candidate.id === service.id)
        ? recommendFramework(project, service.id)
        : null;
      services.push({
        service,
        phase,
        frameworkName: frameworkName(service.framework),
        runtimeName: runtimeName(service.runtime),
        recommendation: {
          frameworkName: recommendation ? frameworkName(recommendation.frameworkId) : frameworkName(service.framework),
          reason: recommendation?.reason ?? '',
          differs: recommendation?.differs ?? false,
        },
        moduleNames: service.moduleIds.map((id) => moduleName.get(id) ?? id),
        moduleLines: service.moduleIds.map((id) => moduleLines.get(id) ?? 0),
        dependsOnNames: service.dependsOn.map((id) => serviceName.get(id) ?? (id === 'monolith' ? 'Monolith' : id)),
      });
    }
  }
  const byServiceId = new Map(services.map((facts) => [facts.service.id, facts]));
  const placementOf = new Map<string, ServiceFacts>();
  for (const facts of services) for (const id of facts.service.moduleIds) placementOf.set(id, facts);
  const modules = project.monolith.modules
    .map((module) => {
      const facts = placementOf.get(module.id);
      return {
        moduleName: module.name,
        linesOfCode: module.linesOfCode,
        serviceName: facts?.service.name ?? null,
        phase: facts?.phase ?? null,
      };
    })
    .sort((a, b) => (a.moduleName < b.moduleName ? -1 : a.moduleName > b.moduleName ? 1 : 0));
  const durationWeeks = Math.round((parseIsoDate(plan.end) - parseIsoDate(plan.start)) / 86_400_000 / 7 + 1 / 7);
  return { project, plan, services, byServiceId, modules, durationWeeks };
}

/** A team's name after a "Team" label, unless the name says it is a team ("Payments team", "Team A"): never
 * "Team Team A". */
export const needsTeamLabel = (team: string): boolean => !/\bteams?\b/i.test(team);
