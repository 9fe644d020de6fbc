import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { verdict, type Benchmark, type BenchRow } from './harness';

// `npm run bench [-- NAME...]`: runs every bench/*.bench.ts (or those whose file name contains a NAME) one
// after the other and prints one table. It writes nothing: copy the figures into docs/benchmarks.md by hand.
// BENCH_RUNS and BENCH_WARMUP override each benchmark's run counts for a quick look.

const benchDir = path.dirname(fileURLToPath(import.meta.url));

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${os.availableParallelism()} cores (${cpu}), ${memory} memory, Node ${process.version}, ${os.platform()} ${os.release()}, load average ${load}`;
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

function tableRows(name: string, rows: BenchRow[]): string[][] {
  return rows.map((row) => {
    const ok = verdict(row);
    const target =
      row.maxRatio !== undefined
        ? `<= ${row.maxRatio}x`
        : row.maxMedianMs !== undefined
          ? `<= ${row.maxMedianMs} ms`
          : row.maxP95Ms !== undefined
            ? `p95 <= ${row.maxP95Ms} ms`
            : '';
    return [
      name,
      row.case,
      ms(row.timing.median),
      ms(row.timing.p95),
      row.baseline ? row.baseline.case : '',
      row.baseline ? ms(row.baseline.timing.median) : '',
      row.baseline ? ms(row.baseline.timing.p95) : '',
      row.baseline ? `${(row.timing.median / row.baseline.timing.median).toFixed(2)}x` : '',
      row.timing.cpuMedian !== undefined ? ms(row.timing.cpuMedian) : '',
      row.baseline?.timing.cpuMedian !== undefined && row.timing.cpuMedian !== undefined
        ? `${(row.timing.cpuMedian / row.baseline.timing.cpuMedian).toFixed(2)}x`
        : '',
      target,
      ok === null ? '' : ok ? 'meets' : 'MISSES',
      row.note ?? '',
    ];
  });
}

function printTable(rows: string[][]): void {
  const header = [
    'benchmark',
    'case',
    'median ms',
    'p95 ms',
    'baseline',
    'base median',
    'base p95',
    'ratio',
    'cpu ms',
    'cpu ratio',
    'target',
    'verdict',
    'note',
  ];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = fs
    .readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark in ${benchDir} matches ${filters.join(', ') || '*.bench.ts'}`);
    return 2;
  }
  console.log(`carve bench, ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  const rows: string[][] = [];
  let failed = false;
  let current = '';
  // A benchmark that crashes from a callback (a worker, a timer) must not take the figures already measured
  // with it: print what there is and stop.
  process.on('uncaughtException', (error) => {
    console.error(`${current}: crashed: ${error instanceof Error ? error.message : String(error)}`);
    summary(rows);
    process.exit(1);
  });
  for (const file of files) {
    current = file;
    try {
      const loaded = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default?: Benchmark };
      const benchmark = loaded.default;
      if (!benchmark || typeof benchmark.run !== 'function')
        throw new Error('does not default-export a Benchmark ({ name, describe, run })');
      console.log(`\n${benchmark.name} (${file}): ${benchmark.describe}`);
      const result = tableRows(benchmark.name, await benchmark.run());
      printTable(result);
      rows.push(...result);
    } catch (error) {
      console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
    }
  }
  if (files.length > 1) summary(rows);
  console.log(`\nWall-clock medians and p95 over the runs; "cpu" is this process's CPU time per run (all threads).`);
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return failed ? 1 : 0;
}

function summary(rows: string[][]): void {
  console.log('\nAll benchmarks:');
  printTable(rows);
}

process.exitCode = await main();
