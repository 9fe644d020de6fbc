import { z } from 'zod';
import { LIMITS } from './limits';

// The Carve domain model (format version 2: scenarios). Types are inferred from the schemas, never written twice.
// Collections are arrays of records with ids (never objects keyed by id): a JSON file cannot then smuggle
// `__proto__` in as a key, and arrays keep the order the user gave.
// Every field but ids has a default so that a hand-written file may leave it out; a saved file writes them all.

/** An id: short, readable in a diff, safe in a URL or a DOM id. */
export const IdSchema = z
  .string()
  .min(1, 'an id cannot be empty')
  .max(128, 'an id is at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'an id uses letters, digits and _ . : - only');
export type Id = z.infer<typeof IdSchema>;

export { LIMITS } from './limits';

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const name = text(LIMITS.name).min(1, 'a name cannot be empty');

export const MONOLITH_FRAMEWORKS = ['django', 'flask', 'fastapi', 'other'] as const;
export const MonolithFrameworkSchema = z.enum(MONOLITH_FRAMEWORKS);
export type MonolithFramework = z.infer<typeof MonolithFrameworkSchema>;

/** Python versions as "3.12"; PyPy as "pypy3.10". */
export const PythonVersionSchema = z.string().regex(/^(pypy)?3\.\d{1,2}$/, 'a Python version such as "3.12" or "pypy3.10"');

export const DEPENDENCY_KINDS = ['import', 'data', 'call'] as const;
export const DependencyKindSchema = z.enum(DEPENDENCY_KINDS);
export type DependencyKind = z.infer<typeof DependencyKindSchema>;

export const LINK_STYLES = ['rest', 'grpc', 'events', 'shared-db'] as const;
export const LinkStyleSchema = z.enum(LINK_STYLES);
export type LinkStyle = z.infer<typeof LinkStyleSchema>;

export const API_STYLES = ['rest', 'graphql', 'grpc', 'events', 'none'] as const;
export const ApiStyleSchema = z.enum(API_STYLES);
export type ApiStyle = z.infer<typeof ApiStyleSchema>;

/** A module of the monolith: a Python package or a Django app. */
export const ModuleSchema = z.object({
  id: IdSchema,
  /** Dotted Python name, e.g. "shop.orders". */
  name: name.regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted Python name such as "shop.orders"'),
  path: text(LIMITS.path).default(''),
  linesOfCode: z.number().int().min(0).max(LIMITS.linesOfCode).default(0),
  tags: z.array(text(60)).max(100).default([]),
  /** Data models the module owns (Django models, SQLAlchemy tables). */
  entities: z.array(text(LIMITS.entityName)).max(LIMITS.entities).default([]),
  /** Python files in the module (0 when typed in by hand). */
  files: z.number().int().min(0).max(10_000_000).default(0),
  /** Flask blueprints and FastAPI routers the module declares: its API surface. */
  apiSurface: z.number().int().min(0).max(1_000_000).default(0),
  /** Third-party packages the module imports (top-level names: celery, pandas, requests...), sorted. */
  thirdParty: z.array(text(LIMITS.thirdPartyName)).max(LIMITS.thirdParty).default([]),
});
export type Module = z.infer<typeof ModuleSchema>;

/** A place in the monolith's source: a file relative to the imported folder and a 1-based line. */
export const EvidenceSchema = z.object({
  file: text(LIMITS.evidenceFile).min(1, 'a file path is required'),
  line: z.number().int().min(1).max(100_000_000),
  /** What was found there: an import's kind (runtime, type-checking, optional) or a field ("ForeignKey customer"). */
  detail: text(LIMITS.evidenceDetail).default(''),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A dependency between two modules of the monolith. */
export const DependencySchema = z.object({
  from: IdSchema,
  to: IdSchema,
  kind: DependencyKindSchema.default('import'),
  /** How strong: the number of import statements, foreign keys or calls behind it. */
  weight: z.number().int().min(1).max(LIMITS.weight).default(1),
  /** Where the dependency was found in the source (an import or a foreign key), when it was imported. */
  evidence: z.array(EvidenceSchema).max(LIMITS.evidence).default([]),
});
export type Dependency = z.infer<typeof DependencySchema>;

export const MonolithSchema = z.object({
  name: name.default('monolith'),
  framework: MonolithFrameworkSchema.default('django'),
  pythonVersion: PythonVersionSchema.default('3.11'),
  modules: z.array(ModuleSchema).default([]),
  dependencies: z.array(DependencySchema).default([]),
});
export type Monolith = z.infer<typeof MonolithSchema>;

/** A service carved out of the monolith. Framework and runtime ids come from shared/catalog. */
export const ServiceSchema = z.object({
  id: IdSchema,
  name,
  description: text(10_000).default(''),
  moduleIds: z.array(IdSchema).default([]),
  framework: text(60).default('fastapi'),
  runtime: text(60).default('cpython-3.12'),
  datastore: text(200).default(''),
  apiStyle: ApiStyleSchema.default('rest'),
  team: text(200).default(''),
  notes: text(100_000).default(''),
  /** The phase the user pinned this service to; null lets the planner choose. */
  pinnedPhaseId: IdSchema.nullable().default(null),
  /** The user's own effort estimate in person-weeks; null uses the planner's. */
  effortOverride: z.number().min(0).max(100_000).nullable().default(null),
});
export type Service = z.infer<typeof ServiceSchema>;

/** Planned communication between two services. */
export const LinkSchema = z.object({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  style: LinkStyleSchema.default('rest'),
  label: text(200).default(''),
});
export type Link = z.infer<typeof LinkSchema>;

/** A phase of the migration roadmap, as the user named and sized it. */
export const PhaseSchema = z.object({
  id: IdSchema,
  name,
  goal: text(10_000).default(''),
  lengthWeeks: z.number().int().min(1).max(520).default(4),
});
export type Phase = z.infer<typeof PhaseSchema>;

export const TeamSchema = z.object({
  id: IdSchema,
  name,
  /** Person-weeks of effort the team can spend per phase. */
  capacityPerPhase: z.number().min(0).max(100_000).default(8),
});
export type Team = z.infer<typeof TeamSchema>;

export const PlanningSchema = z.object({
  /** ISO date, "2027-01-04". */
  startDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as "2027-01-04"')
    .default('2027-01-04'),
  defaultPhaseWeeks: z.number().int().min(1).max(520).default(4),
  /** At most this many services per phase; null for no limit. */
  maxServicesPerPhase: z.number().int().min(1).max(10_000).nullable().default(null),
  teams: z.array(TeamSchema).default([]),
});
export type Planning = z.infer<typeof PlanningSchema>;

/** The Monolith node of the canvas has this id in the layout. */
export const MONOLITH_NODE_ID = 'monolith';

export const NodePositionSchema = z.object({
  id: IdSchema,
  x: z.number().finite(),
  y: z.number().finite(),
});
export type NodePosition = z.infer<typeof NodePositionSchema>;

/** Where things sit on the canvas: kept apart from the model, never read by the planner. */
export const LayoutSchema = z.object({
  nodes: z.array(NodePositionSchema).default([]),
  viewport: z
    .object({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().finite().min(0.01).max(100) })
    .default({ x: 0, y: 0, zoom: 1 }),
});
export type Layout = z.infer<typeof LayoutSchema>;

/**
 * The parts of a project that make one design of it: the services (with the modules each takes), their links,
 * the roadmap's phases, the planning settings and the canvas layout. The monolith is shared by every design.
 */
export const DesignSchema = z.object({
  services: z.array(ServiceSchema).default([]),
  links: z.array(LinkSchema).default([]),
  /** The roadmap's phases in order: phases[0] is phase 0, Foundations; the planner adds more when it needs them. */
  phases: z.array(PhaseSchema).default([]),
  planning: PlanningSchema.default(() => PlanningSchema.parse({})),
  layout: LayoutSchema.default(() => LayoutSchema.parse({})),
});
export type Design = z.infer<typeof DesignSchema>;

/** At most this many scenarios besides the active one: each holds a whole design. */
export const MAX_OTHER_SCENARIOS = 50;

const scenarioName = text(LIMITS.name).min(1, 'a scenario name cannot be empty');

/** What names the design at the top level of the project (the active scenario). */
export const ScenarioInfoSchema = z.object({
  id: IdSchema,
  name: scenarioName,
  description: text(10_000).default(''),
});
export type ScenarioInfo = z.infer<typeof ScenarioInfoSchema>;

/** The active scenario of a project that never named one (every version 1 file). */
export const DEFAULT_SCENARIO: ScenarioInfo = { id: 'current', name: 'Current design', description: '' };

/** A design kept beside the active one: its name and its own services, links, phases, planning and layout. */
export const ScenarioSchema = z.object({ ...ScenarioInfoSchema.shape, ...DesignSchema.shape });
export type Scenario = z.infer<typeof ScenarioSchema>;

export const ProjectSchema = z.object({
  id: IdSchema,
  name,
  description: text(100_000).default(''),
  author: text(200).default(''),
  monolith: MonolithSchema.default(() => MonolithSchema.parse({})),
  // The active design sits at the top level, where everything that reads a project finds it.
  ...DesignSchema.shape,
  /** The active design's name. */
  scenario: ScenarioInfoSchema.default(() => ({ ...DEFAULT_SCENARIO })),
  /** The other designs; switching to one swaps its design with the top level's. */
  otherScenarios: z.array(ScenarioSchema).max(MAX_OTHER_SCENARIOS).default([]),
});
export type Project = z.infer<typeof ProjectSchema>;
/** What a file or a caller may give: every defaulted field optional. */
export type ProjectInput = z.input<typeof ProjectSchema>;
