import type { Plan } from '../../shared/planning/types';
import { useDerived } from './background';
import { phaseIndexByService } from './plan';

// The open project's plan for the components (its computation: plan.ts, off the first paint: background.ts).
// Every component that asks shares the one plan.

/** The open project's plan: null when the planner refuses it, undefined without a project and while a large
 * project's first plan is computed. */
export function usePlan(): Plan | null | undefined {
  const derived = useDerived();
  return derived ? derived.plan : undefined;
}

/** Service id -> index of the phase that extracts it; the same Map object until the plan changes (empty while
 * the plan is computed). */
export function usePlanPhases(): Map<string, number> {
  return phaseIndexByService(useDerived()?.plan);
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
