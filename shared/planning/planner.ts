import { stronglyConnectedComponents } from '../analysis/cycles';
import { buildServiceGraph, type ServiceGraph } from '../analysis/serviceGraph';
import type { Project, Service } from '../model/project';
import { BinaryHeap } from './heap';
import { estimateEffort, type EffortBreakdown } from './effort';
import { describePhases } from './phaseDetails';
import { linkDependency } from './linkDependency';
import { listNames } from '../words';
import type { CycleEdge, Plan, PlanCycle, PlannedService, PlanWarning } from './types';

// The roadmap planner: pure and deterministic (the same project gives the same plan, byte for byte).
//
// 1. Service dependencies come from module dependencies between services plus planned links (a call from A to B
//    makes A depend on B; an event from A to B makes the subscriber B depend on A: see linkDependency.ts). Cycles are condensed: the services of a strongly connected component
//    form one unit that goes into one phase, and the plan names the dependencies that would break the cycle.
// 2. Order (strangler fig, leaves first): a unit is extracted no earlier than the units it depends on. Among the
//    units that are ready, lower risk goes first, then name.
// 3. Phase 0 is Foundations (see phaseDetails.ts). Phases 1.. are filled in order within the capacity: each
//    team's person-weeks per phase and, when set, at most N services per phase. A service with a team draws on
//    that team; one without draws on the team with the most capacity left. A unit that alone exceeds an empty
//    phase's capacity gets a phase of its own and a warning. Pinned services stay where the user put them; a pin
//    that breaks the dependency order is reported.

/** Assumed when the project sets no team and no service limit. */
export const DEFAULT_TEAM = { name: 'Team', perPhase: 8 } as const;
/** How many units that do not fit a phase the filler looks past before it opens the next phase. */
const MAX_SKIPPED_PER_PHASE = 32;
/** The lightest dependencies a cycle lists as the ones to break (a large cycle has thousands). */
const MAX_BREAK_EDGES = 20;

interface Unit {
  index: number;
  services: Service[];
  /** Sort key: lower risk first, then name. */
  risk: number;
  name: string;
  /** Units this one depends on, and the units that depend on it. */
  dependsOn: number[];
  dependents: number[];
  pin: number | null;
}

