import fc from 'fast-check';
import {
  API_STYLES,
  DEPENDENCY_KINDS,
  LINK_STYLES,
  MONOLITH_FRAMEWORKS,
  MONOLITH_NODE_ID,
  type Dependency,
  type Design,
  type Link,
  type Module,
  type NodePosition,
  type Phase,
  type Project,
  type Scenario,
  type ScenarioInfo,
  type Service,
  type Team,
} from '../../shared/model/project';

// fast-check arbitraries for sound projects: unique ids, unique module names, every reference valid, each
// module in at most one service. Shared by every test that needs "any valid project".

export interface ProjectSizes {
  maxModules?: number;
  maxDependencies?: number;
  maxServices?: number;
  maxPhases?: number;
  maxLinks?: number;
  /** Scenarios besides the active one (each a whole design). */
  maxScenarios?: number;
}

/** An id as the schema allows it. */
export const arbId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,15}$/);
/** A dotted Python name such as "shop.orders". */
export const arbModuleName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}(\.[A-Za-z_][A-Za-z0-9_]{0,8}){0,2}$/);

/** Any text of at most `max` UTF-16 units: all of Unicode, including astral characters and lone surrogates. */
export function arbText(max: number): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...'abc XYZ 019_-.'.split('')) },
    { weight: 1, arbitrary: fc.constantFrom('\n', '\t', '"', '\\', '\u0000', '\u2028', 'é', '日', '😀', '\ud800', '\udfff') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  );
  return fc.array(unit, { maxLength: Math.max(0, Math.floor(max / 2)) }).map((parts) => parts.join('').slice(0, max));
}
const arbName = arbText(40).map((text) => (text.trim() === '' ? `Name${text.length}` : text));

/** A finite double without -0 (JSON cannot keep the sign of zero). */
export function arbNumber(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
}

const arbModule: fc.Arbitrary<Module> = fc.record({
  id: arbId,
  name: arbModuleName,
  path: arbText(60),
  linesOfCode: fc.integer({ min: 0, max: 100_000_000 }),
  tags: fc.array(arbText(20), { maxLength: 3 }),
  entities: fc.array(arbText(20), { maxLength: 3 }),
  files: fc.integer({ min: 0, max: 10_000_000 }),
  apiSurface: fc.integer({ min: 0, max: 1_000_000 }),
  thirdParty: fc.array(arbText(20), { maxLength: 3 }),
});

const arbPhase: fc.Arbitrary<Phase> = fc.record({
  id: arbId,
  name: arbName,
  goal: arbText(30),
  lengthWeeks: fc.integer({ min: 1, max: 520 }),
});

const arbTeam: fc.Arbitrary<Team> = fc.record({ id: arbId, name: arbName, capacityPerPhase: arbNumber(0, 100_000) });

function pick<T>(items: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...items);
}

