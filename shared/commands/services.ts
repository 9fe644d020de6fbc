import { z } from 'zod';
import { recommendForModules } from '../analysis/recommend';
import { uniqueId } from '../model/create';
import { IdSchema, LinkSchema, NodePositionSchema, ServiceSchema } from '../model/project';
import type { Link, NodePosition, Project, Service } from '../model/project';
import { assignModules } from './assign';
import { CommandError, parseOrThrow } from './errors';
import { findService, nodeIdsTaken, replaceService, requireModules, sameFields } from './shared';

// Commands on services: create, rename, update, delete, copy and paste. Pure: (project, args) -> project, the
// input never mutated, unchanged parts shared with the result.

const NameSchema = ServiceSchema.shape.name;
const ChangesSchema = ServiceSchema.omit({ id: true, moduleIds: true }).partial().strict();
export type ServiceChanges = Partial<Omit<Service, 'id' | 'moduleIds'>>;

/** Horizontal distance between a new node and the rightmost one, when no position is given. */
const NODE_SPACING = 280;

/** The id createService gives a service of that name: the slug, made unique among canvas nodes. */
export function nextServiceId(project: Project, name: string): string {
  return uniqueId(name, nodeIdsTaken(project));
}

/** A service name from a module's dotted name: "acme.order_history" -> "Order history". */
export function serviceNameForModule(moduleName: string): string {
  const last = moduleName
    .slice(moduleName.lastIndexOf('.') + 1)
    .replace(/_+/g, ' ')
    .trim();
  return last ? last.charAt(0).toUpperCase() + last.slice(1) : 'New service';
}

function defaultPosition(project: Project): { x: number; y: number } {
  const nodes = project.layout.nodes;
  if (nodes.length === 0) return { x: 0, y: 0 };
  return { x: Math.max(...nodes.map((node) => node.x)) + NODE_SPACING, y: Math.min(...nodes.map((node) => node.y)) };
}

function placeNode(project: Project, position: NodePosition): Project {
  const nodes = project.layout.nodes.filter((node) => node.id !== position.id);
  return { ...project, layout: { ...project.layout, nodes: [...nodes, position] } };
}

export interface CreateServiceArgs {
  name: string;
  /** Where the node goes on the canvas; right of the rightmost node when absent. */
  position?: { x: number; y: number };
  /** Modules moved into the new service (taken from whichever service held them). */
  moduleIds?: readonly string[];
  /** The id to use; by default `nextServiceId(project, name)`. */
  id?: string;
  /** The framework; by default Carve's recommendation for the modules (FastAPI for none). */
  framework?: string;
}

export function createService(project: Project, args: CreateServiceArgs): Project {
  const name = parseOrThrow(NameSchema, args.name.trim(), 'Service name');
  const taken = nodeIdsTaken(project);
  let id: string;
  if (args.id === undefined) id = uniqueId(name, taken);
  else {
    id = parseOrThrow(IdSchema, args.id, 'Service id');
    if (taken.has(id)) throw new CommandError(`A service or node with id "${id}" already exists.`);
  }
  const moduleIds = args.moduleIds ?? [];
  requireModules(project, moduleIds);
  const service = ServiceSchema.parse({ id, name });
  let next: Project = { ...project, services: [...project.services, service] };
  next = assignModules(next, { moduleIds, serviceId: id });
  const framework = args.framework ?? recommendForModules(next, moduleIds).frameworkId;
  const chosen = parseOrThrow(ServiceSchema.shape.framework, framework, 'Framework');
  if (chosen !== service.framework) next = replaceService(next, id, (current) => ({ ...current, framework: chosen }));
  const position = parseOrThrow(NodePositionSchema, { id, ...(args.position ?? defaultPosition(project)) }, 'Position');
  return placeNode(next, position);
}

export function renameService(project: Project, { serviceId, name }: { serviceId: string; name: string }): Project {
  return updateService(project, { serviceId, changes: { name } });
}

/** Sets some fields of a service (not its id or modules: see assignModules). */
export function updateService(project: Project, { serviceId, changes }: { serviceId: string; changes: ServiceChanges }): Project {
  findService(project, serviceId);
  const input = typeof changes.name === 'string' ? { ...changes, name: changes.name.trim() } : changes;
  const parsed = parseOrThrow(ChangesSchema, input, 'Service');
  if (parsed.pinnedPhaseId != null && 'pinnedPhaseId' in input && !project.phases.some((phase) => phase.id === parsed.pinnedPhaseId)) {
    throw new CommandError(`No phase with id "${parsed.pinnedPhaseId}" to pin the service to.`);
  }
  // Zod fills defaults for absent keys: keep only the keys the caller gave.
  const given = Object.fromEntries(Object.keys(input).map((key) => [key, parsed[key as keyof typeof parsed]]));
  return replaceService(project, serviceId, (service) => {
    const next = { ...service, ...given } as Service;
    return sameFields(service, next) ? service : next;
  });
}

