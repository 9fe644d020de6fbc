import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensurePhases, pinService, updatePhase } from '../../shared/commands/phases';
import { ProjectSchema, type Project, type ProjectInput } from '../../shared/model/project';
import { addDays } from '../../shared/planning/dates';
import { EMPTY_PHASE_NAME, nameFromServices, nameStem, phaseTitle } from '../../shared/planning/phaseNames';
import { capacityOver, MAX_PHASE_WEEKS } from '../../shared/planning/phaseTiming';
import { planMigration } from '../../shared/planning/planner';
import { planAsText, summarizePlan } from '../../shared/planning/summary';
import type { Plan } from '../../shared/planning/types';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { arbProject } from './arbitraries';

// A phase's dates hold its work (phaseTiming.ts), no phase but Foundations keeps weeks without a service, and
// phases are named from what they extract unless the user named them.

/** Independent services s1..sN with the given efforts (set as overrides), in a Django monolith. */
function project(efforts: Record<string, number>, extra: Partial<ProjectInput> = {}): Project {
  const ids = Object.keys(efforts);
  return ProjectSchema.parse({
    id: 'p',
    name: 'P',
    monolith: { framework: 'django', modules: ids.map((id) => ({ id: `m-${id}`, name: `app.${id}`, linesOfCode: 1000 })) },
    services: ids.map((id) => ({
      id,
      name: id,
      moduleIds: [`m-${id}`],
      framework: 'django',
      runtime: 'cpython-3.11',
      effortOverride: efforts[id],
    })),
    ...extra,
  });
}

const team = (name: string, capacityPerPhase: number) => ({ id: `team-${name.replace(/\W/g, '')}`, name, capacityPerPhase });

describe('phase lengths', () => {
  it('lengthens a phase that holds one unit larger than a phase, to what its team can do a week, and says so', () => {
    // One team of 8 person-weeks per 4-week phase: 2 a week. 150 person-weeks need 75 weeks.
    const plan = planMigration(project({ big: 150, small: 2 }, { planning: { teams: [team('Core', 8)] } }));
    const phase = plan.phases.find((p) => p.services.some((s) => s.id === 'big'))!;
    expect(phase.services.map((s) => s.id)).toEqual(['big']);
    expect([phase.setWeeks, phase.lengthWeeks, phase.effort, phase.capacity]).toEqual([4, 75, 150, 150]);
    expect(phase.end).toBe(addDays(phase.start, 75 * 7 - 1));
    const warning = plan.warnings.find((w) => w.kind === 'oversized')!;
    expect(warning.message).toBe(
      `big needs 150 person-weeks, more than one phase allows: it has phase ${phase.index} (Big) to itself: it runs 75 weeks instead of 4`,
    );
    // The phase after it starts when it ends, and the plan ends with the last phase.
    const next = plan.phases[phase.index + 1];
    if (next) expect(next.start).toBe(addDays(phase.end, 1));
    expect(plan.end).toBe(plan.phases[plan.phases.length - 1]!.end);
  });

  it('gives a phase set longer than the default more capacity, in proportion', () => {
    // 8 per 4-week phase; phase 1 set to 8 weeks holds 16: four services of 4 person-weeks fit, not five.
    const efforts = { a: 4, b: 4, c: 4, d: 4, e: 4 };
    const phases = [
      { id: 'f', name: 'Foundations' },
      { id: 'one', name: 'Phase 1', lengthWeeks: 8 },
    ];
    const plan = planMigration(project(efforts, { phases, planning: { teams: [team('Core', 8)] } }));
    expect(plan.phases[1]!.services).toHaveLength(4);
    expect([plan.phases[1]!.lengthWeeks, plan.phases[1]!.capacity]).toEqual([8, 16]);
    expect(plan.phases[2]!.services).toHaveLength(1);
    expect([plan.phases[2]!.lengthWeeks, plan.phases[2]!.capacity]).toEqual([4, 8]);
  });

  it('lengthens a phase overfilled by a pin, and counts each team against its own capacity', () => {
    const phases = [
      { id: 'f', name: 'Foundations' },
      { id: 'one', name: 'Phase 1' },
    ];
    let p = project({ a: 6, b: 6, c: 3 }, { phases, planning: { teams: [team('Core', 8), team('Data team', 4)] } });
    p = { ...p, services: p.services.map((s) => ({ ...s, team: s.id === 'c' ? 'Data team' : 'Core' })) };
    p = pinService(pinService(p, { serviceId: 'a', phaseId: 'one' }), { serviceId: 'b', phaseId: 'one' });
    const plan = planMigration(p);
    const phase = plan.phases[1]!;
    // Core has 12 person-weeks at 2 a week: 6 weeks. Data team's 3 fit its 1 a week over those 6 weeks.
    expect(phase.lengthWeeks).toBe(6);
    expect(phase.teamLoads).toEqual([
      { team: 'Core', effort: 12, capacity: 12 },
      { team: 'Data team', effort: phase.services.some((s) => s.id === 'c') ? 3 : 0, capacity: 6 },
    ]);
    expect(plan.warnings.find((w) => w.kind === 'pin-capacity')!.message).toBe(
      'Phase 1 (A, b and c) holds more than its teams can do in 4 weeks once b is pinned there: it runs 6 weeks instead of 4',
    );
  });

  it('gives a phase left without services no time, keeps it in the plan as "No services", and Foundations its weeks', () => {
    const sample = loadSampleProject();
    // Pin Catalog (and with it Search, its cycle) into phase 2: everything follows it there, phase 1 is left empty.
    const plan = planMigration(pinService(sample, { serviceId: 'svc-catalog', phaseId: 'phase-edge' }));
    const [foundations, one, two] = plan.phases;
    expect(foundations!.lengthWeeks).toBe(4);
    expect(one!.services).toEqual([]);
    expect(two!.services).toHaveLength(4);
    expect([one!.name, one!.lengthWeeks, one!.capacity, one!.effort]).toEqual([EMPTY_PHASE_NAME, 0, 0, 0]);
    expect(one!.start).toBe(addDays(foundations!.end, 1));
    expect(one!.end).toBe(foundations!.end);
    expect(two!.start).toBe(one!.start);
    expect(plan.end).toBe(two!.end);
    expect(planAsText(plan)).toContain(`Phase 1: ${EMPTY_PHASE_NAME} (no services: takes no time)`);
  });

  it('adds no empty phase of its own: a project without services plans Foundations only', () => {
    const plan = planMigration(project({}));
    expect(plan.phases.map((p) => p.name)).toEqual(['Foundations']);
  });

  it('plans teams with no capacity out, and says so', () => {
    const p = project({ a: 2 }, { planning: { teams: [team('Idle', 0), team('Core', 8)] } });
    const plan = planMigration({ ...p, services: p.services.map((s) => ({ ...s, team: 'Idle' })) });
    expect(plan.capacity.teams.map((t) => t.name)).toEqual(['Core']);
    expect(plan.phases[1]!.services[0]!.team).toBe('Core');
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'Idle has no capacity (0 person-weeks per phase): its services are planned on the other teams',
    ]);
  });
});

