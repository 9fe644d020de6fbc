import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { CSV_HEADER, csvField, renderCsv } from '../../shared/report/csv';
import { renderMarkdown } from '../../shared/report/markdown';
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
  .array(fc.constantFrom('=', '+', '-', '@', '"', ',', '\r\n', '\n', '\r', '\t', ' ', 'a', 'B', ';', '|', '<', '>', '[', ']', '(', ')', '#', '*', '_', '`', '\\', '&'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''))
  .filter((text) => text.trim() !== '');

const arbNamed = fc.record({ project: arbProject({ maxModules: 6, maxServices: 4, maxPhases: 3 }), names: fc.array(tricky, { minLength: 4, maxLength: 4 }) }).map(({ project, names }) => {
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
    expect(rows.slice(1).map((row) => row[0]).sort()).toEqual(project.services.map((service) => service.name).sort());
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
        expect(names.sort()).toEqual(project.services.map((service) => (/^[=+\-@\t\r]/.test(service.name) ? `'${service.name}` : service.name)).sort());
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
          if (label !== undefined) expect(label.replace(/<br\/>/g, '').replace(/ \(monolith\)$/, '').replace(/#\d+;/g, '')).not.toMatch(/["<>[\]{}()|;`\\\r\n]/);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('renderMarkdown', () => {
  it('has the report headings: title, summary, one per phase, effort, appendix', () => {
    const project = loadSampleProject();
    const plan = planMigration(project);
    const headings = renderMarkdown(project, plan)
      .split('\n')
      .filter((line) => /^#{1,2} /.test(line));
    expect(headings[0]).toBe('# Acme Shop: migration roadmap');
    expect(headings[1]).toBe('## Executive summary');
    expect(headings).toHaveLength(plan.phases.length + 4);
    expect(headings.slice(-2)).toEqual(['## Effort', '## Appendix: modules']);
    expect(headings[2]).toBe('## Foundations');
  });

  it('lets no project text start a heading, a list, a link or HTML (fast-check)', () => {
    fc.assert(
      fc.property(arbNamed, (project) => {
        const plan = planMigration(project);
        const lines = renderMarkdown(project, plan).split('\n');
        const headings = lines.filter((line) => /^#/.test(line));
        expect(headings).toHaveLength(1 + 1 + plan.phases.length + 2 + lines.filter((line) => /^### /.test(line)).length);
        for (const line of headings) expect(line).toMatch(/^(# |## |### (Warnings|Foundation tasks|Services|Facade routes|Data migration|Risks|Exit criteria)$)/);
        // Every < from the project is escaped, so no raw HTML tag can open.
        for (const line of lines) expect(line).not.toMatch(/(^|[^\\])<[A-Za-z/]/);
      }),
      { numRuns: 80 },
    );
  });
});
