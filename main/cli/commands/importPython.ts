import { resolve } from 'node:path';
import { CarveError } from '../../../shared/api/result';
import type { GroupingReport } from '../../../shared/importer/aggregate';
import { parseGranularity } from '../../../shared/importer/granularity';
import { findNotTables, type NotTable } from '../../../shared/importer/models';
import { projectNameForFolder, toProject } from '../../../shared/importer/toProject';
import { countOf, listNames } from '../../../shared/words';
import { checkImportFolder } from '../../services/importJobs';
import { importPythonProject } from '../../services/python/importPython';
import { checkNameLength, UsageError } from '../args';
import type { Command } from '../command';
import { checkOut, isStandardOutput, NOT_REPLACED, standardOutput, writeProjectOut } from '../outTarget';

// carve import-python DIR --out FILE: a new project from a Python monolith's source folder. Progress and the
// problems of single files (path: reason) go to stderr; unreadable files never fail the import.

const count = (n: number) => n.toLocaleString('en-US');
/** At most one progress line per this many milliseconds (and always the last one). */
const PROGRESS_EVERY_MS = 500;

/** How the files became modules, for stderr: the granularity and why, the others, the layers, what was left out. */
export function groupingLines(grouping: GroupingReport): string[] {
  const lines = [`modules: ${grouping.reason}`];
  const others = grouping.options.filter((o) => o.granularity !== grouping.granularity);
  const sized = others.map((o, k) => `${o.granularity} (${k === 0 ? countOf(o.modules, 'module') : count(o.modules)})`);
  if (others.length > 0) lines.push(`other granularities (--granularity): ${sized.join(', ')}`);
  const attributed = grouping.layers.filter((l) => l.attributed.length > 0);
  if (attributed.length > 0) {
    const made =
      grouping.madeFromLayers.length === 0
        ? ''
        : `; new modules from names the layers share: ${listNames(grouping.madeFromLayers, String, 8)}`;
    lines.push(
      `layers attributed to their domains (--keep-layers keeps them as modules): ${attributed.map((l) => `${l.layer} (${countOf(l.attributed.length, 'file')})`).join(', ')}${made}`,
    );
  } else if (grouping.keepLayers && grouping.layers.length > 0) {
    lines.push(`layers kept as modules (--keep-layers): ${grouping.layers.map((l) => l.layer).join(', ')}`);
  }
  for (const left of grouping.leftOut) {
    const imports = left.imports.length === 0 ? '' : `, importing ${listNames(left.imports, (i) => i.module, 5)}`;
    lines.push(
      `left out, ${left.kind}: ${countOf(left.files, 'file')} (${countOf(left.lines, 'line')}) in ${listNames(left.places, String, 4)}${imports}`,
    );
  }
  return lines;
}

const NOT_TABLE_WORDS: ReadonlyArray<[NotTable['kind'], string, string]> = [
  ['abstract', 'abstract base', 'abstract bases'],
  ['proxy', 'proxy', 'proxies'],
  ['single-table', 'single-table subclass', 'single-table subclasses'],
  ['mixin', 'mixin', 'mixins'],
];

/** "entities: 79 tables; not tables (never entities): 75 abstract bases, 2 proxies, 4 mixins". */
function entitiesLine(tables: number, notTables: readonly NotTable[]): string {
  const parts = NOT_TABLE_WORDS.map(([kind, one, many]) => {
    const n = notTables.filter((c) => c.kind === kind).length;
    return n === 0 ? '' : `${count(n)} ${n === 1 ? one : many}`;
  }).filter(Boolean);
  const head = `entities: ${count(tables)} ${tables === 1 ? 'table' : 'tables'}`;
  return parts.length === 0 ? head : `${head}; not tables (never entities): ${parts.join(', ')}`;
}

