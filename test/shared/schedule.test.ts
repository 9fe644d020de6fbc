import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProjectSchema, type Project, type ProjectInput } from '../../shared/model/project';
import { parseIsoDate } from '../../shared/planning/dates';
import { planMigration } from '../../shared/planning/planner';
import { schedulePlan, type Schedule } from '../../shared/planning/schedule';
import type { Plan } from '../../shared/planning/types';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { arbProject } from './arbitraries';

// The schedule both timelines draw (shared/planning/schedule.ts): service bars inside their phases, one team's
// bars one after another, the critical path back from the plan's end, milestones at the end of each phase.

const DAY_MS = 86_400_000;
const EPS = 1e-6;

/** Services s1..sN with the given efforts (overrides) and teams; `deps` lists "a->b" (a imports b). */
function project(
  services: Record<string, { effort: number; team?: string }>,
  deps: string[] = [],
  extra: Partial<ProjectInput> = {},
): Project {
  const ids = Object.keys(services);
  return ProjectSchema.parse({
    id: 'p',
    name: 'P',
    monolith: {
      framework: 'django',
      modules: [
        ...ids.map((id) => ({ id: `m-${id}`, name: `app.${id}`, linesOfCode: 1000 })),
        { id: 'm-rest', name: 'app.rest', linesOfCode: 10 },
      ],
      dependencies: deps.map((d) => {
        const [from, to] = d.split('->') as [string, string];
        return { from: `m-${from}`, to: `m-${to}`, kind: 'import', weight: 1 };
      }),
    },
    services: ids.map((id) => ({
      id,
      name: id,
      moduleIds: [`m-${id}`],
      framework: 'django',
      runtime: 'cpython-3.11',
      effortOverride: services[id]!.effort,
      team: services[id]!.team ?? '',
    })),
    ...extra,
  });
}
const team = (name: string, capacityPerPhase: number) => ({ id: `team-${name}`, name, capacityPerPhase });

/** What every schedule must satisfy, whatever the plan. */
function checkSchedule(plan: Plan, schedule: Schedule): void {
  const phaseOf = new Map(schedule.phases.map((span) => [span.index, span]));
  expect(schedule.bars).toHaveLength(plan.phases.reduce((n, phase) => n + phase.services.length, 0));
  // Every bar inside its phase's dates, days and ISO dates alike.
  for (const bar of schedule.bars) {
    const span = phaseOf.get(bar.phaseIndex)!;
    const phase = plan.phases.find((p) => p.index === bar.phaseIndex)!;
    expect(bar.startDay).toBeGreaterThanOrEqual(span.startDay - EPS);
    expect(bar.endDay).toBeLessThanOrEqual(span.endDay + EPS);
    expect(bar.endDay).toBeGreaterThanOrEqual(bar.startDay);
    expect(bar.start >= phase.start || parseIsoDate(bar.start) >= parseIsoDate(phase.start)).toBe(true);
    expect(parseIsoDate(bar.end)).toBeLessThanOrEqual(parseIsoDate(phase.end));
    expect(parseIsoDate(bar.end)).toBeGreaterThanOrEqual(parseIsoDate(bar.start));
  }
  // One team's bars never overlap, and each lane holds one team.
  for (const lane of schedule.lanes) {
    expect(new Set(lane.bars.map((bar) => bar.team))).toEqual(new Set([lane.team]));
    for (let i = 1; i < lane.bars.length; i++) expect(lane.bars[i]!.startDay).toBeGreaterThanOrEqual(lane.bars[i - 1]!.endDay - EPS);
  }
  expect(schedule.lanes.reduce((n, lane) => n + lane.bars.length, 0)).toBe(schedule.bars.length);
  // The critical path: ends with the bar that ends last, in the last phase that extracts a service (whose end is
  // the plan's end), each step ending before the next starts, linked by a dependency, the same team in the same
  // phase, or phase order.
  const critical = schedule.critical;
  if (schedule.bars.length === 0) {
    expect(critical).toEqual([]);
    return;
  }
  const last = critical[critical.length - 1]!;
  expect(last.endDay).toBeCloseTo(Math.max(...schedule.bars.map((bar) => bar.endDay)), 6);
  const lastPhase = [...plan.phases].reverse().find((phase) => phase.services.length > 0)!;
  expect(last.phaseIndex).toBe(lastPhase.index);
  expect(lastPhase.end).toBe(plan.end);
  const dependsOn = new Map(plan.phases.flatMap((phase) => phase.services.map((service) => [service.id, service.dependsOn] as const)));
  for (let i = 1; i < critical.length; i++) {
    const [before, after] = [critical[i - 1]!, critical[i]!];
    expect(before.endDay).toBeLessThanOrEqual(after.startDay + EPS);
    const linked =
      dependsOn.get(after.serviceId)!.includes(before.serviceId) ||
      (before.team === after.team && before.phaseIndex === after.phaseIndex) ||
      before.phaseIndex < after.phaseIndex;
    expect(linked).toBe(true);
  }
  // Each phase that takes time ends in a milestone on its end date; the last one is the finish, at the plan's end.
  expect(schedule.milestones.map((m) => m.phaseIndex)).toEqual(plan.phases.filter((p) => p.lengthWeeks > 0).map((p) => p.index));
  for (const milestone of schedule.milestones) expect(milestone.date).toBe(plan.phases.find((p) => p.index === milestone.phaseIndex)!.end);
  expect(schedule.milestones.at(-1)!.date).toBe(plan.end);
  expect(schedule.milestones.at(-1)!.kind).not.toBe('phase-end');
  expect(schedule.totalDays).toBe((parseIsoDate(plan.end) - parseIsoDate(plan.start)) / DAY_MS + 1);
}

