import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareScenarios } from '../../shared/analysis/compareScenarios';
import { parseDay } from '../../shared/boundaries/history';
import { loadProject } from '../../shared/format/load';
import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { renderMarkdown } from '../../shared/report/markdown';
import { backtestSection, reportBacktest } from '../../shared/report/reportBacktest';
import { renderReportHtml } from '../../shared/report/reportHtml';
import { readModuleHistory } from '../../main/services/history/moduleHistory';
import type { CarveApi } from '../../shared/api/client';
import { runJob } from '../../shared/api/jobs';
import { browserApi } from './browserHost';
import { runCarve } from './cliHarness';
import { day, isolateHistoryCache, makeRepo } from './historyRepo';

// The report's "Backtest on the project's history" (issue 9): the figures from a real git repository made here,
// the section in HTML and Markdown, and `carve export --history` writing them.

const fixture = () => readFileSync(new URL('../fixtures/format/v2.carve', import.meta.url));

let cwd: string;
let restoreCache: () => void;
let project: Project;
beforeEach(async () => {
  cwd = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-export-backtest-')));
  await fs.writeFile(path.join(cwd, 'shop.carve'), fixture());
  restoreCache = isolateHistoryCache(cwd);
  project = loadProject(fixture());
  // The bookshop's four modules; "Payments first" has Payments and Accounts as services (the monolith keeps
  // catalog and orders), "One store service" has Store (catalog, orders).
  const files = (...modules: string[]) => modules.map((m) => `bookshop/${m}/models.py`);
  makeRepo(path.join(cwd, 'repo'), [
    { files: files('catalog', 'orders', 'payments', 'accounts'), author: 'Ann', time: day('2024-06-01') },
    { files: files('catalog', 'orders'), author: 'Ann', time: day('2025-02-01') }, // the monolith | Store
    { files: files('payments', 'accounts'), author: 'Bob', time: day('2025-02-02') }, // crosses | the monolith
    { files: files('orders', 'payments'), author: 'Bob', time: day('2025-02-03') }, // crosses in both
    { files: files('catalog'), author: 'Ann', time: day('2025-02-04') },
  ]);
});
afterEach(async () => {
  restoreCache();
  await fs.rm(cwd, { recursive: true, force: true });
});

