import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { phaseTitle } from '../../shared/planning/phaseNames';
import { summarizePlan } from '../../shared/planning/summary';
import { renderReportHtml } from '../../shared/report/reportHtml';
import { renderTextExport } from '../../shared/report/textExport';
import { escapeHtml } from '../../shared/report/escape';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { arbProject } from './arbitraries';

// The roadmap report as HTML: self-contained, inert with hostile project text, complete, deterministic.

const GENERATED = { generatedOn: '2026-11-25' };
const HOSTILE = '</script><img src=x onerror=alert(1)><style>@import url(https://evil.test/x.css)</style>';

const report = (project: Project) => renderReportHtml(project, planMigration(project), GENERATED);

/** The sample with project text an attacker chose everywhere a name or free text goes. */
function hostileSample(): Project {
  const sample = loadSampleProject();
  return {
    ...sample,
    name: `Acme ${HOSTILE}`,
    author: `"><svg onload=alert(1)>`,
    description: `<a href="https://evil.test">click</a> ${HOSTILE}`,
    monolith: {
      ...sample.monolith,
      name: `<iframe src="https://evil.test"></iframe>`,
      modules: sample.monolith.modules.map((module, i) =>
        i === 0 ? { ...module, entities: [...module.entities, `<script src="https://evil.test/a.js"></script>`] } : module,
      ),
    },
    services: sample.services.map((service, i) => ({
      ...service,
      name: i === 0 ? HOSTILE : `${service.name} & <b>co</b>`,
      team: `<img src=//evil.test/t.png>`,
      datastore: `javascript:alert(1)`,
    })),
    links: sample.links.map((link) => ({ ...link, label: `<a href=https://evil.test>x</a>` })),
    phases: sample.phases.map((phase) => ({
      ...phase,
      name: `${phase.name} <script>alert(1)</script>`,
      goal: `<meta http-equiv="refresh" content="0;url=https://evil.test">`,
    })),
  };
}

