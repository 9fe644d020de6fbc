import { getFramework } from '../catalog/frameworks';
import { getRuntime } from '../catalog/runtimes';
import { moduleIndexOf } from '../analysis/serviceGraph';
import type { Module, Project } from '../model/project';
import type { PlannerGraph } from './dependencyGraph';
import { addDays } from './dates';
import { FOUNDATIONS_NAME, isPlaceholderPhaseName, nameFromServices } from './phaseNames';
import { timePhase, type TimingTeam } from './phaseTiming';
import { countOf, listNames, listWithAnd } from '../words';
import type { DataMigration, PlanCycle, PlannedPhase, PlannedService } from './types';

// What each phase holds besides its services: Foundations tasks, the routes the facade must add, the data to
// migrate, risks, exit criteria and dates. Every list is built in a fixed order so that the plan is deterministic.

const MONOLITH = 'Monolith';
const MAX_MODULES_NAMED = 6;

/** Foundations (phase 0): the work every extraction relies on, derived from the design. */
export function foundationTasks(project: Project): string[] {
  const tasks = [
    'CI/CD: build, test and deploy each service on its own, with the monolith still deployable as today',
    'Observability: central logs, metrics and distributed traces across the monolith, the facade and the services',
    'Routing facade: a reverse proxy in front of the monolith, so routes move to services one at a time (strangler fig)',
  ];
  const services = project.services;
  const asgi = services.filter((s) => getFramework(s.framework).traits.protocol === 'asgi');
  if (asgi.length > 0) {
    const frameworks = [...new Set(asgi.map((s) => getFramework(s.framework).name))].sort();
    tasks.push(
      `ASGI deployment path (an ASGI server behind the facade, health checks, graceful shutdown) for ${frameworks.join(', ')}: ${listNames(asgi.map((s) => s.name))}`,
    );
  }
  const monolithVersion = project.monolith.pythonVersion.replace(/^pypy/, '');
  // Whether a runtime is newer than the monolith's Python, compared once per runtime id (services share a few).
  const newerRuntimes = new Map<string, boolean>();
  const isNewer = (id: string): boolean => {
    let newer = newerRuntimes.get(id);
    if (newer === undefined) {
      const runtime = getRuntime(id);
      newer = runtime !== undefined && compareVersions(runtime.pythonVersion, monolithVersion) > 0;
      newerRuntimes.set(id, newer);
    }
    return newer;
  };
  const newer = services.filter((s) => isNewer(s.runtime));
  if (newer.length > 0) {
    const versions = [...new Set(newer.map((s) => getRuntime(s.runtime)!.pythonVersion))].sort(compareVersions);
    tasks.push(
      `Runtime upgrade: shared libraries, base images and CI from Python ${monolithVersion} to ${versions.join(' and ')} for ${listNames(newer.map((s) => s.name))}`,
    );
  }
  const workers = services.filter((s) => getFramework(s.framework).traits.protocol === 'worker');
  const events = project.links.filter((l) => l.style === 'events');
  if (workers.length > 0 || events.length > 0) {
    tasks.push('Message broker for background jobs and events, with dead-letter queues and monitoring');
  }
  if (project.links.some((l) => l.style === 'shared-db')) {
    tasks.push('Shared-database rules: which service owns each table, and read-only access for the others until their data moves');
  }
  return tasks;
}

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Where the planned services go: planned[k] is extracted in phase[k] by team[k] (an index into the capacity's
 * teams, -1 for none) and is node[k] of the PlannerGraph. */
export interface Placement {
  phase: Int32Array;
  node: Int32Array;
  team: Int32Array;
}

/** The capacity the phases are timed against: the teams and the default phase length their capacity is for. */
export interface Capacity {
  teams: readonly TimingTeam[];
  phaseWeeks: number;
}

