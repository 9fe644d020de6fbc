import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { CSV_HEADER, csvField, renderCsv } from '../../shared/report/csv';
import { markdownCell, markdownText, renderMarkdown } from '../../shared/report/markdown';
import { renderReportHtml } from '../../shared/report/reportHtml';
import { renderMermaid } from '../../shared/report/mermaid';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { arbProject } from './arbitraries';

// The text exports: CSV (RFC 4180, no formula injection), Mermaid (generated ids, escaped labels), Markdown
// (headings only where the report puts them).

/** An RFC 4180 reader, written apart from the writer: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      expect(c, `a bare ${JSON.stringify(c)} outside quotes`).not.toMatch(/["\r\n]/);
      field += c;
    }
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const tricky = fc
  .array(
    fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '"',
      ',',
      '\r\n',
      '\n',
      '\r',
      '\t',
      ' ',
      'a',
      'B',
      ';',
      '|',
      '<',
      '>',
      '[',
      ']',
      '(',
      ')',
      '#',
      '*',
      '_',
      '`',
      '\\',
      '&',
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''))
  .filter((text) => text.trim() !== '');

const arbNamed = fc
  .record({ project: arbProject({ maxModules: 6, maxServices: 4, maxPhases: 3 }), names: fc.array(tricky, { minLength: 4, maxLength: 4 }) })
  .map(({ project, names }) => {
    const [service, phase, team, label] = names as [string, string, string, string];
    const renamed: Project = {
      ...project,
      name: `${phase}P`,
      monolith: { ...project.monolith, name: `${label}M` },
      services: project.services.map((candidate, i) => ({ ...candidate, name: `${service}${i}`, team })),
      phases: project.phases.map((candidate, i) => ({ ...candidate, name: `${phase}${i}`, goal: service })),
      links: project.links.map((link) => ({ ...link, label })),
    };
    return renamed;
  });

describe('renderCsv', () => {
  it('writes one row per service under the documented header', () => {
    const project = loadSampleProject();
    const rows = parseCsv(renderCsv(project, planMigration(project)));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(
      rows
        .slice(1)
        .map((row) => row[0])
        .sort(),
    ).toEqual(project.services.map((service) => service.name).sort());
    const search = rows.find((row) => row[0] === 'Search')!;
    expect(search[CSV_HEADER.indexOf('Framework')]).toBe('FastAPI');
    expect(search[CSV_HEADER.indexOf('Runtime')]).toBe('CPython 3.13');
    expect(Number(search[CSV_HEADER.indexOf('Effort (person-weeks)')])).toBeGreaterThan(0);
  });

  it('quotes by RFC 4180 and guards formulas with a leading quote', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("https://evil.test")')).toBe(`"'=HYPERLINK(""https://evil.test"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField(4.5)).toBe('4.5');
  });

  it('reads back to the same cells, none of which a spreadsheet would run (fast-check)', () => {
    fc.assert(
      fc.property(arbNamed, (project) => {
        const rows = parseCsv(renderCsv(project, planMigration(project)));
        expect(rows).toHaveLength(project.services.length + 1);
        for (const row of rows) {
          expect(row).toHaveLength(CSV_HEADER.length);
          for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
        const names = rows.slice(1).map((row) => row[0]);
        expect(names.sort()).toEqual(
          project.services.map((service) => (/^[=+\-@\t\r]/.test(service.name) ? `'${service.name}` : service.name)).sort(),
        );
      }),
      { numRuns: 80 },
    );
  });
});

describe('renderMermaid', () => {
  const LINE_PATTERNS = [
    /^flowchart LR$/,
    /^ {2}m\[\("([^"]*)"\)\]$/,
    /^ {2}subgraph p\d+\["([^"]*)"\]$/,
    /^ {4}s\d+\["([^"]*)"\]$/,
    /^ {2}end$/,
    /^ {2}(?:m|s\d+) -->\|"\d+"\| (?:m|s\d+)$/,
    /^ {2}(?:m|s\d+) -\.->\|"([^"]*)"\| (?:m|s\d+)$/,
  ];

  it('draws the sample: the monolith, every service by generated id, dependencies and links', () => {
    const project = loadSampleProject();
    const text = renderMermaid(project, planMigration(project));
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    for (const [i, service] of project.services.entries()) expect(text).toContain(`s${i + 1}["${service.name}<br/>`);
    expect(text.match(/ -\.->/g)).toHaveLength(project.links.length);
    expect(text).toMatch(/ {2}m -->\|"\d+"\| s\d+/);
  });

  it('keeps ids generated and labels escaped, whatever the names (fast-check)', () => {
    fc.assert(
      fc.property(arbNamed, (project) => {
        const lines = renderMermaid(project, planMigration(project)).split('\n');
        expect(lines.pop()).toBe('');
        for (const line of lines) {
          const pattern = LINE_PATTERNS.find((candidate) => candidate.test(line));
          expect(pattern, `an unexpected line: ${JSON.stringify(line)}`).toBeDefined();
          const label = pattern!.exec(line)![1];
          if (label !== undefined)
            expect(
              label
                .replace(/<br\/>/g, '')
                .replace(/ \(monolith\)$/, '')
                .replace(/#\d+;/g, ''),
            ).not.toMatch(/["<>[\]{}()|;`\\\r\n]/);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('renderMarkdown', () => {
  it('has the report headings: title, summary, assumptions, data ownership, one per phase, effort, appendix', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const headings = renderMarkdown(project, plan)
      .split('\n')
      .filter((line) => /^#{1,2} /.test(line));
    expect(headings[0]).toBe('# Acme Shop: migration roadmap');
    expect(headings[1]).toBe('## Executive summary');
    expect(headings).toHaveLength(plan.phases.length + 6);
    expect(headings.slice(-2)).toEqual(['## Effort', '## Appendix: modules']);
    expect(headings.slice(2, 5)).toEqual(['## Assumptions and open decisions', '## Data ownership', '## Foundations']);
  });

  it('lets no project text start a heading, a list, a link or HTML (fast-check)', () => {
    fc.assert(
      fc.property(arbNamed, (project) => {
        const plan = planMigration(project);
        const lines = renderMarkdown(project, plan).split('\n');
        const headings = lines.filter((line) => /^#/.test(line));
        expect(headings).toHaveLength(1 + 3 + plan.phases.length + 2 + lines.filter((line) => /^### /.test(line)).length);
        for (const line of headings)
          expect(line).toMatch(/^(# |## |### (Warnings|Foundation tasks|Services|Facade routes|Data migration|Risks|Exit criteria)$)/);
        // Every < from the project is escaped, so no raw HTML tag can open.
        for (const line of lines) expect(line).not.toMatch(/(^|[^\\])<[A-Za-z/]/);
      }),
      { numRuns: 80 },
    );
  });
});

describe('Markdown escapes', () => {
  // markdown-it follows CommonMark and GitHub's tables and strikethrough; the HTML it renders is what a reader sees.
  const md = new MarkdownIt({ html: true });
  const shown = (html: string) =>
    html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .trim();
  /** The text as rendered in a paragraph, a list item, a heading and a table cell: always one element of plain text. */
  const renders = (text: string) => {
    const expected = text.replace(/\s+/g, ' ').trim();
    const contexts: [string, RegExp][] = [
      [markdownText(text), /^<p>[^<]*<\/p>$/],
      [`- ${markdownText(text)}`, /^<ul>\s*<li>[^<]*<\/li>\s*<\/ul>$/],
      [`## ${markdownText(text)}`, /^<h2>[^<]*<\/h2>$/],
      [`| h |\n| --- |\n| ${markdownCell(text)} |`, /<td>[^<]*<\/td>/],
    ];
    for (const [source, shape] of contexts) {
      const html = md.render(source).trim();
      if (expected !== '') expect(html, source).toMatch(shape);
      expect(shown(html).replace(/^h\s*/, '').replace(/\s+/g, ' '), source).toBe(expected);
    }
  };

  it('leave plain text as it is: punctuation that changes nothing is not escaped', () => {
    for (const text of [
      'Catalog (v2.0) - orders & payments!',
      'snake_case_name',
      '2 * 3 = 6',
      'a < b > c',
      '[draft] notes',
      'C# and F#',
      'Phase 1 — Catalog, search and notifications',
      '"quoted" {braces} +1 #3',
    ]) {
      expect(markdownText(text)).toBe(text);
      renders(text);
    }
  });

  it('escape what would change the rendering, and only that', () => {
    const cases: [string, string][] = [
      ['*bold*', '\\*bold\\*'],
      ['_em_', '\\_em\\_'],
      ['`code`', '\\`code\\`'],
      ['[a](https://x.test)', '\\[a](https://x.test)'],
      ['[a]: https://x.test', '\\[a]: https://x.test'],
      ['[*]:*', '\\[\\*]:\\*'],
      ['<b>x</b>', '\\<b>x\\</b>'],
      ['&amp;', '\\&amp;'],
      ['# heading', '\\# heading'],
      ['> quote', '\\> quote'],
      ['- item', '\\- item'],
      ['1. one', '1\\. one'],
      ['---', '\\---'],
      ['~~gone~~', '\\~\\~gone\\~\\~'],
      ['back\\*slash', 'back\\\\\\*slash'],
    ];
    for (const [text, escaped] of cases) {
      expect(markdownText(text)).toBe(escaped);
      renders(text);
    }
    expect(markdownCell('A | B')).toBe('A \\| B');
    renders('A | B');
  });

  it('render any text as itself (fast-check)', () => {
    const markup = fc.constantFrom(...'*_`[]()<>!#&;-+.|~\\ :/1aZ'.split(''), 'amp', '&amp;', '<b>', '](x)', ' - ', '1. ', '---');
    fc.assert(
      fc.property(
        fc.array(markup, { maxLength: 12 }).map((parts) => parts.join('')),
        (text) => renders(text),
      ),
      { numRuns: 300 },
    );
  });

  it('are left out of the report where nothing needs them: "Monolith (stays)", plural forms', () => {
    const project = loadSampleProject();
    const text = renderMarkdown(project, planMigration(project));
    expect(text).toContain('| acme.core | Monolith (stays) | — |');
    expect(text).toContain('1 dependency, weight 5');
    expect(text).not.toMatch(/\b1 dependencies|\b1 weeks|\b1 services/);
    expect(text).toContain('## Phase 1: Catalog and search');
  });
});

