import { CommandError } from '../../shared/commands/errors';
import { ensurePhases, pinService, updatePhase, type PhaseChanges } from '../../shared/commands/phases';
import type { Project } from '../../shared/model/project';
import { editProject } from '../state/documentStore';
import { showError } from '../state/uiStore';

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

/** Pins a service to the plan's phase `index` (null: the planner chooses). */
export function pinToPhaseAt(serviceId: string, index: number | null): boolean {
  return applyEdit((project) => {
    if (index === null) return pinService(project, { serviceId, phaseId: null });
    const { project: next, phaseId } = materialisePhase(project, index);
    return pinService(next, { serviceId, phaseId });
  });
}
