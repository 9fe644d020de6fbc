import { CommandError } from '../../../shared/commands/errors';
import { defaultPhaseName, ensurePhases, pinService, updatePhase, type PhaseChanges } from '../../../shared/commands/phases';
import type { Project } from '../../../shared/model/project';
import { editProject } from '../../state/documentStore';
import { showError } from '../../state/uiStore';

// Roadmap edits as the view makes them: each is one undo step, and a command that refuses its arguments shows
// its one-line message instead of throwing. Phases are addressed by their index in the plan: a phase the
// planner made up (beyond project.phases) becomes a real one first.

/** Runs one edit; a refused edit shows its message and changes nothing. True when it went through. */
export function applyEdit(update: (project: Project) => Project): boolean {
  try {
    editProject(update);
    return true;
  } catch (error) {
    if (error instanceof CommandError) {
      showError(error.message);
      return false;
    }
    throw error;
  }
}

/** The project with the plan's phase `index` made real, and that phase's id. */
export function materialisePhase(project: Project, index: number): { project: Project; phaseId: string } {
  const next = ensurePhases(project, index + 1);
  return { project: next, phaseId: next.phases[index]!.id };
}

export function editPhaseAt(index: number, changes: PhaseChanges): boolean {
  return applyEdit((project) => {
    const { project: next, phaseId } = materialisePhase(project, index);
    return updatePhase(next, { phaseId, changes });
  });
}

/**
 * Names the plan's phase `index` as typed; an empty name gives it back the name Carve gives a new phase
 * ("Phase 2"), which the plan replaces with one from its services. False when there is nothing to do.
 */
export function renamePhaseAt(index: number, name: string, isNamedByContent: boolean): boolean {
  if (name.trim()) return editPhaseAt(index, { name });
  return !isNamedByContent && editPhaseAt(index, { name: defaultPhaseName(index) });
}

/** Pins a service to the plan's phase `index` (null: the planner chooses). */
export function pinToPhaseAt(serviceId: string, index: number | null): boolean {
  return applyEdit((project) => {
    if (index === null) return pinService(project, { serviceId, phaseId: null });
    const { project: next, phaseId } = materialisePhase(project, index);
    return pinService(next, { serviceId, phaseId });
  });
}
