import type { Plan } from './types';

// The plan as plain JSON for tools: what `carve plan --json` prints and `carve export --format json` writes.
// Services are named, not given by id, so the output reads well in an issue tracker or a diff.

export interface PlanSummary {
  phases: {
    index: number;
    name: string;
    start: string;
    end: string;
    services: string[];
    facadeRoutes: { direction: 'to-service' | 'to-monolith'; service: string; dependencies: number; weight: number; monolithModules: string[] }[];
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
      services: phase.services.map((s) => s.name),
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

/** The plan as lines of text for a terminal. */
export function planAsText(plan: Plan): string[] {
  const lines: string[] = [];
  lines.push(`${plan.phases.length} phases, ${plan.start} to ${plan.end}, ${plan.totalEffort} person-weeks`);
  for (const phase of plan.phases) {
    lines.push('');
    lines.push(`Phase ${phase.index}: ${phase.name} (${phase.start} to ${phase.end}, ${phase.lengthWeeks} weeks)`);
    for (const task of phase.tasks) lines.push(`  task: ${task}`);
    for (const s of phase.services) {
      lines.push(`  ${s.name}: ${s.framework}, ${s.runtime}, ${s.effort.effort} person-weeks${s.team ? `, ${s.team}` : ''}${s.pinned ? ' (pinned)' : ''}`);
    }
    for (const r of phase.facadeRoutes) {
      lines.push(`  route: ${r.direction === 'to-service' ? `monolith -> ${r.serviceName}` : `${r.serviceName} -> monolith`} (${r.dependencies} dependencies, weight ${r.weight})`);
    }
    for (const d of phase.dataMigrations) {
      if (d.entities.length) lines.push(`  data: ${d.entities.join(', ')} move to ${d.serviceName}`);
    }
    for (const risk of phase.risks) lines.push(`  risk: ${risk}`);
  }
  for (const w of plan.warnings) lines.push(`warning: ${w.message}`);
  return lines;
}
