import { buildServiceGraph } from '../analysis/serviceGraph';
import type { Project } from '../model/project';
import { phaseTitle } from '../planning/phaseNames';
import { capacityRule } from '../planning/phaseTiming';
import type { Plan } from '../planning/types';
import { SAVED_BY } from '../version';
import { countOf, listNames, listWithAnd } from '../words';
import { renderArchitecture } from './architectureSvg';
import { escapeHtml, formatNumber } from './escape';
import { phaseColour } from './palette';
import { pageMarginCss, REPORT_CSS } from './reportCss';
import { buildReportModel, frameworkName, type ReportModel } from './reportModel';
import { renderPhaseDiagram } from './phaseDiagrams';
import { BACKTEST_ID, BACKTEST_TITLE, backtestSection, type ReportBacktest } from './reportBacktest';
import { assumptionsSection, dataOwnershipSection } from './reportDecisions';
import { appendixSection, effortSection, phaseAnchor, phaseSection } from './reportSections';
import { renderTimelineSvg } from './timelineSvg';

// The roadmap report: one self-contained HTML document (inline CSS and SVG, no script, nothing remote) that
// reads well on screen and prints to A4. The PDF is this document printed by Chromium; its bookmarks come from
// the h1/h2 headings (tagged PDF + outline), its header and page numbers from the stylesheet's page-margin boxes.

export interface ReportOptions {
  /** ISO date shown on the cover; passed in, the report never reads the clock. */
  generatedOn: string;
  /**
   * Pages where the top-level sections start, by heading id, for the table of contents (learnt from a first
   * print); without them the contents lists the sections without page numbers.
   */
  pageNumbers?: Readonly<Record<string, number>>;
  /**
   * Without page numbers, each entry of the contents gets PAGE_NUMBER_PLACEHOLDER in PAGE_NUMBER_PLACEHOLDER_RGB
   * (a colour used nowhere else), for a printer that writes the numbers into the printed PDF in its place
   * (main/services/export/pdfContentsNumbers.ts). Three digits take no more room than the blank: same pages.
   */
  pageNumberPlaceholders?: boolean;
  /** The backtest on the project's history (reportBacktest.ts), when a history folder was given: its own section. */
  backtest?: ReportBacktest;
}

const e = escapeHtml;

/** The top-level sections, in order, as the contents lists them: heading id and title. */
export function reportSections(plan: Plan, options: Pick<ReportOptions, 'backtest'> = {}): { id: string; title: string; sub?: boolean }[] {
  return [
    { id: 'summary', title: 'Executive summary' },
    { id: 'assumptions', title: 'Assumptions and open decisions' },
    { id: 'architecture', title: 'Target architecture' },
    ...(options.backtest ? [{ id: BACKTEST_ID, title: BACKTEST_TITLE }] : []),
    { id: 'data-ownership', title: 'Data ownership' },
    { id: 'timeline', title: 'Timeline' },
    ...plan.phases.map((phase) => ({ id: phaseAnchor(phase), title: phaseTitle(phase), sub: true })),
    { id: 'effort', title: 'Effort' },
    { id: 'appendix', title: 'Appendix: modules' },
  ];
}

function cover(model: ReportModel, options: ReportOptions): string {
  const { project, plan } = model;
  const rows: [string, string][] = [
    ['Prepared', options.generatedOn],
    ['Author', project.author || '—'],
    ['Monolith', `${project.monolith.name} (${frameworkName(project.monolith.framework)}, Python ${project.monolith.pythonVersion})`],
    ['Roadmap', `${countOf(plan.phases.length, 'phase')}, ${plan.start} to ${plan.end}`],
  ];
  const description = project.description.length > 700 ? `${project.description.slice(0, 699)}…` : project.description;
  return (
    `<section class="cover"><div><div class="brand">Migration roadmap</div><h1 id="cover">${e(project.name)}</h1>` +
    `<div class="subtitle">From ${e(project.monolith.name)} to ${countOf(project.services.length, 'service')}</div>` +
    `${description ? `<p class="description">${e(description)}</p>` : ''}</div>` +
    `<dl>${rows.map(([term, value]) => `<dt>${e(term)}</dt><dd>${e(value)}</dd>`).join('')}<dt>Made with</dt><dd>${e(SAVED_BY)}</dd></dl></section>`
  );
}

/** The id of the contents' list: a printer that keeps the document loaded replaces it once the pages are known. */
export const CONTENTS_LIST_ID = 'contents-list';

/** What each entry of the contents shows for its page number until the printer writes it in: three zeros. */
export const PAGE_NUMBER_PLACEHOLDER = '000';
/** The placeholders' colour (#475567), one step from the muted grey of the numbers and used nowhere else. */
export const PAGE_NUMBER_PLACEHOLDER_RGB: readonly [number, number, number] = [0x47, 0x55, 0x67];

