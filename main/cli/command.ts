import type { OptionSpec, ParsedArgs } from './args';

/** Where a command writes and where it runs. Tests pass their own; main/cli/index.ts passes the process's. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Writes raw bytes to standard output (`--out -`); resolves once they are handed to the stream. */
  outBytes?(bytes: Uint8Array): Promise<void>;
  /** Relative paths in arguments are resolved against it. */
  cwd: string;
  /** The built renderer served by `carve serve` (out/renderer next to the built CLI). */
  rendererDir?: string;
  /** Stops a long-running command (`serve`) instead of SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

/** One carve command: one file in main/cli/commands/, one line in the table of main/cli/run.ts. */
export interface Command {
  name: string;
  /** "FILE..." in "carve validate FILE..." */
  synopsis: string;
  /** One line for the list of commands. */
  summary: string;
  options: OptionSpec;
  /** Lines describing each option, for `carve NAME --help`. */
  optionHelp: ReadonlyArray<readonly [flag: string, description: string]>;
  /** Returns the exit code; throws UsageError for a mistake in the call. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
