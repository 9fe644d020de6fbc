import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CarveError } from '../../../shared/api/result';
import { parseGranularity } from '../../../shared/importer/granularity';
import { toProject } from '../../../shared/importer/toProject';
import { checkImportFolder } from '../../services/importJobs';
import { importPythonProject } from '../../services/python/importPython';
import { saveProjectFile, writeNewProjectFile } from '../../services/projectFiles';
import { checkNameLength, UsageError } from '../args';
import type { Command } from '../command';

// carve import-python DIR --out FILE: a new project from a Python monolith's source folder. Progress and the
// problems of single files (path: reason) go to stderr; unreadable files never fail the import.

const count = (n: number) => n.toLocaleString('en-US');
/** At most one progress line per this many milliseconds (and always the last one). */
const PROGRESS_EVERY_MS = 500;

export const importPythonCommand: Command = {
  name: 'import-python',
  synopsis: 'DIR --out FILE [--granularity app|package|depth:N] [--name NAME] [--force]',
  summary: "create a project from a Python monolith's source folder",
  options: {
    out: { type: 'string', short: 'o' },
    granularity: { type: 'string', short: 'g' },
    name: { type: 'string' },
    force: { type: 'boolean', short: 'f' },
  },
  optionHelp: [
    ['-o, --out FILE', 'where to write the project (required)'],
    ['-g, --granularity G', 'modules: app (Django app, the default), package (top-level package) or depth:N'],
    ['--name TEXT', "the project's name (default: the folder's name)"],
    ['-f, --force', 'replace FILE if it exists'],
  ],
  async run({ positionals, values }, io) {
    if (positionals.length === 0) throw new UsageError('import-python needs a DIR');
    if (positionals.length > 1) throw new UsageError('import-python takes one DIR');
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('import-python needs --out FILE');
    const granularityText = typeof values.granularity === 'string' ? values.granularity : 'app';
    const granularity = parseGranularity(granularityText);
    if (granularity === null) throw new UsageError(`--granularity must be app, package or depth:N (N from 1 to 20), not "${granularityText.slice(0, 40)}"`);
    const dirArg = positionals[0]!;
    const dir = resolve(io.cwd, dirArg);
    const target = resolve(io.cwd, out);
    const name = typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim() : (dir.split(/[\\/]/).filter(Boolean).pop() ?? 'monolith');
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
    if (!values.force && (await stat(target).then(() => true, () => false))) {
      io.err(`${out}: already exists; Carve does not replace it (use --force, or choose another --out)`);
      return 1;
    }
    let last = 0;
    let complete = false;
    let seen = 0;
    const result = await importPythonProject(dir, {
      granularity,
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
    const { report } = result;
    if (!complete) {
      const total = Math.max(seen, report.files);
      io.err(`scanned ${count(total)} of ${count(total)} files`);
    }
    const problems = [...result.limits, ...report.problems];
    for (const problem of problems) io.err(`${problem.path}: ${problem.reason}`);
    const project = toProject(result, name);
    if (values.force) await saveProjectFile({ path: target, project, baseHash: null, overwrite: true });
    else await writeNewProjectFile(target, project);
    const fileWords = report.problems.length === 0 ? '' : `, ${count(report.problems.length)} files with problems`;
    const limitWords = result.limits.length === 0 ? '' : `, ${count(result.limits.length)} note${result.limits.length === 1 ? '' : 's'} on what was left out to fit Carve's limits`;
    const problemWords = problems.length === 0 ? '' : `${fileWords}${limitWords} (listed above)`;
    io.out(
      `Wrote ${out}: ${count(result.modules.length)} modules, ${count(result.dependencies.length)} dependencies from ${count(report.files)} files (${count(report.lines)} lines) in ${(report.elapsedMs / 1000).toFixed(1)} s${problemWords}`,
    );
    return 0;
  },
};

