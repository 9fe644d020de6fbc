// The measurement of issue 9's target on the public monoliths checked out under .corpus/ (git-ignored): each is
// imported with import-python's defaults and its history read by carve suggest's reader (readModuleHistory), the
// history learned from ending the day before a fixed cut-off; proposeBoundaries at 8, 12 and 16 services, then per
// row the sizes, the backtest, the random median, the ratio, one per app merged, the static graph only and the
// largest service's share of the modules. Imports and histories are cached in .corpus/.cache.
//
//   npx tsx scripts/boundaries-backtest.ts [--only healthchecks,CTFd] [--options '{"historyShare":0.5}'] [--json]
//   npx tsx scripts/boundaries-backtest.ts --folder netbox/netbox --cutoff 2025-02-22 [--name netbox]
//   npx tsx scripts/boundaries-backtest.ts --all        (the six and the three held out: netbox, readthedocs.org, DefectDojo)
// --imports DIR reads (or writes) the imported projects as DIR/<name>.carve.json instead of .corpus/.cache (say,
// the projects of `carve import-python` from another tree); histories stay cached in .corpus/.cache/history.
// --folder (under .corpus/, or absolute) with --cutoff measures that one monolith instead of the six (a held-out check).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDay } from '../shared/boundaries/history';
import { proposeBoundaries, type ProposeOptions } from '../shared/boundaries/propose';
import { toProject, projectNameForFolder } from '../shared/importer/toProject';
import { ProjectSchema, type Project } from '../shared/model/project';
import { readModuleHistory } from '../main/services/history/moduleHistory';
import { importPythonProject } from '../main/services/python/importPython';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, '.corpus');
const CACHE = path.join(CORPUS, '.cache');
const DAY = 86_400;

/** Run 2's cut-offs (docs/boundaries.md): about 18 months before each repository's last commit. */
const MONOLITHS: ReadonlyArray<{ name: string; folder: string; cutoff: string }> = [
  { name: 'healthchecks', folder: 'healthchecks', cutoff: '2025-02-22' },
  { name: 'CTFd', folder: 'CTFd', cutoff: '2025-02-20' },
  { name: 'django-oscar', folder: 'django-oscar', cutoff: '2025-02-21' },
  { name: 'taiga-back', folder: 'taiga-back', cutoff: '2024-10-30' },
  { name: 'wagtail', folder: 'wagtail', cutoff: '2025-02-23' },
  { name: 'polar/server', folder: 'polar/server', cutoff: '2025-02-23' },
];
/** The held-out monoliths (never looked at while run 3's settings were chosen), measured with --all. */
const HELD_OUT: ReadonlyArray<{ name: string; folder: string; cutoff: string }> = [
  { name: 'netbox', folder: 'netbox/netbox', cutoff: '2025-02-22' },
  { name: 'readthedocs.org', folder: 'readthedocs.org', cutoff: '2025-02-22' },
  { name: 'django-DefectDojo', folder: 'django-DefectDojo', cutoff: '2025-02-22' },
];
const TARGETS = [8, 12, 16];

/** The project as `carve import-python DIR` makes it, cached by folder. */
async function importedProject(dir: string, cacheName: string, imports: string): Promise<Project> {
  const file = path.join(imports, `${cacheName}.carve.json`);
  try {
    return ProjectSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    const result = await importPythonProject(dir, { granularity: 'auto', keepWarmMs: 0 });
    const project = toProject(result, projectNameForFolder(dir));
    await writeFile(file, JSON.stringify(project));
    return project;
  }
}

