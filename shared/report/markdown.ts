import { EFFORT_FORMULA } from '../planning/effort';
import type { Project } from '../model/project';
import { phaseTitle } from '../planning/phaseNames';
import { capacityRule } from '../planning/phaseTiming';
import { phaseTimingText } from '../planning/summary';
import type { Plan } from '../planning/types';
import { countOf } from '../words';
import { formatNumber } from './escape';
import { BACKTEST_TITLE, backtestText, type ReportBacktest } from './reportBacktest';
import { assumptionSentences, ownershipRows, readersText } from './reportDecisions';
import { buildReportModel } from './reportModel';

// The roadmap as Markdown (GitHub flavour): the same sections as the HTML report, without the charts.
// Project text is escaped so that it reads as written and cannot add headings, lists, links, emphasis, code,
// tables or HTML; nothing else is escaped, so the file reads as plain text too ("Catalog (v2) - orders & more").

/**
 * Text that Markdown (CommonMark, with GitHub's tables, strikethrough and task lists) shows as written, on one
 * line. Only what would change the rendering where it stands is escaped: a code span, emphasis or strikethrough
 * that could open or close, a link, an HTML tag or autolink, an entity, a backslash escape, and a block marker
 * at the start (heading, quote, list item, rule, task box, link reference definition). Newlines are folded into spaces.
 */