describe('phase names', () => {
  it('come from the services, largest first, and follow them when they change', () => {
    expect(nameFromServices([svc('Catalog Service', 15), svc('Search', 4)])).toBe('Catalog and search');
    expect(nameFromServices([svc('order +6', 42), svc('catalogue +8', 51), svc('oscar.apps.partner', 1), svc('customer_support', 3)])).toBe(
      'Catalogue, order and 2 more',
    );
    expect(nameFromServices([svc('API Gateway', 1), svc('FastAPI Edge', 2)])).toBe('FastAPI edge and API gateway');
    expect(nameStem('Payments service')).toBe('Payments');
    expect(nameFromServices([svc('projects +19', 3), svc('api +15', 2), svc('graphql', 1)])).toBe('Projects, API and GraphQL');
    const sample = loadSampleProject();
    expect(planMigration(sample).phases[1]!.name).toBe('Catalog and search');
    // Phase 1 made longer holds Reviews and Notifications too; its name says so.
    const longer = updatePhase(sample, { phaseId: 'phase-catalog', changes: { lengthWeeks: 8 } });
    expect(planMigration(longer).phases[1]!.name).toBe('Catalog, reviews and 2 more');
  });

  it('a name the user typed is kept; clearing back to the one Carve gave ("Phase N") names it from its content again', () => {
    const sample = loadSampleProject();
    const named = updatePhase(sample, { phaseId: 'phase-catalog', changes: { name: 'Storefront core' } });
    const plan = planMigration(named);
    expect([plan.phases[1]!.name, plan.phases[1]!.isNamedByContent]).toEqual(['Storefront core', false]);
    const back = updatePhase(named, { phaseId: 'phase-catalog', changes: { name: 'Phase 7' } });
    expect([planMigration(back).phases[1]!.name, planMigration(back).phases[1]!.isNamedByContent]).toEqual(['Catalog and search', true]);
    // Phases the planner made real to pin into keep following their content.
    const real = ensurePhases(project({ a: 1, b: 1 }, { planning: { maxServicesPerPhase: 1 } }), 3);
    expect(planMigration(real).phases.map((p) => p.name)).toEqual(['Foundations', 'A', 'B']);
  });

  it('titles never repeat the phase: "Phase 2: Catalog", a name that says "Phase 2 …" as it is, Foundations alone', () => {
    expect(phaseTitle({ index: 2, name: 'Catalog' })).toBe('Phase 2: Catalog');
    expect(phaseTitle({ index: 2, name: 'Phase 2 — Edge services' })).toBe('Phase 2 — Edge services');
    expect(phaseTitle({ index: 1, name: 'Phase 12 wrap-up' })).toBe('Phase 1: Phase 12 wrap-up');
    expect(phaseTitle({ index: 0, name: 'Foundations' })).toBe('Foundations');
  });
});

