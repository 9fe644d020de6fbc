import { assignmentOf, assignmentOfGroups, backtest, groupSizes, randomBacktest, splitAt } from '../boundaries/backtest';
import { mergeGroups } from '../boundaries/cluster';
import { scopeOf } from '../boundaries/constraints';
import { dayOf, type ModuleCommit } from '../boundaries/history';
import { evidenceEdges } from '../boundaries/propose';
import type { Project } from '../model/project';
import { allScenarios, projectWithDesign } from '../model/scenarios';
import { planMigration } from '../planning/planner';
import { computeMetrics } from './metrics';

// The scenarios of a project side by side (issue 9, item 5): for each design, the figures Carve already computes
// for the active one, from the same functions (metrics, planner, backtest), so a scenario reads the same here as
// it does once switched to. Pure: the history, when there is one, is read by the caller (main/) and passed in.

export interface ScenarioBacktest {
  /** Commits from the cut-off on that touched a module of the project. */
  commits: number;
  /** Of those, the commits that touched more than one service (the monolith counting as one). */
  crossing: number;
  /** crossing / commits: lower is better, services that change alone deploy alone. */
  share: number;
  /** The median share of random partitions of the modules into groups of the same sizes. */
  randomMedian: number;
  /**
   * The share of one service per app (module), merged on imports and data to as many groups as this design has;
   * null for a design with no service.
   */
  perAppMerged: number | null;
}

export interface ScenarioFigures {
  id: string;
  name: string;
  description: string;
  active: boolean;
  services: number;
  /** Modules the services take, and the modules left in the monolith. */
  modulesInServices: number;
  monolithModules: number;
  structuralModularity: number;
  /** The share of the dependencies' weight that crosses between services (the monolith counting as one). */
  crossingShareByWeight: number;
  /** Cycles between services, as the planner finds them. */
  cycles: number;
  phases: number;
  effortPersonWeeks: number;
  /** ISO dates of the plan. */
  start: string;
  end: string;
  /** The plan's length: its phases' weeks, end to end. */
  weeks: number;
  /** The planner's warnings (pins out of order, over capacity...). */
  warnings: number;
  /** null without history. */
  backtest: ScenarioBacktest | null;
}

export interface ScenarioComparison {
  scenarios: ScenarioFigures[];
  /** The backtest's cut-off (YYYY-MM-DD) and the commits from it on; null without history. */
  history: { cutoff: string; commitsAfter: number } | null;
}

export interface CompareOptions {
  /** The project's history mapped to its modules (commitsByModule) and the cut-off (seconds since the epoch). */
  history?: { commits: readonly ModuleCommit[]; cutoff: number };
}

/**
 * One service per app (module; tests stay in the monolith), merged on imports and data (mergeGroups, as
 * proposeBoundaries's baseline) to as many groups as the design has: its services, and the monolith when it keeps
 * modules (the sizes random partitions are drawn to). null for a design with no service.
 */
function perAppMergedShare(design: Project, after: readonly ModuleCommit[]): number | null {
  if (!design.services.some((s) => s.moduleIds.length > 0)) return null;
  const count = groupSizes(
    design.monolith.modules.map((m) => m.id),
    assignmentOf(design),
  ).length;
  const units = [...scopeOf(design).units.keys()];
  const { groups } = mergeGroups(
    units.map((unit) => [unit]),
    evidenceEdges(design, []),
    count,
  );
  return backtest(after, assignmentOfGroups(groups)).share;
}

/** Every scenario of the project, the active one first, with its metrics, plan figures and backtest. */
export function compareScenarios(project: Project, options: CompareOptions = {}): ScenarioComparison {
  const after = options.history ? splitAt(options.history.commits, options.history.cutoff).after : null;
  const moduleIds = project.monolith.modules.map((m) => m.id);
  const scenarios = allScenarios(project).map(({ scenario, active }): ScenarioFigures => {
    const design = active ? project : projectWithDesign(project, scenario);
    const metrics = computeMetrics(design);
    const plan = planMigration(design);
    const assigned = design.services.reduce((sum, s) => sum + s.moduleIds.length, 0);
    let tested: ScenarioBacktest | null = null;
    if (after) {
      const assignment = assignmentOf(design);
      const result = backtest(after, assignment);
      tested = {
        ...result,
        randomMedian: randomBacktest(after, moduleIds, groupSizes(moduleIds, assignment)),
        perAppMerged: result.commits > 0 ? perAppMergedShare(design, after) : null,
      };
    }
    return {
      id: scenario.id,
      name: scenario.name,
      description: scenario.description,
      active,
      services: design.services.length,
      modulesInServices: assigned,
      monolithModules: moduleIds.length - assigned,
      structuralModularity: metrics.structuralModularity,
      crossingShareByWeight: metrics.crossingShareByWeight,
      cycles: plan.cycles.length,
      phases: plan.phases.length,
      effortPersonWeeks: plan.totalEffort,
      start: plan.start,
      end: plan.end,
      weeks: plan.phases.reduce((sum, phase) => sum + phase.lengthWeeks, 0),
      warnings: plan.warnings.length,
      backtest: tested,
    };
  });
  const history = options.history && after ? { cutoff: dayOf(options.history.cutoff), commitsAfter: after.length } : null;
  return { scenarios, history };
}