export function planMigration(project: Project): Plan {
  const graph = buildServiceGraph(project);
  const services = project.services;
  const serviceIndex = new Map(services.map((service, i) => [service.id, i]));
  const warnings: PlanWarning[] = [];

  // --- service dependency edges: module dependencies between two services, plus planned links ---
  // Keyed by the pair of service indices (a number, not a string: this runs once per edge of the graph).
  const count = services.length;
  const weights = new Map<number, number>();
  const addEdge = (from: string, to: string, weight: number) => {
    const a = serviceIndex.get(from);
    const b = serviceIndex.get(to);
    if (a === undefined || b === undefined || a === b) return;
    const key = a * count + b;
    weights.set(key, (weights.get(key) ?? 0) + weight);
  };
  for (const edge of graph.edges) addEdge(edge.from, edge.to, edge.weight);
  for (const link of project.links) {
    const { from, to } = linkDependency(link);
    addEdge(from, to, 1);
  }
  const edges = [...weights].map(([key, weight]) => ({
    from: services[Math.floor(key / count)]!.id,
    to: services[key % count]!.id,
    weight,
  }));
  const dependsOnIds = new Map<string, string[]>();
  for (const edge of edges) {
    const list = dependsOnIds.get(edge.from);
    if (list) list.push(edge.to);
    else dependsOnIds.set(edge.from, [edge.to]);
  }

  // --- units: strongly connected components ---
  const components = stronglyConnectedComponents(
    services.map((service) => service.id),
    edges,
  );
  const unitOf = new Map<string, number>();
  components.forEach((members, u) => members.forEach((id) => unitOf.set(id, u)));

  const effort = new Map<string, EffortBreakdown>();
  for (const service of services) effort.set(service.id, estimateEffort(project, graph, service));

  const cycles: PlanCycle[] = [];
  const cycleOfUnit = new Map<number, number>();
  components.forEach((members, u) => {
    if (members.length < 2) return;
    cycleOfUnit.set(u, cycles.length);
    cycles.push(describeCycle(members, edges, unitOf, u, (id) => services[serviceIndex.get(id)!]!.name));
  });

  const units: Unit[] = components.map((members, u) => {
    const unitServices = members.map((id) => services[serviceIndex.get(id)!]!);
    const risk =
      unitServices.reduce((sum, service) => sum + serviceRisk(graph, service.id), 0) +
      (members.length > 1 ? 10 * members.length : 0);
    return { index: u, services: unitServices, risk, name: unitServices.map((s) => s.name).sort()[0]!, dependsOn: [], dependents: [], pin: null };
  });
  const unitEdges = new Set<string>();
  for (const edge of edges) {
    const a = unitOf.get(edge.from)!;
    const b = unitOf.get(edge.to)!;
    if (a === b || unitEdges.has(`${a}:${b}`)) continue;
    unitEdges.add(`${a}:${b}`);
    units[a]!.dependsOn.push(b);
    units[b]!.dependents.push(a);
  }

  // --- pins ---
  const phaseIndexById = new Map(project.phases.map((phase, i) => [phase.id, i]));
  for (const unit of units) {
    const pins = unit.services
      .filter((service) => service.pinnedPhaseId !== null && phaseIndexById.has(service.pinnedPhaseId))
      .map((service) => ({ service, phase: phaseIndexById.get(service.pinnedPhaseId!)! }));
    if (pins.length === 0) continue;
    let pin = Math.min(...pins.map((p) => p.phase));
    if (new Set(pins.map((p) => p.phase)).size > 1) {
      warnings.push({
        kind: 'pin-split',
        message: `${names(unit.services)} form a dependency cycle but are pinned to different phases: all go to ${phaseLabel(project, pin)}`,
        serviceIds: unit.services.map((s) => s.id),
      });
    }
    if (pin === 0) {
      warnings.push({
        kind: 'pin-foundations',
        message: `${names(pins.map((p) => p.service))} pinned to ${phaseLabel(project, 0)}, which extracts no service: planned in phase 1 instead`,
        serviceIds: pins.map((p) => p.service.id),
      });
      pin = 1;
    }
    unit.pin = pin;
  }

  // --- capacity ---
  const teams = project.planning.teams.map((team) => ({ name: team.name, perPhase: team.capacityPerPhase }));
  const maxServices = project.planning.maxServicesPerPhase;
  if (teams.length === 0 && maxServices === null) {
    teams.push({ ...DEFAULT_TEAM });
    warnings.push({
      kind: 'assumed-capacity',
      message: `No teams or service limit set: the plan assumes one team with ${DEFAULT_TEAM.perPhase} person-weeks per phase`,
      serviceIds: [],
    });
  }
  const teamIndex = new Map(teams.map((team, i) => [team.name.trim().toLowerCase(), i]));
  const capacity = new PhaseCapacity(teams.map((team) => team.perPhase), maxServices);
  const chosenTeam = new Map<string, number>();

  const phaseOfUnit = new Int32Array(units.length).fill(-1);
  const place = (unit: Unit, phase: number) => {
    phaseOfUnit[unit.index] = phase;
    for (const [id, team] of capacity.take(phase, demands(unit))) chosenTeam.set(id, team);
  };
  const demands = (unit: Unit) =>
    unit.services.map((service) => ({
      id: service.id,
      team: teamIndex.get(service.team.trim().toLowerCase()) ?? null,
      effort: effort.get(service.id)!.effort,
    }));

  for (const unit of units) {
    if (unit.pin === null) continue;
    const fits = capacity.fits(unit.pin, demands(unit));
    place(unit, unit.pin);
    if (!fits) {
      warnings.push({
        kind: 'pin-capacity',
        message: `${phaseLabel(project, unit.pin)} holds more than its capacity once ${names(unit.services)} is pinned there`,
        serviceIds: unit.services.map((s) => s.id),
      });
    }
  }

  // --- fill phases in order ---
  const waiting = new Int32Array(units.length);
  const heap = new BinaryHeap<Unit>((a, b) => a.risk - b.risk || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index));
  let unplaced = 0;
  for (const unit of units) {
    if (unit.pin !== null) continue;
    unplaced++;
    waiting[unit.index] = unit.dependsOn.filter((d) => units[d]!.pin === null).length;
    if (waiting[unit.index] === 0) heap.push(unit);
  }
  const release = (unit: Unit) => {
    for (const d of unit.dependents) {
      if (units[d]!.pin !== null) continue;
      if (--waiting[d]! === 0) heap.push(units[d]!);
    }
  };
  const earliest = (unit: Unit) => Math.max(1, ...unit.dependsOn.map((d) => phaseOfUnit[d]!));

  for (let phase = 1; unplaced > 0; phase++) {
    const skipped: Unit[] = [];
    while (heap.size > 0 && skipped.length < MAX_SKIPPED_PER_PHASE) {
      const unit = heap.pop()!;
      if (earliest(unit) <= phase && capacity.fits(phase, demands(unit))) {
        place(unit, phase);
        unplaced--;
        release(unit);
      } else skipped.push(unit);
    }
    if (capacity.isEmpty(phase)) {
      // Nothing fitted an empty phase: the first ready unit that is due gets the phase to itself.
      const alone = skipped.findIndex((unit) => earliest(unit) <= phase);
      if (alone >= 0) {
        const [unit] = skipped.splice(alone, 1) as [Unit];
        place(unit, phase);
        unplaced--;
        release(unit);
        warnings.push({
          kind: 'oversized',
          message: `${names(unit.services)} needs ${round1(unit.services.reduce((s, x) => s + effort.get(x.id)!.effort, 0))} person-weeks, more than one phase allows: it has ${phaseLabel(project, phase)} to itself and may run longer`,
          serviceIds: unit.services.map((s) => s.id),
        });
      }
    }
    for (const unit of skipped) heap.push(unit);
  }

  // --- pins that break the dependency order: one warning per unit, naming what leaves later ---
  for (const unit of units) {
    const later = unit.dependsOn.filter((d) => phaseOfUnit[unit.index]! < phaseOfUnit[d]!).map((d) => units[d]!);
    if (later.length === 0) continue;
    const what = later.flatMap((u) => u.services).map((s) => `${s.name} (phase ${phaseOfUnit[unitOf.get(s.id)!]})`);
    warnings.push({
      kind: 'pin-order',
      message: `${names(unit.services)} (phase ${phaseOfUnit[unit.index]}) depends on ${listNames(what)}, which leave${what.length === 1 ? 's' : ''} the monolith later`,
      serviceIds: [...unit.services, ...later.flatMap((u) => u.services)].map((s) => s.id),
    });
  }

  // --- planned services, in phase order then extraction order ---
  const phaseOf = new Map<string, number>();
  const planned: PlannedService[] = [];
  const rank = extractionRanks(units, phaseOfUnit);
  const order = [...units].sort((a, b) => phaseOfUnit[a.index]! - phaseOfUnit[b.index]! || rank[a.index]! - rank[b.index]!);
  for (const unit of order) {
    for (const service of unit.services) {
      phaseOf.set(service.id, phaseOfUnit[unit.index]!);
      const node = graph.nodes.get(service.id);
      const team = chosenTeam.get(service.id);
      planned.push({
        id: service.id,
        name: service.name,
        framework: service.framework,
        runtime: service.runtime,
        datastore: service.datastore,
        team: team !== undefined ? teams[team]!.name : service.team,
        moduleIds: node?.moduleIds ?? [],
        linesOfCode: node?.linesOfCode ?? 0,
        effort: effort.get(service.id)!,
        pinned: unit.pin !== null,
        cycle: cycleOfUnit.get(unit.index) ?? null,
        risk: serviceRisk(graph, service.id),
        dependsOn: dependsOnIds.get(service.id) ?? [],
      });
    }
  }

  const phases = describePhases(project, graph, planned, phaseOf, cycles);
  return {
    phases,
    cycles,
    warnings,
    totalEffort: round1(planned.reduce((sum, s) => sum + s.effort.effort, 0)),
    start: phases[0]!.start,
    end: phases[phases.length - 1]!.end,
    capacity: { teams, maxServicesPerPhase: maxServices },
  };
}

