import { resolve } from 'node:path';
import { CarveError } from '../../../shared/api/result';
import { createProject } from '../../../shared/model/create';
import { writeNewProjectFile } from '../../services/projectFiles';
import { checkNameLength, UsageError } from '../args';
import type { Command } from '../command';
import { checkOut, outProblem } from '../outTarget';

// carve new NAME --out FILE: an empty project, never written over an existing file.

export const newCommand: Command = {
  name: 'new',
  synopsis: 'NAME --out FILE',
  summary: 'create an empty project file',
  options: { out: { type: 'string', short: 'o' }, author: { type: 'string' } },
  optionHelp: [
    ['-o, --out FILE', 'where to write it (required; an existing file is never replaced)'],
    ['--author TEXT', "the project's author"],
  ],
  async run({ positionals, values }, io) {
    if (positionals.length === 0) throw new UsageError('new needs a NAME');
    if (positionals.length > 1) throw new UsageError('new takes one NAME: put a name with spaces in quotes');
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('new needs --out FILE');
    const name = positionals[0]!;
    if (name.trim() === '') throw new UsageError('the NAME cannot be empty');
    checkNameLength(name.trim(), 'the NAME');
    const target = resolve(io.cwd, out);
    const exists = 'Carve does not replace it (choose another --out)';
    const refused = await checkOut(target, out, false, exists);
    if (refused !== undefined) {
      io.err(refused);
      return 1;
    }
    const project = createProject(name, typeof values.author === 'string' ? values.author : '');
    try {
      await writeNewProjectFile(target, project);
    } catch (error) {
      if (!(error instanceof CarveError)) throw error;
      io.err(error.code === 'conflict' ? `${out}: already exists; ${exists}` : outProblem(out, error));
      return 1;
    }
    io.out(`Created ${out} (project "${project.name}")`);
    return 0;
  },
};