/** A sound design over these modules: services (each module in at most one), links, phases, planning, layout. */
function arbDesign(moduleIds: readonly string[], sizes: ProjectSizes): fc.Arbitrary<Design> {
  const { maxServices = 4, maxPhases = 3, maxLinks = 4 } = sizes;
  return fc
    .record({
      phases: fc.uniqueArray(arbPhase, { maxLength: maxPhases, selector: (p) => p.id }),
      teams: fc.uniqueArray(arbTeam, { maxLength: 3, selector: (t) => t.id }),
      serviceIds: fc.uniqueArray(
        arbId.filter((id) => id !== MONOLITH_NODE_ID),
        { maxLength: maxServices },
      ),
    })
    .chain(({ phases, teams, serviceIds }) => {
      const services: fc.Arbitrary<Service[]> = fc
        .tuple(
          // The service each module belongs to (an index into serviceIds), or none.
          fc.array(fc.integer({ min: -1, max: serviceIds.length - 1 }), { minLength: moduleIds.length, maxLength: moduleIds.length }),
          fc.array(
            fc.record({
              name: arbName,
              description: arbText(40),
              framework: arbText(20),
              runtime: arbText(20),
              datastore: arbText(20),
              apiStyle: pick(API_STYLES),
              team: arbText(20),
              notes: arbText(40),
              pinnedPhaseId: phases.length ? fc.option(pick(phases.map((p) => p.id)), { nil: null }) : fc.constant(null),
              effortOverride: fc.option(arbNumber(0, 100_000), { nil: null }),
            }),
            { minLength: serviceIds.length, maxLength: serviceIds.length },
          ),
        )
        .map(([owners, details]) =>
          serviceIds.map((id, s) => ({
            id,
            ...details[s]!,
            moduleIds: moduleIds.filter((_, m) => owners[m] === s),
          })),
        );
      const link: fc.Arbitrary<Omit<Link, 'id'>> =
        serviceIds.length === 0
          ? (fc.constant(null) as unknown as fc.Arbitrary<Omit<Link, 'id'>>)
          : fc.record({ from: pick(serviceIds), to: pick(serviceIds), style: pick(LINK_STYLES), label: arbText(20) });
      const layoutIds = [MONOLITH_NODE_ID, ...serviceIds];
      const nodes: fc.Arbitrary<NodePosition[]> = fc
        .subarray(layoutIds)
        .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), x: arbNumber(-1e6, 1e6), y: arbNumber(-1e6, 1e6) }))));
      return fc.record({
        services,
        links:
          serviceIds.length === 0
            ? fc.constant([])
            : fc.uniqueArray(arbId, { maxLength: maxLinks }).chain((ids) => fc.tuple(...ids.map((id) => link.map((l) => ({ id, ...l }))))),
        phases: fc.constant(phases),
        planning: fc.record({
          startDate: fc
            .date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2999, 11, 31)), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          defaultPhaseWeeks: fc.integer({ min: 1, max: 520 }),
          maxServicesPerPhase: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
          teams: fc.constant(teams),
        }),
        layout: fc.record({
          nodes,
          viewport: fc.record({ x: arbNumber(-1e6, 1e6), y: arbNumber(-1e6, 1e6), zoom: arbNumber(0.01, 100) }),
        }),
      });
    });
}

const arbScenarioInfo: fc.Arbitrary<ScenarioInfo> = fc.record({ id: arbId, name: arbName, description: arbText(30) });

/** A sound project: loads, passes integrity, and survives a save and a load unchanged. */
export function arbProject(sizes: ProjectSizes = {}): fc.Arbitrary<Project> {
  const { maxModules = 8, maxDependencies = 12, maxScenarios = 1 } = sizes;
  return fc
    .record({
      modules: fc.uniqueArray(arbModule, { maxLength: maxModules, comparator: (a, b) => a.id === b.id || a.name === b.name }),
      // The active scenario first, then the others: ids and names unique among them all.
      scenarios: fc.uniqueArray(arbScenarioInfo, {
        minLength: 1,
        maxLength: 1 + maxScenarios,
        comparator: (a, b) => a.id === b.id || a.name === b.name,
      }),
    })
    .chain(({ modules, scenarios }) => {
      const moduleIds = modules.map((m) => m.id);
      const dependency: fc.Arbitrary<Dependency> =
        moduleIds.length === 0
          ? (fc.constant(null) as unknown as fc.Arbitrary<Dependency>)
          : fc.record({
              from: pick(moduleIds),
              to: pick(moduleIds),
              kind: pick(DEPENDENCY_KINDS),
              weight: fc.integer({ min: 1, max: 1_000_000 }),
              evidence: fc.array(
                fc.record({
                  file: arbText(30).filter((f) => f.length > 0),
                  line: fc.integer({ min: 1, max: 100_000_000 }),
                  detail: arbText(20),
                }),
                { maxLength: 2 },
              ),
            });
      const [active, ...others] = scenarios;
      return fc
        .record({
          id: arbId,
          name: arbName,
          description: arbText(60),
          author: arbText(20),
          monolith: fc.record({
            name: arbName,
            framework: pick(MONOLITH_FRAMEWORKS),
            pythonVersion: fc.stringMatching(/^(pypy)?3\.\d{1,2}$/),
            modules: fc.constant(modules),
            dependencies: moduleIds.length ? fc.array(dependency, { maxLength: maxDependencies }) : fc.constant<Dependency[]>([]),
          }),
          design: arbDesign(moduleIds, sizes),
          otherScenarios: fc.tuple(
            ...others.map((info) => arbDesign(moduleIds, sizes).map((design): Scenario => ({ ...info, ...design }))),
          ),
        })
        .map(({ design, otherScenarios, ...rest }): Project => ({ ...rest, ...design, scenario: active!, otherScenarios }));
    });
}