/** Within a phase, a unit comes after the units it depends on: ranks from the order units were placed in. */
function extractionRanks(units: readonly Unit[], phaseOfUnit: Int32Array): Int32Array {
  // Depth in the dependency DAG restricted to each phase, computed iteratively (Kahn) to avoid recursion.
  const rank = new Int32Array(units.length);
  const pending = new Int32Array(units.length);
  const queue: number[] = [];
  for (const unit of units) {
    pending[unit.index] = unit.dependsOn.length;
    if (pending[unit.index] === 0) queue.push(unit.index);
  }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (const d of units[u]!.dependents) {
      if (phaseOfUnit[d] === phaseOfUnit[u]) rank[d] = Math.max(rank[d]!, rank[u]! + 1);
      if (--pending[d]! === 0) queue.push(d);
    }
  }
  // Ties keep the planner's priority: risk, then name.
  const order = [...units].sort((a, b) => rank[a.index]! - rank[b.index]! || a.risk - b.risk || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const final = new Int32Array(units.length);
  order.forEach((unit, i) => (final[unit.index] = i));
  return final;
}

/** Risk of extracting one service: the weight of its crossing dependencies, data counted twice. */
function serviceRisk(graph: ServiceGraph, serviceId: string): number {
  let risk = 0;
  for (const edge of [...(graph.outgoing.get(serviceId) ?? []), ...(graph.incoming.get(serviceId) ?? [])]) {
    risk += edge.weight + edge.weightByKind.data;
  }
  return risk;
}

