import { describeError } from '../../shared/api/result';
import { CARVE_VERSION } from '../../shared/version';
import { parseArgs, UsageError } from './args';
import type { CliIo, Command } from './command';
import { exportCommand } from './commands/export';
import { importPythonCommand } from './commands/importPython';
import { newCommand } from './commands/new';
import { planCommand } from './commands/plan';
import { scenariosCommand } from './commands/scenarios';
import { serveCommand } from './commands/serve';
import { suggestCommand } from './commands/suggest';
import { validateCommand } from './commands/validate';
import { commandHelp, generalHelp } from './help';

export type { CliIo } from './command';

/** The commands of carve, in the order --help lists them. A new command is one file and one line here. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  newCommand,
  importPythonCommand,
  suggestCommand,
  planCommand,
  scenariosCommand,
  exportCommand,
  serveCommand,
];

const HINT = '(see carve --help)';

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    generalHelp(COMMANDS).forEach((line) => io.err(line));
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
    (topic ? commandHelp(topic) : generalHelp(COMMANDS)).forEach((line) => io.out(line));
    return 0;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.out(CARVE_VERSION);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (!command) {
    throw new UsageError(first.startsWith('-') ? `unknown option ${first.slice(0, 60)}` : `unknown command "${first.slice(0, 60)}"`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const end = rest.indexOf('--');
    const helpAt = Math.max(rest.indexOf('--help'), rest.indexOf('-h'));
    if (end === -1 || helpAt < end) {
      commandHelp(command).forEach((line) => io.out(line));
      return 0;
    }
  }
  return command.run(parseArgs(rest, command.options), io);
}

/**
 * Runs carve with `argv` (without "node carve"), writing through `io`; resolves to the exit code.
 * Never throws and never prints a stack trace: a usage mistake is one line and exit 2, any other failure one
 * line and exit 1.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`carve: ${error.message} ${HINT}`);
      return 2;
    }
    io.err(`carve: ${describeError(error)}`);
    return 1;
  }
}
