import { moduleIndexOf } from '../analysis/serviceGraph';
import { MONOLITH_NODE_ID } from '../model/project';
import type { Project, Service } from '../model/project';
import { CommandError } from './errors';

// Small helpers the command families share.

export function findService(project: Project, serviceId: string): Service {
  const service = project.services.find((candidate) => candidate.id === serviceId);
  if (!service) throw new CommandError(`No service with id "${serviceId}" in this project.`);
  return service;
}

export function requireModules(project: Project, moduleIds: readonly string[]): void {
  const known = moduleIndexOf(project.monolith.modules); // cached per modules array
  const unknown = moduleIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new CommandError(`No module with id "${unknown[0]}" in this project.`);
}

/** Ids already used by nodes of the canvas: services and the Monolith node. */
export function nodeIdsTaken(project: Project): Set<string> {
  return new Set([MONOLITH_NODE_ID, ...project.services.map((service) => service.id)]);
}

export function isNodeId(project: Project, id: string): boolean {
  return id === MONOLITH_NODE_ID || project.services.some((service) => service.id === id);
}

/** `project.services` with the service of that id replaced by `update(service)`; the same array if unchanged. */
export function replaceService(project: Project, serviceId: string, update: (service: Service) => Service): Project {
  let changed = false;
  const services = project.services.map((service) => {
    if (service.id !== serviceId) return service;
    const next = update(service);
    if (next !== service) changed = true;
    return next;
  });
  return changed ? { ...project, services } : project;
}

/** Shallow equality of two records' own enumerable values (arrays compared by reference). */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(b) as (keyof T)[];
  return keys.every((key) => Object.is(a[key], b[key]));
}
