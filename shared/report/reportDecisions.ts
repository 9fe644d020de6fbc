import { buildServiceGraph } from '../analysis/serviceGraph';
import { MONOLITH_NODE_ID } from '../model/project';
import { EFFORT_FORMULA } from '../planning/effort';
import { capacityRule } from '../planning/phaseTiming';
import { countOf, listWithAnd } from '../words';
import { escapeHtml, formatNumber } from './escape';
import { phaseColour } from './palette';
import type { ReportModel } from './reportModel';

// Two sections an architect signs off on: who owns which tables once the plan is done (and who still reads
// them), and what Carve assumed or could not know (each as one sentence). Both read the plan as the planner
// made it: the readers are its DataMigration readers, the warnings its own.

const e = escapeHtml;
/** Names a sentence lists before "and N more": enough for a team list, short enough for 300 services. */
const LISTED = 12;

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** One owner of tables: a service (with its phase), or the monolith (phase null) for the tables it keeps. */
export interface OwnershipRow {
  owner: string;
  phase: number | null;
  datastore: string;
  tables: string[];
  /** Who still reads them through foreign keys once the plan is done, by name, with how many keys. */
  readers: { owner: string; dependencies: number }[];
}

/**
 * The ownership table: the services with tables in plan order (readers: the planner's DataMigration readers),
 * then the monolith with the tables it keeps and the services whose modules hold foreign keys into them. Also
 * the services that own no table.
 */
export function ownershipRows(model: ReportModel): { rows: OwnershipRow[]; without: ReportModel['services'] } {
  const { project, plan } = model;
  const rows: OwnershipRow[] = plan.phases.flatMap((phase) =>
    phase.dataMigrations
      .filter((migration) => migration.entities.length > 0)
      .map((migration) => ({
        owner: migration.serviceName,
        phase: phase.index,
        datastore: migration.datastore,
        tables: migration.entities,
        readers: migration.readers,
      })),
  );
  const owning = new Set(
    plan.phases.flatMap((phase) =>
      phase.dataMigrations.filter((migration) => migration.entities.length > 0).map((migration) => migration.serviceId),
    ),
  );
  const without = model.services.filter((facts) => !owning.has(facts.service.id));
  const graph = buildServiceGraph(project);
  const kept = project.monolith.modules.filter((module) => graph.owner.get(module.id) === MONOLITH_NODE_ID);
  const keptIds = new Set(kept.map((module) => module.id));
  const monolithReaders = new Map<string, number>();
  for (const dependency of project.monolith.dependencies) {
    if (dependency.kind !== 'data' || !keptIds.has(dependency.to)) continue;
    const reader = graph.owner.get(dependency.from);
    if (reader === undefined || reader === MONOLITH_NODE_ID) continue;
    const name = model.byServiceId.get(reader)?.service.name ?? reader;
    monolithReaders.set(name, (monolithReaders.get(name) ?? 0) + 1);
  }
  const keptTables = kept.flatMap((module) => module.entities);
  if (keptTables.length) {
    const readers = [...monolithReaders]
      .map(([owner, dependencies]) => ({ owner, dependencies }))
      .sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
    rows.push({ owner: project.monolith.name, phase: null, datastore: '', tables: keptTables, readers });
  }
  return { rows, without };
}

/** "Orders (2), Monolith (1)": readers with their foreign keys. */
export const readersText = (readers: readonly { owner: string; dependencies: number }[]): string =>
  readers.map((reader) => `${reader.owner} (${reader.dependencies})`).join(', ');

