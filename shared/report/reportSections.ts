import { EFFORT_FORMULA } from '../planning/effort';
import { phaseTitle } from '../planning/phaseNames';
import { capacityRule } from '../planning/phaseTiming';
import type { PlannedPhase } from '../planning/types';
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

function serviceCard(facts: ServiceFacts): string {
  const { service, recommendation } = facts;
  const choice = recommendation.differs
    ? `${facts.frameworkName} (Carve recommends ${recommendation.frameworkName}: ${recommendation.reason})`
    : `${facts.frameworkName}: ${recommendation.reason}`;
  const modules = facts.moduleNames.length ? facts.moduleNames.join(', ') : 'none yet';
  const lines = [
    `<div class="line"><b>Framework</b> ${e(choice)}</div>`,
    `<div class="line"><b>Runtime</b> ${e(facts.runtimeName)}${service.datastore ? ` · <b>Datastore</b> ${e(service.datastore)}` : ''}${service.team ? ` · ${needsTeamLabel(service.team) ? '<b>Team</b> ' : ''}${e(service.team)}` : ''}</div>`,
    `<div class="line"><b>Modules moved (${facts.moduleNames.length}, ${countOf(service.linesOfCode, 'line')})</b> ${e(modules)}</div>`,
  ];
  if (facts.dependsOnNames.length) lines.push(`<div class="line"><b>Depends on</b> ${e(facts.dependsOnNames.join(', '))}</div>`);
  const effort = `${weeks(service.effort.effort)}${service.effort.overridden ? ' (set by hand)' : ''}`;
  return (
    `<div class="service-card"><div class="card-head"><h3>${e(service.name)}</h3>${service.pinned ? `<span class="tag pinned">pinned</span>` : ''}` +
    `<span class="effort">${e(effort)}</span></div>${lines.join('')}</div>`
  );
}

function routesTable(phase: PlannedPhase): string {
  if (phase.facadeRoutes.length === 0) return '<p class="muted">No routes to add to the facade in this phase.</p>';
  const rows = phase.facadeRoutes.map(
    (route) =>
      `<tr><td>${route.direction === 'to-service' ? `Monolith → ${e(route.serviceName)}` : `${e(route.serviceName)} → Monolith`}</td>` +
      `<td><span class="names">${e(route.monolithModules.join(', '))}</span></td><td class="num">${route.dependencies}</td><td class="num">${formatNumber(route.weight)}</td></tr>`,
  );
  return `<table><thead><tr><th>Route</th><th>Monolith modules</th><th class="num">Deps</th><th class="num">Weight</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
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

export function effortSection(model: ReportModel): string {
  const rows = model.services.map(({ service, phase }) => {
    const b = service.effort;
    return (
      `<tr><td>${e(service.name)}</td><td class="num">${phase.index}</td><td class="num">${formatNumber(b.linesOfCode)}</td><td class="num">${formatNumber(b.code, 1)}</td>` +
      `<td class="num">${formatNumber(b.rewrite, 1)}</td><td class="num">${formatNumber(b.interface, 1)}</td><td class="num">${formatNumber(b.data, 1)}</td>` +
      `<td class="num"><b>${formatNumber(b.effort, 1)}</b>${b.overridden ? ` <span class="muted">(computed ${formatNumber(b.computed, 1)})</span>` : ''}</td></tr>`
    );
  });
  return [
    `<section class="page"><h1 id="effort">Effort</h1>`,
    `<p>Effort is estimated per service in person-weeks from the code it takes, the dependencies that cross its boundary, the data that moves with it and whether its framework changes.</p>`,
    `<div class="formula">${e(EFFORT_FORMULA)}</div>`,
    `<p>${e(capacityRule(model.plan.capacity.phaseWeeks))}</p>`,
    `<table><thead><tr><th>Service</th><th class="num">Phase</th><th class="num">Lines</th><th class="num">Code</th><th class="num">Rewrite</th><th class="num">Interface</th><th class="num">Data</th><th class="num">Effort</th></tr></thead>`,
    `<tbody>${rows.join('')}<tr><td><b>Total</b></td><td></td><td></td><td></td><td></td><td></td><td></td><td class="num"><b>${formatNumber(model.plan.totalEffort, 1)}</b></td></tr></tbody></table>`,
    `</section>`,
  ].join('');
}

/** Modules per row of the appendix: a row never splits across pages, so a long list continues in the next row. */
const MODULES_PER_ROW = 30;

/**
 * Every module, grouped by the service it moves to (in plan order), then those that stay in the monolith: one
 * row per service (or per 30 of its modules) with its modules and their lines, A-Z. A row per module made the
 * largest table of the report (2,000 modules: 8,000 cells, 40 pages), and Chromium prints a tagged PDF per cell.
 */
export function appendixSection(model: ReportModel): string {
  const byService = new Map<string | null, ReportModel['modules'][number][]>();
  for (const module of model.modules) {
    const group = byService.get(module.serviceName) ?? [];
    group.push(module);
    byService.set(module.serviceName, group);
  }
  const groups: { name: string | null; phase: PlannedPhase | null; modules: ReportModel['modules'][number][] }[] = [
    ...model.services.map((facts) => ({ name: facts.service.name, phase: facts.phase, modules: byService.get(facts.service.name) ?? [] })),
    { name: null, phase: null, modules: byService.get(null) ?? [] },
  ];
  const rows: string[] = [];
  for (const group of groups) {
    if (group.name === null && group.modules.length === 0) continue;
    const parts = Math.max(1, Math.ceil(group.modules.length / MODULES_PER_ROW));
    for (let part = 0; part < parts; part++) {
      const name = group.name === null ? '<span class="muted">Monolith (stays)</span>' : e(group.name);
      const slice = group.modules.slice(part * MODULES_PER_ROW, (part + 1) * MODULES_PER_ROW);
      const listed = slice.length
        ? slice.map((module) => `${e(module.moduleName)} (${formatNumber(module.linesOfCode)})`).join(', ')
        : '<span class="muted">none yet</span>';
      rows.push(
        `<tr><td>${name}${part > 0 ? ' <span class="muted">(continued)</span>' : ''}</td>` +
          `<td>${group.phase === null ? '<span class="muted">—</span>' : e(phaseTitle(group.phase))}</td><td class="module-list">${listed}</td></tr>`,
      );
    }
  }
  return [
    `<section class="page"><h1 id="appendix">Appendix: modules</h1>`,
    `<p>Every module of ${e(model.project.monolith.name)}, by the service it moves to and the phase it moves in, then the modules that stay in the monolith; lines of code in brackets.</p>`,
    `<table class="appendix"><thead><tr><th>Service</th><th>Phase</th><th>Modules (lines)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    `</section>`,
  ].join('');
}
