import { assignModules } from '../../../shared/commands/assign';
import { createService, nextServiceId, serviceNameForModule } from '../../../shared/commands/services';
import { MONOLITH_NODE_ID } from '../../../shared/model/project';
import type { Project } from '../../../shared/model/project';

// Modules dropped on the canvas (from the monolith panel or from a service's chips): the private MIME type
// carries a JSON array of module ids. Where they land decides the edit, always one undo step.

export const MODULE_MIME = 'application/x-carve-modules';

/** The module ids a drag carries, or null when it carries none (or something that is not a list of ids). */
export function parseModuleIds(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || value.length === 0 || !value.every((id) => typeof id === 'string')) return null;
    return value as string[];
  } catch {
    return null;
  }
}

/** The canvas node under a DOM element (React Flow puts data-id on each node's wrapper), if any. */
export function nodeIdAt(element: Element | null): string | null {
  const node = element?.closest('.react-flow__node');
  return node?.getAttribute('data-id') ?? null;
}

/**
 * The canvas node a drop at a point lands on: the element hit first, else the first node among the elements
 * stacked at that point. An edge drawn over a node (a selected node's edges are raised above the nodes) must not
 * turn a drop onto the node into a new service.
 */
export function nodeIdUnder(hit: Element | null, stacked: readonly Element[]): string | null {
  const direct = nodeIdAt(hit);
  if (direct !== null) return direct;
  for (const element of stacked) {
    const id = nodeIdAt(element);
    if (id !== null) return id;
  }
  return null;
}

export interface DropResult {
  project: Project;
  /** The service created by a drop on empty canvas. */
  createdId: string | null;
}

/**
 * The edit a drop makes: onto a service, the modules join it; onto the Monolith node, they return to the
 * monolith; onto empty canvas, a new service named after the first module appears at the drop point.
 */
export function dropModules(
  project: Project,
  moduleIds: readonly string[],
  target: string | null,
  at: { x: number; y: number },
): DropResult {
  if (target === MONOLITH_NODE_ID) return { project: assignModules(project, { moduleIds, serviceId: null }), createdId: null };
  if (target !== null && project.services.some((service) => service.id === target)) {
    return { project: assignModules(project, { moduleIds, serviceId: target }), createdId: null };
  }
  const first = project.monolith.modules.find((module) => module.id === moduleIds[0]);
  const name = serviceNameForModule(first?.name ?? 'service');
  const id = nextServiceId(project, name);
  const position = { x: Math.round(at.x), y: Math.round(at.y) };
  return { project: createService(project, { name, id, moduleIds, position }), createdId: id };
}
