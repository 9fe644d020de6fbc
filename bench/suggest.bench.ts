import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../main/cli/run';
import { defaultHistoryCache, readHistory } from '../main/services/history/readHistory';
import { writeNewProjectFile } from '../main/services/projectFiles';
import { createProject } from '../shared/model/create';
import { ProjectSchema } from '../shared/model/project';
import { mulberry32 } from '../shared/random';
import { makeRepo, type PlannedCommit } from '../test/main/historyRepo';
import { envInt, time, type Benchmark, type BenchRow } from './harness';

// Issue 9: carve suggest on 1,000 modules with 20,000 commits of history, at most 3 s with the history read
// (git log, cold cache), and again with the read cached for the same HEAD. The repository is generated with
// git fast-import in a temp folder: teams of 20 modules whose commits touch 1-4 of their own modules, 5% of
// commits reaching into another team; the project's modules are the 1,000 folders, with imports inside teams.
// BENCH_SUGGEST_DIR=<folder>: the repository is generated there once and kept (alternated runs of two trees
// measure the same one). "Cold" is a cache folder emptied before each run; in this process the JIT is warm after
// the first run, so the built CLI (out/, when built) is also run in a fresh process each time, as a user runs it.

const MODULES = 1000;
const COMMITS = 20_000;
const TARGET_MS = 3000;

export async function suggestFixture(dir: string): Promise<{ project: string; source: string }> {
  const random = mulberry32(9);
  const name = (k: number) => `pkg${String(k).padStart(4, '0')}`;
  const commits: PlannedCommit[] = [];
  const start = Date.UTC(2019, 0, 1) / 1000;
  for (let c = 0; c < COMMITS; c++) {
    const team = Math.floor(random() * (MODULES / 20));
    const touched = new Set<number>();
    const n = 1 + Math.floor(random() * 4);
    for (let k = 0; k < n; k++) touched.add(team * 20 + Math.floor(random() * 20));
    if (random() < 0.05) touched.add(Math.floor(random() * MODULES));
    commits.push({ files: [...touched].map((m) => `src/${name(m)}/models.py`), author: `dev${team % 37}`, time: start + c * 3 * 3600 });
  }
  makeRepo(dir, commits);
  const base = createProject('Generated');
  const modules = Array.from({ length: MODULES }, (_, k) => ({
    id: name(k),
    name: name(k),
    path: name(k),
    linesOfCode: 100 + Math.floor(random() * 2000),
  }));
  const dependencies = Array.from({ length: MODULES * 3 }, () => {
    const from = Math.floor(random() * MODULES);
    const to = Math.floor(from / 20) * 20 + Math.floor(random() * 20);
    return { from: name(from), to: name(to), kind: 'import', weight: 1 + Math.floor(random() * 5) };
  }).filter((d) => d.from !== d.to);
  const project = ProjectSchema.parse({ ...base, monolith: { ...base.monolith, modules, dependencies } });
  const file = path.join(dir, 'generated.carve');
  await writeNewProjectFile(file, project);
  return { project: file, source: path.join(dir, 'src') };
}

/**
 * CPU milliseconds of this process's finished children (git): cutime + cstime of /proc/self/stat, in clock ticks
 * of 10 ms (USER_HZ 100 on Linux); null where there is no /proc.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** Runs `work`, adding git's CPU for it to `into` (the harness measures this process's CPU and wall). */
async function withGitCpu(into: number[], work: () => Promise<void>): Promise<void> {
  const before = childrenCpuMs();
  await work();
  const after = childrenCpuMs();
  if (before !== null && after !== null) into.push(after - before);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const gitNote = (values: readonly number[]) => (values.length === 0 ? '' : `git CPU median ${median(values)} ms`);

async function suggestOnce(cwd: string, argv: string[]): Promise<void> {
  const err: string[] = [];
  const code = await runCli(argv, { out: () => {}, err: (line) => err.push(line), cwd });
  if (code !== 0) throw new Error(`carve suggest exited ${code}: ${err.join(' / ')}`);
}

const benchmark: Benchmark = {
  name: 'suggest',
  describe: `carve suggest --services 12 --history on ${MODULES} modules and ${COMMITS} commits (targets 4-20, backtest, write)`,
  async run(): Promise<BenchRow[]> {
    const options = { warmup: envInt('BENCH_WARMUP', 0), runs: envInt('BENCH_RUNS', 3) };
    const kept = process.env.BENCH_SUGGEST_DIR?.trim();
    const dir = kept ? path.resolve(kept) : await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-bench-suggest-')));
    try {
      const { project, source } =
        kept && existsSync(path.join(dir, 'generated.carve'))
          ? { project: path.join(dir, 'generated.carve'), source: path.join(dir, 'src') }
          : await suggestFixture((await fs.mkdir(dir, { recursive: true }), dir));
      process.env.CARVE_HISTORY_CACHE = path.join(dir, 'cache');
      const argv = ['suggest', project, '--out', path.join(dir, 'out.carve'), '--force', '--services', '12', '--history', source];
      const gitCold: number[] = [];
      const gitRead: number[] = [];
      const cold = await time(async () => {
        await fs.rm(defaultHistoryCache(), { recursive: true, force: true });
        await withGitCpu(gitCold, () => suggestOnce(dir, argv));
      }, options);
      const warm = await time(() => suggestOnce(dir, argv), options);
      // The history read alone, cold (what the cache saves): git's tree diffs are most of it.
      const read = await time(() => withGitCpu(gitRead, async () => void (await readHistory(source, { cacheDir: null }))), options);
      const rows: BenchRow[] = [
        { case: 'suggest, history read from git', timing: cold, maxMedianMs: TARGET_MS, note: gitNote(gitCold) },
        { case: 'suggest, history cached for HEAD', timing: warm },
        { case: 'readHistory alone, no cache', timing: read, note: gitNote(gitRead) },
      ];
      const cli = path.join(ROOT, 'bin', 'carve.mjs');
      if (existsSync(path.join(ROOT, 'out', 'main', 'cli.js'))) {
        const cpu: number[] = [];
        const fresh = await time(async () => {
          await fs.rm(defaultHistoryCache(), { recursive: true, force: true });
          await withGitCpu(cpu, () => runNode(dir, [cli, ...argv]));
        }, options);
        rows.push({
          case: 'carve suggest CLI (out/), fresh process, history read from git',
          timing: fresh,
          maxMedianMs: TARGET_MS,
          note: cpu.length === 0 ? '' : `CPU of node and git median ${median(cpu)} ms`,
        });
      }
      return rows;
    } finally {
      if (!kept) await fs.rm(dir, { recursive: true, force: true });
    }
  },
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs node with these arguments to its end (its CPU is this process's children's). */
function runNode(cwd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`carve suggest exited ${code}: ${err.trim()}`))));
  });
}

export default benchmark;
