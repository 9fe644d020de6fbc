// A tiny argv parser: `--name value`, `--name=value`, `-n value`, boolean flags, `--` ends the options.
// Every mistake is a UsageError with one line that names the option.
import { LIMITS } from '../../shared/model/limits';

export type OptionSpec = Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** A mistake in how carve was called: exit code 2 and a hint to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const values: ParsedArgs['values'] = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(spec).flatMap(([name, option]) => (option.short ? [[option.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const isLong = arg.startsWith('--');
    const eq = isLong ? arg.indexOf('=') : -1;
    const key = isLong ? arg.slice(2, eq === -1 ? undefined : eq) : arg.slice(1);
    const name = isLong ? key : byShort.get(key);
    const option = name !== undefined && Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    const shown = isLong ? `--${key}` : arg;
    if (name === undefined || option === undefined) throw new UsageError(`unknown option ${shown.slice(0, 60)}`);
    if (option.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`${shown} takes no value`);
      values[name] = true;
      continue;
    }
    if (eq !== -1) {
      values[name] = arg.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`${shown} needs a value`);
    values[name] = next;
    i++;
  }
  return { positionals, values };
}

/** A project's name longer than the model keeps is a usage error naming the limit. */
export function checkNameLength(name: string, what: string): void {
  if (name.length > LIMITS.name)
    throw new UsageError(`${what} is too long: ${name.length.toLocaleString('en-US')} characters, at most ${LIMITS.name}`);
}
