import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCarve } from './cliHarness';
import { serializeProject } from '../../shared/format/save';
import { planMigration } from '../../shared/planning/planner';
import { summarizePlan } from '../../shared/planning/summary';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// carve export, run in-process on real files: exit codes as for validate, progress on stderr.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carve-export-cli-'));
  await writeFile(join(dir, 'acme.carve'), serializeProject(loadSampleProject()));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const carve = (...argv: string[]) => runCarve(dir, argv);

describe('carve export', () => {
  it('writes the JSON plan and says what it wrote; progress goes to stderr, one line per step', async () => {
    const { code, out, err } = await carve('export', 'acme.carve', '--format', 'json', '--out', 'plan.json');
    expect(code).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^plan\.json: \d+ KB$/)]);
    expect(err).toEqual(['[1/3] Planning the migration…', '[2/3] Rendering the JSON…', '[3/3] Writing plan.json…']);
    expect(JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'))).toEqual(summarizePlan(planMigration(loadSampleProject())));
  });

  it('prints a PDF with Chromium, showing the printing stage and the page count', async () => {
    const { code, out, err } = await carve('export', 'acme.carve', '-f', 'pdf', '-o', 'roadmap.pdf');
    expect(err).toEqual([
      '[1/4] Planning the migration…',
      '[2/4] Rendering the report…',
      '[3/4] Printing the PDF with Chromium…',
      '[4/4] Writing roadmap.pdf…',
    ]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^roadmap\.pdf: \d+ pages, \d+ KB$/);
    expect((await readFile(join(dir, 'roadmap.pdf'))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('exits 1 naming the path when the output exists, and replaces it with --force', async () => {
    await writeFile(join(dir, 'roadmap.md'), 'mine');
    const refused = await carve('export', 'acme.carve', '--format', 'md', '--out', 'roadmap.md');
    expect(refused.code).toBe(1);
    expect(refused.err.at(-1)).toBe('roadmap.md: already exists (add --force to replace it)');
    expect(await readFile(join(dir, 'roadmap.md'), 'utf8')).toBe('mine');
    const forced = await carve('export', 'acme.carve', '--format', 'md', '--out', 'roadmap.md', '--force');
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'roadmap.md'), 'utf8')).toMatch(/^# Acme Shop: migration roadmap\n/);
  });

  it('exits 1 with "path: what is wrong" for a file that does not open', async () => {
    await writeFile(join(dir, 'bad.carve'), '{"format": "carve-project"');
    const bad = await carve('export', 'bad.carve', '--format', 'csv', '--out', 'x.csv');
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual([expect.stringMatching(/^bad\.carve: not JSON/)]);
    const missing = await carve('export', 'nope.carve', '--format', 'csv', '--out', 'x.csv');
    expect(missing).toMatchObject({ code: 1, err: ['nope.carve was not found'] });
    const folder = await carve('export', 'acme.carve', '--format', 'csv', '--out', 'no/such/folder/x.csv');
    expect(folder.code).toBe(1);
    expect(folder.err.at(-1)).toMatch(/^no\/such\/folder\/x\.csv: the folder .* does not exist$/);
  });

  it.each([
    [['export', '--format', 'md', '--out', 'x.md'], /^carve: export needs exactly one FILE/],
    [['export', 'acme.carve', '--out', 'x.md'], /^carve: export needs --format \(pdf, html, md, csv, mermaid, json\)/],
    [['export', 'acme.carve', '--format', 'docx', '--out', 'x.docx'], /^carve: unknown format "docx"/],
    [['export', 'acme.carve', '--format', 'md'], /^carve: export needs --out PATH/],
    [['export', 'acme.carve', '--format'], /^carve: --format needs a value/],
  ])('exits 2 for a usage mistake: %j', async (argv, message) => {
    const { code, err, out } = await carve(...argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
  });

  it('is listed in carve --help', async () => {
    const { out } = await carve('--help');
    expect(out.join('\n')).toMatch(/export\s/);
  });
});
