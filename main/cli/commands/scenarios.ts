import { resolve } from 'node:path';
import {
  compareScenarios,
  type CompareOptions,
  type ScenarioComparison,
  type ScenarioFigures,
} from '../../../shared/analysis/compareScenarios';
import { parseDay } from '../../../shared/boundaries/history';
import { switchScenario } from '../../../shared/commands/scenarios';
import { findScenario } from '../../../shared/model/scenarios';
import { readModuleHistory } from '../../services/history/moduleHistory';
import { UsageError } from '../args';
import type { Command } from '../command';
import { checkOut, isStandardOutput, NOT_REPLACED, writeProjectOut } from '../outTarget';
import { readProject } from '../projectFile';

// carve scenarios PROJECT: the designs kept in a project side by side (issue 9, item 5), one row each, with the
// figures of compareScenarios; with --switch NAME --out FILE, the project with that scenario made active.

/** A name as one short cell: control characters flattened, long names cut. */
function cell(text: string, width: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

const fixed = (x: number, digits: number) => x.toFixed(digits);

/** The comparison as an aligned table: a header, one row per scenario (the active one marked *), notes. */
export function scenarioTable(comparison: ScenarioComparison): string[] {
  const withBacktest = comparison.history !== null;
  const header = [
    '',
    'scenario',
    'services',
    'modularity',
    'crossing',
    'cycles',
    'phases',
    'effort',
    'weeks',
    'start',
    'end',
    ...(withBacktest ? ['backtest', 'random', 'per app'] : []),
  ];
  const rows = comparison.scenarios.map((s: ScenarioFigures) => [
    s.active ? '*' : '',
    cell(s.name, 40),
    String(s.services),
    fixed(s.structuralModularity, 3),
    fixed(s.crossingShareByWeight, 3),
    String(s.cycles),
    String(s.phases),
    fixed(s.effortPersonWeeks, 1),
    String(s.weeks),
    s.start,
    s.end,
    ...(s.backtest
      ? [
          fixed(s.backtest.share, 3),
          fixed(s.backtest.randomMedian, 3),
          s.backtest.perAppMerged === null ? '-' : fixed(s.backtest.perAppMerged, 3),
        ]
      : withBacktest
        ? ['-', '-', '-']
        : []),
  ]);
  const widths = header.map((_, k) => Math.max(...[header, ...rows].map((row) => row[k]!.length)));
  const line = (row: string[]) =>
    row
      .map((text, k) => (k <= 1 ? text.padEnd(widths[k]!) : text.padStart(widths[k]!)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    ...rows.map(line),
    '',
    "* active. modularity: structural modularity (higher is better); crossing: share of the dependencies' weight between services; effort in person-weeks.",
    comparison.history
      ? `backtest: share of the ${comparison.history.commitsAfter} commits from ${comparison.history.cutoff} on that touch more than one service (lower is better); random: the median of random partitions of the same sizes; per app: one service per app, merged on imports and data to as many groups.`
      : 'no backtest: give --history DIR (the imported source folder in its git repository).',
  ];
}

export const scenariosCommand: Command = {
  name: 'scenarios',
  synopsis: 'PROJECT [--json] [--history DIR] [--history-until YYYY-MM-DD] | PROJECT --switch NAME --out FILE [--force]',
  summary: "compare a project's scenarios (metrics, backtest, phases, effort, dates), or write it with another one active",
  options: {
    json: { type: 'boolean' },
    history: { type: 'string' },
    'history-until': { type: 'string' },
    switch: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean', short: 'f' },
  },
  optionHelp: [
    ['--json', 'print the comparison as JSON: { scenarios, history }'],
    ['--history DIR', "the imported source folder: its git repository's history backtests each scenario"],
    ['--history-until DATE', 'backtest on the commits after DATE (YYYY-MM-DD; default: the last year of history)'],
    ['--switch NAME', 'make the scenario NAME (or id) the active one, and write the project to --out'],
    ['-o, --out FILE', 'with --switch: where to write the project (- : standard output; PROJECT itself with --force)'],
    ['-f, --force', 'with --switch: replace FILE if it exists'],
  ],
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('scenarios needs exactly one PROJECT');
    const file = positionals[0]!;
    const wanted = values.switch;
    const out = values.out;
    if (wanted !== undefined) {
      if (typeof wanted !== 'string' || wanted === '') throw new UsageError('--switch needs a scenario NAME');
      if (typeof out !== 'string' || out === '') throw new UsageError('--switch needs --out FILE');
      if (values.json || values.history !== undefined || values['history-until'] !== undefined) {
        throw new UsageError('--switch writes a project: it takes no --json, --history or --history-until');
      }
    } else if (out !== undefined || values.force) throw new UsageError('--out and --force go with --switch NAME');
    const until = values['history-until'];
    const untilDay = typeof until === 'string' ? parseDay(until) : null;
    if (typeof until === 'string' && untilDay === null)
      throw new UsageError(`--history-until must be a date YYYY-MM-DD, not "${until.slice(0, 40)}"`);
    if (until !== undefined && values.history === undefined) throw new UsageError('--history-until goes with --history DIR');

    const { project, problem } = await readProject(io.cwd, file);
    if (problem !== undefined) {
      io.err(problem);
      return 1;
    }

    if (typeof wanted === 'string' && typeof out === 'string') {
      const target = findScenario(project, wanted);
      if (!target) {
        const names = [project.scenario, ...project.otherScenarios].map((s) => JSON.stringify(cell(s.name, 40))).join(', ');
        io.err(`${file}: no scenario named ${JSON.stringify(cell(wanted, 60))} (its scenarios: ${names})`);
        return 1;
      }
      const outPath = resolve(io.cwd, out);
      const refused = isStandardOutput(out) ? undefined : await checkOut(outPath, out, values.force === true, NOT_REPLACED);
      if (refused !== undefined) {
        io.err(refused);
        return 1;
      }
      const unwritten = await writeProjectOut(
        io,
        out,
        outPath,
        switchScenario(project, { scenarioId: target.id }),
        values.force === true,
        NOT_REPLACED,
      );
      if (unwritten !== undefined) {
        io.err(unwritten);
        return 1;
      }
      const was = project.scenario.id === target.id ? ' (it was already)' : ` (was ${JSON.stringify(cell(project.scenario.name, 40))})`;
      io.err(
        `Wrote ${isStandardOutput(out) ? 'standard output' : out}: ${JSON.stringify(cell(target.name, 40))} is the active scenario${was}`,
      );
      return 0;
    }

    let options: CompareOptions = {};
    if (typeof values.history === 'string') {
      const read = await readModuleHistory(project, resolve(io.cwd, values.history), untilDay);
      if (read === null) {
        io.err(`${values.history}: not a folder`);
        return 1;
      }
      io.err(read.note);
      if (read.cutoff !== null) options = { history: { commits: read.commits, cutoff: read.cutoff } };
    }
    const comparison = compareScenarios(project, options);
    if (values.json) io.out(JSON.stringify(comparison, null, 2));
    else scenarioTable(comparison).forEach((line) => io.out(line));
    return 0;
  },
};
