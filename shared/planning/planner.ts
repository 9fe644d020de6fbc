import { componentsOf } from '../analysis/cycles';
import { getFramework } from '../catalog/frameworks';
import type { Project, Service } from '../model/project';
import { BinaryHeap } from './heap';
import { describeCycle } from './cycleBreaks';
import { plannerGraph, serviceDependencies } from './dependencyGraph';
import { effortOf, type EffortBreakdown } from './effort';
import { describePhases } from './phaseDetails';
import { listWithAnd } from '../words';
import { capacityOver } from './phaseTiming';
import type { Plan, PlanCycle, PlannedPhase, PlannedService, PlanWarning } from './types';

// The roadmap planner: pure and deterministic (the same project gives the same plan, byte for byte).
//
// 1. Service dependencies come from module dependencies between services plus planned links (a call from A to B
//    makes A depend on B; an event from A to B makes the subscriber B depend on A: see linkDependency.ts). Cycles are condensed: the services of a strongly connected component
//    form one unit that goes into one phase, and the plan names the dependencies that would break the cycle.
// 2. Order (strangler fig, leaves first): a unit is extracted no earlier than the units it depends on. Among the
//    units that are ready, lower risk goes first, then name.
// 3. Phase 0 is Foundations (see phaseDetails.ts). Phases 1.. are filled in order within the capacity: each
//    team's person-weeks per phase (given for a phase of the default length, scaled to the phase's set length:
//    phaseTiming.ts) and, when set, at most N services per phase. A service with a team draws on that team; one
//    without draws on the team with the most capacity left. A unit that alone exceeds an empty phase's capacity
//    gets a phase of its own, which runs as long as its work needs, and a warning. Pinned services stay where the
//    user put them; a pin that breaks the dependency order or overfills a phase is reported.
// 4. Dates: a phase lasts its set length, longer when its work needs it, and no time when it extracts nothing
//    (phaseTiming.ts), so that every phase's effort fits its teams' capacity over its own dates.

/** Assumed when the project sets no team and no service limit. */
export const DEFAULT_TEAM = { name: 'Team A', perPhase: 8 } as const;
/** How many units that do not fit a phase the filler looks past before it opens the next phase. */
const MAX_SKIPPED_PER_PHASE = 32;

interface Unit {
  index: number;
  /** Its services, as indices into the planner's services and as the services themselves. */
  members: number[];
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
  // --- service dependency edges: module dependencies between two services, plus planned links ---
  // Services are numbered 0..count-1 (dependencyGraph.ts); per service, its node's tallies give effort and risk.
  const graph = plannerGraph(project);
  const dependencies = serviceDependencies(project, graph);
  const { services, ids, nodeOf } = dependencies;
  const count = services.length;
  // Warnings in the order found; those that name a phase or its length are written once the phases are known.
  const warnings: ((phases: readonly PlannedPhase[]) => PlanWarning)[] = [];
  const warn = (warning: PlanWarning) => warnings.push(() => warning);
  const riskOf = (v: number) => graph.risk[nodeOf[v]!]!;

  // --- units: strongly connected components ---
  const pairs = new Int32Array(2 * dependencies.from.length);
  for (let e = 0; e < dependencies.from.length; e++) {
    pairs[2 * e] = dependencies.from[e]!;
    pairs[2 * e + 1] = dependencies.to[e]!;
  }
  const components = componentsOf(count, pairs);
  const unitOf = new Int32Array(count);
  components.forEach((members, u) => members.forEach((v) => (unitOf[v] = u)));

  // --- effort per service, from its node's size and crossing dependencies ---
  const frameworkIds = new Map<string, string>();
  const frameworkId = (framework: string) => {
    let id = frameworkIds.get(framework);
    if (id === undefined) frameworkIds.set(framework, (id = getFramework(framework).id));
    return id;
  };
  const monolithFramework = frameworkId(project.monolith.framework);
  const effort: EffortBreakdown[] = services.map((service, v) => {
    const n = nodeOf[v]!;
    const inputs = {
      linesOfCode: graph.linesOfCode[n]!,
      crossing: graph.crossing[n]!,
      crossingData: graph.crossingData[n]!,
      entities: graph.entities[n]!,
      frameworkChange: frameworkId(service.framework) !== monolithFramework,
    };
    return effortOf(inputs, service.effortOverride);
  });

