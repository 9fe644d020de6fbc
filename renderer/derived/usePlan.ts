import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import type { Plan } from '../../shared/planning/types';
import { useDocument } from '../state/documentStore';
import { memoByObject } from './memo';

// The migration plan of the open project, computed once per project object (edits replace the object, so a
// new plan follows each edit; undo brings back an object whose plan is still cached). Every component that
// asks shares the one plan.

const NO_PHASES: Map<string, number> = new Map();

/** What the planner reads: an edit that keeps all of these (a node move, a rename of the project) keeps the plan. */
const planInputs = (project: Project): readonly unknown[] => [
  project.monolith,
  project.services,
  project.links,
  project.phases,
  project.planning,
];
let last: { inputs: readonly unknown[]; plan: Plan | null } | null = null;

/**
 * The plan of a project, cached per project object, and carried over from the previous project when the edit
 * left everything the planner reads untouched (commands share unchanged parts); null when the planner refuses it.
 */
export const planFor = memoByObject((project: Project): Plan | null => {
  const inputs = planInputs(project);
  let plan: Plan | null;
  if (last && last.inputs.every((input, i) => input === inputs[i])) {
    plan = last.plan;
  } else {
    try {
      plan = planMigration(project);
    } catch {
      plan = null;
    }
  }
  last = { inputs, plan };
  return plan;
});

/** Service id -> phase index, cached per plan. */
const phasesOfPlan = memoByObject((plan: Plan): Map<string, number> => {
  const map = new Map<string, number>();
  for (const phase of plan.phases) for (const service of phase.services) map.set(service.id, phase.index);
  return map;
});

export function phaseIndexByService(plan: Plan | null): Map<string, number> {
  return plan ? phasesOfPlan(plan) : NO_PHASES;
}

const selectPlan = (state: { project: Project | null }) => (state.project ? planFor(state.project) : null);
const selectPhases = (state: { project: Project | null }) => phaseIndexByService(selectPlan(state));

/** The open project's plan (null without a project). */
export function usePlan(): Plan | null {
  return useDocument(selectPlan);
}

/** Service id -> index of the phase that extracts it; the same Map object until the plan changes. */
export function usePlanPhases(): Map<string, number> {
  return useDocument(selectPhases);
}

// Mid-tone hues that read on a light and a dark surface alike, in the order of the report's palette so that the
// canvas, the roadmap and the PDF give a phase the same hue. Foundations (phase 0) is slate.
const PHASE_COLORS = ['#4f86d9', '#3f9d6a', '#c98a2b', '#8e6bc9', '#c8638f', '#3c97ad', '#7b9a3a', '#c86060', '#6a70c9', '#3a9a90'];
const FOUNDATIONS_COLOR = '#7a8699';

/** The colour of a phase, by index: slate for phase 0, then a calm cycle of ten hues. */
export function phaseColor(index: number): string {
  if (!Number.isFinite(index) || index < 1) return FOUNDATIONS_COLOR;
  return PHASE_COLORS[(Math.floor(index) - 1) % PHASE_COLORS.length]!;
}
