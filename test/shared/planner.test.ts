import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { ProjectSchema, type Project, type ProjectInput } from '../../shared/model/project';
import { estimateEffort } from '../../shared/planning/effort';
import { linkDependency } from '../../shared/planning/linkDependency';
import { DEFAULT_TEAM, planMigration } from '../../shared/planning/planner';
import type { Plan } from '../../shared/planning/types';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { arbProject } from './arbitraries';

/** A project from modules a..z: `deps` as "a>b" (a depends on b), `services` as id -> module ids. */
function project(deps: string[], services: Record<string, string[]>, extra: Partial<ProjectInput> = {}): Project {
  const moduleIds = [...new Set([...deps.flatMap((d) => d.split('>')), ...Object.values(services).flat()])].sort();
  return ProjectSchema.parse({
    id: 'p',
    name: 'P',
    monolith: {
      framework: 'django',
      modules: moduleIds.map((id) => ({ id, name: id, linesOfCode: 1000 })),
      dependencies: deps.map((d) => {
        const [from, to] = d.split('>');
        return { from, to, weight: 1 };
      }),
    },
    services: Object.entries(services).map(([id, moduleIds]) => ({
      id,
      name: id.toUpperCase(),
      moduleIds,
      framework: 'django',
      runtime: 'cpython-3.11',
    })),
    ...extra,
  });
}

const phaseOf = (plan: Plan) => new Map(plan.phases.flatMap((phase) => phase.services.map((s) => [s.id, phase.index] as const)));