/** "25,5,1x6": module counts per service, largest first, runs of equal sizes folded. */
function sizesText(sizes: number[]): string {
  const out: string[] = [];
  for (let k = 0; k < sizes.length;) {
    let n = 1;
    while (sizes[k + n] === sizes[k]) n++;
    out.push(n >= 3 || (n === 2 && sizes[k] === 1) ? `${sizes[k]}x${n}` : Array(n).fill(String(sizes[k])).join(','));
    k += n;
  }
  return out.join(',');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      options: { type: 'string' },
      json: { type: 'boolean' },
      folder: { type: 'string' },
      cutoff: { type: 'string' },
      name: { type: 'string' },
      all: { type: 'boolean' },
      imports: { type: 'string' },
    },
  });
  if ((values.folder === undefined) !== (values.cutoff === undefined) || (values.cutoff !== undefined && parseDay(values.cutoff) === null))
    throw new Error('--folder and --cutoff YYYY-MM-DD go together');
  const monoliths =
    values.folder !== undefined
      ? [{ name: values.name ?? values.folder, folder: values.folder, cutoff: values.cutoff! }]
      : values.all
        ? [...MONOLITHS, ...HELD_OUT]
        : MONOLITHS;
  const only = typeof values.only === 'string' ? new Set(values.only.split(',')) : null;
  const extra = (typeof values.options === 'string' ? JSON.parse(values.options) : {}) as Partial<ProposeOptions>;
  await mkdir(CACHE, { recursive: true });
  process.env.CARVE_HISTORY_CACHE = path.join(CACHE, 'history');
  const rows: Array<Record<string, unknown>> = [];
  const ratios: number[] = [];
  const meets = new Map<string, boolean>();
  const metAt = new Map<number, string[]>(TARGETS.map((t) => [t, []]));
  const fmt = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  if (!values.json)
    console.log(
      '| monolith (modules) | cut-off | services | sizes | backtest (crossing/commits) | random median | x random | one per app merged | static only | largest share | fit | structural modularity | cpu s |',
    );
  for (const m of monoliths) {
    if (only && !only.has(m.name)) continue;
    const dir = path.resolve(CORPUS, m.folder);
    const project = await importedProject(dir, m.name.replace(/\//g, '-'), values.imports ?? CACHE);
    const history = await readModuleHistory(project, dir, parseDay(m.cutoff)! - DAY);
    if (history === null) throw new Error(`${dir}: not a folder`);
    if (values.folder !== undefined) {
      const before = history.commits.filter((c) => c.time < history.cutoff!).length;
      console.error(
        `${m.name}: ${history.note}; ${before} commits touching a module before the cut-off, ${history.commits.length - before} from it on`,
      );
    }
    const started = process.cpuUsage();
    const report = proposeBoundaries(project, history.commits, { targets: TARGETS, cutoff: history.cutoff, ...extra });
    const cpu = process.cpuUsage(started);
    const modules = project.monolith.modules.length;
    let all = true;
    report.alternatives.forEach((a, k) => {
      const sizes = a.services.map((s) => s.moduleIds.length).sort((x, y) => y - x);
      const share = a.backtest?.share ?? null;
      const ratio = share !== null && a.randomMedian ? share / a.randomMedian : null;
      if (ratio !== null) ratios.push(ratio);
      const ok = ratio !== null && ratio <= 0.6 && share !== null && a.perApp !== null && share < a.perApp;
      all &&= ok;
      if (ok) metAt.get(a.target)?.push(m.name);
      const largest = sizes.length === 0 ? 0 : sizes[0]! / modules;
      const row = {
        monolith: m.name,
        modules,
        cutoff: report.cutoff,
        target: a.target,
        sizes: sizesText(sizes),
        monolithModules: a.monolithModules,
        backtest: a.backtest,
        randomMedian: a.randomMedian,
        ratio,
        perApp: a.perApp,
        staticOnly: a.staticOnly,
        largestShare: largest,
        modularity: a.structuralModularity,
        fit: a.fit,
      };
      rows.push(row);
      if (!values.json)
        console.log(
          `| ${k === 0 ? `${m.name} (${modules})` : ''} | ${k === 0 ? report.cutoff : ''} | ${a.target} | ${row.sizes}${a.monolithModules > 0 ? ` +${a.monolithModules} in monolith` : ''} | ${fmt(share)} (${a.backtest?.crossing ?? 0}/${(a.backtest?.commits ?? 0).toLocaleString('en-US')}) | ${fmt(a.randomMedian)} | ${ratio === null ? '-' : ratio.toFixed(2)}${ok ? ' ✓' : ''} | ${fmt(a.perApp)} | ${fmt(a.staticOnly)} | ${largest.toFixed(2)} | ${a.fit.merge ?? 'modularity'} ${a.fit.capFactor} | ${a.structuralModularity.toFixed(3)} | ${k === 0 ? ((cpu.user + cpu.system) / 1e6).toFixed(2) : ''} |`,
        );
    });
    meets.set(m.name, all);
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / Math.max(1, ratios.length);
  const met = [...meets].filter(([, ok]) => ok).map(([name]) => name);
  if (values.json) console.log(JSON.stringify({ rows, meanRatio: mean, met }, null, 2));
  else
    console.log(
      `\nmean ratio to random over ${ratios.length} rows: ${mean.toFixed(3)}; meeting 0.6x and below one per app at 8, 12 and 16: ${met.length} (${met.join(', ') || 'none'}); ${[...metAt].map(([t, names]) => `at ${t}: ${names.length}`).join(', ')}`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
