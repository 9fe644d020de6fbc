import { defaultPhaseName, ensurePhases, pinService, updatePhase, type PhaseChanges } from '../../../shared/commands/phases';
import type { Project } from '../../../shared/model/project';
import { edit } from '../../state/edit';

// Roadmap edits as the view makes them, through the one edit path (state/edit.ts): each is one undo step, and a
// refused command shows its one-line message. Phases are addressed by their index in the plan: a phase the
// planner made up (beyond project.phases) becomes a real one first.

/** The project with the plan's phase `index` made real, and that phase's id. */
export function materialisePhase(project: Project, index: number): { project: Project; phaseId: string } {
  const next = ensurePhases(project, index + 1);
  return { project: next, phaseId: next.phases[index]!.id };
}

export function editPhaseAt(index: number, changes: PhaseChanges, what = 'Phase'): boolean {
  return edit(what, (project) => {
    const { project: next, phaseId } = materialisePhase(project, index);
    return updatePhase(next, { phaseId, changes });
  });
}

/**
 * Names the plan's phase `index` as typed; an empty name gives it back the name Carve gives a new phase
 * ("Phase 2"), which the plan replaces with one from its services. False when there is nothing to do.
 */
export function renamePhaseAt(index: number, name: string, isNamedByContent: boolean): boolean {
  if (name.trim()) return editPhaseAt(index, { name }, 'Phase name');
  return !isNamedByContent && editPhaseAt(index, { name: defaultPhaseName(index) }, 'Phase name');
}

/** Pins a service to the plan's phase `index` (null: the planner chooses). */
export function pinToPhaseAt(serviceId: string, index: number | null): boolean {
  return edit('Pin to phase', (project) => {
    if (index === null) return pinService(project, { serviceId, phaseId: null });
    const { project: next, phaseId } = materialisePhase(project, index);
    return pinService(next, { serviceId, phaseId });
  });
}
