import { uniqueId } from '../model/create';
import { LinkSchema } from '../model/project';
import type { Link, Project } from '../model/project';
import { CommandError, parseOrThrow } from './errors';
import { sameFields } from './shared';

// Planned links between services (REST, gRPC, events, shared database), drawn by connecting handles.
// Both ends are services (the file format refuses a link to the Monolith node).

export interface AddLinkArgs {
  from: string;
  to: string;
  style?: Link['style'];
  label?: string;
  /** By default "from-to", unique among links. */
  id?: string;
}

function requireEnds(project: Project, from: string, to: string): void {
  for (const end of [from, to]) {
    if (!project.services.some((service) => service.id === end)) throw new CommandError(`No service with id "${end}" to link.`);
  }
  if (from === to) throw new CommandError('A link joins two different services.');
}

export function addLink(project: Project, args: AddLinkArgs): Project {
  requireEnds(project, args.from, args.to);
  const taken = new Set(project.links.map((link) => link.id));
  const id = args.id ?? uniqueId(`${args.from}-${args.to}`, taken);
  if (taken.has(id)) throw new CommandError(`A link with id "${id}" already exists.`);
  const link = parseOrThrow(LinkSchema, { ...args, id }, 'Link');
  return { ...project, links: [...project.links, link] };
}

function findLink(project: Project, linkId: string): Link {
  const link = project.links.find((candidate) => candidate.id === linkId);
  if (!link) throw new CommandError(`No link with id "${linkId}" in this project.`);
  return link;
}

export function updateLink(project: Project, { linkId, changes }: { linkId: string; changes: Partial<Omit<Link, 'id'>> }): Project {
  const current = findLink(project, linkId);
  const next = parseOrThrow(LinkSchema, { ...current, ...changes, id: linkId }, 'Link');
  requireEnds(project, next.from, next.to);
  if (sameFields(current, next)) return project;
  return { ...project, links: project.links.map((link) => (link.id === linkId ? next : link)) };
}

export function removeLink(project: Project, { linkId }: { linkId: string }): Project {
  findLink(project, linkId);
  return { ...project, links: project.links.filter((link) => link.id !== linkId) };
}
