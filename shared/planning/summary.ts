import { getFramework } from '../catalog/frameworks';
import { getRuntime } from '../catalog/runtimes';
import { countOf } from '../words';
import { phaseTitle } from './phaseNames';
import type { Plan, PlannedPhase } from './types';

// The plan as plain JSON for tools: what `carve plan --json` prints and `carve export --format json` writes.
// Services are named, not given by id, so the output reads well in an issue tracker or a diff.

export interface PlanSummary {
  phases: {
    index: number;
    name: string;
    start: string;
    end: string;
    /** How long the phase lasts: its set length, longer when its work needs it, 0 when it extracts nothing. */
    weeks: number;
    services: string[];
    /** Person-weeks planned in the phase. */
    effortPersonWeeks: number;
    /** Person-weeks the teams can spend over the phase's own dates; null when only a service count limits it. */
    capacityPersonWeeks: number | null;
    teams: { team: string; effortPersonWeeks: number; capacityPersonWeeks: number }[];
    facadeRoutes: {
      direction: 'to-service' | 'to-monolith';
      service: string;
      dependencies: number;
      weight: number;
      monolithModules: string[];
    }[];
    dataMigrations: { service: string; entities: string[]; datastore: string; readers: { owner: string; dependencies: number }[] }[];
    risks: string[];
  }[];
  cycles: string[][];
  warnings: string[];
}

export function summarizePlan(plan: Plan): PlanSummary {
  return {
    phases: plan.phases.map((phase) => ({
      index: phase.index,
      name: phase.name,
      start: phase.start,
      end: phase.end,
      weeks: phase.lengthWeeks,
      services: phase.services.map((s) => s.name),
      effortPersonWeeks: phase.effort,
      capacityPersonWeeks: phase.capacity,
      teams: phase.teamLoads.map((load) => ({ team: load.team, effortPersonWeeks: load.effort, capacityPersonWeeks: load.capacity })),
      facadeRoutes: phase.facadeRoutes.map((r) => ({
        direction: r.direction,
        service: r.serviceName,
        dependencies: r.dependencies,
        weight: r.weight,
        monolithModules: r.monolithModules,
      })),
      dataMigrations: phase.dataMigrations.map((d) => ({
        service: d.serviceName,
        entities: d.entities,
        datastore: d.datastore,
        readers: d.readers,
      })),
      risks: phase.risks,
    })),
    cycles: plan.cycles.map((c) => c.serviceNames),
    warnings: plan.warnings.map((w) => w.message),
  };
}

/** A phase's dates, length and load in words: "2027-02-01 to 2027-02-28, 4 weeks, 19.6 of 22 person-weeks". */
export function phaseTimingText(phase: PlannedPhase): string {
  if (phase.lengthWeeks === 0) return 'no services: takes no time';
  const weeks = countOf(phase.lengthWeeks, 'week');
  const length = phase.lengthWeeks > phase.setWeeks ? `${weeks} instead of the ${phase.setWeeks} set, as its work needs` : weeks;
  const load =
    phase.index === 0 && phase.services.length === 0
      ? ''
      : phase.capacity === null
        ? `, ${countOf(phase.effort, 'person-week')}`
        : `, ${phase.effort} of ${countOf(phase.capacity, 'person-week')}`;
  return `${phase.start} to ${phase.end}, ${length}${load}`;
}

/** The plan as lines of text for a terminal. */
export function planAsText(plan: Plan): string[] {
  const lines: string[] = [];
  lines.push(`${countOf(plan.phases.length, 'phase')}, ${plan.start} to ${plan.end}, ${countOf(plan.totalEffort, 'person-week')}`);
  for (const phase of plan.phases) {
    lines.push('');
    lines.push(`${phase.index === 0 ? `Phase 0: ${phase.name}` : phaseTitle(phase)} (${phaseTimingText(phase)})`);
    for (const task of phase.tasks) lines.push(`  task: ${task}`);
    for (const s of phase.services) {
      const runtime = getRuntime(s.runtime)?.name ?? s.runtime;
      lines.push(
        `  ${s.name}: ${getFramework(s.framework).name}, ${runtime}, ${countOf(s.effort.effort, 'person-week')}${s.team ? `, ${s.team}` : ''}${s.pinned ? ' (pinned)' : ''}`,
      );
    }
    for (const r of phase.facadeRoutes) {
      lines.push(
        `  route: ${r.direction === 'to-service' ? `monolith -> ${r.serviceName}` : `${r.serviceName} -> monolith`} (${countOf(r.dependencies, 'dependency', 'dependencies')}, weight ${r.weight})`,
      );
    }
    for (const d of phase.dataMigrations) {
      if (d.entities.length) lines.push(`  data: ${d.entities.join(', ')} move${d.entities.length === 1 ? 's' : ''} to ${d.serviceName}`);
    }
    for (const risk of phase.risks) lines.push(`  risk: ${risk}`);
  }
  for (const w of plan.warnings) lines.push(`warning: ${w.message}`);
  return lines;
}
