import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../shared/analysis/compareScenarios';
import { computeMetrics } from '../../shared/analysis/metrics';
import type { ModuleCommit } from '../../shared/boundaries/history';
import { duplicateScenario, switchScenario } from '../../shared/commands/scenarios';
import { deleteService } from '../../shared/commands/services';
import { validateProject } from '../../shared/format/load';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The comparison of a project's scenarios: hand-checked figures on a small project, and for any scenario the
// same figures the metrics and the planner give once it is switched to.

/** Modules a, b, c, d in a chain a -> b -> c -> d. "Two services": S1 {a, b}, S2 {c} calling S1, d in the
 * monolith. "One service": S {a, b, c, d}. */
function chain(): Project {
  return ProjectSchema.parse({
    id: 'chain',
    name: 'Chain',
    monolith: {
      modules: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: `m.${id}`, linesOfCode: 1000 })),
      dependencies: [
        { from: 'a', to: 'b', weight: 2 },
        { from: 'b', to: 'c', weight: 1 },
        { from: 'c', to: 'd', weight: 1 },
      ],
    },
    services: [
      { id: 's1', name: 'S1', moduleIds: ['a', 'b'] },
      { id: 's2', name: 'S2', moduleIds: ['c'] },
    ],
    links: [{ id: 'l', from: 's2', to: 's1', style: 'rest' }],
    scenario: { id: 'two', name: 'Two services', description: 'Split' },
    otherScenarios: [{ id: 'one', name: 'One service', services: [{ id: 's', name: 'S', moduleIds: ['a', 'b', 'c', 'd'] }] }],
  });
}

const DAY = 86_400;
const commit = (day: number, modules: string[]): ModuleCommit => ({ time: day * DAY, author: 'dev', modules });

describe('compareScenarios', () => {
  it('lists every scenario, the active one first, with hand-checked crossing shares and cycles', () => {
    const { scenarios, history } = compareScenarios(chain());
    expect(history).toBeNull();
    expect(scenarios.map((s) => [s.id, s.name, s.active])).toEqual([
      ['two', 'Two services', true],
      ['one', 'One service', false],
    ]);
    const [two, one] = scenarios as [(typeof scenarios)[0], (typeof scenarios)[0]];
    // Two services: b -> c (1) and c -> d (1) cross, a -> b (2) does not: 2 of 4.
    expect(two).toMatchObject({
      services: 2,
      modulesInServices: 3,
      monolithModules: 1,
      crossingShareByWeight: 0.5,
      cycles: 1,
      backtest: null,
    });
    // One service holds every module: nothing crosses, and there is no cycle.
    expect(one).toMatchObject({ services: 1, modulesInServices: 4, monolithModules: 0, crossingShareByWeight: 0, cycles: 0 });
    expect(one.structuralModularity).not.toBe(two.structuralModularity);
  });

  it('gives for each scenario what the metrics and the planner give once it is switched to', () => {
    let project = duplicateScenario(loadSampleProject(), { name: 'Fewer services' });
    project = switchScenario(project, { scenarioId: 'fewer-services' });
    for (const serviceId of project.services.slice(2).map((s) => s.id)) project = deleteService(project, { serviceId });
    validateProject(project);
    for (const figures of compareScenarios(project).scenarios) {
      const switched = switchScenario(project, { scenarioId: figures.id });
      const plan = planMigration(switched);
      const metrics = computeMetrics(switched);
      expect(figures).toMatchObject({
        services: switched.services.length,
        structuralModularity: metrics.structuralModularity,
        crossingShareByWeight: metrics.crossingShareByWeight,
        cycles: plan.cycles.length,
        phases: plan.phases.length,
        effortPersonWeeks: plan.totalEffort,
        start: plan.start,
        end: plan.end,
        warnings: plan.warnings.length,
      });
    }
    const [current, fewer] = compareScenarios(project).scenarios;
    expect(current!.name).toBe('Fewer services');
    expect(current!.services).toBe(2);
    expect(fewer!.services).toBe(4);
    expect(fewer!.effortPersonWeeks).toBeGreaterThan(current!.effortPersonWeeks);
  });

  it('backtests each scenario on the commits from the cut-off on, hand-checked', () => {
    const commits = [
      commit(1, ['a', 'd']), // before the cut-off: not counted
      commit(10, ['a', 'b']), // inside S1, inside S
      commit(11, ['a', 'c']), // S1 and S2: crosses; inside S
      commit(12, ['d']), // one module
      commit(13, ['c', 'd']), // S2 and the monolith: crosses; inside S
    ];
    const { scenarios, history } = compareScenarios(chain(), { history: { commits, cutoff: 10 * DAY } });
    expect(history).toEqual({ cutoff: '1970-01-11', commitsAfter: 4 });
    expect(scenarios[0]!.backtest).toMatchObject({ commits: 4, crossing: 2, share: 0.5 });
    expect(scenarios[0]!.backtest!.randomMedian).toBeGreaterThanOrEqual(0);
    expect(scenarios[0]!.backtest!.randomMedian).toBeLessThanOrEqual(1);
    // One service per app merged on imports to three groups: a -> b (weight 2) merges first, {a, b} {c} {d}, the
    // same groups as the design, so the same two crossing commits.
    expect(scenarios[0]!.backtest!.perAppMerged).toBe(0.5);
    // One group of all four modules: no commit can cross, whatever the partition.
    expect(scenarios[1]!.backtest).toEqual({ commits: 4, crossing: 0, share: 0, randomMedian: 0, perAppMerged: 0 });
  });
});