export const importPythonCommand: Command = {
  name: 'import-python',
  synopsis: 'DIR --out FILE [--granularity auto|app|package|depth:N] [--keep-layers] [--name NAME] [--force] [--follow-links-out]',
  summary: "create a project from a Python monolith's source folder",
  options: {
    out: { type: 'string', short: 'o' },
    granularity: { type: 'string', short: 'g' },
    'keep-layers': { type: 'boolean' },
    name: { type: 'string' },
    force: { type: 'boolean', short: 'f' },
    'follow-links-out': { type: 'boolean' },
  },
  optionHelp: [
    ['-o, --out FILE', 'where to write the project (required; - or /dev/stdout: standard output)'],
    [
      '-g, --granularity G',
      'modules: auto (the default: Django apps for Django, else the domain packages), app (Django app), package (top-level package) or depth:N',
    ],
    ['--keep-layers', 'keep layer packages (api/, admin/, graphql/...) as modules instead of attributing their parts to domains'],
    ['--name TEXT', "the project's name (default: the folder's name)"],
    ['-f, --force', 'replace FILE if it exists'],
    ['--follow-links-out', 'follow symbolic links that lead out of DIR (by default they are listed, not read)'],
  ],
  async run({ positionals, values }, io) {
    if (positionals.length === 0) throw new UsageError('import-python needs a DIR');
    if (positionals.length > 1) throw new UsageError('import-python takes one DIR');
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('import-python needs --out FILE');
    const granularityText = typeof values.granularity === 'string' ? values.granularity : 'auto';
    const granularity = parseGranularity(granularityText);
    if (granularity === null)
      throw new UsageError(`--granularity must be auto, app, package or depth:N (N from 1 to 20), not "${granularityText.slice(0, 40)}"`);
    const dirArg = positionals[0]!;
    const dir = resolve(io.cwd, dirArg);
    const target = resolve(io.cwd, out);
    const name = typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim() : projectNameForFolder(dir);
    checkNameLength(name, '--name');
    try {
      await checkImportFolder(dir);
    } catch (error) {
      if (error instanceof CarveError) {
        io.err(error.message.replace(dir, dirArg));
        return 1;
      }
      throw error;
    }
    const toStream = isStandardOutput(out) ? standardOutput(io) : undefined;
    const refused = toStream ? undefined : await checkOut(target, out, values.force === true, NOT_REPLACED);
    if (refused !== undefined) {
      io.err(refused);
      return 1;
    }
    let last = 0;
    let complete = false;
    let seen = 0;
    const importing = importPythonProject(dir, {
      granularity,
      // This process has nothing else to do: scanning in its own thread beat two worker threads at every size
      // measured (docs/benchmarks.md, "Python import, stop 10"): they pay for their start, their own warm-up and
      // the copying of every result back.
      workers: 0,
      keepLayers: values['keep-layers'] === true,
      ...(values['follow-links-out'] === true ? { boundary: null } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress(done, total) {
        const now = Date.now();
        seen = total;
        if (done < total && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        complete = done === total;
        io.err(`scanned ${count(done)} of ${count(total)} files`);
      },
    });
    let result;
    try {
      result = await importing;
    } catch (error) {
      // A tree that makes no project (no Python, only tests, one enormous file): one line, nothing written.
      if (!(error instanceof CarveError) || io.signal?.aborted) throw error;
      io.err(error.message.replace(dir, dirArg));
      return 1;
    }
    const { report } = result;
    if (!complete) {
      const total = Math.max(seen, report.files);
      io.err(`scanned ${count(total)} of ${count(total)} files`);
    }
    const problems = [...result.limits, ...report.problems];
    for (const problem of problems) io.err(`${problem.path}: ${problem.reason}`);
    for (const line of groupingLines(result.grouping)) io.err(line);
    io.err(
      entitiesLine(
        result.modules.reduce((sum, m) => sum + m.entities.length, 0),
        findNotTables(result.scan),
      ),
    );
    const project = toProject(result, name);
    const unwritten = await writeProjectOut(io, out, target, project, values.force === true, NOT_REPLACED);
    if (unwritten !== undefined) {
      io.err(unwritten);
      return 1;
    }
    const fileWords = report.problems.length === 0 ? '' : `, ${count(report.problems.length)} files with problems`;
    const limitWords =
      result.limits.length === 0
        ? ''
        : `, ${count(result.limits.length)} note${result.limits.length === 1 ? '' : 's'} on what was left out to fit Carve's limits`;
    const problemWords = problems.length === 0 ? '' : `${fileWords}${limitWords} (listed above)`;
    // To standard output, the project is the output: the summary goes to stderr with the progress.
    const summary = `Wrote ${toStream ? 'standard output' : out}: ${count(result.modules.length)} modules, ${count(result.dependencies.length)} dependencies from ${count(report.files)} files (${count(report.lines)} lines) in ${(report.elapsedMs / 1000).toFixed(1)} s${problemWords}`;
    if (toStream) io.err(summary);
    else io.out(summary);
    return 0;
  },
};
