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

export interface PlannedPhase {
  index: number;
  id: string;
  name: string;
  goal: string;
  lengthWeeks: number;
  /** ISO dates, inclusive. */
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

export type PlanWarningKind = 'pin-order' | 'pin-foundations' | 'pin-split' | 'pin-capacity' | 'oversized' | 'assumed-capacity';

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
  /** Capacity per phase, as the planner used it. */
  capacity: { teams: { name: string; perPhase: number }[]; maxServicesPerPhase: number | null };
}
