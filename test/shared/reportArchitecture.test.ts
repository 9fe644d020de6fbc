import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { MONOLITH_NODE_ID, type Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { architectureLayout, firstOverlap, layoutByGroup, layoutInRows, type Box } from '../../shared/report/diagramLayout';
import { escapeHtml } from '../../shared/report/escape';
import { MAX_CONTEXT } from '../../shared/report/phaseDiagrams';
import { renderReportHtml } from '../../shared/report/reportHtml';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The report's architecture drawings: never two boxes on top of each other, whatever layout the file saved, and
// one "after phase N" drawing per phase with that phase's services highlighted among those they touch.

const report = (project: Project) => renderReportHtml(project, planMigration(project), { generatedOn: '2026-11-25' });

/** The whole target architecture: the first architecture SVG of the report. */
const overviewOf = (html: string) => /<svg class="architecture"[\s\S]*?<\/svg>/.exec(html)![0];

/** The boxes an SVG draws: the outline of each node, with the name in its title and how it is emphasised. */
function boxesOf(svg: string): (Box & { name: string; kind: string })[] {
  return [
    ...svg.matchAll(
      /<g class="node (service(?: new| context)?|monolith)"><title>([^<]*)<\/title><rect x="([-\d.]+)" y="([-\d.]+)" width="(\d+)" height="(\d+)"/g,
    ),
  ].map((m) => ({
    kind: m[1]!,
    name: m[2]!.replace(/: [^:]*$/, '').replace(/ \(the monolith\)$/, ''),
    id: m[2]!,
    x: Number(m[3]),
    y: Number(m[4]),
    width: Number(m[5]),
    height: Number(m[6]),
  }));
}

/** Two boxes that share any area (touching edges do not). */
function overlapping(boxes: readonly Box[]): [Box, Box] | null {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) return [a, b];
    }
  }
  return null;
}

/** The sample with every node saved at the same point: the layout a careless script or a bad merge leaves. */
function pileUp(project: Project): Project {
  return {
    ...project,
    layout: { ...project.layout, nodes: [MONOLITH_NODE_ID, ...project.services.map((s) => s.id)].map((id) => ({ id, x: 100, y: 100 })) },
  };
}

