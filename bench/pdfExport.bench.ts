import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChromiumPrinter } from '../main/services/export/chromiumPrinter';
import { exportProject } from '../main/services/export/exportProject';
import { countPdfPages, readPdfDestinations } from '../main/services/export/pdfPages';
import type { Project } from '../shared/model/project';
import { planMigration } from '../shared/planning/planner';
import { renderReportHtml } from '../shared/report/reportHtml';
import { loadSampleProject } from '../shared/samples/acmeShop';
import { generateProject } from './generate';
import { envInt, time, type Benchmark, type BenchRow } from './harness';

// Issue 4, section 6: PDF export of the sample and of a 200-service, 10-phase project: time, pages, file size.
// Each export plans, renders the report, loads it in Chromium, prints the tagged PDF once, writes the contents'
// page numbers into it (pdfContentsNumbers.ts) and writes the file. Chromium is the one findChromium picks ($CARVE_CHROMIUM, then the usual
// paths). No target: the figures are recorded in docs/benchmarks.md.

export const LARGE = { services: 200, modules: 2_000, dependencies: 8_000, seed: 20270104 };

/**
 * A generated project planned into exactly 10 extraction phases after Foundations: dependencies kept only from
 * a later service to an earlier one (the generator's random ones make cycles that would merge most services
 * into one phase), REST links likewise, at most 20 services per phase and teams large enough not to bind.
 */
export function tenPhaseProject(): Project {
  const project = generateProject(LARGE);
  const owner = new Map<string, number>();
  project.services.forEach((service, i) => service.moduleIds.forEach((id) => owner.set(id, i)));
  const order = new Map(project.services.map((service, i) => [service.id, i]));
  return {
    ...project,
    monolith: {
      ...project.monolith,
      dependencies: project.monolith.dependencies.filter(
        (d) => !owner.has(d.from) || !owner.has(d.to) || owner.get(d.from)! >= owner.get(d.to)!,
      ),
    },
    links: project.links.filter((link) => link.style === 'rest' && order.get(link.from)! >= order.get(link.to)!),
    services: project.services.map((service) => ({ ...service, pinnedPhaseId: null })),
    phases: [
      { id: 'foundations', name: 'Foundations', goal: 'CI/CD, observability and the routing facade.', lengthWeeks: 4 },
      ...Array.from({ length: 10 }, (_, i) => ({
        id: `wave-${i + 1}`,
        name: `Wave ${i + 1}`,
        goal: 'Move the next slice of the monolith behind the facade.',
        lengthWeeks: 6,
      })),
    ],
    planning: {
      ...project.planning,
      maxServicesPerPhase: 20,
      teams: project.planning.teams.map((team) => ({ ...team, capacityPerPhase: 10_000 })),
    },
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

const benchmark: Benchmark = {
  name: 'pdf export',
  describe: 'carve export --format pdf: plan, render, load in Chromium, one tagged print, contents page numbers written in, write',
  async run(): Promise<BenchRow[]> {
    const options = { warmup: envInt('BENCH_WARMUP', 1), runs: envInt('BENCH_RUNS', 3) };
    const printer = createChromiumPrinter();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carve-bench-pdf-'));
    const rows: BenchRow[] = [];
    try {
      const cases: [string, Project][] = [
        ['sample (Acme Shop)', loadSampleProject()],
        [`${LARGE.services} services, 10 phases`, tenPhaseProject()],
      ];
      for (const [label, project] of cases) {
        const plan = planMigration(project);
        const html = renderReportHtml(project, plan, { generatedOn: '2026-11-25' });
        const rendering = await time(() => renderReportHtml(project, plan, { generatedOn: '2026-11-25' }), { warmup: 1, runs: 5 });
        const target = path.join(dir, 'roadmap.pdf');
        let last = { bytes: 0, pages: 0 as number | null };
        const exporting = await time(async () => {
          last = await exportProject({ project, format: 'pdf', path: target, overwrite: true, printer, generatedOn: '2026-11-25' });
        }, options);
        rows.push({
          case: `${label}: render HTML`,
          timing: rendering,
          note: `${project.services.length} services, ${plan.phases.length} phases incl. Foundations, ${project.monolith.modules.length} modules; HTML ${kb(html.length)}`,
        });
        rows.push({ case: `${label}: export PDF`, timing: exporting, note: `${last.pages} pages, ${kb(last.bytes)}` });
        // Reading the print back (done after each print: the contents' page numbers, the page count).
        const printed = new Uint8Array(fs.readFileSync(target));
        const reading = await time(() => [countPdfPages(printed), readPdfDestinations(printed).size], { warmup: 1, runs: 5 });
        rows.push({ case: `${label}: read the PDF back`, timing: reading, note: 'page count and the page of each named destination' });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default benchmark;