describe('schedule', () => {
  it("one team works its phase's services one after another, each for its effort over the team's weekly capacity", () => {
    // Core: 8 person-weeks per 4-week phase, 2 a week: a (2 pw) takes 7 days, b (4 pw) 14 days, c (2 pw) 7 days.
    const plan = planMigration(
      project({ a: { effort: 2 }, b: { effort: 4 }, c: { effort: 2 } }, [], { planning: { teams: [team('Core', 8)] } }),
    );
    const schedule = schedulePlan(plan);
    checkSchedule(plan, schedule);
    const phase = plan.phases[1]!;
    expect(phase.services.map((s) => s.id).sort()).toEqual(['a', 'b', 'c']);
    const bars = schedule.bars.filter((bar) => bar.phaseIndex === 1);
    const start = schedule.phases[1]!.startDay;
    expect(bars.map((bar) => [bar.serviceId, bar.startDay - start, bar.endDay - start])).toEqual(
      phase.services.reduce<[string, number, number][]>((rows, s) => {
        const from = rows.length ? rows[rows.length - 1]![2] : 0;
        return [...rows, [s.id, from, from + (s.effort.effort / 2) * 7]];
      }, []),
    );
    expect(bars.at(-1)!.endDay - start).toBe(28);
    expect(schedule.lanes.map((lane) => [lane.team, lane.bars.length, lane.effort])).toEqual([['Core', 3, 8]]);
  });

  it('two teams work in parallel lanes; a service waits for the service of its phase it depends on', () => {
    // b depends on a; a is Blue's, b is Green's: b starts when a ends, not at the phase's start.
    const plan = planMigration(
      project({ a: { effort: 4, team: 'Blue' }, b: { effort: 2, team: 'Green' }, c: { effort: 2, team: 'Green' } }, ['b->a'], {
        planning: { teams: [team('Blue', 8), team('Green', 8)] },
      }),
    );
    const schedule = schedulePlan(plan);
    checkSchedule(plan, schedule);
    const bar = (id: string) => schedule.bars.find((b) => b.serviceId === id)!;
    expect(bar('a').phaseIndex).toBe(bar('b').phaseIndex);
    expect(bar('b').startDay).toBe(bar('a').endDay);
    expect(schedule.lanes.map((lane) => lane.team)).toEqual(['Blue', 'Green']);
    // The path that ends the plan runs through the dependency: a, then b.
    expect(schedule.critical.map((b) => b.serviceId)).toEqual(['a', 'b']);
    expect(
      schedule.bars
        .filter((b) => b.isCritical)
        .map((b) => b.serviceId)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('the critical path crosses phases through phase order, following the dependency that ends last', () => {
    // One service per phase: c depends on b, b on a; they leave in three phases, one after another.
    const plan = planMigration(
      project({ a: { effort: 3 }, b: { effort: 2 }, c: { effort: 1 } }, ['c->b', 'b->a'], {
        planning: { teams: [], maxServicesPerPhase: 1 },
      }),
    );
    const schedule = schedulePlan(plan);
    checkSchedule(plan, schedule);
    expect(plan.phases.slice(1).map((p) => p.services.map((s) => s.id))).toEqual([['a'], ['b'], ['c']]);
    expect(schedule.critical.map((b) => b.serviceId)).toEqual(['a', 'b', 'c']);
    // No capacity (a service limit only): a team's services share their phase, here one service fills it.
    for (const bar of schedule.bars) {
      const span = schedule.phases.find((s) => s.index === bar.phaseIndex)!;
      expect([bar.startDay, bar.endDay]).toEqual([span.startDay, span.endDay]);
    }
  });

  it('milestones: each phase end, and "Monolith retired" when the services take every module', () => {
    const p = project({ a: { effort: 2 } }, [], { planning: { teams: [team('Core', 8)] } });
    const plan = planMigration(p);
    const partial = schedulePlan(plan, { monolithModules: p.monolith.modules.length });
    expect(partial.milestones.map((m) => [m.kind, m.date])).toEqual([
      ['phase-end', plan.phases[0]!.end],
      ['last-extraction', plan.end],
    ]);
    expect(partial.milestones[0]!.label).toBe('End of phase 0: Foundations');
    expect(partial.milestones[1]!.label).toBe(`Last extraction: a; phase 1 (${plan.phases[1]!.name}) ends`);
    const retired = schedulePlan(plan, { monolithModules: 1 });
    expect(retired.milestones.at(-1)!.kind).toBe('monolith-retired');
    expect(retired.milestones.at(-1)!.label).toMatch(/^Monolith retired: phase 1 /);
  });

  it('a plan with no service has Foundations only, no bar and no path', () => {
    const plan = planMigration(project({}));
    const schedule = schedulePlan(plan);
    checkSchedule(plan, schedule);
    expect([schedule.bars.length, schedule.lanes.length, schedule.milestones.length]).toEqual([0, 0, 1]);
  });

  it("the sample: every bar inside its phase, and the path ends on the plan's last day", () => {
    const sample = loadSampleProject();
    const plan = planMigration(sample);
    const schedule = schedulePlan(plan, { monolithModules: sample.monolith.modules.length });
    checkSchedule(plan, schedule);
    expect(schedule.critical.length).toBeGreaterThan(1);
  });
});

describe('schedule properties (fast-check)', () => {
  it('every bar inside its phase, one team never works two bars at once, the critical path ends at the plan end and respects its links', () => {
    const arb = arbProject({ maxModules: 14, maxDependencies: 30, maxServices: 8, maxPhases: 4, maxLinks: 5 });
    fc.assert(
      fc.property(arb, (p) => {
        const plan = planMigration(p);
        checkSchedule(plan, schedulePlan(plan, { monolithModules: p.monolith.modules.length }));
      }),
      { numRuns: 200 },
    );
  });
});