/** The tags of an HTML document and their attributes, as a browser's tokenizer would start them. */
function tagsOf(html: string): { name: string; text: string }[] {
  return [...html.matchAll(/<([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/g)].map((match) => ({ name: match[1]!.toLowerCase(), text: match[0] }));
}

const ALLOWED_TAGS = new Set(
  'html head meta title style body main section div span h1 h2 h3 p a ol ul li dl dt dd table thead tbody tr th td b svg defs marker path g rect text line title'.split(
    ' ',
  ),
);

/** What makes a document load something or run something: none of it may appear. */
function expectInert(html: string): void {
  for (const tag of tagsOf(html)) {
    expect(ALLOWED_TAGS.has(tag.name), `unexpected <${tag.name}> in ${tag.text.slice(0, 80)}`).toBe(true);
    expect(tag.text, 'an event handler attribute').not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag.text, 'a src attribute').not.toMatch(/\ssrc\s*=/i);
    const href = /\shref="([^"]*)"/.exec(tag.text);
    if (href) expect(href[1], 'a link that leaves the document').toMatch(/^#[a-z0-9-]+$/);
  }
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  expect(style).not.toMatch(/@import|url\(|https?:/);
  expect(html).not.toMatch(/<script|<img|<iframe|<link|<object|<embed/i);
  // Exactly one style element and no other meta than ours.
  expect(html.match(/<style>/g)).toHaveLength(1);
  expect(html.match(/<meta /g)).toHaveLength(3);
}

describe('renderReportHtml', () => {
  it('is one self-contained document: no remote assets, no script, no @import, no url()', () => {
    const html = report(loadSampleProject());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/@import/);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
    expect(html).toContain(`default-src 'none'`);
    expectInert(html);
  });

  it('keeps hostile project text inert: it comes out as text, escaped', () => {
    const project = hostileSample();
    const html = report(project);
    expectInert(html);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain(`<title>Acme ${escapeHtml(HOSTILE)}: migration roadmap</title>`);
  });

  it('keeps any project text inert (fast-check: valid projects whose names are made of markup)', () => {
    const markup = fc
      .array(
        fc.constantFrom(
          '<',
          '>',
          '"',
          "'",
          '&',
          '`',
          '/',
          '=',
          ' ',
          'script',
          'img',
          'svg',
          ' onerror=',
          ' src=',
          'https://x.test',
          '\n',
          'a',
        ),
        {
          minLength: 1,
          maxLength: 14,
        },
      )
      .map((parts) => `N${parts.join('')}`.slice(0, 200));
    const arbHostile = fc.record({
      project: arbProject({ maxModules: 6, maxServices: 4, maxPhases: 3 }),
      names: fc.array(markup, { minLength: 8, maxLength: 8 }),
    });
    fc.assert(
      fc.property(arbHostile, ({ project, names }) => {
        const [a, b, c, d, e, f, g, h] = names as [string, string, string, string, string, string, string, string];
        const hostile: Project = {
          ...project,
          name: a,
          author: b,
          description: c,
          monolith: {
            ...project.monolith,
            name: d,
            modules: project.monolith.modules.map((module) => ({ ...module, entities: [...module.entities, e] })),
          },
          services: project.services.map((service, i) => ({ ...service, name: `${f}${i}`, team: g, datastore: h })),
          phases: project.phases.map((phase, i) => ({ ...phase, name: `${g}${i}`, goal: h })),
          links: project.links.map((link) => ({ ...link, label: e })),
        };
        expectInert(report(hostile));
      }),
      { numRuns: 60 },
    );
  });

  it('names every phase and every service, and each heading has an id for the PDF bookmarks', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const html = renderReportHtml(project, plan, GENERATED);
    for (const phase of plan.phases) expect(html).toContain(escapeHtml(phase.name));
    for (const service of project.services) expect(html).toContain(`<h3>${escapeHtml(service.name)}</h3>`);
    for (const heading of html.matchAll(/<h([12])\b[^>]*>/g)) expect(heading[0]).toMatch(/ id="[a-z0-9-]+"/);
    for (const phase of plan.phases) expect(html).toContain(`<h1 id="phase-${phase.index}">`);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws one box per service and one for the monolith in the architecture SVG, with an edge per service dependency', () => {
    const project = loadSampleProject();
    const html = report(project);
    const svg = /<svg class="architecture"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg.match(/<g class="node service">/g)).toHaveLength(project.services.length);
    expect(svg.match(/<g class="node monolith">/g)).toHaveLength(1);
    expect(svg.match(/class="edge link"/g)).toHaveLength(project.links.length);
    expect(svg.match(/class="edge dependency"/g)!.length).toBeGreaterThan(0);
    // The viewBox holds every box.
    const [x, y, w, h] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number) as [number, number, number, number];
    for (const rect of svg.matchAll(/<rect x="([-\d.]+)" y="([-\d.]+)" width="(\d+)" height="(\d+)" rx="(8|10)"/g)) {
      const [rx, ry, rw, rh] = [Number(rect[1]), Number(rect[2]), Number(rect[3]), Number(rect[4])];
      expect(rx).toBeGreaterThanOrEqual(x);
      expect(ry).toBeGreaterThanOrEqual(y);
      expect(rx + rw).toBeLessThanOrEqual(x + w);
      expect(ry + rh).toBeLessThanOrEqual(y + h);
    }
  });

  it('draws a timeline bar per phase', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const svg = /<svg class="timeline"[\s\S]*?<\/svg>/.exec(report(project))![0];
    expect(svg.match(/<rect [^>]*rx="4"/g)).toHaveLength(plan.phases.length);
  });

  it('lists every module once with its lines: on the card of the service it moves to, or in the appendix when it stays', () => {
    const project = loadSampleProject();
    const html = report(project);
    const appendix = html.slice(html.indexOf('<h1 id="appendix">'));
    const staying = [...appendix.matchAll(/<td class="module-list">(.*?)<\/td>/g)].flatMap((row) => row[1]!.split(', '));
    const cards = [
      ...html.matchAll(
        /<div class="service-card"><div class="card-head"><h3>(.*?)<\/h3>.*?<b>Modules moved \(\d+, [\d,]+ lines?\)<\/b> (.*?)<\/div>/g,
      ),
    ];
    const moved = cards.flatMap((card) => card[2]!.split(', ').map((entry) => ({ owner: card[1]!, entry })));
    const entryOf = (module: Project['monolith']['modules'][number]) => `${module.name} (${module.linesOfCode.toLocaleString('en-US')})`;
    const owner = new Map(project.services.flatMap((service) => service.moduleIds.map((id) => [id, service.name] as const)));
    expect(staying.length + moved.length).toBe(project.monolith.modules.length);
    for (const module of project.monolith.modules) {
      const service = owner.get(module.id);
      if (service === undefined) expect(staying, module.name).toContain(entryOf(module));
      else expect(moved, module.name).toContainEqual({ owner: service, entry: entryOf(module) });
    }
    expect(staying.length).toBeGreaterThan(0);
    expect(staying).toEqual([...staying].sort());
  });

  it('continues the modules that stay in further rows, 30 modules a row', () => {
    const project = loadSampleProject();
    const many = Array.from({ length: 65 }, (_, k) => ({
      ...project.monolith.modules[0]!,
      id: `extra-${k}`,
      name: `extra.m${String(k).padStart(2, '0')}`,
    }));
    const big = { ...project, monolith: { ...project.monolith, modules: [...project.monolith.modules, ...many] } };
    const appendix = report(big).slice(report(big).indexOf('<h1 id="appendix">'));
    const rows = [...appendix.matchAll(/<td class="module-list">(.*?)<\/td>/g)];
    const staying = big.monolith.modules.filter((module) => !project.services.some((service) => service.moduleIds.includes(module.id)));
    expect(rows.map((row) => row[1]!.split(', ').length)).toEqual([30, 30, staying.length - 60]);
  });

  it('gives each phase its effort, the parts summed over its services, and each card how its effort adds up', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const html = report(project);
    const effort = html.slice(html.indexOf('<h1 id="effort">'), html.indexOf('<h1 id="appendix">'));
    for (const phase of plan.phases) {
      const row = new RegExp(
        `<tr><td>${escapeHtml(phaseTitle(phase))}</td><td class="num">${phase.services.length}</td>.*?<td class="num"><b>([\\d.,]+)</b>`,
      ).exec(effort);
      expect(row, phase.name).not.toBeNull();
      expect(Number(row![1]!.replace(/,/g, ''))).toBeCloseTo(phase.effort, 1);
    }
    for (const service of plan.phases.flatMap((phase) => phase.services)) {
      const card = html.slice(html.indexOf(`<h3>${escapeHtml(service.name)}</h3>`));
      const line = /<b>Effort<\/b> (.*?)<\/div>/.exec(card)![1]!;
      expect(line).toMatch(
        service.effort.overridden
          ? /set by hand \(the formula gives code /
          : /^code [\d.]+ \+ rewrite [\d.]+ \+ interface [\d.]+ \+ data [\d.]+ = /,
      );
    }
  });

  it('lists each service of a phase once in its facade routes, with both directions', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const html = report(project);
    for (const phase of plan.phases.filter((candidate) => candidate.facadeRoutes.length > 0)) {
      const section = html.slice(
        html.indexOf(`<h2 id="phase-${phase.index}-routes">`),
        html.indexOf(`<h2 id="phase-${phase.index}-data">`),
      );
      const names = [...section.matchAll(/<tr><td>(.*?)<\/td>/g)].map((row) => row[1]);
      expect(names).toEqual([...new Set(phase.facadeRoutes.map((route) => escapeHtml(route.serviceName)))]);
      for (const route of phase.facadeRoutes)
        expect(section).toContain(`weight ${route.weight.toLocaleString('en-US')}: ${escapeHtml(route.monolithModules.join(', '))}`);
    }
  });

  it('puts its header and footer in the page margins: the title (escaped as a CSS string), "Made with Carve", "Page N of M"', () => {
    const name = `A </style>"\\{} @import url(https://evil.test/x.css) é`;
    const html = report({ ...hostileSample(), name });
    expectInert(html);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const header = /@top-left \{ content: "((?:[^"\\]|\\.)*)"/.exec(style)![1]!;
    // Every character outside a safe set is a hex escape: the title cannot end the string, the rule or the style.
    expect(header).not.toMatch(/[<>"{}]/);
    const unescaped = header.replace(/\\([0-9a-f]+) /g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    expect(unescaped).toBe(`${name}: migration roadmap`);
    expect(style).toContain('@bottom-left { content: "Made with Carve";');
    expect(style).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    const long = report({ ...loadSampleProject(), name: 'N'.repeat(300) });
    expect(/@top-left \{ content: "(N+)\\2026 /.exec(long)![1]).toHaveLength(109);
  });

  it('fills the contents with page numbers when it is given them, and leaves them out otherwise', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const without = renderReportHtml(project, plan, GENERATED);
    expect(without).toContain('<a class="label" href="#summary">Executive summary</a><span class="page-number"></span>');
    const withNumbers = renderReportHtml(project, plan, { ...GENERATED, pageNumbers: { summary: 3, appendix: 12 } });
    expect(withNumbers).toContain('<a class="label" href="#summary">Executive summary</a><span class="page-number">3</span>');
    expect(withNumbers).toContain('<a class="label" href="#appendix">Appendix: modules</a><span class="page-number">12</span>');
  });

  it('is deterministic: the same project gives the same bytes, and the date is the one passed in', () => {
    const project = loadSampleProject();
    expect(report(project)).toBe(report(structuredClone(project)));
    expect(report(project)).toContain('<dd>2026-11-25</dd>');
    fc.assert(
      fc.property(arbProject({ maxModules: 5, maxServices: 3 }), (generated) => {
        expect(report(generated)).toBe(report(structuredClone(generated)));
      }),
      { numRuns: 25 },
    );
  });
});

describe('renderTextExport', () => {
  it('writes the JSON of carve plan --json, with a final newline', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    expect(renderTextExport(project, plan, 'json', GENERATED)).toBe(`${JSON.stringify(summarizePlan(plan), null, 2)}\n`);
  });
});
