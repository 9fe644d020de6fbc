import { MONOLITH_NODE_ID } from '../model/project';
import type { Dependency, Project } from '../model/project';
import { findCycles } from './cycles';
import { buildServiceGraph, serviceEdgeId } from './serviceGraph';
import { listNames as listAll } from '../words';
import type { ServiceGraph } from './serviceGraph';

// Design checks, run after every edit. Each warning names what it is about and points at it (`target`) so the
// warnings panel can focus the canvas there. Ids are stable: the same problem keeps the same id across edits,
// so the UI can keep a dismissed or selected warning.
//
// The checks, in the order they are listed:
// - cycle            services that depend on each other in a cycle (strongly connected components of the
//                    service graph, the Monolith node left out: see cycles.ts); names services and edges.
// - monolith-dependence  a service whose dependencies on the monolith weigh more than the dependencies among
//                    its own modules: weight(service -> monolith) > internal weight of the service (an info
//                    rather than a warning for a one-module service, which has no internal weight to compare).
// - shared-data      a module whose data is used from another node: data dependencies (kind 'data') whose two
//                    modules have different owners, the Monolith being one owner. One warning per module that
//                    owns the data, naming its entities when the module lists them.
// - empty-service    a service that owns no module.
// - unassigned-modules  one summary: how many modules still sit in the monolith while services exist.

export type DesignWarningKind = 'cycle' | 'monolith-dependence' | 'shared-data' | 'empty-service' | 'unassigned-modules';
export type Severity = 'error' | 'warning' | 'info';

export interface WarningTarget {
  type: 'service' | 'module' | 'edge';
  ids: string[];
  /** Service-graph edge ids (`from->to`) the warning is about, when it names edges as well. */
  edgeIds?: string[];
}

export interface DesignWarning {
  /** Stable across edits for the same problem: kind plus the ids it is about. */
  id: string;
  kind: DesignWarningKind;
  severity: Severity;
  /** One line a person understands. */
  message: string;
  target: WarningTarget;
}

/** How many names a warning lists before it says "and N more". */
const LIST_LIMIT = 5;
const listNames = <T>(items: readonly T[], show: (item: T) => string = String): string => listAll(items, show, LIST_LIMIT);

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export function checkDesign(project: Project): DesignWarning[] {
  return checkGraph(project, buildServiceGraph(project));
}

/** The checks over a graph already built for `project` (saves a lookup when metrics use the same graph). */
export function checkGraph(project: Project, graph: ServiceGraph): DesignWarning[] {
  const serviceName = new Map(project.services.map((service) => [service.id, service.name] as const));
  const nameOf = (nodeId: string): string => (nodeId === MONOLITH_NODE_ID ? 'the monolith' : (serviceName.get(nodeId) ?? nodeId));
  const warnings: DesignWarning[] = [];

  for (const cycle of findCycles(graph)) {
    const names = listNames(cycle.nodeIds, nameOf);
    const edges = listNames(cycle.edges, (edge) => `${nameOf(edge.from)} → ${nameOf(edge.to)} (${edge.weight})`);
    warnings.push({
      // Cycles never share a service, so the smallest member id names one; it survives the cycle growing.
      id: `cycle:${cycle.nodeIds.reduce((least, id) => (id < least ? id : least))}`,
      kind: 'cycle',
      severity: 'error',
      message: `Cycle between ${names}: ${edges}.`,
      target: { type: 'service', ids: cycle.nodeIds, edgeIds: cycle.edgeIds },
    });
  }

  for (const nodeId of graph.nodeIds) {
    if (nodeId === MONOLITH_NODE_ID) continue;
    // Outgoing edges are ordered by target and the Monolith node comes first.
    const first = graph.outgoing.get(nodeId)![0];
    const toMonolith = first?.to === MONOLITH_NODE_ID ? first : undefined;
    const internal = graph.nodes.get(nodeId)!.internal.weight;
    if (!toMonolith || toMonolith.weight <= internal) continue;
    // A service of one module has no dependencies among its own modules to weigh against: the same finding is
    // then a hint (what it calls may belong with it), not a warning.
    const single = graph.nodes.get(nodeId)!.moduleIds.length <= 1;
    warnings.push({
      id: `monolith-dependence:${nodeId}`,
      kind: 'monolith-dependence',
      severity: single ? 'info' : 'warning',
      message: single
        ? `${nameOf(nodeId)} calls into the monolith (weight ${toMonolith.weight}) and has one module: what it calls may belong with it.`
        : `${nameOf(nodeId)} depends more on the monolith (weight ${toMonolith.weight}) than on its own modules (weight ${internal}).`,
      target: { type: 'service', ids: [nodeId], edgeIds: [toMonolith.id] },
    });
  }

  warnings.push(...sharedData(graph, nameOf));

  for (const nodeId of graph.nodeIds) {
    if (nodeId === MONOLITH_NODE_ID || graph.nodes.get(nodeId)!.moduleIds.length > 0) continue;
    warnings.push({
      id: `empty-service:${nodeId}`,
      kind: 'empty-service',
      severity: 'info',
      message: `${nameOf(nodeId)} has no modules yet.`,
      target: { type: 'service', ids: [nodeId] },
    });
  }

  const unassigned = graph.nodes.get(MONOLITH_NODE_ID)!.moduleIds;
  if (project.services.length > 0 && unassigned.length > 0) {
    warnings.push({
      id: 'unassigned-modules',
      kind: 'unassigned-modules',
      severity: 'info',
      message: `${plural(unassigned.length, 'module is', 'modules are')} not assigned to a service yet.`,
      target: { type: 'module', ids: [...unassigned] },
    });
  }
  return warnings;
}

