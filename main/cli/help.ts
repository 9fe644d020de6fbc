import { CARVE_VERSION } from '../../shared/version';
import type { Command } from './command';

// Usage text, built from the command table so that a new command documents itself.

export function generalHelp(commands: readonly Command[]): string[] {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Carve ${CARVE_VERSION}: plan how to break a Python monolith into microservices.`,
    '',
    'Usage:',
    ...commands.map((command) => `  carve ${command.name} ${command.synopsis}`),
    '  carve --help | carve COMMAND --help',
    '  carve --version',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Exit codes: 0 done, 1 failed (the reason is printed), 2 wrong usage.',
  ];
}

export function commandHelp(command: Command): string[] {
  const width = Math.max(10, ...command.optionHelp.map(([flag]) => flag.length));
  return [
    `Usage: carve ${command.name} ${command.synopsis}`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.optionHelp.length ? ['', 'Options:', ...command.optionHelp.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`)] : []),
    `  ${'-h, --help'.padEnd(width)}  show this help`,
  ];
}