/** Deletes a service: its modules return to the monolith; its links and its canvas node go with it. */
export function deleteService(project: Project, { serviceId }: { serviceId: string }): Project {
  findService(project, serviceId);
  return {
    ...project,
    services: project.services.filter((service) => service.id !== serviceId),
    links: project.links.some((link) => link.from === serviceId || link.to === serviceId)
      ? project.links.filter((link) => link.from !== serviceId && link.to !== serviceId)
      : project.links,
    layout: project.layout.nodes.some((node) => node.id === serviceId)
      ? { ...project.layout, nodes: project.layout.nodes.filter((node) => node.id !== serviceId) }
      : project.layout,
  };
}

/** What copying services puts on the clipboard: the services (modules included, dropped on paste), their
 * positions and the links between them. Plain JSON. */
export interface ServiceClipboard {
  services: Service[];
  positions: NodePosition[];
  links: Link[];
}

export const ServiceClipboardSchema = z.object({
  services: z.array(ServiceSchema),
  positions: z.array(NodePositionSchema).default([]),
  links: z.array(LinkSchema).default([]),
});

export function copyServices(project: Project, serviceIds: readonly string[]): ServiceClipboard {
  const wanted = new Set(serviceIds);
  for (const id of wanted) findService(project, id);
  return {
    services: project.services.filter((service) => wanted.has(service.id)),
    positions: project.layout.nodes.filter((node) => wanted.has(node.id)),
    links: project.links.filter((link) => wanted.has(link.from) && wanted.has(link.to)),
  };
}

export interface PasteServicesArgs {
  clipboard: ServiceClipboard;
  /** Added to each copied position, so the copies do not hide the originals. */
  offset?: { x: number; y: number };
}

/**
 * Pastes copies of services with fresh ids and without modules (a module belongs to one service). A name
 * already in use gets " copy" ("Orders copy", "Orders copy 2"). Links between pasted services are copied too.
 */
export function pasteServices(project: Project, { clipboard, offset = { x: 40, y: 40 } }: PasteServicesArgs): Project {
  const parsed = parseOrThrow(ServiceClipboardSchema, clipboard, 'Pasted services');
  if (parsed.services.length === 0) return project;
  const takenIds = nodeIdsTaken(project);
  const takenNames = new Set(project.services.map((service) => service.name));
  const phases = new Set(project.phases.map((phase) => phase.id));
  const positions = new Map(parsed.positions.map((node) => [node.id, node]));
  const fallback = defaultPosition(project);
  const newId = new Map<string, string>();
  const services: Service[] = [];
  const nodes: NodePosition[] = [];
  parsed.services.forEach((source, i) => {
    if (newId.has(source.id)) return;
    let name = source.name;
    if (takenNames.has(name)) {
      const base = `${source.name.slice(0, 190)} copy`;
      name = base;
      for (let n = 2; takenNames.has(name); n++) name = `${base} ${n}`;
    }
    takenNames.add(name);
    const id = uniqueId(name, takenIds);
    takenIds.add(id);
    newId.set(source.id, id);
    services.push({
      ...source,
      id,
      name,
      moduleIds: [],
      pinnedPhaseId: source.pinnedPhaseId !== null && phases.has(source.pinnedPhaseId) ? source.pinnedPhaseId : null,
    });
    const at = positions.get(source.id) ?? { x: fallback.x + i * NODE_SPACING, y: fallback.y };
    nodes.push({ id, x: at.x + offset.x, y: at.y + offset.y });
  });
  const linkIds = new Set(project.links.map((link) => link.id));
  const links: Link[] = [];
  for (const link of parsed.links) {
    const from = newId.get(link.from);
    const to = newId.get(link.to);
    if (!from || !to) continue;
    const id = uniqueId(`${from}-${to}`, linkIds);
    linkIds.add(id);
    links.push({ ...link, id, from, to });
  }
  const replaced = new Set(nodes.map((node) => node.id));
  return {
    ...project,
    services: [...project.services, ...services],
    links: links.length > 0 ? [...project.links, ...links] : project.links,
    layout: { ...project.layout, nodes: [...project.layout.nodes.filter((node) => !replaced.has(node.id)), ...nodes] },
  };
}