export function describePhases(
  project: Project,
  graph: PlannerGraph,
  planned: readonly PlannedService[],
  placement: Placement,
  cycles: readonly PlanCycle[],
  capacity: Capacity,
): PlannedPhase[] {
  // The project's phases and any the planner needed beyond them (never an empty one of its own).
  let count = Math.max(1, project.phases.length);
  const byPhase: PlannedService[][] = [];
  const loads: number[][] = [];
  planned.forEach((service, k) => {
    const index = placement.phase[k]!;
    count = Math.max(count, index + 1);
    (byPhase[index] ??= []).push(service);
    const team = placement.team[k]!;
    if (team >= 0) (loads[index] ??= capacity.teams.map(() => 0))[team]! += service.effort.effort;
  });
  const phases: PlannedPhase[] = [];
  let start = project.planning.startDate;
  for (let index = 0; index < count; index++) {
    const meta = project.phases[index];
    const setWeeks = meta?.lengthWeeks ?? project.planning.defaultPhaseWeeks;
    const services = byPhase[index] ?? [];
    const timing = timePhase(capacity.teams, capacity.phaseWeeks, setWeeks, loads[index] ?? [], index === 0 || services.length > 0);
    const isNamedByContent = isPlaceholderPhaseName(meta?.name, index);
    phases.push({
      index,
      id: meta?.id ?? `phase-${index}`,
      name: !isNamedByContent ? meta!.name : index === 0 ? FOUNDATIONS_NAME : nameFromServices(services),
      isNamedByContent,
      goal: meta?.goal || defaultGoal(index, services, cycles),
      setWeeks,
      lengthWeeks: timing.lengthWeeks,
      start,
      end: addDays(start, timing.lengthWeeks * 7 - 1),
      services,
      tasks: index === 0 ? foundationTasks(project) : [],
      facadeRoutes: [],
      dataMigrations: [],
      risks: [],
      exitCriteria: [],
      effort: Math.round(services.reduce((sum, s) => sum + s.effort.effort, 0) * 10) / 10,
      capacity: timing.capacity,
      teamLoads: timing.teamLoads,
    });
    start = addDays(start, timing.lengthWeeks * 7);
  }

  // Names by node (the Monolith node 0 has none): routes and readers are found per module dependency.
  const nameOf: string[] = [...graph.nodeIds];
  planned.forEach((service, k) => (nameOf[placement.node[k]!] = service.name));
  addFacadeRoutes(graph, nameOf, placement, phases);
  addDataMigrations(graph, nameOf, planned, placement, phases);
  for (const phase of phases) {
    phase.risks = risksOf(phase, cycles, project);
    phase.exitCriteria = exitCriteriaOf(phase);
  }
  return phases;
}

/** What a phase is for, from what it holds: its services, the cycles they leave in, the data that moves. */
function defaultGoal(index: number, services: readonly PlannedService[], cycles: readonly PlanCycle[]): string {
  if (index === 0) return 'Prepare delivery, observability and the routing facade before any service leaves the monolith';
  // A phase with no service says so where it is shown (no services, no time); it has no goal of its own.
  if (services.length === 0) return '';
  const parts = [
    `Extract ${listWithAnd(services.map((s) => s.name))} and route ${services.length === 1 ? 'its' : 'their'} traffic through the facade`,
  ];
  const here = [...new Set(services.flatMap((s) => (s.cycle === null ? [] : [s.cycle])))];
  for (const c of here) parts.push(`${listWithAnd(cycles[c]!.serviceNames)} depend on each other and leave together`);
  const entities = services.reduce((sum, s) => sum + s.effort.entities, 0);
  if (entities > 0)
    parts.push(`${entities} data ${entities === 1 ? 'entity moves' : 'entities move'} with ${services.length === 1 ? 'it' : 'them'}`);
  return parts.join('; ');
}

/** The phase a module leaves the monolith in; Infinity while it stays (the Monolith node is node 0). */
function modulePhases(graph: PlannerGraph, placement: Placement): Float64Array {
  const nodePhases = new Float64Array(graph.nodeIds.length).fill(Infinity);
  placement.node.forEach((n, k) => {
    if (n !== 0) nodePhases[n] = placement.phase[k]!;
  });
  const phases = new Float64Array(graph.modules.length);
  for (let m = 0; m < phases.length; m++) phases[m] = nodePhases[graph.ownerOf[m]!]!;
  return phases;
}

/**
 * A module dependency crosses the facade in the phase where exactly one of its two modules has left: from what
 * stays into the extracted service ('to-service'), or from the service back into the monolith ('to-monolith').
 * Once both have left it is a call between services and no longer the facade's. Foreign keys are data, not
 * routes: they are counted in the data migrations.
 */
