import type { Project } from '../model/project';
import { findService, requireModules } from './shared';

export interface AssignModulesArgs {
  moduleIds: readonly string[];
  /** The service that receives the modules, or null to return them to the monolith. */
  serviceId: string | null;
}

/**
 * Moves modules to a service (appended in the given order) or back to the monolith. Every other service loses
 * them, so a module never ends up in two services and is never lost: ownership is "listed by a service, else
 * the monolith". Modules already in the target keep their place. Unchanged project when nothing moves.
 */
export function assignModules(project: Project, { moduleIds, serviceId }: AssignModulesArgs): Project {
  requireModules(project, moduleIds);
  if (serviceId !== null) findService(project, serviceId);
  const moving = new Set(moduleIds);
  if (moving.size === 0) return project;
  let changed = false;
  const services = project.services.map((service) => {
    if (service.id === serviceId) {
      const present = new Set(service.moduleIds);
      const added = [...moving].filter((id) => !present.has(id));
      if (added.length === 0) return service;
      changed = true;
      return { ...service, moduleIds: [...service.moduleIds, ...added] };
    }
    if (!service.moduleIds.some((id) => moving.has(id))) return service;
    changed = true;
    return { ...service, moduleIds: service.moduleIds.filter((id) => !moving.has(id)) };
  });
  return changed ? { ...project, services } : project;
}