function svc(name: string, effort: number) {
  return { name, effort: { effort } as Plan['phases'][number]['services'][number]['effort'] };
}

describe('phase timing properties (fast-check)', () => {
  const arb = arbProject({ maxModules: 14, maxDependencies: 30, maxServices: 7, maxPhases: 4, maxLinks: 5 });

  it("every phase's effort fits its teams' capacity over its own dates, and a phase runs longer than set only for a reported unit or pin", () => {
    fc.assert(
      fc.property(arb, (p) => {
        const plan = planMigration(p);
        const { teams, phaseWeeks } = plan.capacity;
        const excused = new Set(
          plan.warnings.filter((w) => w.kind === 'oversized' || w.kind === 'pin-capacity').flatMap((w) => w.serviceIds),
        );
        for (const phase of plan.phases) {
          expect(phase.teamLoads.map((l) => l.team)).toEqual(teams.map((t) => t.name));
          // Every service's effort is some team's when there are teams.
          if (teams.length > 0)
            expect(Math.abs(phase.teamLoads.reduce((sum, l) => sum + l.effort, 0) - phase.effort)).toBeLessThanOrEqual(
              0.05 * (teams.length + 1) + 1e-9,
            );
          if (phase.lengthWeeks < MAX_PHASE_WEEKS) {
            phase.teamLoads.forEach((load, t) => {
              expect(load.effort).toBeLessThanOrEqual(Math.round(capacityOver(teams[t]!, phaseWeeks, phase.lengthWeeks) * 10) / 10 + 1e-9);
            });
          }
          if (phase.lengthWeeks > phase.setWeeks) {
            expect(phase.services.some((s) => excused.has(s.id))).toBe(true);
            // No longer than needed: a week less and some team would not fit.
            const tight = phase.teamLoads.some(
              (load, t) => load.effort > capacityOver(teams[t]!, phaseWeeks, phase.lengthWeeks - 1) - 0.05,
            );
            expect(tight).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('no phase but Foundations keeps weeks without a service; dates run on without gaps; JSON gives the same figures', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const plan = planMigration(p);
        const summary = summarizePlan(plan);
        expect(plan.phases[0]!.lengthWeeks).toBe(plan.phases[0]!.setWeeks);
        expect(plan.phases[0]!.tasks.length).toBeGreaterThan(0);
        let start = p.planning.startDate;
        plan.phases.forEach((phase, i) => {
          if (i > 0) expect(phase.lengthWeeks === 0).toBe(phase.services.length === 0);
          if (i >= Math.max(1, p.phases.length)) expect(phase.services.length).toBeGreaterThan(0);
          expect(phase.lengthWeeks).toBeGreaterThanOrEqual(phase.services.length ? phase.setWeeks : 0);
          expect(phase.start).toBe(start);
          expect(phase.end).toBe(addDays(start, phase.lengthWeeks * 7 - 1));
          start = addDays(start, phase.lengthWeeks * 7);
          expect(summary.phases[i]).toMatchObject({
            weeks: phase.lengthWeeks,
            effortPersonWeeks: phase.effort,
            capacityPersonWeeks: phase.capacity,
            start: phase.start,
            end: phase.end,
          });
        });
        expect(plan.end).toBe(plan.phases[plan.phases.length - 1]!.end);
      }),
      { numRuns: 200 },
    );
  });
});

describe('oversized warnings', () => {
  it('say whether a unit is too large for the service limit or for the teams', () => {
    // A cycle of two services with a limit of one service per phase: they still leave together, in one phase.
    const p = project({ a: 1, b: 1 }, { planning: { maxServicesPerPhase: 1 } });
    const cyclic = {
      ...p,
      links: [
        { id: 'l1', from: 'a', to: 'b', style: 'rest' as const, label: '' },
        { id: 'l2', from: 'b', to: 'a', style: 'rest' as const, label: '' },
      ],
    };
    const plan = planMigration(cyclic);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'a and b need 2 services that leave together, more than the limit of 1 per phase: they have phase 1 (A and b) to themselves',
    ]);
    expect(plan.phases[1]!.lengthWeeks).toBe(4);
  });
});

describe('the name of a large phase', () => {
  it('lists its largest services and counts the rest, whatever their number', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => svc(`Service ${i}`, i === 4_321 ? 90 : i === 17 ? 80 : 1));
    expect(nameFromServices(many)).toBe('Service 4321, service 17 and 4,998 more');
    expect(nameFromServices([svc(' +5', 1)])).toBe('1 service');
  });
});