  // --- cycles: the units of more than one service, with the dependencies that would break them ---
  const cycles: PlanCycle[] = [];
  const cycleOfUnit = new Map<number, number>();
  const dfsState = new Uint8Array(count);
  components.forEach((members, u) => {
    if (members.length < 2) return;
    cycleOfUnit.set(u, cycles.length);
    cycles.push(describeCycle(members, u, unitOf, dependencies, dfsState));
  });

  const units: Unit[] = components.map((members, u) => {
    const unitServices = members.map((v) => services[v]!);
    let risk = 0;
    let name = unitServices[0]!.name;
    for (const v of members) {
      risk += riskOf(v);
      if (services[v]!.name < name) name = services[v]!.name;
    }
    if (members.length > 1) risk += 10 * members.length;
    return { index: u, members, services: unitServices, risk, name, dependsOn: [], dependents: [], pin: null };
  });
  // Unit edges, in the order of the service edges that first join two units.
  const unitEdges = new Set<number>();
  for (let e = 0; e < dependencies.from.length; e++) {
    const a = unitOf[dependencies.from[e]!]!;
    const b = unitOf[dependencies.to[e]!]!;
    if (a === b || unitEdges.has(a * units.length + b)) continue;
    unitEdges.add(a * units.length + b);
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
      const to = pin;
      warnings.push((phases) => ({
        kind: 'pin-split',
        message: `${names(unit.services)} form a dependency cycle but are pinned to different phases: all go to ${phaseLabel(phases, to === 0 ? 1 : to)}`,
        serviceIds: unit.services.map((s) => s.id),
      }));
    }
    if (pin === 0) {
      warnings.push((phases) => ({
        kind: 'pin-foundations',
        message: `${names(pins.map((p) => p.service))} pinned to ${phaseLabel(phases, 0)}, which extracts no service: planned in phase 1 instead`,
        serviceIds: pins.map((p) => p.service.id),
      }));
      pin = 1;
    }
    unit.pin = pin;
  }

  // --- capacity: person-weeks per team for a phase of the default length, scaled to each phase's set length ---
  const phaseWeeks = project.planning.defaultPhaseWeeks;
  const idle = project.planning.teams.filter((team) => !(team.capacityPerPhase > 0));
  const teams = project.planning.teams
    .filter((team) => team.capacityPerPhase > 0)
    .map((team) => ({ name: team.name, perPhase: team.capacityPerPhase }));
  if (idle.length > 0) {
    warn({
      kind: 'no-capacity',
      message: `${listWithAnd(idle.map((team) => team.name))} ${idle.length === 1 ? 'has' : 'have'} no capacity (0 person-weeks per phase): ${idle.length === 1 ? 'its' : 'their'} services are planned on ${teams.length > 0 ? 'the other teams' : 'the capacity below'}`,
      serviceIds: [],
    });
  }
  const maxServices = project.planning.maxServicesPerPhase;
  if (teams.length === 0 && maxServices === null) {
    teams.push({ ...DEFAULT_TEAM });
    warn({
      kind: 'assumed-capacity',
      message: `No ${idle.length > 0 ? 'team with capacity' : 'teams'} or service limit set: the plan assumes one team with ${DEFAULT_TEAM.perPhase} person-weeks per ${phaseWeeks}-week phase`,
      serviceIds: [],
    });
  }
  const teamIndex = new Map(teams.map((team, i) => [team.name.trim().toLowerCase(), i]));
  const setWeeks = (phase: number) => project.phases[phase]?.lengthWeeks ?? phaseWeeks;
  const capacity = new PhaseCapacity(teams, phaseWeeks, setWeeks, maxServices);
  // Per service: the team it names (-1 for none), and the team the planner chose (-1 until placed).
  const teamOfName = new Map<string, number | null>();
  const ownTeam = services.map((service) => {
    let team = teamOfName.get(service.team);
    if (team === undefined) teamOfName.set(service.team, (team = teamIndex.get(service.team.trim().toLowerCase()) ?? null));
    return team;
  });
  const chosenTeam = new Int32Array(count).fill(-1);

  const phaseOfUnit = new Int32Array(units.length).fill(-1);
  const place = (unit: Unit, phase: number) => {
    phaseOfUnit[unit.index] = phase;
    capacity.take(phase, demands(unit), chosenTeam);
  };
  // What each unit asks of a phase, built once per unit (a unit that does not fit is tried again later).
  const unitDemands: Demand[][] = [];
  const demands = (unit: Unit): Demand[] =>
    (unitDemands[unit.index] ??= unit.members.map((v) => ({ id: v, team: ownTeam[v]!, effort: effort[v]!.effort })));

  for (const unit of units) {
    if (unit.pin === null) continue;
    const fits = capacity.fits(unit.pin, demands(unit));
    place(unit, unit.pin);
    if (!fits) {
      const at = unit.pin;
      warnings.push((phases) => ({
        kind: 'pin-capacity',
        message: `${upperFirst(phaseLabel(phases, at))} holds more than ${capacityWords(phases[at]!, maxServices)} once ${names(unit.services)} ${unit.services.length === 1 ? 'is' : 'are'} pinned there${longerWords(phases[at]!)}`,
        serviceIds: unit.services.map((s) => s.id),
      }));
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
  const earliest = (unit: Unit) => {
    let phase = 1;
    for (const d of unit.dependsOn) phase = Math.max(phase, phaseOfUnit[d]!);
    return phase;
  };

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
        const at = phase;
        const needs = round1(unit.members.reduce((s, v) => s + effort[v]!.effort, 0));
        const one = unit.services.length === 1;
        // Too many services for the limit (a cycle leaves whole), or too much work for the teams.
        const why =
          maxServices !== null && unit.members.length > maxServices
            ? `${unit.members.length} services that leave together, more than the limit of ${maxServices} per phase`
            : `${needs} person-weeks, more than one phase allows`;
        warnings.push((phases) => ({
          kind: 'oversized',
          message: `${names(unit.services)} ${one ? 'needs' : 'need'} ${why}: ${one ? 'it has' : 'they have'} ${phaseLabel(phases, at)} to ${one ? 'itself' : 'themselves'}${longerWords(phases[at]!)}`,
          serviceIds: unit.services.map((s) => s.id),
        }));
      }
    }
    for (const unit of skipped) heap.push(unit);
  }

  // --- pins that break the dependency order: one warning per unit, naming what leaves later ---
  for (const unit of units) {
    const later = unit.dependsOn.filter((d) => phaseOfUnit[unit.index]! < phaseOfUnit[d]!).map((d) => units[d]!);
    if (later.length === 0) continue;
    const what = later.flatMap((u) => u.services.map((s) => `${s.name} (phase ${phaseOfUnit[u.index]})`));
    warn({
      kind: 'pin-order',
      message: `${names(unit.services)} (phase ${phaseOfUnit[unit.index]}) depend${unit.services.length === 1 ? 's' : ''} on ${listWithAnd(what)}, which leave${what.length === 1 ? 's' : ''} the monolith later`,
      serviceIds: [...unit.services, ...later.flatMap((u) => u.services)].map((s) => s.id),
    });
  }

  // --- planned services, in phase order then extraction order ---
  const planned: PlannedService[] = [];
  const placement = { phase: new Int32Array(count), node: new Int32Array(count), team: new Int32Array(count) };
  const rank = extractionRanks(units, phaseOfUnit);
  const order = [...units].sort((a, b) => phaseOfUnit[a.index]! - phaseOfUnit[b.index]! || rank[a.index]! - rank[b.index]!);
  for (const unit of order) {
    for (const v of unit.members) {
      const service = services[v]!;
      placement.phase[planned.length] = phaseOfUnit[unit.index]!;
      placement.node[planned.length] = nodeOf[v]!;
      const team = chosenTeam[v]!;
      placement.team[planned.length] = team;
      const dependsOn: string[] = [];
      for (let k = dependencies.outStart[v]!; k < dependencies.outStart[v + 1]!; k++)
        dependsOn.push(ids[dependencies.to[dependencies.outEdges[k]!]!]!);
      planned.push({
        id: service.id,
        name: service.name,
        framework: service.framework,
        runtime: service.runtime,
        datastore: service.datastore,
        team: team >= 0 ? teams[team]!.name : service.team,
        moduleIds: graph.moduleIds[nodeOf[v]!]!,
        linesOfCode: graph.linesOfCode[nodeOf[v]!]!,
        effort: effort[v]!,
        pinned: unit.pin !== null,
        cycle: cycleOfUnit.get(unit.index) ?? null,
        risk: riskOf(v),
        dependsOn,
      });
    }
  }

  const phases = describePhases(project, graph, planned, placement, cycles, { teams, phaseWeeks });
  return {
    phases,
    cycles,
    warnings: warnings.map((write) => write(phases)),
    totalEffort: round1(planned.reduce((sum, s) => sum + s.effort.effort, 0)),
    start: phases[0]!.start,
    end: phases[phases.length - 1]!.end,
    capacity: { teams, phaseWeeks, maxServicesPerPhase: maxServices },
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
  const order = [...units].sort(
    (a, b) => rank[a.index]! - rank[b.index]! || a.risk - b.risk || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const final = new Int32Array(units.length);
  order.forEach((unit, i) => (final[unit.index] = i));
  return final;
}

/** What placing one service asks of a phase: its index among the planner's services, its own team (an index
 * into the capacity's teams, or null) and its effort. */
interface Demand {
  id: number;
  team: number | null;
  effort: number;
}

/** Capacity used per phase: person-weeks per team (of what each can spend over the phase's set length) and a
 * service count. */
class PhaseCapacity {
  private readonly used = new Map<number, { teams: number[]; services: number; limits: number[] }>();
  constructor(
    private readonly teams: readonly { name: string; perPhase: number }[],
    private readonly phaseWeeks: number,
    private readonly setWeeks: (phase: number) => number,
    private readonly maxServices: number | null,
  ) {}

  private usage(phase: number) {
    let usage = this.used.get(phase);
    if (!usage) {
      const weeks = this.setWeeks(phase);
      usage = { teams: this.teams.map(() => 0), services: 0, limits: this.teams.map((team) => capacityOver(team, this.phaseWeeks, weeks)) };
      this.used.set(phase, usage);
    }
    return usage;
  }

  isEmpty(phase: number): boolean {
    return this.usage(phase).services === 0;
  }

  /** Assign each demand to a team (its own, else the one with most room left); `chosen[id]` notes the
   * choices when given. */
  private assign(phase: number, demands: readonly Demand[], chosen: Int32Array | null) {
    const usage = this.usage(phase);
    const limits = usage.limits;
    const teams = [...usage.teams];
    let fits = true;
    for (const demand of demands) {
      let team = demand.team;
      if (team === null) {
        team = 0;
        for (let t = 1; t < teams.length; t++) if (limits[t]! - teams[t]! > limits[team]! - teams[team]!) team = t;
      }
      teams[team]! += demand.effort;
      if (teams[team]! > limits[team]! + 1e-9) fits = false;
      if (chosen) chosen[demand.id] = team;
    }
    return { teams, fits };
  }

  fits(phase: number, demands: readonly Demand[]): boolean {
    const usage = this.usage(phase);
    if (this.maxServices !== null && usage.services + demands.length > this.maxServices) return false;
    if (this.teams.length === 0) return true;
    return this.assign(phase, demands, null).fits;
  }

  /** Uses the phase's capacity for the demands; `chosen[id]` notes the team each one draws on. */
  take(phase: number, demands: readonly Demand[], chosen: Int32Array): void {
    const usage = this.usage(phase);
    usage.services += demands.length;
    if (this.teams.length === 0) return;
    usage.teams = this.assign(phase, demands, chosen).teams;
  }
}

function names(services: readonly { name: string }[]): string {
  return listWithAnd(services.map((s) => s.name));
}

/** "phase 2 (Catalog and search)", as the plan names it. */
function phaseLabel(phases: readonly PlannedPhase[], index: number): string {
  const phase = phases[index];
  return phase ? `phase ${index} (${phase.name})` : `phase ${index}`;
}

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** What a phase's capacity is, in a sentence: its teams' person-weeks over its set length, or its service limit. */
function capacityWords(phase: PlannedPhase, maxServices: number | null): string {
  if (maxServices !== null && phase.services.length > maxServices)
    return `its limit of ${maxServices} service${maxServices === 1 ? '' : 's'}`;
  return `its teams can do in ${phase.setWeeks} week${phase.setWeeks === 1 ? '' : 's'}`;
}

/** ": it runs 75 weeks instead of 4", when the phase had to be lengthened for its work. */
function longerWords(phase: PlannedPhase): string {
  return phase.lengthWeeks > phase.setWeeks ? `: it runs ${phase.lengthWeeks} weeks instead of ${phase.setWeeks}` : '';
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
