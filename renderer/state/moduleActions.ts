import { assignModules } from '../../shared/commands/assign';
import { createService, nextServiceId, serviceNameForModule } from '../../shared/commands/services';
import type { Project } from '../../shared/model/project';
import { MONOLITH_NODE_ID } from '../../shared/model/project';
import { ask, type MoveTarget } from './dialogStore';
import { documentStore } from './documentStore';
import { edit } from './edit';
import { selectModules, selectNodes } from './selectionStore';
import { showNotice } from './uiStore';

// Module flows shared by the monolith panel, the canvas and the inspector: "Move to service..." (a question,
// then one undo step).

/** The project with the modules moved to the target: one pure edit (a new service is created with them). */
export function applyMove(project: Project, moduleIds: readonly string[], target: MoveTarget): Project {
  switch (target.kind) {
    case 'service':
      return assignModules(project, { moduleIds, serviceId: target.serviceId });
    case 'monolith':
      return assignModules(project, { moduleIds, serviceId: null });
    case 'new':
      return createService(project, { name: target.name, moduleIds });
  }
}

/** The name a new service gets by default: after the first module moved. */
export function defaultServiceName(project: Project, moduleIds: readonly string[]): string {
  const first = project.monolith.modules.find((module) => module.id === moduleIds[0]);
  return first ? serviceNameForModule(first.name) : 'New service';
}

/** "Move to service...": ask where, then move the modules there as one undo step. */
export async function moveModulesTo(moduleIds: string[]): Promise<void> {
  if (moduleIds.length === 0) return;
  const target = await ask('move', { moduleIds });
  const project = documentStore.getState().project;
  if (!target || !project) return;
  const newId = target.kind === 'new' ? nextServiceId(project, target.name.trim()) : null;
  if (!edit('Move to service', (current) => applyMove(current, moduleIds, target))) return;
  const count = moduleIds.length === 1 ? '1 module' : `${moduleIds.length} modules`;
  const after = documentStore.getState().project;
  const where =
    target.kind === 'monolith'
      ? 'the monolith'
      : (after?.services.find((s) => s.id === (target.kind === 'new' ? newId : target.serviceId))?.name ?? 'the service');
  showNotice(`Moved ${count} to ${where}`);
  if (newId) selectNodes([newId]);
  else selectModules(moduleIds);
}

/** Where a module sits now: its service id, or MONOLITH_NODE_ID. */
export function ownerOf(project: Project, moduleId: string): string {
  return project.services.find((service) => service.moduleIds.includes(moduleId))?.id ?? MONOLITH_NODE_ID;
}
