import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import {
  deleteScenario,
  duplicateScenario,
  renameScenario,
  switchScenario,
  type DuplicateScenarioArgs,
  type RenameScenarioArgs,
} from '../../shared/commands/scenarios';
import { MONOLITH_NODE_ID, type Project } from '../../shared/model/project';
import { flushViewport } from './canvasStore';
import { documentStore } from './documentStore';
import { edit, editProblem, type Update } from './edit';
import { requestFit, selectionStore, type SelectionState } from './selectionStore';

// Scenarios (issue 9, item 5) as the renderer edits them: each is one undo step through `edit`. Switching (and
// accepting a proposal as a new scenario) puts another design on the canvas: the selection keeps only what that
// design still has (services, links and service-graph edges differ between designs; modules are shared) and the
// canvas frames the new layout.

type Selected = Pick<SelectionState, 'nodeIds' | 'moduleIds' | 'edgeId'>;

/** The selection with the services, links and edges that `project`'s design lacks taken out; the same object when nothing goes. */
export function selectionIn(project: Project, selection: Selected): Selected {
  const services = new Set(project.services.map((service) => service.id));
  const nodeIds = selection.nodeIds.filter((id) => id === MONOLITH_NODE_ID || services.has(id));
  const modules = new Set(project.monolith.modules.map((module) => module.id));
  const moduleIds = selection.moduleIds.filter((id) => modules.has(id));
  let edgeId = selection.edgeId;
  if (edgeId !== null && !project.links.some((link) => link.id === edgeId)) {
    if (!edgeId.includes('->') || !buildServiceGraph(project).edgeById.has(edgeId)) edgeId = null;
  }
  const same =
    nodeIds.length === selection.nodeIds.length && moduleIds.length === selection.moduleIds.length && edgeId === selection.edgeId;
  return same ? selection : { nodeIds, moduleIds, edgeId };
}

/** After another design came to the canvas: drop what it lacks from the selection, and frame its nodes. */
function showNewDesign(): void {
  const project = documentStore.getState().project;
  if (!project) return;
  const { nodeIds, moduleIds, edgeId } = selectionStore.getState();
  const kept = selectionIn(project, { nodeIds, moduleIds, edgeId });
  if (kept.nodeIds !== nodeIds || kept.moduleIds !== moduleIds || kept.edgeId !== edgeId) selectionStore.setState(kept);
  requestFit([MONOLITH_NODE_ID, ...project.services.map((service) => service.id)]);
}

/** Edits that put another design on the canvas: the one leaving keeps where the view was (as a save would). */
function editDesign(what: string, update: Update): boolean {
  flushViewport();
  const before = documentStore.getState().project;
  const applied = edit(what, update);
  if (applied && documentStore.getState().project !== before) showNewDesign();
  return applied;
}

/** Make a scenario the active design; true when it applied. */
export function switchToScenario(scenarioId: string): boolean {
  return editDesign('Switch scenario', (project) => switchScenario(project, { scenarioId }));
}

/** A copy of a scenario's design (the active one by default) beside the others; its line when refused. */
export function duplicateScenarioOf(args: DuplicateScenarioArgs = {}): string | null {
  return editProblem('Duplicate scenario', (project) => duplicateScenario(project, args));
}

/** A scenario's new name and/or description; its line when refused (a name in use, an empty name). */
export function renameScenarioTo(args: RenameScenarioArgs): string | null {
  return editProblem('Rename scenario', (project) => renameScenario(project, args));
}

/** Delete a scenario that is not the active one; its line when refused. */
export function deleteScenarioById(scenarioId: string): string | null {
  return editProblem('Delete scenario', (project) => deleteScenario(project, { scenarioId }));
}

/**
 * Accept a change of design (a proposal) as a new scenario, in one undo step: the active design is duplicated
 * under `name`, the copy becomes active, and `update` applies to it, so the design it replaces stays in the
 * project under its own name. For the importer's suggestions. True when it applied (a refusal is shown in the
 * status bar as any edit's).
 */
export function acceptAsNewScenario(name: string, update: Update): boolean {
  return editDesign('Accept as a new scenario', (project) => {
    const copied = duplicateScenario(project, { name });
    const copy = copied.otherScenarios[copied.otherScenarios.length - 1]!;
    return update(switchScenario(copied, { scenarioId: copy.id }));
  });
}