/**
 * The contents' list, with the page numbers of `options` (blank without them, or placeholders: the numbers take
 * no more room).
 */
export function contentsList(plan: Plan, options: Pick<ReportOptions, 'pageNumbers' | 'pageNumberPlaceholders' | 'backtest'>): string {
  const items: string[] = [];
  const placeholder = options.pageNumbers === undefined && options.pageNumberPlaceholders === true;
  for (const section of reportSections(plan, options)) {
    const page = options.pageNumbers?.[section.id];
    if (section.sub && !items.some((item) => item.includes('class="group"')))
      items.push('<li class="group"><span class="label">Phases</span></li>');
    items.push(
      `<li${section.sub ? ' class="sub"' : ''}><a class="label" href="#${section.id}">${e(section.title)}</a>` +
        (placeholder
          ? `<span class="page-number placeholder">${PAGE_NUMBER_PLACEHOLDER}</span></li>`
          : `<span class="page-number">${page === undefined ? '' : page}</span></li>`),
    );
  }
  return `<ol class="toc" id="${CONTENTS_LIST_ID}">${items.join('')}</ol>`;
}

function contents(plan: Plan, options: ReportOptions): string {
  return `<section class="page"><h1 id="contents">Contents</h1>${contentsList(plan, options)}</section>`;
}

function summary(model: ReportModel): string {
  const { project, plan } = model;
  const stats: [string, string][] = [
    [formatNumber(project.monolith.modules.length), 'modules in the monolith'],
    [formatNumber(project.services.length), 'services to extract'],
    [formatNumber(plan.phases.length), `${plan.phases.length === 1 ? 'phase' : 'phases'}, Foundations included`],
    [countOf(model.durationWeeks, 'week'), `${plan.start} to ${plan.end}`],
    [formatNumber(plan.totalEffort, 1), 'person-weeks of effort'],
    [formatNumber(model.modules.filter((module) => module.serviceName === null).length), 'modules stay in the monolith'],
  ];
  const risks = plan.phases.flatMap((phase) => phase.risks.map((risk) => ({ risk, phase })));
  const ordered = [...risks.filter(({ risk }) => /cycle/i.test(risk)), ...risks.filter(({ risk }) => !/cycle/i.test(risk))];
  const shown = ordered.slice(0, 6);
  const parts = [
    `<section class="page"><h1 id="summary">Executive summary</h1>`,
    `<p>${e(project.name)} moves ${formatNumber(model.services.reduce((sum, facts) => sum + facts.moduleNames.length, 0))} of the ` +
      `${countOf(project.monolith.modules.length, 'module')} of ${e(project.monolith.name)} into ${countOf(project.services.length, 'service')} over ` +
      `${countOf(plan.phases.length, 'phase')}, from ${e(plan.start)} to ${e(plan.end)}, for about ${countOf(plan.totalEffort, 'person-week')} of work.</p>`,
    `<div class="stats">${stats.map(([value, label]) => `<div class="stat"><div class="value">${e(value)}</div><div class="label">${e(label)}</div></div>`).join('')}</div>`,
    `<h2 id="summary-phases">Phases</h2><table><thead><tr><th>Phase</th><th>Dates</th><th class="num">Weeks</th><th>Services</th><th class="num">Effort</th><th class="num">Capacity</th></tr></thead><tbody>`,
    ...plan.phases.map(
      (phase) =>
        `<tr><td class="phase-name"><span class="tag" style="background:${phaseColour(phase.index)}">${phase.index}</span> ${e(phase.name)}</td>` +
        `<td class="dates">${phase.lengthWeeks === 0 ? '<span class="muted">takes no time</span>' : `${e(phase.start)} – ${e(phase.end)}`}</td>` +
        `<td class="num">${phase.lengthWeeks}${phase.lengthWeeks > phase.setWeeks ? ` <span class="muted">(set ${phase.setWeeks})</span>` : ''}</td><td>${phase.services.length ? e(listNames(phase.services, (service) => service.name, 8)) : '<span class="muted">—</span>'}</td>` +
        `<td class="num">${formatNumber(phase.effort, 1)}</td><td class="num">${phase.capacity === null ? '—' : formatNumber(phase.capacity, 1)}</td></tr>`,
    ),
    `</tbody></table>`,
    `<p class="muted small">Effort and capacity in person-weeks. ${e(capacityRule(plan.capacity.phaseWeeks))}</p>`,
  ];
  if (shown.length) {
    parts.push(`<h2 id="summary-risks">Main risks</h2><ul class="risks">`);
    parts.push(...shown.map(({ risk, phase }) => `<li>${e(risk)} <span class="muted small">(phase ${phase.index})</span></li>`));
    parts.push(`</ul>`);
    if (ordered.length > shown.length) {
      const more = ordered.length - shown.length;
      parts.push(`<p class="muted small">${countOf(more, 'more risk')} ${more === 1 ? 'is' : 'are'} listed in the phase sections.</p>`);
    }
  }
  if (plan.warnings.length) {
    parts.push(
      `<h2 id="summary-warnings">Planning warnings</h2>`,
      ...plan.warnings.map((warning) => `<div class="callout">${e(warning.message)}</div>`),
    );
  }
  parts.push('</section>');
  return parts.join('');
}

