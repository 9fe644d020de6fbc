import { resolve } from 'node:path';
import { contradiction, pinsOf, type Constraints } from '../../../shared/boundaries/constraints';
import { parseDay } from '../../../shared/boundaries/history';
import type { Alternative, BoundarySuggestion } from '../../../shared/boundaries/propose';
import { acceptServices } from '../../../shared/commands/accept';
import type { Project } from '../../../shared/model/project';
import { chosenAlternative, NotAFolderError, suggestBoundaries } from '../../services/history/suggestBoundaries';
import { UsageError } from '../args';
import type { Command } from '../command';
import { checkOut, isStandardOutput, NOT_REPLACED, writeProjectOut } from '../outTarget';
import { readProject } from '../projectFile';

// carve suggest PROJECT --out FILE: service boundaries from evidence (issue 9). The static graph and the co-change
// of the history before a cut-off are clustered to N services; every alternative is backtested on the commits
// after the cut-off. No git or no history is a note on stderr, never a failure.

const figure = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(3));

/** One alternative's figures side by side: "8 services (asked 8), sizes 10,5,3: modularity ..., backtest 0.181 (random 0.352, one per app merged 0.300, static graph only 0.250)". */
function alternativeLine(a: Alternative): string {
  const test =
    a.backtest === null
      ? ''
      : `, backtest ${figure(a.backtest.share)} (random ${figure(a.randomMedian)}, one per app merged ${figure(a.perApp)}, static graph only ${figure(a.staticOnly)})`;
  const sizes = a.services.map((s) => s.moduleIds.length).join(',');
  return `${a.services.length} services (asked ${a.target}), modules ${sizes}${a.monolithModules > 0 ? ` + ${a.monolithModules} in the monolith` : ''}: modularity ${figure(a.structuralModularity)}, crossing ${figure(a.crossingShareByWeight)}${test}`;
}

/** Module ids from a comma-separated list of module names or ids; a name that is no module is a usage mistake. */
function moduleList(project: Project, flag: string, text: string): string[] {
  const byName = new Map(
    project.monolith.modules.flatMap(
      (m) =>
        [
          [m.name, m.id],
          [m.id, m.id],
        ] as const,
    ),
  );
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.find((n) => !byName.has(n));
  if (unknown !== undefined) throw new UsageError(`--${flag}: the project has no module "${unknown.slice(0, 80)}"`);
  if (names.length === 0) throw new UsageError(`--${flag} needs module names separated by commas`);
  return [...new Set(names.map((n) => byName.get(n)!))];
}

/** The groups of a flag's value: "a,b/c,d" is two groups. */
const listsOf = (value: unknown): string[] => (typeof value === 'string' ? value.split('/').filter((g) => g.trim() !== '') : []);

/** The architect's constraints from the flags, with the project's services as pins. */
function constraintsOf(project: Project, values: Readonly<Record<string, unknown>>): Constraints {
  const constraints: Constraints = {
    keepTogether: listsOf(values['keep-together']).map((t) => moduleList(project, 'keep-together', t)),
    keepApart: listsOf(values['keep-apart']).map((t) => moduleList(project, 'keep-apart', t)),
    leave: listsOf(values.leave).flatMap((t) => moduleList(project, 'leave', t)),
    pinned: pinsOf(project),
  };
  const problem = contradiction(project, constraints);
  if (problem !== null) throw new UsageError(problem);
  return constraints;
}

function parseServices(text: string | boolean | undefined): number {
  if (text === undefined) return 8;
  const n = typeof text === 'string' && /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 500)) throw new UsageError(`--services must be a whole number from 1 to 500, not "${String(text).slice(0, 40)}"`);
  return n;
}