function addFacadeRoutes(graph: PlannerGraph, nameOf: readonly string[], placement: Placement, phases: PlannedPhase[]): void {
  const { modules, from, to, weight, isData, ownerOf, nodeIds } = graph;
  const left = modulePhases(graph, placement);
  // One route per service node and direction, numbered in the order first found: routeOf[2 * node + toService]
  // (its phase is the node's). Counts and weights add up per route; each dependency on a route notes the route
  // and the module on the monolith's side, for the names.
  const routeOf = new Int32Array(2 * nodeIds.length).fill(-1);
  const keys: number[] = [];
  const phaseOfRoute: number[] = [];
  const count = new Int32Array(2 * nodeIds.length);
  const sum = new Float64Array(2 * nodeIds.length);
  const routeOfDependency = new Int32Array(from.length).fill(-1);
  const monolithModuleOf = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a < 0 || b < 0 || isData[i]) continue;
    const pa = left[a]!;
    const pb = left[b]!;
    if (pa === pb) continue;
    const toService = pb < pa;
    const key = 2 * ownerOf[toService ? b : a]! + (toService ? 1 : 0);
    let r = routeOf[key]!;
    if (r === -1) {
      r = routeOf[key] = keys.length;
      keys.push(key);
      phaseOfRoute.push(Math.min(pa, pb));
    }
    count[r]!++;
    sum[r]! += weight[i]!;
    routeOfDependency[i] = r;
    monolithModuleOf[i] = toService ? a : b;
  }
  const names = monolithModuleNames(keys.length, routeOfDependency, monolithModuleOf, modules);
  // By phase, service name and direction ('to-monolith' first), ties in the order found. The names are
  // compared once, as the ranks of the nodes by name, rather than at every comparison of the sort.
  const rank = nameRanks(nameOf);
  const order = keys.map((_, r) => r);
  order.sort(
    (x, y) =>
      phaseOfRoute[x]! - phaseOfRoute[y]! || rank[keys[x]! >> 1]! - rank[keys[y]! >> 1]! || (keys[x]! & 1) - (keys[y]! & 1) || x - y,
  );
  for (const r of order) {
    const node = keys[r]! >> 1;
    phases[phaseOfRoute[r]!]?.facadeRoutes.push({
      direction: keys[r]! & 1 ? 'to-service' : 'to-monolith',
      serviceId: nodeIds[node]!,
      serviceName: nameOf[node]!,
      dependencies: count[r]!,
      weight: sum[r]!,
      monolithModules: names[r]!,
    });
  }
}

/** Per index, the rank of its name among all the names (equal names share a rank). */
function nameRanks(names: readonly string[]): Int32Array {
  const order = names.map((_, i) => i).sort((x, y) => cmp(names[x]!, names[y]!));
  const rank = new Int32Array(names.length);
  for (let k = 1; k < order.length; k++) {
    rank[order[k]!] = rank[order[k - 1]!]! + (names[order[k]!] === names[order[k - 1]!] ? 0 : 1);
  }
  return rank;
}

/** Per route, the first names (sorted, each once) of the monolith's modules its dependencies reach: the
 * dependencies bucketed by route (a counting sort), each module taken once per route. */
function monolithModuleNames(
  routes: number,
  routeOfDependency: Int32Array,
  monolithModuleOf: Int32Array,
  modules: readonly Module[],
): string[][] {
  const start = new Int32Array(routes + 1);
  for (let i = 0; i < routeOfDependency.length; i++) if (routeOfDependency[i]! >= 0) start[routeOfDependency[i]! + 1]!++;
  for (let r = 0; r < routes; r++) start[r + 1]! += start[r]!;
  const bucket = new Int32Array(start[routes]!);
  const fill = start.slice(0, routes);
  for (let i = 0; i < routeOfDependency.length; i++)
    if (routeOfDependency[i]! >= 0) bucket[fill[routeOfDependency[i]!]!++] = monolithModuleOf[i]!;
  const seen = new Int32Array(modules.length).fill(-1);
  const shown: string[][] = [];
  for (let r = 0; r < routes; r++) {
    const names: string[] = [];
    for (let j = start[r]!; j < start[r + 1]!; j++) {
      const m = bucket[j]!;
      if (seen[m] === r) continue;
      seen[m] = r;
      names.push(modules[m]!.name);
    }
    names.sort();
    // Two modules may share a name: each name once (adjacent after the sort).
    const first: string[] = [];
    for (let k = 0; k < names.length && first.length < MAX_MODULES_NAMED; k++)
      if (k === 0 || names[k] !== names[k - 1]) first.push(names[k]!);
    shown.push(first);
  }
  return shown;
}

