import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { build } from 'esbuild';

// saveChild.ts bundled into one ES module in a temp folder, and a way to talk to the processes started from it.

/** Bundles saveChild.ts to `<folder>/saveChild.mjs`; resolves to its path. */
export async function bundleSaveChild(folder: string): Promise<string> {
  const outfile = path.join(folder, 'saveChild.mjs');
  await build({
    entryPoints: [path.resolve('test/main/saveChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
    // The lock library is CommonJS: its require of Node's own modules needs a require in the bundle.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

/** A running child: its JSON lines, waited on one by one, and its exit. */
export interface Child {
  process: ChildProcess;
  /** Resolves to the first line (parsed) from now on that `matches`; rejects when the child exits first. */
  next(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChild(bundle: string, args: string[]): Child {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: Array<{
    matches: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
    reject: (error: Error) => void;
  }> = [];
  let ended = false;
  readline.createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    const waiter = waiters.findIndex((candidate) => candidate.matches(line));
    if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(line);
    else lines.push(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      ended = true;
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`the child exited (${signal ?? code}) before the line awaited`));
      resolve({ code, signal });
    });
  });
  return {
    process: child,
    exited,
    next(matches) {
      const seen = lines.findIndex(matches);
      if (seen >= 0) return Promise.resolve(lines.splice(seen, 1)[0]!);
      if (ended) return Promise.reject(new Error('the child has exited'));
      return new Promise((resolve, reject) => waiters.push({ matches, resolve, reject }));
    },
  };
}