describe('planMigration', () => {
  it('extracts leaves first: a service never comes before the services it depends on', () => {
    // a depends on b, b on c: C, then B, then A. One service per phase.
    const plan = planMigration(project(['a>b', 'b>c'], { sa: ['a'], sb: ['b'], sc: ['c'] }, { planning: { maxServicesPerPhase: 1 } }));
    expect(plan.phases.map((p) => p.services.map((s) => s.id))).toEqual([[], ['sc'], ['sb'], ['sa']]);
    expect(plan.phases[0]!.name).toBe('Foundations');
    expect(plan.warnings).toEqual([]);
  });

  it('breaks ties by lower risk, then by name', () => {
    // Three independent services; sz has no crossing dependency (risk 0), sx and sy one each (risk 1).
    const plan = planMigration(project(['x>m', 'y>m'], { sy: ['y'], sx: ['x'], sz: ['z'] }, { planning: { maxServicesPerPhase: 1 } }));
    expect(plan.phases.slice(1).map((p) => p.services[0]!.name)).toEqual(['SZ', 'SX', 'SY']);
  });

  it('puts the services of a cycle in one phase and names the lightest dependency that breaks it', () => {
    const p = project(['a>b', 'b>a', 'a>b'], { sa: ['a'], sb: ['b'] });
    const plan = planMigration(p);
    const phases = phaseOf(plan);
    expect(phases.get('sa')).toBe(phases.get('sb'));
    expect(plan.cycles).toHaveLength(1);
    expect(plan.cycles[0]!.serviceNames).toEqual(['SA', 'SB']);
    // SA -> SB weighs 2 (two import statements), SB -> SA weighs 1: the lighter one is the one to break.
    expect(plan.cycles[0]!.breakEdges.map((e) => `${e.fromName}>${e.toName}:${e.weight}`)).toEqual(['SB>SA:1']);
    expect(plan.phases[phases.get('sa')!]!.risks.join(' ')).toContain('Dependency cycle between SA and SB');
  });

  it('keeps a pinned service where the user put it and reports a pin that breaks the order', () => {
    const p = project(
      ['a>b'],
      { sa: ['a'], sb: ['b'] },
      {
        phases: [
          { id: 'f', name: 'Foundations' },
          { id: 'p1', name: 'One' },
          { id: 'p2', name: 'Two' },
        ],
      },
    );
    p.services[1] = { ...p.services[1]!, pinnedPhaseId: 'p2' }; // sb, which sa depends on, pinned late
    p.services[0] = { ...p.services[0]!, pinnedPhaseId: 'p1' };
    const plan = planMigration(p);
    expect(phaseOf(plan).get('sa')).toBe(1);
    expect(phaseOf(plan).get('sb')).toBe(2);
    expect(plan.warnings.map((w) => w.kind)).toContain('pin-order');
    expect(plan.warnings.find((w) => w.kind === 'pin-order')!.message).toBe(
      'SA (phase 1) depends on SB (phase 2), which leaves the monolith later',
    );
  });

  it('fills phases up to each team capacity and gives an oversized service a phase of its own, with a warning', () => {
    const services = { s1: ['a'], s2: ['b'], s3: ['c'], big: ['d'] };
    const p = project([], services, { planning: { teams: [{ id: 't', name: 'Core', capacityPerPhase: 1 }] } });
    p.monolith.modules = p.monolith.modules.map((m) => (m.id === 'd' ? { ...m, linesOfCode: 40_000 } : m));
    const plan = planMigration(p);
    // Each small service costs 1 person-week (0.5 for 1,000 lines, raised to the minimum of 1).
    for (const phase of plan.phases) expect(phase.services.length).toBeLessThanOrEqual(1);
    const oversized = plan.warnings.filter((w) => w.kind === 'oversized');
    expect(oversized).toHaveLength(1);
    expect(oversized[0]!.serviceIds).toEqual(['big']);
    expect(oversized[0]!.message).toContain('BIG needs 20 person-weeks');
  });

  it('assumes one team when the project sets no capacity, and says so', () => {
    const plan = planMigration(project([], { s: ['a'] }));
    expect(plan.capacity.teams).toEqual([DEFAULT_TEAM]);
    expect(plan.warnings.map((w) => w.kind)).toEqual(['assumed-capacity']);
  });

  it('dates phases from the start date and their lengths, inclusive', () => {
    const plan = planMigration(
      project(
        [],
        { s: ['a'] },
        { planning: { startDate: '2027-01-04', maxServicesPerPhase: 1 }, phases: [{ id: 'f', name: 'F', lengthWeeks: 2 }] },
      ),
    );
    expect(plan.phases.map((p) => [p.start, p.end])).toEqual([
      ['2027-01-04', '2027-01-17'],
      ['2027-01-18', '2027-02-14'],
    ]);
  });

  it('lists the facade routes both ways and the data that moves with its readers', () => {
    // Module m stays in the monolith; it calls s's module a, a calls back into m; n has a foreign key into a.
    const p = project(['m>a', 'a>m'], { s: ['a'] });
    p.monolith.modules = p.monolith.modules.map((m) => (m.id === 'a' ? { ...m, entities: ['Order'] } : m));
    p.monolith.modules.push({
      id: 'n',
      name: 'n',
      path: '',
      linesOfCode: 10,
      tags: [],
      entities: [],
      files: 1,
      apiSurface: 0,
      thirdParty: [],
    });
    p.monolith.dependencies.push({ from: 'n', to: 'a', kind: 'data', weight: 1, evidence: [] });
    const phase = planMigration(p).phases[1]!;
    expect(phase.facadeRoutes.map((r) => [r.direction, r.serviceName, r.monolithModules])).toEqual([
      ['to-monolith', 'S', ['m']],
      ['to-service', 'S', ['m']],
    ]);
    expect(phase.dataMigrations).toEqual([
      { serviceId: 's', serviceName: 'S', entities: ['Order'], datastore: '', readers: [{ owner: 'Monolith', dependencies: 1 }] },
    ]);
    expect(phase.exitCriteria.join(' ')).toContain("Order lives in S's own datastore");
  });

  it('derives the Foundations tasks from the design: ASGI path and runtime upgrade when needed', () => {
    const p = project([], { s: ['a'] });
    expect(planMigration(p).phases[0]!.tasks.join('\n')).not.toMatch(/ASGI|Runtime upgrade/);
    p.services[0] = { ...p.services[0]!, framework: 'fastapi', runtime: 'cpython-3.13' };
    const tasks = planMigration(p).phases[0]!.tasks.join('\n');
    expect(tasks).toContain('ASGI deployment path');
    expect(tasks).toContain('Runtime upgrade: shared libraries, base images and CI from Python 3.11 to 3.13 for S');
  });

  it('computes effort from lines, crossing dependencies, entities and a framework change; an override wins', () => {
    const p = project(['a>m', 'm>a'], { s: ['a'] });
    p.monolith.modules = p.monolith.modules.map((m) => (m.id === 'a' ? { ...m, linesOfCode: 4000, entities: ['X', 'Y'] } : m));
    const graph = buildServiceGraph(p);
    // 4,000 lines: 2.0; same framework as the monolith: no rewrite; 2 crossing imports: 0.5; 2 entities: 1.0.
    expect(estimateEffort(p, graph, p.services[0]!)).toMatchObject({ code: 2, rewrite: 0, interface: 0.5, data: 1, effort: 3.5 });
    const flask = { ...p.services[0]!, framework: 'flask' };
    expect(estimateEffort(p, graph, flask)).toMatchObject({ rewrite: 1.2, effort: 4.7, frameworkChange: true });
    expect(estimateEffort(p, graph, { ...flask, effortOverride: 2 })).toMatchObject({ computed: 4.7, effort: 2, overridden: true });
  });

  it("the planner's own per-service effort agrees with estimateEffort on the service graph", () => {
    const check = (p: Project) => {
      const graph = buildServiceGraph(p);
      for (const service of planMigration(p).phases.flatMap((phase) => phase.services)) {
        expect(service.effort).toEqual(
          estimateEffort(
            p,
            graph,
            p.services.find((s) => s.id === service.id)!,
          ),
        );
      }
    };
    check(loadSampleProject());
    fc.assert(fc.property(arbProject({ maxModules: 20, maxDependencies: 40, maxServices: 8 }), check), { numRuns: 100 });
  });

  it('plans the sample: every service once, the cycle reported, Foundations first', () => {
    const sample = loadSampleProject();
    const plan = planMigration(sample);
    expect(plan.phases[0]!.services).toEqual([]);
    expect(plan.phases.flatMap((p) => p.services.map((s) => s.id)).sort()).toEqual(sample.services.map((s) => s.id).sort());
    expect(JSON.stringify(planMigration(loadSampleProject()))).toBe(JSON.stringify(plan));
  });
});

