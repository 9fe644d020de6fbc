import { describe, expect, it } from 'vitest';
import { recommendFramework } from '../../shared/analysis/recommend';
import type { Project, Service } from '../../shared/model/project';
import { EFFORT_FORMULA } from '../../shared/planning/effort';
import { planMigration } from '../../shared/planning/planner';
import { escapeHtml } from '../../shared/report/escape';
import { renderMarkdown } from '../../shared/report/markdown';
import { assumptionSentences } from '../../shared/report/reportDecisions';
import { buildReportModel } from '../../shared/report/reportModel';
import { renderReportHtml } from '../../shared/report/reportHtml';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The report's Data ownership table and its Assumptions and open decisions, read as an architect would.

const GENERATED = { generatedOn: '2026-11-25' };

/** The text of an HTML fragment, tags dropped and the report's escapes undone. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<h1 id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

/** Rows of the ownership table: owner, phase, datastore, tables, readers (as text). */
function ownershipRows(html: string): string[][] {
  const table = /<table class="ownership">[\s\S]*?<\/table>/.exec(sectionOf(html, 'data-ownership'))![0];
  return [...table.matchAll(/<tr><td>([\s\S]*?)<\/td><\/tr>/g)].map((row) => row[1]!.split('</td><td>').map(textOf));
}

describe('Data ownership', () => {
  it('gives each service with entities its tables, and the readers the planner found; the monolith keeps the rest', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const html = renderReportHtml(project, plan, GENERATED);
    const rows = ownershipRows(html);
    const migrations = plan.phases.flatMap((phase) => phase.dataMigrations).filter((migration) => migration.entities.length > 0);
    expect(migrations.length).toBeGreaterThan(1);
    for (const migration of migrations) {
      const row = rows.find((candidate) => candidate[0] === migration.serviceName)!;
      expect(row, migration.serviceName).toBeDefined();
      expect(row[2]).toBe(migration.datastore || '—');
      expect(row[3]!.split(', ')).toEqual(migration.entities);
      expect(row[4]).toBe(
        migration.readers.length ? migration.readers.map((r) => `${r.owner} (${r.dependencies})`).join(', ') : 'nobody else',
      );
    }
    // Catalog Service's tables are read by the monolith and by Reviews through foreign keys.
    expect(rows.find((row) => row[0] === 'Catalog Service')![4]).toMatch(/^Monolith \(\d+\), Reviews \(\d+\)$/);
    const owned = new Set(project.services.flatMap((service) => service.moduleIds));
    const kept = project.monolith.modules.filter((module) => !owned.has(module.id)).flatMap((module) => module.entities);
    const monolithRow = rows.at(-1)!;
    expect(monolithRow[0]).toBe(`${project.monolith.name} (monolith)`);
    expect(monolithRow[3]!.split(', ')).toEqual(kept);
    const tables = migrations.reduce((sum, migration) => sum + migration.entities.length, 0);
    expect(textOf(sectionOf(html, 'data-ownership'))).toContain(
      `${migrations.length} services own ${tables} tables; the monolith keeps ${kept.length} tables.`,
    );
  });

  it('gives the Markdown export the same rows as the PDF', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const htmlRows = ownershipRows(renderReportHtml(project, plan, GENERATED));
    const markdown = renderMarkdown(project, plan);
    const section = markdown.slice(markdown.indexOf('## Data ownership'), markdown.indexOf('## Foundations'));
    const mdRows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Owner') && !line.startsWith('| ---'));
    expect(mdRows).toHaveLength(htmlRows.length);
    htmlRows.forEach((row, i) => {
      const cells = mdRows[i]!.slice(2, -2).split(' | ');
      expect([cells[0], cells[2], cells[3], cells[4]]).toEqual([row[0], row[2], row[3], row[4]]);
    });
  });

  it('says so when no module declares an entity, and escapes hostile table names', () => {
    const sample = loadSampleProject();
    const bare: Project = {
      ...sample,
      monolith: { ...sample.monolith, modules: sample.monolith.modules.map((module) => ({ ...module, entities: [] })) },
    };
    expect(sectionOf(renderReportHtml(bare, planMigration(bare), GENERATED), 'data-ownership')).toContain('there is no table to assign');
    const hostile: Project = {
      ...sample,
      monolith: {
        ...sample.monolith,
        modules: sample.monolith.modules.map((module, i) => (i === 0 ? { ...module, entities: ['<img src=x onerror=alert(1)>'] } : module)),
      },
    };
    const section = sectionOf(renderReportHtml(hostile, planMigration(hostile), GENERATED), 'data-ownership');
    expect(section).toContain(escapeHtml('<img src=x onerror=alert(1)>'));
    expect(section).not.toContain('<img');
  });
});

