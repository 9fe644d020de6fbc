import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeError } from '../../shared/api/result';
import { runCli } from './run';

// The carve command's entry, built to out/main/cli.js (bin/carve.mjs and scripts/start.mjs import it).
// Plain Node: no electron here.

/** The built renderer sits next to the built CLI: out/main/cli.js -> out/renderer. */
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

/** Whatever escapes (an error in a server event, a closed pipe) is still one line, never a stack trace. */
function guardProcess(): void {
  const fatal = (error: unknown) => {
    process.stderr.write(`carve: ${describeError(error)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  // `carve --help | head`: the reader left; stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    else fatal(error);
  });
}

/** Runs carve with `argv` and sets the process's exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  guardProcess();
  const code = await runCli(argv, {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    outBytes: (bytes) => new Promise<void>((done, fail) => process.stdout.write(bytes, (error) => (error ? fail(error) : done()))),
    cwd: process.cwd(),
    rendererDir,
  });
  process.exitCode = code;
  return code;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) void main();