export function dataOwnershipSection(model: ReportModel): string {
  const { rows: owners, without } = ownershipRows(model);
  const services = owners.filter((row) => row.phase !== null);
  const keptTables = owners.find((row) => row.phase === null)?.tables.length ?? 0;
  const tables = services.reduce((sum, row) => sum + row.tables.length, 0);
  const rows = owners.map(
    (row) =>
      (row.phase === null
        ? `<tr><td><b>${e(row.owner)}</b> <span class="muted">(monolith)</span></td><td></td>`
        : `<tr><td>${e(row.owner)}</td><td><span class="tag" style="background:${phaseColour(row.phase)}">${row.phase}</span></td>`) +
      `<td>${e(row.datastore || '—')}</td><td><span class="names">${e(row.tables.join(', '))}</span></td>` +
      `<td>${row.readers.length ? e(readersText(row.readers)) : '<span class="muted">nobody else</span>'}</td></tr>`,
  );
  const parts = [
    `<section class="page"><h1 id="data-ownership">Data ownership</h1>`,
    `<p>Once the plan is done, each service owns the tables of its modules' entities: it alone writes them, and the others read them through its API. ` +
      `${countOf(services.length, 'service')} ${services.length === 1 ? 'owns' : 'own'} ${countOf(tables, 'table')}; the monolith keeps ${countOf(keptTables, 'table')}. ` +
      `"Read by" lists who still has foreign keys into them: each is a join to replace with an API call or a copy of the data.</p>`,
  ];
  if (rows.length) {
    parts.push(
      `<table class="ownership"><thead><tr><th>Owner</th><th>Phase</th><th>Datastore</th><th>Tables</th><th>Read by (foreign keys)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  } else {
    parts.push('<p class="muted">No module of the monolith declares an entity: there is no table to assign.</p>');
  }
  if (without.length && services.length) {
    parts.push(
      `<p class="muted small">${e(sentence(`${countOf(without.length, 'service')} own${without.length === 1 ? 's' : ''} no table: ${listWithAnd(without, (facts) => facts.service.name, LISTED)}`))}</p>`,
    );
  }
  parts.push('</section>');
  return parts.join('');
}

/** What Carve assumed to plan, and what it did not know and leaves to the architect: one sentence each. */
export function assumptionSentences(model: ReportModel): { assumptions: string[]; decisions: string[] } {
  const { project, plan } = model;
  const { phaseWeeks, teams, maxServicesPerPhase } = plan.capacity;
  const assumptions = [
    `The roadmap starts on ${plan.start}, the project's start date, and ends on ${plan.end}.`,
    `Effort is estimated per service with one formula: ${EFFORT_FORMULA}.`,
    capacityRule(phaseWeeks),
  ];
  const assumed = plan.warnings.some((warning) => warning.kind === 'assumed-capacity');
  if (teams.length && !assumed) {
    assumptions.push(
      `The work is shared by ${countOf(teams.length, 'team')}: ${listWithAnd(teams, (team) => `${team.name} (${countOf(team.perPhase, 'person-week')} per ${phaseWeeks}-week phase)`, LISTED)}.`,
    );
  }
  if (maxServicesPerPhase !== null) assumptions.push(`A phase extracts at most ${countOf(maxServicesPerPhase, 'service')}.`);
  const lengthened = plan.phases.filter((phase) => phase.lengthWeeks > phase.setWeeks);
  if (lengthened.length) {
    assumptions.push(
      `${countOf(lengthened.length, 'phase')} ${lengthened.length === 1 ? 'runs' : 'run'} longer than set because ${lengthened.length === 1 ? 'its' : 'their'} work needs it: ${listWithAnd(lengthened, (phase) => `phase ${phase.index} (${phase.lengthWeeks} weeks instead of ${phase.setWeeks})`, LISTED)}.`,
    );
  }
  for (const warning of plan.warnings)
    if (warning.kind === 'assumed-capacity' || warning.kind === 'no-capacity') assumptions.push(sentence(warning.message));

  const decisions: string[] = [];
  const names = (list: readonly { service: { name: string } }[]) => listWithAnd(list, (facts) => facts.service.name, LISTED);
  const noStore = model.services.filter((facts) => !facts.service.datastore.trim());
  if (noStore.length) {
    decisions.push(
      `${countOf(noStore.length, 'service')} ${noStore.length === 1 ? 'has' : 'have'} no datastore chosen yet: ${names(noStore)}.`,
    );
  }
  const differs = model.services.filter((facts) => facts.recommendation.differs);
  if (differs.length) {
    decisions.push(
      `${countOf(differs.length, 'service')} ${differs.length === 1 ? 'uses' : 'use'} another framework than Carve recommends: ${listWithAnd(differs, (facts) => `${facts.service.name} (${facts.frameworkName}; Carve recommends ${facts.recommendation.frameworkName})`, LISTED)}.`,
    );
  }
  const ownTeam = new Set(project.services.filter((service) => service.team.trim()).map((service) => service.id));
  const assigned = model.services.filter((facts) => !ownTeam.has(facts.service.id) && facts.service.team);
  if (assigned.length && teams.length > 1) {
    decisions.push(
      `${countOf(assigned.length, 'service')} ${assigned.length === 1 ? 'names' : 'name'} no team; the planner gave ${assigned.length === 1 ? 'it' : 'them'} to the team with room: ${listWithAnd(assigned, (facts) => `${facts.service.name} (${facts.service.team})`, LISTED)}.`,
    );
  }
  for (const cycle of plan.cycles.slice(0, LISTED)) {
    const lightest = cycle.breakEdges[0];
    const phase = model.byServiceId.get(cycle.serviceIds[0] ?? '')?.phase.index;
    decisions.push(
      `${listWithAnd(cycle.serviceNames, String, LISTED)} depend on each other in a cycle, so they move together${phase === undefined ? '' : ` in phase ${phase}`}; ` +
        `removing ${countOf(cycle.breakEdgeCount, 'dependency', 'dependencies')} would break it${lightest ? `, the lightest ${lightest.fromName} → ${lightest.toName} (weight ${formatNumber(lightest.weight)})` : ''}.`,
    );
  }
  if (plan.cycles.length > LISTED)
    decisions.push(
      `${countOf(plan.cycles.length - LISTED, 'more cycle')} ${plan.cycles.length - LISTED === 1 ? 'is' : 'are'} listed in the phase sections.`,
    );
  for (const warning of plan.warnings)
    if (warning.kind !== 'assumed-capacity' && warning.kind !== 'no-capacity') decisions.push(sentence(warning.message));
  const stays = model.modules.filter((module) => module.serviceName === null);
  if (stays.length) {
    const lines = stays.reduce((sum, module) => sum + module.linesOfCode, 0);
    decisions.push(
      `${countOf(stays.length, 'module')} (${countOf(lines, 'line')}) ${stays.length === 1 ? 'stays' : 'stay'} in the monolith, with no service planned for ${stays.length === 1 ? 'it' : 'them'}: ${listWithAnd(stays, (module) => module.moduleName, LISTED)}.`,
    );
  }
  return { assumptions, decisions };
}

export function assumptionsSection(model: ReportModel): string {
  const { assumptions, decisions } = assumptionSentences(model);
  return [
    `<section class="page"><h1 id="assumptions">Assumptions and open decisions</h1>`,
    `<h2 id="assumptions-made">What the plan assumes</h2><ul class="sentences">${assumptions.map((text) => `<li>${e(text)}</li>`).join('')}</ul>`,
    `<h2 id="assumptions-open">Open decisions</h2>`,
    decisions.length
      ? `<p>What Carve did not know or could not settle, to decide before the phases concerned start:</p><ul class="sentences">${decisions.map((text) => `<li>${e(text)}</li>`).join('')}</ul>`
      : '<p class="muted">None: every service has a datastore and the recommended framework, no cycle joins services, no pin overrides the order and every module has a service.</p>',
    `</section>`,
  ].join('');
}