describe('Assumptions and open decisions', () => {
  it('states the start date, the effort formula, the capacity rule and the teams with their capacity', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const { assumptions } = assumptionSentences(buildReportModel(project, plan));
    expect(assumptions[0]).toBe(`The roadmap starts on ${project.planning.startDate}, the project's start date, and ends on ${plan.end}.`);
    expect(assumptions).toContain(`Effort is estimated per service with one formula: ${EFFORT_FORMULA}.`);
    expect(assumptions.some((text) => text.startsWith('Capacity: '))).toBe(true);
    const teams = project.planning.teams;
    expect(assumptions).toContain(
      `The work is shared by 2 teams: ${teams[0]!.name} (${teams[0]!.capacityPerPhase} person-weeks per ${project.planning.defaultPhaseWeeks}-week phase) and ${teams[1]!.name} (${teams[1]!.capacityPerPhase} person-weeks per ${project.planning.defaultPhaseWeeks}-week phase).`,
    );
    const html = renderReportHtml(project, plan, GENERATED);
    expect(html).toContain('<a class="label" href="#assumptions">Assumptions and open decisions</a>');
    for (const text of assumptions) expect(sectionOf(html, 'assumptions')).toContain(escapeHtml(text));
  });

  it('lists what Carve did not know: datastores, frameworks against the recommendation, cycles, pins, modules left, in the right number', () => {
    const sample = loadSampleProject();
    const [catalog, search, reviews, notifications] = sample.services as [Service, Service, Service, Service];
    const project: Project = {
      ...sample,
      planning: { ...sample.planning, teams: [] },
      services: sample.services.map((service) =>
        service.id === search.id
          ? { ...service, datastore: '' }
          : service.id === reviews.id
            ? { ...service, datastore: '', framework: 'django' }
            : service.id === notifications.id
              ? { ...service, pinnedPhaseId: sample.phases[1]!.id }
              : service,
      ),
    };
    const plan = planMigration(project);
    const { assumptions, decisions } = assumptionSentences(buildReportModel(project, plan));
    // No teams: the plan's own warning is the assumption, as a sentence.
    expect(
      assumptions.some((text) => text.startsWith('No teams or service limit set: the plan assumes one team') && text.endsWith('.')),
    ).toBe(true);
    // ... and no sentence names the team it assumed as if the project had it.
    expect(assumptions.filter((text) => text.startsWith('The work is shared by'))).toEqual([]);
    expect(decisions).toContain(`2 services have no datastore chosen yet: ${search.name} and ${reviews.name}.`);
    const differs = decisions.find((text) => text.includes('another framework than Carve recommends'))!;
    expect(differs).toMatch(new RegExp(`^\\d+ services? uses? another framework`));
    expect(differs).toContain(`${reviews.name} (Django; Carve recommends Flask)`);
    const cyclePhase = plan.phases.find((phase) => phase.services.some((service) => service.id === catalog.id))!.index;
    expect(decisions).toContainEqual(
      expect.stringContaining(
        `${catalog.name} and ${search.name} depend on each other in a cycle, so they move together in phase ${cyclePhase}; removing 1 dependency would break it`,
      ),
    );
    // Notifications pinned before Reviews, which it depends on: the planner's warning, as a sentence.
    expect(plan.warnings.some((warning) => warning.kind === 'pin-order')).toBe(true);
    for (const warning of plan.warnings.filter((w) => w.kind.startsWith('pin'))) expect(decisions).toContain(`${warning.message}.`);
    const stays = sample.monolith.modules.length - sample.services.reduce((sum, service) => sum + service.moduleIds.length, 0);
    expect(
      decisions.some(
        (text) => text.startsWith(`${stays} modules (`) && text.includes('stay in the monolith, with no service planned for them: '),
      ),
    ).toBe(true);
    // One of each: the singular.
    const one: Project = {
      ...project,
      services: project.services.map((service) =>
        service.id === reviews.id ? { ...service, datastore: 'PostgreSQL', framework: 'flask' } : service,
      ),
    };
    const single = assumptionSentences(buildReportModel(one, planMigration(one))).decisions;
    expect(single).toContain(`1 service has no datastore chosen yet: ${search.name}.`);
  });

  it('says there is nothing open when every service is decided and every module has a service', () => {
    const sample = loadSampleProject();
    // Two modules with no dependency, one service taking both, with a datastore and the framework Carve recommends.
    const modules = sample.monolith.modules.slice(0, 2).map((module) => ({ ...module, entities: [] }));
    const service = { ...sample.services[0]!, moduleIds: modules.map((module) => module.id), datastore: 'PostgreSQL', pinnedPhaseId: null };
    const draft: Project = { ...sample, monolith: { ...sample.monolith, modules, dependencies: [] }, services: [service], links: [] };
    const project: Project = { ...draft, services: [{ ...service, framework: recommendFramework(draft, service.id).frameworkId }] };
    const plan = planMigration(project);
    expect(assumptionSentences(buildReportModel(project, plan)).decisions).toEqual([]);
    expect(textOf(sectionOf(renderReportHtml(project, plan, GENERATED), 'assumptions'))).toContain('None: every service has a datastore');
  });
});
