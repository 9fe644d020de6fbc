import type { Link } from '../model/project';

/**
 * The dependency a planned link stands for, as "from depends on to" (which must leave the monolith first).
 * A call (REST, gRPC) or a shared database: the caller depends on the callee. Events: the subscriber (`to`)
 * depends on the publisher's events (`from`), while the publisher does not depend on who listens.
 */
export function linkDependency(link: Pick<Link, 'from' | 'to' | 'style'>): { from: string; to: string } {
  return link.style === 'events' ? { from: link.to, to: link.from } : { from: link.from, to: link.to };
}