describe('planMigration properties', () => {
  const arb = arbProject({ maxModules: 14, maxDependencies: 30, maxServices: 7, maxPhases: 4, maxLinks: 5 });

  it('plans every service exactly once, and never in Foundations', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const planned = planMigration(p).phases.flatMap((phase) => phase.services.map((s) => `${phase.index}:${s.id}`));
        expect(planned.map((x) => x.split(':').slice(1).join(':')).sort()).toEqual(p.services.map((s) => s.id).sort());
        expect(planned.some((x) => x.startsWith('0:'))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps dependency order except inside cycles and for reported pins', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const plan = planMigration(p);
        const phases = phaseOf(plan);
        const inCycle = new Map(plan.cycles.flatMap((c, i) => c.serviceIds.map((id) => [id, i] as const)));
        const reported = new Set(plan.warnings.filter((w) => w.kind === 'pin-order').flatMap((w) => w.serviceIds));
        const serviceIds = new Set(p.services.map((s) => s.id));
        const edges = [
          ...buildServiceGraph(p).edges.filter((e) => serviceIds.has(e.from) && serviceIds.has(e.to)),
          ...p.links.filter((l) => l.from !== l.to).map(linkDependency),
        ];
        for (const { from, to } of edges) {
          if (inCycle.has(from) && inCycle.get(from) === inCycle.get(to)) {
            expect(phases.get(from)).toBe(phases.get(to));
            continue;
          }
          if (phases.get(from)! < phases.get(to)!) expect(reported.has(from) && reported.has(to)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same plan for the same input', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const copy = JSON.parse(JSON.stringify(p)) as Project;
        expect(JSON.stringify(planMigration(copy))).toBe(JSON.stringify(planMigration(p)));
      }),
      { numRuns: 100 },
    );
  });

  it("never exceeds the capacity of a phase's set length unless one unit alone does, or a pin does, and then says so", () => {
    fc.assert(
      fc.property(arb, fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), (p, max) => {
        const project = { ...p, planning: { ...p.planning, maxServicesPerPhase: max } };
        const plan = planMigration(project);
        // Each team's capacity is for a phase of the default length, scaled to the phase's set length.
        const perWeek = plan.capacity.teams.reduce((sum, t) => sum + t.perPhase, 0) / plan.capacity.phaseWeeks;
        const excused = new Set(
          plan.warnings.filter((w) => w.kind === 'oversized' || w.kind === 'pin-capacity').flatMap((w) => w.serviceIds),
        );
        const cycleSize = new Map(plan.cycles.flatMap((c) => c.serviceIds.map((id) => [id, c.serviceIds.length] as const)));
        for (const phase of plan.phases) {
          const effort = phase.services.reduce((sum, s) => sum + s.effort.effort, 0);
          const overCount = max !== null && phase.services.length > max;
          const overEffort = plan.capacity.teams.length > 0 && effort > perWeek * phase.setWeeks * (1 + 1e-9) + 1e-6;
          if (overCount || overEffort) {
            const isAloneUnit = phase.services.length === (cycleSize.get(phase.services[0]!.id) ?? 1);
            expect(phase.services.some((s) => excused.has(s.id)) && (isAloneUnit || phase.services.some((s) => s.pinned))).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('plan dates', () => {
  it('keeps counting past the year 9999 instead of producing an unreadable date', async () => {
    const { addDays } = await import('../../shared/planning/dates');
    expect(addDays('2027-01-04', 7)).toBe('2027-01-11');
    expect(addDays('9999-12-25', 14)).toBe('10000-01-08');
    expect(addDays('10000-01-08', 1)).toBe('10000-01-09');
  });
});

describe('planned links', () => {
  it('make a caller depend on what it calls, and an event subscriber depend on the publisher', () => {
    const links = (style: 'rest' | 'events') =>
      project([], { sa: ['a'], sb: ['b'] }, { links: [{ id: 'l', from: 'sa', to: 'sb', style }], planning: { maxServicesPerPhase: 1 } });
    // A calls B: B leaves first. A publishes to B: A leaves first.
    expect(
      planMigration(links('rest'))
        .phases.slice(1)
        .map((p) => p.services[0]!.id),
    ).toEqual(['sb', 'sa']);
    expect(
      planMigration(links('events'))
        .phases.slice(1)
        .map((p) => p.services[0]!.id),
    ).toEqual(['sa', 'sb']);
  });
});
