import { describeError } from '../../shared/api/result';
import { CARVE_VERSION } from '../../shared/version';
import { parseArgs, UsageError } from './args';
import type { CliIo, Command } from './command';
import { commandHelp, generalHelp } from './help';

export type { CliIo } from './command';

/**
 * The commands of carve, in the order --help lists them. A new command is one file and one line here. Each file
 * is loaded only when its command runs (or for --help), so a command never pays for the modules of the others
 * (graphology for suggest, the report for export, the browser host for serve).
 */
export const COMMAND_LOADERS = {
  validate: async () => (await import('./commands/validate')).validateCommand,
  new: async () => (await import('./commands/new')).newCommand,
  'import-python': async () => (await import('./commands/importPython')).importPythonCommand,
  suggest: async () => (await import('./commands/suggest')).suggestCommand,
  plan: async () => (await import('./commands/plan')).planCommand,
  scenarios: async () => (await import('./commands/scenarios')).scenariosCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
} as const satisfies Record<string, () => Promise<Command>>;

type CommandName = keyof typeof COMMAND_LOADERS;
const isCommandName = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.prototype.hasOwnProperty.call(COMMAND_LOADERS, name);

/** Every command, loaded (for --help). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}

const HINT = '(see carve --help)';

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    generalHelp(await loadCommands()).forEach((line) => io.err(line));
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && isCommandName(rest[0]) ? await COMMAND_LOADERS[rest[0]]() : undefined;
    (topic ? commandHelp(topic) : generalHelp(await loadCommands())).forEach((line) => io.out(line));
    return 0;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.out(CARVE_VERSION);
    return 0;
  }
  if (!isCommandName(first)) {
    throw new UsageError(first.startsWith('-') ? `unknown option ${first.slice(0, 60)}` : `unknown command "${first.slice(0, 60)}"`);
  }
  const command = await COMMAND_LOADERS[first]();
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