export function markdownText(text: string): string {
  const one = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const escaped = one
    // A backslash before punctuation would escape it; elsewhere it shows as is.
    .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
    .replace(/`/g, '\\`')
    // "*", "_" and "~" open or close only beside text: "2 * 3" and snake_case stay as they are.
    .replace(/(?<=^|\s)[*~](?=\s|$)|([*~])/g, (c, lone: string | undefined) => (lone ? `\\${lone}` : c))
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c, at: number, all: string) =>
      /\s/.test(all[at - 1] ?? ' ') && /\s/.test(all[at + 1] ?? ' ') ? c : '\\_',
    )
    // "[text](url)" would be a link; a bracket with no "](" after it is plain text.
    .replace(/\[(?=.*\]\()/g, '\\[')
    // "<b>", "</p>", "<!--", "<https://...>": HTML or an autolink; "a < b" is text.
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    // "&amp;", "&#42;": an entity reference would show its character.
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // At the start: a heading, a quote, a bullet, a rule, an ordered item, a task box or a link reference definition.
  return (
    escaped
      .replace(/^[#>]/, '\\$&')
      .replace(/^[-+*_](?=\s|$)|^-(?=[-\s]*$)/, '\\$&')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
      .replace(/^\[(?=[ xX]\])/, '\\[')
      // "[a]: b" would be a link reference definition, and the line would vanish.
      .replace(/^\[(?=.*\]:)/, '\\[')
      // " #" at the end would close a heading.
      .replace(/(\s)(#+)$/, '$1\\$2')
  );
}

/** Text for a table cell: as markdownText, and a pipe would end the cell. */
export const markdownCell = (text: string): string => markdownText(text).replace(/\|/g, '\\|');

const m = markdownText;
const c = markdownCell;

/** A table; the cells are given as Markdown (escaped with markdownCell where they hold project text). */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** The backtest on the project's history (reportBacktest.ts): its section, after the open decisions. */
function backtestLines(figures: ReportBacktest): string[] {
  const { none, sentences, header, rows, notes } = backtestText(figures);
  const out = [`## ${m(BACKTEST_TITLE)}`, ''];
  if (none !== null) return [...out, m(none), ''];
  return [
    ...out,
    m(sentences.join(' ')),
    '',
    ...table(
      header,
      rows.map((row) => row.map(c)),
    ),
    '',
    ...notes.flatMap((note) => [m(note), '']),
  ];
}

export function renderMarkdown(project: Project, plan: Plan, options: { backtest?: ReportBacktest } = {}): string {
  const model = buildReportModel(project, plan);
  const out: string[] = [];
  out.push(`# ${m(project.name)}: migration roadmap`, '');
  if (project.author) out.push(`Author: ${m(project.author)}`, '');
  if (project.description) out.push(m(project.description), '');
  out.push('## Executive summary', '');
  out.push(`- Modules in the monolith: ${formatNumber(project.monolith.modules.length)}`);
  out.push(`- Services to extract: ${formatNumber(project.services.length)}`);
  out.push(`- Phases: ${plan.phases.length}, from ${plan.start} to ${plan.end} (${countOf(model.durationWeeks, 'week')})`);
  out.push(`- Total effort: ${countOf(plan.totalEffort, 'person-week')}`, '');
  if (plan.warnings.length) {
    out.push('### Warnings', '', ...plan.warnings.map((warning) => `- ${m(warning.message)}`), '');
  }
  const { assumptions, decisions } = assumptionSentences(model);
  out.push('## Assumptions and open decisions', '', ...assumptions.map((text) => `- ${m(text)}`), '');
  if (decisions.length) out.push('Open decisions:', '', ...decisions.map((text) => `- ${m(text)}`), '');
  if (options.backtest) out.push(...backtestLines(options.backtest));
  const { rows: owners } = ownershipRows(model);
  out.push('## Data ownership', '');
  if (owners.length) {
    out.push(
      ...table(
        ['Owner', 'Phase', 'Datastore', 'Tables', 'Read by (foreign keys)'],
        owners.map((row) => [
          row.phase === null ? `${c(row.owner)} (monolith)` : c(row.owner),
          row.phase === null ? '—' : String(row.phase),
          c(row.datastore || '—'),
          c(row.tables.join(', ')),
          row.readers.length ? c(readersText(row.readers)) : 'nobody else',
        ]),
      ),
      '',
    );
  } else {
    out.push('No module of the monolith declares an entity.', '');
  }
  for (const phase of plan.phases) {
    out.push(`## ${m(phaseTitle(phase))}`, '');
    out.push(`${upperFirst(phaseTimingText(phase))}.`, '');
    if (phase.goal) out.push(m(phase.goal), '');
    if (phase.tasks.length) out.push('### Foundation tasks', '', ...phase.tasks.map((task) => `- [ ] ${m(task)}`), '');
    const services = model.services.filter((facts) => facts.phase === phase);
    if (services.length) {
      out.push('### Services', '');
      out.push(
        ...table(
          ['Service', 'Framework', 'Runtime', 'Effort', 'Team', 'Modules moved'],
          services.map((facts) => [
            c(facts.service.name),
            c(facts.frameworkName),
            c(facts.runtimeName),
            formatNumber(facts.service.effort.effort, 1),
            c(facts.service.team),
            c(facts.moduleNames.join(', ')),
          ]),
        ),
        '',
      );
      out.push(
        ...services.map(
          (facts) => `- ${m(facts.service.name)}, ${m(facts.recommendation.frameworkName)}: ${m(facts.recommendation.reason)}`,
        ),
        '',
      );
    }
    if (phase.facadeRoutes.length) {
      out.push('### Facade routes', '');
      out.push(
        ...phase.facadeRoutes.map(
          (route) =>
            `- ${route.direction === 'to-service' ? `Monolith → ${m(route.serviceName)}` : `${m(route.serviceName)} → Monolith`}: ${countOf(route.dependencies, 'dependency', 'dependencies')}, weight ${route.weight}`,
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
            `- ${m(migration.entities.join(', '))} move${migration.entities.length === 1 ? 's' : ''} to ${m(migration.serviceName)}${migration.readers.length ? `; still read by ${m(migration.readers.map((reader) => reader.owner).join(', '))}` : ''}`,
        ),
        '',
      );
    }
    if (phase.risks.length) out.push('### Risks', '', ...phase.risks.map((risk) => `- ${m(risk)}`), '');
    if (phase.exitCriteria.length) out.push('### Exit criteria', '', ...phase.exitCriteria.map((criterion) => `- [ ] ${m(criterion)}`), '');
  }
  out.push('## Effort', '', m(EFFORT_FORMULA), '', m(capacityRule(plan.capacity.phaseWeeks)), '');
  out.push('## Appendix: modules', '');
  out.push(
    ...table(
      ['Module', 'Service', 'Phase'],
      model.modules.map((module) => [
        c(module.moduleName),
        module.serviceName === null ? 'Monolith (stays)' : c(module.serviceName),
        module.phase ? String(module.phase.index) : '—',
      ]),
    ),
  );
  return `${out.join('\n')}\n`;
}

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
