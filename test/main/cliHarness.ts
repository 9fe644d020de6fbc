import { runCli } from '../../main/cli/run';

/** What one in-process run of carve printed and returned. */
export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Run carve in-process with `cwd` as its working folder, capturing both streams line by line. */
export async function runCarve(cwd: string, argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd });
  return { code, out, err };
}
