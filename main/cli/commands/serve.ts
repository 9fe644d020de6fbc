import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { plainReason } from '../../services/fsErrors';
import { defaultUserDataDir } from '../../services/paths';
import { UsageError } from '../args';
import type { CliIo, Command } from '../command';

// carve serve: the browser host, until Ctrl+C (SIGINT) or SIGTERM.

function parsePort(value: string | boolean | undefined): number {
  if (value === undefined) return 0;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port takes a number from 0 to 65535 (0: any free port), not "${String(value).slice(0, 20)}"`);
  }
  return Number(value);
}

function untilStopped(io: CliIo): Promise<void> {
  return new Promise((resolvePromise) => {
    if (io.signal) {
      if (io.signal.aborted) resolvePromise();
      else io.signal.addEventListener('abort', () => resolvePromise(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolvePromise();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Make the user-data folder if needed; one line saying why it cannot be used, else null. */
async function prepareUserData(dir: string): Promise<string | null> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) return `The user-data folder is a file, not a folder: ${dir}`;
  try {
    await mkdir(dir, { recursive: true });
    return null;
  } catch (error) {
    return `The user-data folder cannot be made: ${dir}: ${plainReason(error)}`;
  }
}

export const serveCommand: Command = {
  name: 'serve',
  synopsis: '[--port N] [--workspace DIR] [--user-data DIR]',
  summary: 'open Carve in your browser: serves it on 127.0.0.1 with a private token',
  options: { port: { type: 'string', short: 'p' }, workspace: { type: 'string', short: 'w' }, 'user-data': { type: 'string' } },
  optionHelp: [
    ['-p, --port N', 'the port to listen on (default 0: any free port)'],
    ['-w, --workspace DIR', 'the folder Carve may open and save files in (default: the current folder)'],
    ['--user-data DIR', 'where preferences and drafts are kept (default: your Carve settings folder)'],
  ],
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got "${positionals[0]!.slice(0, 60)}"`);
    const port = parsePort(values.port);
    const workspace = resolve(io.cwd, typeof values.workspace === 'string' ? values.workspace : '.');
    const userDataDir = typeof values['user-data'] === 'string' ? resolve(io.cwd, values['user-data']) : defaultUserDataDir();
    const rendererDir = io.rendererDir;
    if (
      !rendererDir ||
      !(await stat(join(rendererDir, 'index.html')).then(
        (info) => info.isFile(),
        () => false,
      ))
    ) {
      io.err('Carve is not built yet (its interface is missing): run npm run build');
      return 1;
    }
    const workspaceInfo = await stat(workspace).catch(() => null);
    if (!workspaceInfo?.isDirectory()) {
      io.err(`The workspace ${workspaceInfo ? 'is not a folder' : 'folder does not exist'}: ${workspace}`);
      return 1;
    }
    const userDataProblem = await prepareUserData(userDataDir);
    if (userDataProblem !== null) {
      io.err(userDataProblem);
      return 1;
    }
    // Loaded here, not at start-up: the server and its preferences store (conf) cost every other command ~0.2 s.
    const { startBrowserHost } = await import('../../server/browserHost');
    const host = await startBrowserHost({ port, workspace, userDataDir, rendererDir, log: io.err });
    io.out(`Carve is running at ${host.url}`);
    io.out('Press Ctrl+C to stop.');
    await untilStopped(io);
    await host.close();
    return 0;
  },
};
