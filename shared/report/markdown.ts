import { EFFORT_FORMULA } from '../planning/effort';
import type { Project } from '../model/project';
import type { Plan } from '../planning/types';
import { formatNumber } from './escape';
import { buildReportModel, phaseTitle } from './reportModel';

// The roadmap as Markdown (GitHub flavour): the same sections as the HTML report, without the charts.
// Project text is escaped so that it reads as written and cannot add headings, links, tables or HTML.

/** Text that Markdown shows as is: its punctuation backslash-escaped, newlines folded into spaces. */
export function markdownText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&"]/g, (c) => `\\${c}`);
}

const m = markdownText;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

export function renderMarkdown(project: Project, plan: Plan): string {
  const model = buildReportModel(project, plan);
  const out: string[] = [];
  out.push(`# ${m(project.name)}: migration roadmap`, '');
  if (project.author) out.push(`Author: ${m(project.author)}`, '');
  if (project.description) out.push(m(project.description), '');
  out.push('## Executive summary', '');
  out.push(`- Modules in the monolith: ${formatNumber(project.monolith.modules.length)}`);
  out.push(`- Services to extract: ${project.services.length}`);
  out.push(`- Phases: ${plan.phases.length}, from ${plan.start} to ${plan.end} (${model.durationWeeks} weeks)`);
  out.push(`- Total effort: ${formatNumber(plan.totalEffort, 1)} person-weeks`, '');
  if (plan.warnings.length) {
    out.push('### Warnings', '', ...plan.warnings.map((warning) => `- ${m(warning.message)}`), '');
  }
  for (const phase of plan.phases) {
    out.push(`## ${m(phaseTitle(phase))}`, '');
    out.push(`${phase.start} to ${phase.end}, ${phase.lengthWeeks} weeks, ${formatNumber(phase.effort, 1)} person-weeks.`, '');
    if (phase.goal) out.push(m(phase.goal), '');
    if (phase.tasks.length) out.push('### Foundation tasks', '', ...phase.tasks.map((task) => `- [ ] ${m(task)}`), '');
    const services = model.services.filter((facts) => facts.phase === phase);
    if (services.length) {
      out.push('### Services', '');
      out.push(
        ...table(
          ['Service', 'Framework', 'Runtime', 'Effort', 'Team', 'Modules moved'],
          services.map((facts) => [
            m(facts.service.name),
            m(facts.frameworkName),
            m(facts.runtimeName),
            formatNumber(facts.service.effort.effort, 1),
            m(facts.service.team),
            m(facts.moduleNames.join(', ')),
          ]),
        ),
        '',
      );
      out.push(...services.map((facts) => `- ${m(facts.service.name)}, ${m(facts.recommendation.frameworkName)}: ${m(facts.recommendation.reason)}`), '');
    }
    if (phase.facadeRoutes.length) {
      out.push('### Facade routes', '');
      out.push(
        ...phase.facadeRoutes.map(
          (route) => `- ${route.direction === 'to-service' ? `Monolith → ${m(route.serviceName)}` : `${m(route.serviceName)} → Monolith`}: ${route.dependencies} dependencies, weight ${route.weight}`,
        ),
        '',
      );
    }
    const moves = phase.dataMigrations.filter((migration) => migration.entities.length);
    if (moves.length) {
      out.push('### Data migration', '');
      out.push(
        ...moves.map(
          (migration) =>
            `- ${m(migration.entities.join(', '))} move to ${m(migration.serviceName)}${migration.readers.length ? `; still read by ${m(migration.readers.map((reader) => reader.owner).join(', '))}` : ''}`,
        ),
        '',
      );
    }
    if (phase.risks.length) out.push('### Risks', '', ...phase.risks.map((risk) => `- ${m(risk)}`), '');
    if (phase.exitCriteria.length) out.push('### Exit criteria', '', ...phase.exitCriteria.map((criterion) => `- [ ] ${m(criterion)}`), '');
  }
  out.push('## Effort', '', m(EFFORT_FORMULA), '');
  out.push('## Appendix: modules', '');
  out.push(
    ...table(
      ['Module', 'Service', 'Phase'],
      model.modules.map((module) => [m(module.moduleName), module.serviceName === null ? 'Monolith \\(stays\\)' : m(module.serviceName), module.phase ? String(module.phase.index) : '—']),
    ),
  );
  return `${out.join('\n')}\n`;
}
