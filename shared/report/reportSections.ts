import { EFFORT_FORMULA } from '../planning/effort';
import { phaseTitle } from '../planning/phaseNames';
import { capacityRule } from '../planning/phaseTiming';
import type { PlannedPhase, PlannedService } from '../planning/types';
import { countOf, listWithAnd } from '../words';
import { escapeHtml, formatNumber } from './escape';
import { phaseColour } from './palette';
import { needsTeamLabel, type ReportModel, type ServiceFacts } from './reportModel';

// The sections of the report that read the plan phase by phase: the phases, the effort table and the appendix.
// Every string from the project goes through escapeHtml; ids are made from indices only.

const e = escapeHtml;
const weeks = (value: number) => countOf(value, 'person-week');

export const phaseAnchor = (phase: PlannedPhase) => `phase-${phase.index}`;

function list(items: readonly string[], className = ''): string {
  return `<ul${className ? ` class="${className}"` : ''}>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`;
}

/** "code 20.1 + rewrite 0 + interface 8 + data 5 = 33.1 person-weeks", and what was set by hand. */
function effortLine(effort: PlannedService['effort']): string {
  const parts = `code ${formatNumber(effort.code, 1)} + rewrite ${formatNumber(effort.rewrite, 1)} + interface ${formatNumber(effort.interface, 1)} + data ${formatNumber(effort.data, 1)}`;
  return effort.overridden
    ? `${weeks(effort.effort)}, set by hand (the formula gives ${parts} = ${formatNumber(effort.computed, 1)})`
    : `${parts} = ${weeks(effort.effort)}`;
}

/**
 * A service's card: its framework and why, runtime, datastore and team, each module it takes with its lines,
 * what it depends on and how its effort adds up. The cards are the one place with each service's modules and
 * effort figures: the effort and appendix sections give totals and what stays in the monolith.
 */
function serviceCard(facts: ServiceFacts): string {
  const { service, recommendation } = facts;
  const choice = recommendation.differs
    ? `${facts.frameworkName} (Carve recommends ${recommendation.frameworkName}: ${recommendation.reason})`
    : `${facts.frameworkName}: ${recommendation.reason}`;
  const modules = facts.moduleNames.length
    ? facts.moduleNames.map((name, i) => `${name} (${formatNumber(facts.moduleLines[i] ?? 0)})`).join(', ')
    : 'none yet';
  const lines = [
    `<div class="line"><b>Framework</b> ${e(choice)}</div>`,
    `<div class="line"><b>Runtime</b> ${e(facts.runtimeName)}${service.datastore ? ` · <b>Datastore</b> ${e(service.datastore)}` : ''}${service.team ? ` · ${needsTeamLabel(service.team) ? '<b>Team</b> ' : ''}${e(service.team)}` : ''}</div>`,
    `<div class="line"><b>Modules moved (${facts.moduleNames.length}, ${countOf(service.linesOfCode, 'line')})</b> ${e(modules)}</div>`,
  ];
  if (facts.dependsOnNames.length) lines.push(`<div class="line"><b>Depends on</b> ${e(facts.dependsOnNames.join(', '))}</div>`);
  lines.push(`<div class="line"><b>Effort</b> ${e(effortLine(service.effort))}</div>`);
  const effort = `${weeks(service.effort.effort)}${service.effort.overridden ? ' (set by hand)' : ''}`;
  return (
    `<div class="service-card"><div class="card-head"><h3>${e(service.name)}</h3>${service.pinned ? `<span class="tag pinned">pinned</span>` : ''}` +
    `<span class="effort">${e(effort)}</span></div>${lines.join('')}</div>`
  );
}

/** One direction of a service's facade route: "23 dependencies, weight 315: acme.a, acme.b", or a dash. */
function routeCell(route: PlannedPhase['facadeRoutes'][number] | undefined): string {
  if (!route) return '<td class="muted">—</td>';
  return `<td>${e(`${countOf(route.dependencies, 'dependency', 'dependencies')}, weight ${formatNumber(route.weight)}: ${route.monolithModules.join(', ')}`)}</td>`;
}

/**
 * The routes the facade carries in this phase, one row per service with both directions: what the monolith
 * calls in the service, what the service calls back in the monolith (dependencies, weight, monolith modules).
 */
