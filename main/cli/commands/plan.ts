import { planMigration } from '../../../shared/planning/planner';
import { planAsText, summarizePlan } from '../../../shared/planning/summary';
import { UsageError } from '../args';
import type { Command } from '../command';
import { readProject } from '../projectFile';

// carve plan FILE [--json]: the phased migration plan of a project.

export const planCommand: Command = {
  name: 'plan',
  synopsis: 'FILE [--json]',
  summary: 'print the phased migration plan of a project',
  options: { json: { type: 'boolean' } },
  optionHelp: [['--json', 'print the plan as JSON: phases (services, facade routes, data, risks), cycles, warnings']],
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('plan needs exactly one FILE');
    const file = positionals[0]!;
    const { project, problem } = await readProject(io.cwd, file);
    if (problem !== undefined) {
      io.err(problem);
      return 1;
    }
    const plan = planMigration(project);
    if (values.json) io.out(JSON.stringify(summarizePlan(plan), null, 2));
    else planAsText(plan).forEach((line) => io.out(line));
    return 0;
  },
};