/** The dependencies inside a cycle that, removed, leave it acyclic: the back edges of a depth-first search
 *  that follows heavier dependencies first, so the edges it drops tend to be the light ones. */
function describeCycle(
  members: readonly string[],
  edges: readonly { from: string; to: string; weight: number }[],
  unitOf: ReadonlyMap<string, number>,
  unit: number,
  nameOf: (id: string) => string,
): PlanCycle {
  const inside = edges.filter((e) => unitOf.get(e.from) === unit && unitOf.get(e.to) === unit);
  const out = new Map<string, { to: string; weight: number }[]>();
  for (const e of inside) {
    const list = out.get(e.from) ?? [];
    list.push({ to: e.to, weight: e.weight });
    out.set(e.from, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.weight - a.weight || (a.to < b.to ? -1 : 1));
  const state = new Map<string, 1 | 2>(); // 1 on the DFS path, 2 done
  const breakEdges: CycleEdge[] = [];
  for (const root of members) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = out.get(top.id) ?? [];
      if (top.next < targets.length) {
        const { to, weight } = targets[top.next++]!;
        const s = state.get(to);
        if (s === 1) breakEdges.push({ from: top.id, to, fromName: nameOf(top.id), toName: nameOf(to), weight });
        else if (s === undefined) {
          state.set(to, 1);
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(top.id, 2);
        stack.pop();
      }
    }
  }
  breakEdges.sort((a, b) => a.weight - b.weight || (a.fromName < b.fromName ? -1 : a.fromName > b.fromName ? 1 : 0));
  return {
    serviceIds: [...members],
    serviceNames: members.map(nameOf),
    breakEdges: breakEdges.slice(0, MAX_BREAK_EDGES),
    breakEdgeCount: breakEdges.length,
  };
}

/** Capacity used per phase: person-weeks per team and a service count. */
class PhaseCapacity {
  private readonly used = new Map<number, { teams: number[]; services: number }>();
  constructor(
    private readonly perPhase: readonly number[],
    private readonly maxServices: number | null,
  ) {}

  private usage(phase: number) {
    let usage = this.used.get(phase);
    if (!usage) {
      usage = { teams: this.perPhase.map(() => 0), services: 0 };
      this.used.set(phase, usage);
    }
    return usage;
  }

  isEmpty(phase: number): boolean {
    return this.usage(phase).services === 0;
  }

  /** Assign each demand to a team (its own, else the one with most room left); returns the choices. */
  private assign(phase: number, demands: readonly { id: string; team: number | null; effort: number }[]) {
    const teams = [...this.usage(phase).teams];
    const choices: [string, number][] = [];
    let fits = true;
    for (const demand of demands) {
      let team = demand.team;
      if (team === null) {
        team = 0;
        for (let t = 1; t < teams.length; t++) if (this.perPhase[t]! - teams[t]! > this.perPhase[team]! - teams[team]!) team = t;
      }
      teams[team]! += demand.effort;
      if (teams[team]! > this.perPhase[team]! + 1e-9) fits = false;
      choices.push([demand.id, team]);
    }
    return { teams, choices, fits };
  }

  fits(phase: number, demands: readonly { id: string; team: number | null; effort: number }[]): boolean {
    const usage = this.usage(phase);
    if (this.maxServices !== null && usage.services + demands.length > this.maxServices) return false;
    if (this.perPhase.length === 0) return true;
    return this.assign(phase, demands).fits;
  }

  take(phase: number, demands: readonly { id: string; team: number | null; effort: number }[]): [string, number][] {
    const usage = this.usage(phase);
    usage.services += demands.length;
    if (this.perPhase.length === 0) return [];
    const { teams, choices } = this.assign(phase, demands);
    usage.teams = teams;
    return choices;
  }
}

function names(services: readonly { name: string }[]): string {
  return listNames(services.map((s) => s.name));
}

function phaseLabel(project: Project, index: number): string {
  const phase = project.phases[index];
  return phase ? `phase ${index} (${phase.name})` : `phase ${index}`;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