const dataCache = new WeakMap<readonly Dependency[], Int32Array>();

/** Indices of the data dependencies, cached per dependency list (assignments do not change it). */
function dataDependencies(deps: readonly Dependency[]): Int32Array {
  let indices = dataCache.get(deps);
  if (!indices) {
    const list: number[] = [];
    deps.forEach((dependency, i) => {
      if (dependency.kind === 'data') list.push(i);
    });
    indices = Int32Array.from(list);
    dataCache.set(deps, indices);
  }
  return indices;
}

interface SharedData {
  /** The module whose data is used (the target of the data dependencies). */
  module: number;
  /** Modules using it from other nodes, ascending. */
  users: number[];
  /** The nodes those modules sit in, in node order. */
  userNodes: number[];
  count: number;
}

const sharedDataCache = new WeakMap<ServiceGraph, SharedData[]>();

/** Who uses which module's data across a boundary: depends on the graph only, so cached per graph. */
function sharedDataOf(graph: ServiceGraph): SharedData[] {
  const cached = sharedDataCache.get(graph);
  if (cached) return cached;
  const { dependencies, from, to, ownerOf } = graph.index;
  const byOwnerModule = new Map<number, { users: Set<number>; userNodes: Set<number>; count: number }>();
  for (const i of dataDependencies(dependencies)) {
    const a = from[i]!;
    const b = to[i]!;
    if (a < 0 || b < 0 || ownerOf[a] === ownerOf[b]) continue;
    let entry = byOwnerModule.get(b);
    if (!entry) {
      entry = { users: new Set(), userNodes: new Set(), count: 0 };
      byOwnerModule.set(b, entry);
    }
    entry.users.add(a);
    entry.userNodes.add(ownerOf[a]!);
    entry.count += 1;
  }
  const ascending = (x: number, y: number): number => x - y;
  const result = [...byOwnerModule.keys()].sort(ascending).map((module): SharedData => {
    const entry = byOwnerModule.get(module)!;
    return { module, users: [...entry.users].sort(ascending), userNodes: [...entry.userNodes].sort(ascending), count: entry.count };
  });
  sharedDataCache.set(graph, result);
  return result;
}

function sharedData(graph: ServiceGraph, nameOf: (nodeId: string) => string): DesignWarning[] {
  const { modules, ownerOf } = graph.index;
  return sharedDataOf(graph).map((entry): DesignWarning => {
    const module = modules[entry.module]!;
    const ownerNode = graph.nodeIds[ownerOf[entry.module]!]!;
    const userNodes = entry.userNodes.map((n) => graph.nodeIds[n]!);
    const where = nameOf(ownerNode);
    // A data dependency does not say which entity it uses: name it when the module owns exactly one.
    const data =
      module.entities.length === 1
        ? `${module.entities[0]} (${module.name}, in ${where})`
        : module.entities.length > 1
          ? `Data of ${module.name} (${listNames(module.entities)}; in ${where})`
          : `Data of ${module.name} (in ${where})`;
    return {
      id: `shared-data:${module.id}`,
      kind: 'shared-data',
      severity: 'warning',
      message: `${data} is used from ${listNames(userNodes, nameOf)}: ` + `${plural(entry.count, 'data dependency', 'data dependencies')}.`,
      target: {
        type: 'module',
        ids: [module.id, ...entry.users.map((m) => modules[m]!.id)],
        edgeIds: userNodes.map((node) => serviceEdgeId(node, ownerNode)),
      },
    };
  });
}