/** Why the boxes stand where they do, for the caption. */
const LAYOUT_NOTE = {
  saved: 'The services stand where they are on the canvas',
  missing: 'Some services have no place on the canvas yet, so Carve lays them out here by phase, left to right',
  overlapping: 'The canvas layout puts some of these boxes on top of each other, so Carve lays them out here by phase, left to right',
} as const;

function architecture(model: ReportModel, project: Project): string {
  const drawing = renderArchitecture(model, buildServiceGraph(project));
  const { isLarge } = drawing;
  const rows = model.services.map(
    (facts) =>
      `<tr><td>${e(facts.service.name)}</td><td><span class="tag" style="background:${phaseColour(facts.phase.index)}">${facts.phase.index}</span></td>` +
      `<td>${e(facts.frameworkName)}</td><td>${e(facts.runtimeName)}</td><td>${e(facts.service.datastore || '—')}</td>` +
      `<td>${facts.dependsOnNames.length ? e(listWithAnd(facts.dependsOnNames, String, 2)) : '<span class="muted">—</span>'}</td></tr>`,
  );
  return [
    `<section class="page"><h1 id="architecture">Target architecture</h1>`,
    `<p>${LAYOUT_NOTE[drawing.source]}, with the monolith that remains. Grey arrows are module dependencies between them (labelled with their weight); coloured arrows are the planned links. Boxes are coloured by phase.` +
      `${drawing.hidden ? ` Only the heaviest dependencies are drawn (${countOf(drawing.hidden, 'lighter one')} left out).` : ''}` +
      `${isLarge ? ' At this size the map shows the shape of the design, without the weights; each phase section draws its own services large enough to read, with those they depend on.' : ''}</p>`,
    drawing.svg,
    `<h2 id="architecture-services"${isLarge ? ' class="new-page"' : ''}>Services</h2><table class="services"><thead><tr><th>Service</th><th>Phase</th><th>Framework</th><th>Runtime</th><th>Datastore</th><th>Depends on</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('');
}

/** Each phase's "after phase N" drawing, as the phase section shows it (empty for a phase with no service). */
function afterPhase(model: ReportModel, project: Project, phase: Plan['phases'][number]): string {
  const diagram = renderPhaseDiagram(model, buildServiceGraph(project), phase);
  if (!diagram) return '';
  const id = `${phaseAnchor(phase)}-after`;
  const { overview, tiles } = diagram.drawing;
  return [
    `<h2 id="${id}">After phase ${phase.index}</h2><p class="small">${e(diagram.caption)}</p>`,
    tiles.length ? '' : overview,
    ...tiles.map(
      (tile, i) =>
        `<div class="tile-page"><h3 id="${id}-part-${i + 1}">After phase ${phase.index}, part ${i + 1} of ${tiles.length}</h3>${tile}</div>`,
    ),
  ].join('');
}

function timeline(model: ReportModel): string {
  return [
    `<section class="page"><h1 id="timeline">Timeline</h1>`,
    `<p>${countOf(model.plan.phases.length, 'phase')} from ${e(model.plan.start)} to ${e(model.plan.end)} (${countOf(model.durationWeeks, 'week')}). Each phase starts when the one before it ends, and lasts as long as its work needs.</p>`,
    renderTimelineSvg(model.plan, { monolithModules: model.project.monolith.modules.length }),
    model.plan.cycles.length
      ? `<h2 id="timeline-cycles">Services that move together</h2><ul class="risks">${model.plan.cycles
          .map((cycle) => `<li>${e(cycle.serviceNames.join(', '))}: a dependency cycle, planned in one phase.</li>`)
          .join('')}</ul>`
      : '',
    `</section>`,
  ].join('');
}

/** The whole report as one HTML document. Same project, plan and options: the same string, byte for byte. */
export function renderReportHtml(project: Project, plan: Plan, options: ReportOptions): string {
  const model = buildReportModel(project, plan);
  const body = [
    cover(model, options),
    contents(plan, options),
    summary(model),
    assumptionsSection(model),
    architecture(model, project),
    ...(options.backtest ? [backtestSection(options.backtest)] : []),
    dataOwnershipSection(model),
    timeline(model),
    ...plan.phases.map((phase) => phaseSection(model, phase, afterPhase(model, project, phase))),
    effortSection(model),
    appendixSection(model),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(project.name)}: migration roadmap</title>`,
    `<style>${REPORT_CSS}${pageMarginCss(`${project.name}: migration roadmap`)}</style>`,
    '</head>',
    '<body>',
    `<main>${body.join('\n')}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
