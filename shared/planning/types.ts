import type { EffortBreakdown } from './effort';

// The migration plan: what the planner returns, what the roadmap view, the report and `carve plan` read.

export interface PlannedService {
  id: string;
  name: string;
  framework: string;
  runtime: string;
  datastore: string;
  /** The planning team that does the work: the service's own when it names one, else the one the planner chose. */
  team: string;
  moduleIds: string[];
  linesOfCode: number;
  effort: EffortBreakdown;
  /** Pinned by the user to this phase. */
  pinned: boolean;
  /** Index into Plan.cycles when the service sits in a dependency cycle. */
  cycle: number | null;
  /** Lower is safer: crossing dependency weight, doubled for data, plus 10 in a cycle. Orders ties. */
  risk: number;
  /** Ids of the services this one depends on (module dependencies and planned links). */
  dependsOn: string[];
}

/** Calls the routing facade must carry when a service leaves the monolith. */
export interface FacadeRoute {
  /** 'to-service': what stays in the monolith calls into the extracted service; 'to-monolith': the reverse. */
  direction: 'to-service' | 'to-monolith';
  serviceId: string;
  serviceName: string;
  /** Module dependencies behind the route, and their total weight. */
  dependencies: number;
  weight: number;
  /** Dotted names of the monolith's modules on the other side. */
  monolithModules: string[];
}

export interface DataReader {
  /** A service name, or "Monolith". */
  owner: string;
  /** Foreign keys from the reader into the moved entities. */
  dependencies: number;
}

export interface DataMigration {
  serviceId: string;
  serviceName: string;
  entities: string[];
  datastore: string;
  /** Who still reads the moved entities when the service leaves. */
  readers: DataReader[];
}

/** One team's share of a phase: the person-weeks it is given there, and what it can do over the phase's dates. */
export interface TeamLoad {
  team: string;
  effort: number;
  capacity: number;
}

export interface PlannedPhase {
  index: number;
  id: string;
  name: string;
  /** The name comes from the phase's services (it follows them), not from the user. */
  isNamedByContent: boolean;
  goal: string;
  /** The length the project sets for the phase (its own, else the default). */
  setWeeks: number;
  /**
   * How long the phase lasts: its set length, longer when its work needs more (see phaseTiming.ts), 0 for a
   * phase with no service (it takes no time; Foundations always keeps its set length).
   */
  lengthWeeks: number;
  /** ISO dates, inclusive; a phase of 0 weeks ends the day before it starts. */
  start: string;
  end: string;
  services: PlannedService[];
  /** Foundations work (phase 0), derived from the design. */
  tasks: string[];
  facadeRoutes: FacadeRoute[];
  dataMigrations: DataMigration[];
  risks: string[];
  exitCriteria: string[];
  /** Person-weeks planned in this phase. */
  effort: number;
  /** Person-weeks the teams can spend over the phase's dates; null when only a service count limits a phase. */
  capacity: number | null;
  /** Per team with capacity: its effort and capacity in this phase, in the order of the plan's teams. */
  teamLoads: TeamLoad[];
}

export interface CycleEdge {
  from: string;
  to: string;
  fromName: string;
  toName: string;
  weight: number;
}

export interface PlanCycle {
  serviceIds: string[];
  serviceNames: string[];
  /** Dependencies that, removed, would break the cycle: the lightest first, at most 20 of them. */
  breakEdges: CycleEdge[];
  /** How many dependencies in all would have to go. */
  breakEdgeCount: number;
}

export type PlanWarningKind =
  'pin-order' | 'pin-foundations' | 'pin-split' | 'pin-capacity' | 'oversized' | 'assumed-capacity' | 'no-capacity';

export interface PlanWarning {
  kind: PlanWarningKind;
  message: string;
  serviceIds: string[];
}

export interface Plan {
  phases: PlannedPhase[];
  cycles: PlanCycle[];
  warnings: PlanWarning[];
  /** Person-weeks over all services. */
  totalEffort: number;
  start: string;
  end: string;
  /**
   * Capacity as the planner used it: each team's person-weeks per phase of the default length (`phaseWeeks`),
   * that is `perPhase / phaseWeeks` a week; a phase of another length holds that much a week over its weeks.
   */
  capacity: { teams: { name: string; perPhase: number }[]; phaseWeeks: number; maxServicesPerPhase: number | null };
}
