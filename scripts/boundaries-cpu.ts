// proposeBoundaries' CPU time on the suggest benchmark's project (1,000 modules, 20,000 commits: bench/suggest.bench.ts's
// own generator, its repository made once in .corpus/.cache/suggest-bench), with the targets carve suggest asks for
// (4, 8, 12, 16, 20 and 12) and the default cut-off. The history is read once (cached); only the proposal is timed.
//
//   npx tsx scripts/boundaries-cpu.ts [RUNS]          (a profile: node --cpu-prof --import tsx scripts/boundaries-cpu.ts)
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { suggestFixture } from '../bench/suggest.bench';
import { proposeBoundaries } from '../shared/boundaries/propose';
import { readModuleHistory } from '../main/services/history/moduleHistory';
import { SUGGEST_SIZES } from '../main/services/history/suggestBoundaries';
import { openProjectFile } from '../main/services/projectFiles';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, '.corpus', '.cache', 'suggest-bench');

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  process.env.CARVE_HISTORY_CACHE = path.join(ROOT, '.corpus', '.cache', 'history');
  const made = await access(path.join(DIR, 'generated.carve')).then(
    () => true,
    () => false,
  );
  if (!made) {
    await mkdir(DIR, { recursive: true });
    await suggestFixture(DIR);
  }
  const { project } = await openProjectFile(path.join(DIR, 'generated.carve'));
  const history = await readModuleHistory(project, path.join(DIR, 'src'), null);
  if (history === null) throw new Error(`${DIR}/src: not a folder`);
  const targets = [...SUGGEST_SIZES, 12];
  for (let run = 0; run < runs; run++) {
    const started = process.cpuUsage();
    const wall = performance.now();
    const report = proposeBoundaries(project, history.commits, { targets, cutoff: history.cutoff });
    const cpu = process.cpuUsage(started);
    const shares = report.alternatives.map((a) => `${a.target}: ${a.backtest?.share.toFixed(3)} (random ${a.randomMedian?.toFixed(3)})`);
    console.log(
      `run ${run + 1}: proposeBoundaries CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, wall ${((performance.now() - wall) / 1000).toFixed(2)} s; ${project.monolith.modules.length} modules, ${report.commitsBefore} commits before the cut-off, ${report.commitsAfter} after; ${shares.join(', ')}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
