import { UsageError } from '../args';
import type { Command } from '../command';
import { readProject } from '../projectFile';

// carve validate FILE...: one line per file; exit 0 when every file opens, 1 when one does not.

export const validateCommand: Command = {
  name: 'validate',
  synopsis: 'FILE...',
  summary: 'check that .carve files open; one line per file that does not',
  options: { quiet: { type: 'boolean', short: 'q' } },
  optionHelp: [['-q, --quiet', 'print nothing for valid files']],
  async run({ positionals, values }, io) {
    if (positionals.length === 0) throw new UsageError('validate needs at least one FILE');
    let bad = 0;
    for (const file of positionals) {
      const { problem } = await readProject(io.cwd, file);
      if (problem === undefined) {
        if (!values.quiet) io.out(`${file}: ok`);
      } else {
        bad++;
        io.err(problem);
      }
    }
    return bad === 0 ? 0 : 1;
  },
};