const carve = (...argv: string[]) => runCarve(cwd, argv);
const figuresOf = async (dir: string, until: string | null) => {
  const read = await readModuleHistory(project, dir, until === null ? null : parseDay(until));
  return reportBacktest(project, read!);
};
/** The text of an HTML fragment as a reader sees it (tags out, entities back). */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('reportBacktest', () => {
  it('gives each design its backtest, random median, one per app merged, modularity and crossing share', async () => {
    const figures = await figuresOf(path.join(cwd, 'repo'), '2025-01-01');
    const compared = compareScenarios(project, {
      history: {
        commits: (await readModuleHistory(project, path.join(cwd, 'repo'), parseDay('2025-01-01')))!.commits,
        cutoff: day('2025-01-02') - 12 * 3600,
      },
    });
    expect(figures.cutoff).toBe('2025-01-02');
    expect(figures.commitsAfter).toBe(4);
    expect(figures.note).toMatch(/^history: read 5 commits from 2024-06-01 to 2025-02-04/);
    expect(
      figures.designs.map((d) => [d.name, d.active, d.services, d.backtest?.crossing, d.backtest?.commits, d.backtest?.share]),
    ).toEqual([
      ['Payments first', true, 2, 2, 4, 0.5],
      ['One store service', false, 1, 1, 4, 0.25],
    ]);
    // The same figures as the app's scenario comparison.
    figures.designs.forEach((d, k) => {
      expect(d.backtest?.randomMedian).toBe(compared.scenarios[k]!.backtest!.randomMedian);
      expect(d.structuralModularity).toBe(compared.scenarios[k]!.structuralModularity);
      expect(d.crossingShareByWeight).toBe(compared.scenarios[k]!.crossingShareByWeight);
    });
    // One per app merged on imports and data: orders+accounts (a foreign key), then catalog joins them for two
    // groups. Three groups (Payments first): {orders, accounts}, {catalog}, {payments}: 3 of the 4 commits cross;
    // two groups (One store service): {orders, accounts, catalog}, {payments}: 2 of 4.
    expect(figures.designs.map((d) => d.backtest?.perAppMerged)).toEqual([0.75, 0.5]);
  });

  it('renders the section: the sentence, one row per design, the cut-off and the commits', async () => {
    const figures = await figuresOf(path.join(cwd, 'repo'), '2025-01-01');
    const random = figures.designs[0]!.backtest!.randomMedian;
    const text = textOf(backtestSection(figures));
    expect(text).toContain('Backtest on the project’s history');
    expect(text).toContain(
      `Had the services of the current design (Payments first) existed on 2025-01-02, 2 of the 4 commits since then (50%) would have touched more than one of them, against ${Math.round(random * 1000) / 10}% for random partitions of the same sizes`,
    );
    expect(text).toContain('Lower is better: services that change alone deploy alone.');
    expect(text).toMatch(/Payments first \(active\) 2 -?\d\.\d+ [\d.]+% 50% \(2 of 4\) [\d.]+% [\d.]+x 75%/);
    expect(text).toMatch(/One store service 1 -?\d\.\d+ [\d.]+% 25% \(1 of 4\) [\d.]+% [\d.]+x 50%/);
    expect(text).toContain(
      'Cut-off 2025-01-02: 4 commits from that day on touched a module of the project; read 5 commits from 2024-06-01 to 2025-02-04.',
    );
  });

  it('says "the one commit" when one commit is tested', async () => {
    const text = textOf(backtestSection(await figuresOf(path.join(cwd, 'repo'), '2025-02-03')));
    expect(text).toContain(
      'Had the services of the current design (Payments first) existed on 2025-02-04, the one commit since then would not have touched more than one of them, against 0% for random partitions of the same sizes.',
    );
    expect(text).toContain('Cut-off 2025-02-04: 1 commit from that day on touched a module of the project;');
  });

  it('says in one line why there is no backtest: no git repository, or no commit after the cut-off', async () => {
    await fs.mkdir(path.join(cwd, 'plain'));
    const noGit = textOf(backtestSection(await figuresOf(path.join(cwd, 'plain'), null)));
    expect(noGit).toBe(' Backtest on the project’s history No backtest: the folder is not in a git repository: no history read. ');
    const late = textOf(backtestSection(await figuresOf(path.join(cwd, 'repo'), '2026-01-01')));
    expect(late).toBe(' Backtest on the project’s history No backtest: no commit from 2026-01-02 on touches a module of the project. ');
  });

  it('is a section of the HTML report and its contents only when given, and of the Markdown export', async () => {
    const figures = await figuresOf(path.join(cwd, 'repo'), '2025-01-01');
    const plan = planMigration(project);
    const without = renderReportHtml(project, plan, { generatedOn: '2026-12-03' });
    expect(without).not.toContain('id="backtest"');
    const html = renderReportHtml(project, plan, { generatedOn: '2026-12-03', backtest: figures });
    expect(html).toContain('<a class="label" href="#backtest">Backtest on the project’s history</a>');
    expect(html.indexOf('id="backtest"')).toBeGreaterThan(html.indexOf('id="architecture"'));
    expect(html.indexOf('id="backtest"')).toBeLessThan(html.indexOf('id="data-ownership"'));
    const md = renderMarkdown(project, plan, { backtest: figures });
    expect(md).not.toBe(renderMarkdown(project, plan));
    expect(md).toContain(
      '## Backtest on the project’s history\n\nHad the services of the current design (Payments first) existed on 2025-01-02, 2 of the 4 commits since then (50%)',
    );
    expect(md).toMatch(/\n\| Payments first \(active\) \| 2 \| -?[\d.]+ \| [\d.]+% \| 50% \(2 of 4\) \| [\d.]+% \| [\d.]+x \| 75% \|\n/);
    expect(md).toMatch(/\n\| One store service \| 1 \| -?[\d.]+ \| [\d.]+% \| 25% \(1 of 4\) \| [\d.]+% \| [\d.]+x \| 50% \|\n/);
  });
});

