import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import type { Plan } from '../../shared/planning/types';
import { memoByObject } from './memo';

// The migration plan of a project, computed once per project object (edits replace the object, so a new plan
// follows each edit; undo brings back an object whose plan is still cached). Pure: the page and the derived
// data worker (derivedWorker.ts) share it.

const NO_PHASES: Map<string, number> = new Map();

/** What the planner, the checks and the metrics read: an edit that keeps all of these (a node move, a rename of
 * the project) keeps the plan and the analysis. */
export const planInputs = (project: Project): readonly unknown[] => [
  project.monolith,
  project.services,
  project.links,
  project.phases,
  project.planning,
];

/** True when the two lists hold the same objects in the same order. */
export const sameInputs = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((input, i) => input === b[i]);

let last: { inputs: readonly unknown[]; plan: Plan | null } | null = null;

/** The planner's answer, or null when it refuses the project. */
export function planOrNull(project: Project): Plan | null {
  try {
    return planMigration(project);
  } catch {
    return null;
  }
}

/**
 * The plan of a project, cached per project object, and carried over from the previous project when the edit
 * left everything the planner reads untouched (commands share unchanged parts); null when the planner refuses it.
 */
export const planFor = memoByObject((project: Project): Plan | null => {
  const inputs = planInputs(project);
  const plan = last && sameInputs(last.inputs, inputs) ? last.plan : planOrNull(project);
  last = { inputs, plan };
  return plan;
});

/** Service id -> phase index, cached per plan. */
const phasesOfPlan = memoByObject((plan: Plan): Map<string, number> => {
  const map = new Map<string, number>();
  for (const phase of plan.phases) for (const service of phase.services) map.set(service.id, phase.index);
  return map;
});

export function phaseIndexByService(plan: Plan | null | undefined): Map<string, number> {
  return plan ? phasesOfPlan(plan) : NO_PHASES;
}
