import { resolve } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api/contract';
import { CarveError } from '../../../shared/api/result';
import { parseDay } from '../../../shared/boundaries/history';
import { BACKTEST_FORMATS } from '../../../shared/report/reportBacktest';
import { exportProject, localIsoDate } from '../../services/export/exportProject';
import { UsageError } from '../args';
import type { Command } from '../command';
import { isStandardOutput, outProblem, standardOutput } from '../outTarget';
import { readProject } from '../projectFile';

// carve export FILE --format pdf|html|md|csv|mermaid|json --out PATH [--force] [--history DIR [--history-until DATE]]:
// the roadmap in one format; with --history, the report (PDF, HTML, Markdown) backtests each design on DIR's git history.
// One line per step on stderr while it runs; exit 0, 1 with "path: what is wrong", 2 for a usage mistake.

const isFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

const kilobytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const exportCommand: Command = {
  name: 'export',
  synopsis: 'FILE --format FORMAT --out PATH [--force] [--history DIR] [--history-until YYYY-MM-DD]',
  summary: 'write the migration roadmap as PDF, HTML, Markdown, CSV, Mermaid or JSON',
  options: {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    history: { type: 'string' },
    'history-until': { type: 'string' },
  },
  optionHelp: [
    ['-f, --format FORMAT', `one of ${EXPORT_FORMATS.join(', ')} (a PDF needs Chromium or Chrome; set CARVE_CHROMIUM to choose one)`],
    ['-o, --out PATH', 'the file to write (- or /dev/stdout: standard output)'],
    ['--force', 'replace PATH when it exists'],
    ['--history DIR', 'pdf, html, md: the imported source folder; the report backtests each design on its git history'],
    ['--history-until DATE', 'backtest on the commits after DATE (YYYY-MM-DD; default: the last year of history)'],
  ],
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('export needs exactly one FILE');
    const format = values.format;
    if (typeof format !== 'string') throw new UsageError(`export needs --format (${EXPORT_FORMATS.join(', ')})`);
    if (!isFormat(format)) throw new UsageError(`unknown format "${format.slice(0, 40)}" (use ${EXPORT_FORMATS.join(', ')})`);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('export needs --out PATH');
    const history = values.history;
    const until = values['history-until'];
    if (history !== undefined) {
      if (typeof history !== 'string' || history === '') throw new UsageError('--history needs a folder DIR');
      if (!BACKTEST_FORMATS.includes(format)) throw new UsageError('--history goes with --format pdf, html or md');
    }
    const untilDay = typeof until === 'string' ? parseDay(until) : null;
    if (typeof until === 'string' && untilDay === null)
      throw new UsageError(`--history-until must be a date YYYY-MM-DD, not "${until.slice(0, 40)}"`);
    if (until !== undefined && history === undefined) throw new UsageError('--history-until goes with --history DIR');
    const file = positionals[0]!;
    const { project, problem } = await readProject(io.cwd, file);
    if (problem !== undefined) {
      io.err(problem);
      return 1;
    }
    // To standard output, the bytes are the output: the summary goes to stderr with the steps.
    const toStream = isStandardOutput(out) ? standardOutput(io) : undefined;
    try {
      const written = await exportProject({
        project,
        format,
        path: resolve(io.cwd, out),
        overwrite: values.force === true,
        generatedOn: localIsoDate(),
        onStep: ({ step, steps, words }) => io.err(`[${step}/${steps}] ${words}…`),
        ...(toStream ? { toStream } : {}),
        ...(typeof history === 'string' ? { history: { dir: resolve(io.cwd, history), untilDay } } : {}),
      });
      const pages = written.pages === null ? '' : `${written.pages} page${written.pages === 1 ? '' : 's'}, `;
      const summary = `${toStream ? 'standard output' : out}: ${pages}${kilobytes(written.bytes)}`;
      if (toStream) io.err(summary);
      else io.out(summary);
      return 0;
    } catch (error) {
      if (error instanceof CarveError && error.code === 'conflict') io.err(`${out}: already exists (add --force to replace it)`);
      else if (error instanceof CarveError && error.code === 'not-found' && typeof history === 'string') io.err(`${history}: not a folder`);
      else io.err(outProblem(out, error));
      return 1;
    }
  },
};
