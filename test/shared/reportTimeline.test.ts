import { describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate';
import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { monthTicks, schedulePlan } from '../../shared/planning/schedule';
import { renderReportHtml } from '../../shared/report/reportHtml';
import { renderTimelineSvg } from '../../shared/report/timelineSvg';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The report's timeline (shared/report/timelineSvg.ts): the phases on the whole calendar, then the services by
// team lane page by page, with the critical path outlined and the phase ends as diamonds, legible at 50 phases.

const svgs = (html: string) => [...html.matchAll(/<svg class="timeline( services)?"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
const serviceBars = (svg: string) => [
  ...svg.matchAll(/<rect x="([\d.-]+)" y="[\d.]+" width="([\d.]+)" height="9" rx="2" fill="#[0-9a-f]{6}"><title>([^<]*)<\/title>/g),
];

/** 300 services in 4 teams over 50-odd phases (the e2e spec roadmapScale uses the same). */
function largeProject(): Project {
  const project = generateProject({ services: 300, modules: 1_500, dependencies: 400, seed: 7 });
  return {
    ...project,
    services: project.services.map((service, i) => ({
      ...service,
      pinnedPhaseId: null,
      name: i === 0 ? '<b>Loyalty & "rewards"</b>' : service.name,
    })),
    planning: { ...project.planning, teams: project.planning.teams.slice(0, 4).map((team) => ({ ...team, capacityPerPhase: 14 })) },
  };
}

describe('report timeline', () => {
  it('the sample: a phase chart, then every service once as a bar in its lane, the critical path outlined', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const schedule = schedulePlan(plan);
    const html = renderTimelineSvg(plan);
    const [phases, ...pages] = svgs(html);
    expect(phases!.match(/<rect [^>]*rx="4"/g)).toHaveLength(plan.phases.length);
    const bars = pages.flatMap(serviceBars);
    expect(bars.map((bar) => bar[3]!.split(':')[0]).sort()).toEqual(schedule.bars.map((bar) => bar.name).sort());
    expect(pages.join('').match(/fill="none" stroke="#dc2626"/g)!.length).toBe(schedule.critical.length + pages.length);
    for (const lane of schedule.lanes) expect(html).toContain(`font-weight="700" fill="#0f172a">${lane.team}`);
    expect(html).toContain('◆ marks the end of each phase; the last is the finish: Last extraction:');
  });

  it('300 services over 50 phases: the phases in even parts, service pages of at most 56 rows, bars inside each page, names escaped', () => {
    const project = largeProject();
    const plan = planMigration(project);
    expect(plan.phases.length).toBeGreaterThanOrEqual(40);
    const schedule = schedulePlan(plan, { monolithModules: project.monolith.modules.length });
    const html = renderTimelineSvg(plan, { monolithModules: project.monolith.modules.length });
    const all = svgs(html);
    const phaseCharts = all.filter((svg) => !svg.startsWith('<svg class="timeline services"'));
    const pages = all.filter((svg) => svg.startsWith('<svg class="timeline services"'));
    // 52 phases: two charts of 26 rows each.
    expect(phaseCharts.length).toBe(Math.ceil(plan.phases.length / 44));
    const rowsPerChart = phaseCharts.map((svg) => svg.match(/<rect [^>]*rx="4"/g)!.length);
    expect(rowsPerChart.reduce((a, b) => a + b, 0)).toBe(plan.phases.length);
    expect(Math.max(...rowsPerChart) - Math.min(...rowsPerChart)).toBeLessThanOrEqual(1);
    // Every service once, on pages of at most 56 rows (lane headers included), each bar inside its page's chart.
    const seen: string[] = [];
    for (const page of pages) {
      const bars = serviceBars(page);
      const headers = page.match(/fill="#e2e8f0"\/>/g)?.length ?? 0;
      expect(bars.length + headers).toBeLessThanOrEqual(56);
      for (const bar of bars) {
        expect(Number(bar[1])).toBeGreaterThanOrEqual(200 - 0.1);
        expect(Number(bar[1]) + Number(bar[2])).toBeLessThanOrEqual(748 + 0.1);
        seen.push(bar[3]!.slice(0, bar[3]!.lastIndexOf(': 2')));
      }
      // A page's height stays within an A4 page at 180 mm across (760 units): at most 1,000 units.
      expect(Number(/viewBox="0 0 760 ([\d.]+)"/.exec(page)![1])).toBeLessThanOrEqual(1_000);
    }
    expect(seen.sort()).toEqual(
      schedule.bars
        .map((bar) => bar.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'))
        .sort(),
    );
    expect(html).not.toContain('<b>Loyalty');
    expect(html).toContain('&lt;b&gt;Loyalty &amp; &quot;rewards&quot;&lt;/b&gt;');
    // Each page says which part it is and which phases it holds.
    expect(
      [...html.matchAll(/<h2 id="timeline-services-(\d+)">Services by team, part (\d+) of (\d+): phases? /g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
        Number(m[3]),
      ]),
    ).toEqual(pages.map((_, k) => [k + 1, k + 1, pages.length]));
  });

  it('the report ends its timeline on "Monolith retired" when the services take every module, else on the last extraction', () => {
    const sample = loadSampleProject();
    const taken = new Set(sample.services.flatMap((service) => service.moduleIds));
    const left = sample.monolith.modules.filter((module) => !taken.has(module.id)).map((module) => module.id);
    expect(left.length).toBeGreaterThan(0);
    const all: Project = {
      ...sample,
      services: sample.services.map((service, i) => (i === 0 ? { ...service, moduleIds: [...service.moduleIds, ...left] } : service)),
    };
    const options = { generatedOn: '2027-01-01' };
    expect(renderReportHtml(all, planMigration(all), options)).toContain('the last is the finish: Monolith retired: phase ');
    expect(renderReportHtml(sample, planMigration(sample), options)).toContain('the last is the finish: Last extraction: ');
  });

  it('month ticks: every month when there is room, with the year in January and on the first; years when months apart', () => {
    expect(monthTicks('2027-01-04', 100, 2, 44).map((t) => t.label)).toEqual(['Feb 2027', 'Mar', 'Apr']);
    expect(monthTicks('2027-11-15', 80, 2, 44).map((t) => t.label)).toEqual(['Dec 2027', 'Jan 2028', 'Feb']);
    // 0.1 px a day: a month is 3 px; the step is the fewest months that leaves 44 px between ticks.
    const ticks = monthTicks('2027-01-04', 3_000, 0.1, 44);
    expect(ticks.every((t, i) => i === 0 || (t.day - ticks[i - 1]!.day) * 0.1 >= 44 - 1)).toBe(true);
    expect(ticks[0]!.label).toMatch(/^[A-Z][a-z]{2} 2027$|^2028$/);
  });

  it('an axis label is drawn only where it fits whole inside the drawing, whatever day the plan starts', () => {
    const sample = loadSampleProject();
    let checked = 0;
    for (let day = 1; day <= 28; day++) {
      const startDate = `2027-03-${String(day).padStart(2, '0')}`;
      const html = renderTimelineSvg(planMigration({ ...sample, planning: { ...sample.planning, startDate } }));
      for (const svg of svgs(html)) {
        const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)![1]);
        for (const label of svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" class="axis">([^<]*)<\/text>/g)) {
          // "Aug 2027" at 10 px is about 44 px wide.
          expect(Number(label[1]) + 44, `${label[2]} from ${startDate}`).toBeLessThanOrEqual(width);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