describe('carve export --history', () => {
  it('writes the backtest into the HTML and Markdown reports, with a step reading the history', async () => {
    const html = await carve(
      'export',
      'shop.carve',
      '--format',
      'html',
      '--out',
      'r.html',
      '--history',
      'repo',
      '--history-until',
      '2025-01-01',
    );
    expect(html.err).toEqual([
      '[1/4] Planning the migration…',
      '[2/4] Reading the git history for the backtest…',
      '[3/4] Rendering the HTML…',
      '[4/4] Writing r.html…',
    ]);
    expect(html.code).toBe(0);
    const page = textOf(await fs.readFile(path.join(cwd, 'r.html'), 'utf8'));
    expect(page).toContain(
      'Had the services of the current design (Payments first) existed on 2025-01-02, 2 of the 4 commits since then (50%)',
    );
    expect(page).toMatch(/One store service 1 -?\d\.\d+ [\d.]+% 25% \(1 of 4\)/);
    const md = await carve('export', 'shop.carve', '-f', 'md', '-o', 'r.md', '--history', 'repo');
    expect(md.code).toBe(0);
    // Without --history-until, the cut-off is a year before the last commit (2025-02-04): all five commits are later.
    expect(await fs.readFile(path.join(cwd, 'r.md'), 'utf8')).toContain(
      '\n\nCut-off 2024-02-04: 5 commits from that day on touched a module of the project; read 5 commits from 2024-06-01 to 2025-02-04.\n\n',
    );
  });

  it('refuses --history with a format that has no report, a bad date, or --history-until alone: exit 2, nothing written', async () => {
    for (const argv of [
      ['--format', 'csv', '--out', 'x.csv', '--history', 'repo'],
      ['--format', 'html', '--out', 'x.html', '--history', 'repo', '--history-until', '2025-13-01'],
      ['--format', 'html', '--out', 'x.html', '--history-until', '2025-01-01'],
    ]) {
      const run = await carve('export', 'shop.carve', ...argv);
      expect(run.code).toBe(2);
      expect(run.err).toEqual([expect.stringMatching(/^carve: --history.* (goes with|must be a date)/)]);
    }
    expect((await fs.readdir(cwd)).filter((name) => name.startsWith('x.'))).toEqual([]);
  });

  it('exits 1 naming a history folder that is not one, and writes nothing', async () => {
    const run = await carve('export', 'shop.carve', '--format', 'md', '--out', 'r.md', '--history', 'nope');
    expect(run.code).toBe(1);
    expect(run.err.at(-1)).toBe('nope: not a folder');
    await expect(fs.stat(path.join(cwd, 'r.md'))).rejects.toThrow();
  });
});

describe('export:start with historyDir', () => {
  const exportHtml = (request: Partial<Parameters<CarveApi['export:start']>[0]>) =>
    runJob(
      browserApi(cwd),
      'export:start',
      { project, format: 'html', path: 'r.html', overwrite: false, ...request },
      { wait: () => new Promise((resolve) => setImmediate(resolve)) },
    );

  it('adds the backtest of the workspace folder to the report', async () => {
    const done = await exportHtml({ historyDir: 'repo', historyUntil: '2025-01-01' });
    expect(done.ok).toBe(true);
    expect(textOf(await fs.readFile(path.join(cwd, 'r.html'), 'utf8'))).toContain(
      'Had the services of the current design (Payments first) existed on 2025-01-02, 2 of the 4 commits since then (50%)',
    );
  });

  it('refuses a day that is none, a folder that is not one and a folder outside the workspace, writing nothing', async () => {
    const answers = await Promise.all([
      exportHtml({ historyDir: 'repo', historyUntil: '2025-02-30' }),
      exportHtml({ historyDir: 'nope' }),
      exportHtml({ historyDir: os.tmpdir() }),
    ]);
    expect(answers.map((a) => (a.ok ? 'ok' : `${a.error.code}: ${a.error.message}`))).toEqual([
      'invalid-request: historyUntil: 2025-02-30 is not a day of the calendar',
      'not-found: nope: not a folder',
      expect.stringMatching(/^[a-z-]+: .*outside/),
    ]);
    await expect(fs.stat(path.join(cwd, 'r.html'))).rejects.toThrow();
  });
});