export const suggestCommand: Command = {
  name: 'suggest',
  synopsis:
    'PROJECT --out FILE [--services N] [--history DIR] [--history-until YYYY-MM-DD] [--keep-together A,B] [--keep-apart A,B] [--leave A,B] [--json] [--force]',
  summary: 'propose services from imports, data and the change history, backtested, and write the project with them',
  options: {
    out: { type: 'string', short: 'o' },
    services: { type: 'string', short: 'n' },
    history: { type: 'string' },
    'history-until': { type: 'string' },
    'keep-together': { type: 'string' },
    'keep-apart': { type: 'string' },
    leave: { type: 'string' },
    json: { type: 'boolean' },
    force: { type: 'boolean', short: 'f' },
  },
  optionHelp: [
    ['-o, --out FILE', 'where to write the project with the proposal accepted (required; - : standard output)'],
    ['-n, --services N', 'how many services to propose (default 8); 4, 8, 12, 16 and 20 are offered beside it'],
    ['--history DIR', "the imported source folder: its git repository's history gives co-change and the backtest"],
    [
      '--history-until DATE',
      'learn from commits up to DATE (YYYY-MM-DD) and backtest on the later ones (default: one year before the last commit)',
    ],
    ['--keep-together A,B', 'these modules (names or ids) end in one service; more groups: A,B/C,D'],
    ['--keep-apart A,B', 'these modules end in different services; more groups: A,B/C,D'],
    ['--leave A,B', 'these modules stay in the monolith (the services already in PROJECT are kept as they are)'],
    ['--json', 'print the alternatives with their figures, explanations and the backtest as JSON'],
    ['-f, --force', 'replace FILE if it exists'],
  ],
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('suggest needs exactly one PROJECT');
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('suggest needs --out FILE');
    if (values.json && isStandardOutput(out)) throw new UsageError('--json prints to standard output: give --out a file');
    const target = parseServices(values.services);
    const until = values['history-until'];
    const untilDay = typeof until === 'string' ? parseDay(until) : null;
    if (typeof until === 'string' && untilDay === null)
      throw new UsageError(`--history-until must be a date YYYY-MM-DD, not "${until.slice(0, 40)}"`);
    const historyArg = typeof values.history === 'string' ? values.history : undefined;
    const { project, problem } = await readProject(io.cwd, positionals[0]!);
    if (problem !== undefined) {
      io.err(problem);
      return 1;
    }
    const constraints = constraintsOf(project, values);
    const outPath = resolve(io.cwd, out);
    const refused = isStandardOutput(out) ? undefined : await checkOut(outPath, out, values.force === true, NOT_REPLACED);
    if (refused !== undefined) {
      io.err(refused);
      return 1;
    }
    if (historyArg === undefined) io.err('no --history DIR: the proposal uses the static graph only, and nothing is backtested');
    let report: BoundarySuggestion;
    try {
      report = await suggestBoundaries(project, {
        historyDir: historyArg === undefined ? null : resolve(io.cwd, historyArg),
        until: typeof until === 'string' ? until : null,
        services: target,
        constraints,
      });
    } catch (error) {
      if (!(error instanceof NotAFolderError)) throw error;
      io.err(`${historyArg}: not a folder`);
      return 1;
    }
    if (historyArg !== undefined) report.notes.forEach((note) => io.err(note));
    const chosen = chosenAlternative(report);
    const accepted = acceptServices(
      project,
      chosen.services.filter((s) => !s.pinned),
    );
    const unwritten = await writeProjectOut(io, out, outPath, accepted, values.force === true, NOT_REPLACED);
    if (unwritten !== undefined) {
      io.err(unwritten);
      return 1;
    }
    const summary = `Wrote ${isStandardOutput(out) ? 'standard output' : out}: ${chosen.services.length} services (${chosen.services.map((s) => s.name).join(', ')}), ${chosen.monolithModules} of ${project.monolith.modules.length} modules left in the monolith`;
    if (values.json) {
      const { notes: _notes, ...json } = report;
      io.out(JSON.stringify(json, null, 2));
      io.err(summary);
      return 0;
    }
    const lines = [
      report.cutoff === null
        ? 'no backtest: no history'
        : `cut-off ${report.cutoff}: learned from ${report.commitsBefore} commits before it, backtested on ${report.commitsAfter} from it on${report.commitsAfter === 0 ? ' (none: no backtest)' : ''}`,
      ...(report.current && report.perModule
        ? [
            `backtest of the current design ${project.services.length === 0 ? '0 (no services yet: no commit can cross one)' : figure(report.current.share)}, one service per module ${figure(report.perModule.share)}`,
          ]
        : []),
      ...(report.testModules > 0 ? [`${report.testModules} modules of tests stay in the monolith`] : []),
      ...report.alternatives.map(alternativeLine),
      `the ${chosen.services.length} services written:`,
      ...chosen.services.map((s) => `  ${s.name}${s.pinned ? ' (kept as it is)' : ''}: ${s.explanation.summary}`),
      summary,
    ];
    const print = isStandardOutput(out) ? (line: string) => io.err(line) : (line: string) => io.out(line);
    lines.forEach(print);
    return 0;
  },
};