function routesTable(phase: PlannedPhase): string {
  if (phase.facadeRoutes.length === 0) return '<p class="muted">No routes to add to the facade in this phase.</p>';
  const byService = new Map<string, { in?: PlannedPhase['facadeRoutes'][number]; out?: PlannedPhase['facadeRoutes'][number] }>();
  for (const route of phase.facadeRoutes) {
    const row = byService.get(route.serviceName) ?? {};
    if (route.direction === 'to-service') row.in = route;
    else row.out = route;
    byService.set(route.serviceName, row);
  }
  const rows = [...byService].map(([name, row]) => `<tr><td>${e(name)}</td>${routeCell(row.in)}${routeCell(row.out)}</tr>`);
  return `<table class="routes"><thead><tr><th>Service</th><th>Monolith → service</th><th>Service → monolith</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The data a phase moves, in one paragraph: the tables themselves and who still reads them are listed once, in
 * the Data ownership section (reportDecisions.ts), rather than again in every phase.
 */
function dataMoves(phase: PlannedPhase): string {
  const moves = phase.dataMigrations.filter((migration) => migration.entities.length > 0);
  if (moves.length === 0) return '<p class="muted">No data moves in this phase.</p>';
  const tables = moves.reduce((sum, migration) => sum + migration.entities.length, 0);
  const keys = moves.reduce((sum, migration) => sum + migration.readers.reduce((count, reader) => count + reader.dependencies, 0), 0);
  const text =
    `${countOf(tables, 'table')} ${tables === 1 ? 'moves' : 'move'} in this phase, with ` +
    `${listWithAnd(moves, (migration) => `${migration.serviceName} (${countOf(migration.entities.length, 'table')}${migration.datastore ? `, to ${migration.datastore}` : ''})`, 12)}; ` +
    `${keys ? `${countOf(keys, 'foreign key')} from other services or the monolith still ${keys === 1 ? 'reads' : 'read'} them` : 'nothing else reads them'}.`;
  return `<p>${e(text)} <a href="#data-ownership">Data ownership</a> lists the tables and their readers.</p>`;
}

/** Dates, length and load of a phase, as the summary's table gives them. */
function phaseFacts(phase: PlannedPhase, services: number): string {
  if (phase.lengthWeeks === 0) return '<span><b>No services</b>: this phase takes no time</span>';
  const dates = `<span><b>${e(phase.start)}</b> to <b>${e(phase.end)}</b></span>`;
  const length = `<span><b>${phase.lengthWeeks}</b> week${phase.lengthWeeks === 1 ? '' : 's'}${phase.lengthWeeks > phase.setWeeks ? ` instead of the ${phase.setWeeks} set, as its work needs` : ''}</span>`;
  if (phase.index === 0 && services === 0)
    return `${dates}${length}<span><b>${phase.tasks.length}</b> foundation task${phase.tasks.length === 1 ? '' : 's'}</span>`;
  const load =
    phase.capacity === null
      ? `<b>${formatNumber(phase.effort, 1)}</b> person-week${phase.effort === 1 ? '' : 's'}`
      : `<b>${formatNumber(phase.effort, 1)}</b> of ${weeks(phase.capacity)}`;
  return `${dates}${length}<span><b>${services}</b> service${services === 1 ? '' : 's'}</span><span>${load}</span>`;
}

/** A phase's section; `drawing`: its "after phase N" architecture (HTML), placed before its service cards. */
export function phaseSection(model: ReportModel, phase: PlannedPhase, drawing = ''): string {
  const colour = phaseColour(phase.index);
  const services = model.services.filter((facts) => facts.phase === phase);
  const parts: string[] = [
    `<section class="page phase" aria-labelledby="${phaseAnchor(phase)}">`,
    `<div class="phase-head" style="--phase:${colour}"><div class="eyebrow">Phase ${phase.index}</div><h1 id="${phaseAnchor(phase)}">${e(phaseTitle(phase))}</h1>`,
    `<div class="facts">${phaseFacts(phase, services.length)}</div></div>`,
  ];
  if (phase.goal) parts.push(`<p>${e(phase.goal)}</p>`);
  if (phase.tasks.length) parts.push(`<h2 id="${phaseAnchor(phase)}-tasks">Foundation tasks</h2>${list(phase.tasks, 'checklist')}`);
  if (services.length) {
    parts.push(drawing, `<h2 id="${phaseAnchor(phase)}-services">Services extracted</h2>`, ...services.map(serviceCard));
    parts.push(`<h2 id="${phaseAnchor(phase)}-routes">Facade routes</h2>`, routesTable(phase));
    parts.push(`<h2 id="${phaseAnchor(phase)}-data">Data migration</h2>`, dataMoves(phase));
  } else if (phase.index > 0) {
    parts.push('<p class="muted">No services are planned in this phase yet.</p>');
  }
  if (phase.risks.length) parts.push(`<h2 id="${phaseAnchor(phase)}-risks">Risks</h2>`, list(phase.risks, 'risks'));
  if (phase.exitCriteria.length)
    parts.push(`<h2 id="${phaseAnchor(phase)}-exit">Exit criteria</h2>`, list(phase.exitCriteria, 'checklist'));
  parts.push('</section>');
  return parts.join('');
}

/**
 * The effort of each phase against its capacity, with the formula's parts summed over the phase's services.
 * Each service's own figures are on its card in its phase: a 200-service table here took 7 pages.
 */
export function effortSection(model: ReportModel): string {
  const num = (value: number) => `<td class="num">${formatNumber(value, 1)}</td>`;
  const rows = model.plan.phases.map((phase) => {
    const sum = (part: 'linesOfCode' | 'code' | 'rewrite' | 'interface' | 'data') =>
      phase.services.reduce((total, service) => total + service.effort[part], 0);
    return (
      `<tr><td>${e(phaseTitle(phase))}</td><td class="num">${phase.services.length}</td><td class="num">${formatNumber(sum('linesOfCode'))}</td>` +
      `${num(sum('code'))}${num(sum('rewrite'))}${num(sum('interface'))}${num(sum('data'))}` +
      `<td class="num"><b>${formatNumber(phase.effort, 1)}</b></td><td class="num">${phase.capacity === null ? '—' : formatNumber(phase.capacity, 1)}</td></tr>`
    );
  });
  const overridden = model.services.filter((facts) => facts.service.effort.overridden);
  return [
    `<section class="page"><h1 id="effort">Effort</h1>`,
    `<p>Effort is estimated per service in person-weeks from the code it takes, the dependencies that cross its boundary, the data that moves with it and whether its framework changes.</p>`,
    `<div class="formula">${e(EFFORT_FORMULA)}</div>`,
    `<p>${e(capacityRule(model.plan.capacity.phaseWeeks))}</p>`,
    `<table class="effort"><thead><tr><th>Phase</th><th class="num">Services</th><th class="num">Lines</th><th class="num">Code</th><th class="num">Rewrite</th><th class="num">Interface</th><th class="num">Data</th><th class="num">Effort</th><th class="num">Capacity</th></tr></thead>`,
    `<tbody>${rows.join('')}<tr><td><b>Total</b></td><td class="num">${model.services.length}</td><td></td><td></td><td></td><td></td><td></td><td class="num"><b>${formatNumber(model.plan.totalEffort, 1)}</b></td><td></td></tr></tbody></table>`,
    `<p class="muted small">Each service's effort, part by part, is on its card in its phase.${
      overridden.length
        ? ` ${e(`${countOf(overridden.length, 'service')} ${overridden.length === 1 ? 'has its' : 'have their'} effort set by hand: ${listWithAnd(overridden, (facts) => facts.service.name, 12)}; a phase's effort counts those figures, its parts the formula's.`)}`
        : ''
    }</p>`,
    `</section>`,
  ].join('');
}

/** Modules per row of the appendix: a row never splits across pages, so a long list continues in the next row. */
const MODULES_PER_ROW = 30;

/**
 * The modules that stay in the monolith once the plan is done, A-Z with their lines, 30 a row. The modules
 * each service takes are on its card in its phase: listing every module here again took 21 of 178 pages at
 * 2,000 modules.
 */
export function appendixSection(model: ReportModel): string {
  const staying = model.modules.filter((module) => module.serviceName === null);
  const rows: string[] = [];
  for (let start = 0; start < staying.length; start += MODULES_PER_ROW) {
    const slice = staying.slice(start, start + MODULES_PER_ROW);
    rows.push(
      `<tr><td class="module-list">${e(slice.map((module) => `${module.moduleName} (${formatNumber(module.linesOfCode)})`).join(', '))}</td></tr>`,
    );
  }
  const lines = staying.reduce((sum, module) => sum + module.linesOfCode, 0);
  return [
    `<section class="page"><h1 id="appendix">Appendix: modules</h1>`,
    `<p>${e(model.project.monolith.name)} has ${countOf(model.modules.length, 'module')}. The modules each service takes are listed, with their lines, on its card in its phase. ` +
      (staying.length
        ? `${e(`${countOf(staying.length, 'module')} (${countOf(lines, 'line')}) ${staying.length === 1 ? 'stays' : 'stay'} in the monolith`)}, lines of code in brackets:</p>` +
          `<table class="appendix"><thead><tr><th>Modules that stay in the monolith (lines)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
        : 'Every module moves to a service.</p>'),
    `</section>`,
  ].join('');
}