describe('report wording', () => {
  it('Mermaid titles a phase once: "Phase 1: Catalog and search", a name that says its phase as it is', () => {
    const project = loadSampleProject();
    expect(renderMermaid(project, planMigration(project))).toContain('subgraph p1["Phase 1: Catalog and search"]');
    const named = { ...project, phases: project.phases.map((p, i) => (i === 1 ? { ...p, name: 'Phase 1 — Catalog' } : p)) };
    const text = renderMermaid(named, planMigration(named));
    expect(text).toContain('subgraph p1["Phase 1 — Catalog"]');
    expect(text).not.toMatch(/Phase 1: Phase 1/);
  });

  it('writes framework names as the catalog does, and never "Team Team"', () => {
    const sample = loadSampleProject();
    const project = {
      ...sample,
      planning: {
        ...sample.planning,
        teams: sample.planning.teams.map((t) => ({ ...t, name: t.name === 'Storefront' ? 'Storefront team' : 'Team A' })),
      },
      services: sample.services.map((s) => ({ ...s, team: s.team === 'Storefront' ? 'Storefront team' : 'Team A' })),
    };
    const html = renderReportHtml(project, planMigration(project), { generatedOn: '2027-01-01' });
    expect(html).toContain('<dd>Acme Shop monolith (Django, Python 3.11)</dd>');
    expect(html).not.toMatch(/Team<\/b> (Team|Storefront team)/);
    expect(html).toContain('· Storefront team</div>');
    expect(html).not.toMatch(/\b1 services\b|\b1 phases\b|\b1 weeks\b/);
    const plain = renderReportHtml(sample, planMigration(sample), { generatedOn: '2027-01-01' });
    expect(plain).toContain('<b>Team</b> Storefront');
  });
});
