// What every *.bench.ts file in bench/ shares: the shape bench/run.ts expects, and timing helpers.
//
// A benchmark file default-exports a `Benchmark`; bench/run.ts finds it by its name, runs it and prints its
// rows in one table. A row is one measured case, with the baseline it is judged against when there is one.

export interface Timing {
  /** Wall-clock milliseconds. */
  median: number;
  p95: number;
  runs: number;
  /**
   * Median CPU milliseconds of this process (user + system, all threads) per run, when measured: on a shared
   * machine it is less disturbed by neighbours than wall time.
   */
  cpuMedian?: number;
}

export interface BenchRow {
  /** What was measured, e.g. "open: loadProject(bytes)". */
  case: string;
  timing: Timing;
  /** The plain operation measured in the same runs, interleaved with the case. */
  baseline?: { case: string; timing: Timing };
  /** At most this many times the baseline's median (ratio targets), ... */
  maxRatio?: number;
  /** ... or at most this many milliseconds at the median (absolute targets), ... */
  maxMedianMs?: number;
  /** ... or at the 95th percentile. */
  maxP95Ms?: number;
  /** Anything else worth printing: sizes, counts. */
  note?: string;
}

export interface Benchmark {
  /** Short, shown first in every row: "file format". */
  name: string;
  /** What is being measured, printed above the rows. */
  describe: string;
  run(): Promise<BenchRow[]>;
}

export interface RunOptions {
  warmup: number;
  runs: number;
}

type Work = () => unknown;

/** The value at quantile q (0..1) of sorted samples, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samples: readonly number[], cpuSamples?: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const timing: Timing = { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), runs: sorted.length };
  if (cpuSamples && cpuSamples.length > 0)
    timing.cpuMedian = quantile(
      [...cpuSamples].sort((a, b) => a - b),
      0.5,
    );
  return timing;
}

interface Samples {
  wall: number[];
  cpu: number[];
}

async function sample(work: Work, into: Samples): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  into.wall.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  into.cpu.push((used.user + used.system) / 1000);
}

/** Time one operation: `warmup` runs thrown away, then `runs` timed ones. */
export async function time(work: Work, options: RunOptions): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await work();
  const samples: Samples = { wall: [], cpu: [] };
  for (let i = 0; i < options.runs; i++) await sample(work, samples);
  return summarize(samples.wall, samples.cpu);
}

/**
 * Time an operation and its baseline in the same runs, interleaved in alternating order (AB, BA, AB ...),
 * so that a busy neighbour on a shared machine slows both alike.
 */
export async function compare(
  work: Work,
  baseline: Work,
  options: RunOptions,
): Promise<{ timing: Timing; baseline: Timing; ratio: number }> {
  for (let i = 0; i < options.warmup; i++) {
    await work();
    await baseline();
  }
  const a: Samples = { wall: [], cpu: [] };
  const b: Samples = { wall: [], cpu: [] };
  for (let i = 0; i < options.runs; i++) {
    const pair: Array<[Work, Samples]> =
      i % 2 === 0
        ? [
            [work, a],
            [baseline, b],
          ]
        : [
            [baseline, b],
            [work, a],
          ];
    for (const [fn, samples] of pair) await sample(fn, samples);
  }
  const timing = summarize(a.wall, a.cpu);
  const base = summarize(b.wall, b.cpu);
  return { timing, baseline: base, ratio: timing.median / base.median };
}

/** Whether a row meets its target: true, false, or null when it has none. */
export function verdict(row: BenchRow): boolean | null {
  const checks: boolean[] = [];
  if (row.maxRatio !== undefined && row.baseline) checks.push(row.timing.median <= row.maxRatio * row.baseline.timing.median);
  if (row.maxMedianMs !== undefined) checks.push(row.timing.median <= row.maxMedianMs);
  if (row.maxP95Ms !== undefined) checks.push(row.timing.p95 <= row.maxP95Ms);
  return checks.length === 0 ? null : checks.every(Boolean);
}

/** Read a positive integer from the environment (BENCH_RUNS=5 for a quick look), else the default. */
export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