describe('the target architecture drawing', () => {
  it('keeps a saved layout whose boxes do not overlap, at the saved positions', () => {
    const project = loadSampleProject();
    const html = report(project);
    expect(html).toContain('The services stand where they are on the canvas');
    const boxes = boxesOf(overviewOf(html));
    for (const service of project.services) {
      const saved = project.layout.nodes.find((node) => node.id === service.id)!;
      const box = boxes.find((candidate) => candidate.name === escapeHtml(service.name))!;
      expect([box.x, box.y]).toEqual([saved.x, saved.y]);
    }
  });

  it('lays the boxes out itself, by phase and without overlap, when the saved layout piles them up', () => {
    const project = pileUp(loadSampleProject());
    const html = report(project);
    expect(html).toContain('The canvas layout puts some of these boxes on top of each other');
    const boxes = boxesOf(overviewOf(html));
    expect(boxes).toHaveLength(project.services.length + 1);
    expect(overlapping(boxes)).toBeNull();
    // By phase, left to right: a phase-2 box never stands left of a phase-1 box's column start.
    const phase = (box: Box & { id: string }) => Number(/Phase (\d+)$/.exec(box.id)?.[1] ?? 0);
    const services = boxes.filter((box) => box.kind === 'service');
    for (const a of services) for (const b of services) if (phase(a) < phase(b)) expect(a.x).toBeLessThan(b.x);
  });

  it('lays the boxes out itself when services have no saved position (an imported or hand-written file)', () => {
    const project = { ...loadSampleProject(), layout: { nodes: [], viewport: { x: 0, y: 0, zoom: 1 } } };
    const html = report(project);
    expect(html).toContain('Some services have no place on the canvas yet');
    expect(overlapping(boxesOf(overviewOf(html)))).toBeNull();
  });

  it('never draws two boxes on top of each other, whatever positions the file saved (fast-check)', () => {
    const sample = loadSampleProject();
    const ids = [MONOLITH_NODE_ID, ...sample.services.map((s) => s.id)];
    const position = fc.record({ x: fc.integer({ min: -400, max: 400 }), y: fc.integer({ min: -300, max: 300 }) });
    fc.assert(
      fc.property(fc.array(fc.option(position, { nil: null }), { minLength: ids.length, maxLength: ids.length }), (positions) => {
        const nodes = ids.flatMap((id, i) => (positions[i] ? [{ id, ...positions[i]! }] : []));
        const project = { ...sample, layout: { ...sample.layout, nodes } };
        const { boxes } = architectureLayout(project, () => 1);
        expect(boxes.map((box) => box.id)).toEqual(ids);
        expect(firstOverlap(boxes)).toBeNull();
        expect(overlapping(boxes)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('finds overlaps and near-touches, and the layouts it falls back on have none at 300 boxes', () => {
    const box = (id: string, x: number, y: number): Box => ({ id, x, y, width: 220, height: 70 });
    expect(firstOverlap([box('a', 0, 0), box('b', 300, 0)])).toBeNull();
    expect(firstOverlap([box('a', 0, 0), box('b', 219, 69)])?.map((b) => b.id)).toEqual(['a', 'b']);
    // Nearer than MIN_GAP: no room for an arrow between them.
    expect(firstOverlap([box('a', 0, 0), box('b', 224, 0)])).not.toBeNull();
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, group: i % 13 }));
    expect(firstOverlap(layoutByGroup([{ id: MONOLITH_NODE_ID, group: null }, ...nodes]))).toBeNull();
    expect(firstOverlap(layoutInRows([[MONOLITH_NODE_ID, 's1', 's2'], nodes.map((n) => n.id)], 4))).toBeNull();
  });

  it('draws a 300-service design once, untiled, with no overlap', () => {
    const project = generateProject({ services: 300, modules: 900, dependencies: 1_500, seed: 5 });
    const html = report(pileUp(project));
    expect(html).not.toContain('<svg class="architecture tile"');
    const boxes = boxesOf(overviewOf(html));
    expect(boxes).toHaveLength(301);
    expect(firstOverlap(boxes)).toBeNull();
    // Not a hairball: about two dependency arrows a box, the heaviest; every planned link; the rest counted.
    const svg = overviewOf(html);
    const weights = [...svg.matchAll(/<path d="[^"]*" fill="none" stroke="[^"]*" stroke-width="([\d.]+)"[^>]*class="edge dependency"/g)];
    expect(weights.length).toBe(2 * 301);
    expect(svg.match(/class="edge link"/g)?.length ?? 0).toBe(project.links.filter((link) => link.from !== link.to).length);
    const hidden = Number(/Only the heaviest dependencies are drawn \(([\d,]+) lighter ones left out\)/.exec(html)![1]!.replace(/,/g, ''));
    const graphEdges = buildServiceGraph(pileUp(project)).edges.length;
    expect(hidden).toBe(graphEdges - 2 * 301);
  });
});

describe('edge labels', () => {
  it('never sit under a box, in the whole map or in a phase drawing (a box would hide them)', () => {
    const html = report(loadSampleProject());
    const drawings = [...html.matchAll(/<svg class="architecture[^"]*"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(drawings.length).toBe(3);
    for (const svg of drawings) {
      const labels = [...svg.matchAll(/<g class="edge-label"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="(\d+)"/g)].map(
        (m) => ({
          id: 'label',
          x: Number(m[1]),
          y: Number(m[2]),
          width: Number(m[3]),
          height: Number(m[4]),
        }),
      );
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) for (const box of boxesOf(svg)) expect(overlapping([label, box]), `a label under ${box.name}`).toBeNull();
    }
  });
});

describe('the "after phase N" drawings', () => {
  it('draw each phase with services once: its services highlighted, earlier ones as context, the monolith with what it keeps', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const html = report(project);
    for (const phase of plan.phases) {
      const start = html.indexOf(`<h2 id="phase-${phase.index}-after">`);
      if (phase.services.length === 0) {
        expect(start).toBe(-1);
        continue;
      }
      expect(html.match(new RegExp(`<h2 id="phase-${phase.index}-after">After phase ${phase.index}</h2>`, 'g'))).toHaveLength(1);
      const svg = /<svg class="architecture after-phase"[\s\S]*?<\/svg>/.exec(html.slice(start))![0];
      const boxes = boxesOf(svg);
      expect(overlapping(boxes)).toBeNull();
      expect(
        boxes
          .filter((box) => box.kind === 'service new')
          .map((box) => box.name)
          .sort(),
      ).toEqual(phase.services.map((s) => escapeHtml(s.name)).sort());
      const earlier = new Set(plan.phases.filter((p) => p.index < phase.index).flatMap((p) => p.services.map((s) => escapeHtml(s.name))));
      for (const box of boxes.filter((b) => b.kind === 'service context')) expect(earlier.has(box.name)).toBe(true);
      const extracted = plan.phases
        .filter((p) => p.index <= phase.index)
        .flatMap((p) => p.services)
        .reduce((sum, s) => sum + s.moduleIds.length, 0);
      expect(svg).toContain(`${project.monolith.modules.length - extracted} of ${project.monolith.modules.length} modules stay`);
    }
    // Phase 2's Reviews depends on phase 1's Catalog Service: drawn beside it, in grey.
    const phase2 = html.slice(html.indexOf('<h2 id="phase-2-after">'));
    expect(
      boxesOf(/<svg[\s\S]*?<\/svg>/.exec(phase2)![0]).some((box) => box.kind === 'service context' && box.name === 'Catalog Service'),
    ).toBe(true);
    expect(phase2).toContain(
      'After phase 2, 4 services run beside the monolith, which keeps 20 modules. Highlighted: the 2 services this phase extracts (Reviews and Notifications). Around them, in grey, the earlier service that they depend on or that depends on them.',
    );
    expect(html.slice(html.indexOf('<h2 id="phase-1-after">'))).toContain('They depend on no earlier service, and none on them.');
  });

  it('at 200 services in 10 phases: every service highlighted in exactly one drawing, at most MAX_CONTEXT others around it, each on one page', async () => {
    const { tenPhaseProject } = await import('../../bench/pdfExport.bench');
    const project = tenPhaseProject();
    const plan = planMigration(project);
    const html = renderReportHtml(project, plan, { generatedOn: '2026-11-25' });
    const drawings = [...html.matchAll(/<svg class="architecture after-phase[^"]*"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(drawings).toHaveLength(plan.phases.filter((phase) => phase.services.length > 0).length);
    const highlighted = drawings.flatMap((svg) =>
      boxesOf(svg)
        .filter((box) => box.kind === 'service new')
        .map((box) => box.name),
    );
    expect(highlighted.sort()).toEqual(project.services.map((s) => escapeHtml(s.name)).sort());
    for (const svg of drawings) {
      expect(boxesOf(svg).filter((box) => box.kind === 'service context').length).toBeLessThanOrEqual(MAX_CONTEXT);
      expect(svg).not.toContain('tile');
    }
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tile a phase too large for one page, each tile a page that shows some of its services', () => {
    const project = generateProject({ services: 60, modules: 300, dependencies: 600, seed: 3 });
    const plan = planMigration(project);
    const big = plan.phases.find((phase) => phase.services.length > 40);
    expect(big, 'the generated project puts most services in one cycle, so one phase').toBeDefined();
    const html = renderReportHtml(project, plan, { generatedOn: '2026-11-25' });
    const tiles = [...html.matchAll(/<svg class="architecture after-phase tile"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(tiles.length).toBeGreaterThan(1);
    const shown = new Set(
      tiles.flatMap((tile) =>
        boxesOf(tile)
          .filter((box) => box.kind === 'service new')
          .map((box) => box.name),
      ),
    );
    for (const service of big!.services) expect(shown.has(escapeHtml(service.name))).toBe(true);
    expect(Number(new RegExp(`After phase ${big!.index}, part 1 of (\\d+)`).exec(html)?.[1])).toBeGreaterThan(1);
  });
});