/** Per extracted service with data: its entities and who still reads them (foreign keys into its modules). */
function addDataMigrations(
  graph: PlannerGraph,
  nameOf: readonly string[],
  planned: readonly PlannedService[],
  placement: Placement,
  phases: PlannedPhase[],
): void {
  const { modules, from, to, isData, ownerOf } = graph;
  const moduleIndex = moduleIndexOf(modules);
  // Target node -> reader's name -> foreign keys (the Monolith node 0 reads as "Monolith", never a target).
  const readers = new Map<number, Map<string, number>>();
  for (let i = 0; i < from.length; i++) {
    if (!isData[i] || from[i]! < 0 || to[i]! < 0) continue;
    const target = ownerOf[to[i]!]!;
    const reader = ownerOf[from[i]!]!;
    if (target === reader || target === 0) continue;
    let byReader = readers.get(target);
    if (!byReader) readers.set(target, (byReader = new Map<string, number>()));
    const readerName = reader === 0 ? MONOLITH : nameOf[reader]!;
    byReader.set(readerName, (byReader.get(readerName) ?? 0) + 1);
  }
  planned.forEach((service, k) => {
    const node = placement.node[k]!;
    const entities = graph.entities[node] === 0 ? [] : service.moduleIds.flatMap((id) => modules[moduleIndex.get(id)!]?.entities ?? []);
    const byReader = readers.get(node);
    if (entities.length === 0 && !byReader) return;
    const migration: DataMigration = {
      serviceId: service.id,
      serviceName: service.name,
      entities,
      datastore: service.datastore,
      readers: [...(byReader ?? [])].map(([owner, dependencies]) => ({ owner, dependencies })).sort((a, b) => cmp(a.owner, b.owner)),
    };
    phases[placement.phase[k]!]?.dataMigrations.push(migration);
  });
}

function risksOf(phase: PlannedPhase, cycles: readonly PlanCycle[], project: Project): string[] {
  const risks: string[] = [];
  // A cycle's services leave together, so a cycle is here when one of the phase's services is in it.
  const here = new Set<number>();
  for (const service of phase.services) if (service.cycle !== null) here.add(service.cycle);
  for (const [c, cycle] of cycles.entries()) {
    if (!here.has(c)) continue;
    const cut = listNames(cycle.breakEdges, (e) => `${e.fromName} → ${e.toName} (weight ${e.weight})`, 3);
    const more = cycle.breakEdgeCount > cycle.breakEdges.length ? ` (${cycle.breakEdgeCount} dependencies in all)` : '';
    risks.push(
      `Dependency cycle between ${listWithAnd(cycle.serviceNames)}: they leave together; breaking ${cut}${more} would let them move apart`,
    );
  }
  for (const migration of phase.dataMigrations) {
    const readers = migration.readers.filter((r) => r.owner !== migration.serviceName);
    if (readers.length === 0) continue;
    const who = listWithAnd(readers.map((r) => `${r.owner} (${r.dependencies} foreign key${r.dependencies === 1 ? '' : 's'})`));
    risks.push(`${migration.serviceName}'s data is still read by ${who}: put those reads behind an API before the tables move`);
  }
  const monolithFramework = getFramework(project.monolith.framework).id;
  for (const service of phase.services) {
    if (service.effort.frameworkChange && service.linesOfCode > 0 && getFramework(service.framework).id !== monolithFramework) {
      risks.push(
        `${service.name} is rewritten onto ${getFramework(service.framework).name} (${countOf(service.linesOfCode, 'line')}): plan for parity tests`,
      );
    }
  }
  for (const route of phase.facadeRoutes) {
    if (route.direction === 'to-monolith' && route.weight >= 20) {
      risks.push(
        `${route.serviceName} still calls back into the monolith heavily (weight ${route.weight}): latency and coupling until those modules move`,
      );
    }
  }
  return risks;
}

function exitCriteriaOf(phase: PlannedPhase): string[] {
  if (phase.index === 0) {
    return [
      'A service can be deployed to production by the pipeline, with rollback',
      'Dashboards and traces cover the monolith and the facade',
      'All traffic reaches the monolith through the routing facade',
    ];
  }
  const criteria: string[] = [];
  for (const service of phase.services) {
    criteria.push(`${service.name} serves production traffic through the facade; the monolith's copy of its code is removed`);
  }
  for (const migration of phase.dataMigrations) {
    if (migration.entities.length === 0) continue;
    const store = migration.datastore || `${migration.serviceName}'s own datastore`;
    criteria.push(
      `${listNames(migration.entities)} live${migration.entities.length === 1 ? 's' : ''} in ${store}; other readers go through ${migration.serviceName}'s API`,
    );
  }
  return criteria;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
