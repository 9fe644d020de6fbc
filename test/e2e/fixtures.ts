import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

// Each test gets its own browser host: fresh temp workspace and user-data folders, `carve serve` on a free
// port, and the printed URL as the readiness signal. Needs `npm run build` first (npm test does it).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY_TIMEOUT_MS = 30_000;
const READY = /Carve is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

export interface RunningHost {
  url: string;
  workspace: string;
  userData: string;
  stop(): Promise<void>;
}

/** Start `carve serve` on the given folders and resolve once it prints its URL. */
export async function startHost(workspace: string, userData: string): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/carve.mjs'), 'serve', '--port', '0', '--workspace', workspace, '--user-data', userData],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // Not a sleep: a ceiling on waiting for the readiness line, so that a host that hangs is stopped, not leaked.
    const ceiling = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`carve serve printed no URL within ${READY_TIMEOUT_MS / 1000} s: ${output.trim()}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) {
        clearTimeout(ceiling);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => {
      clearTimeout(ceiling);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(ceiling);
      reject(new Error(`carve serve exited (${code}) before it was ready: ${output.trim()}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url,
    workspace,
    userData,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface CarveFixture {
  url: string;
  workspace: string;
  userData: string;
  /** A second host on the same workspace and user-data folders (stopped after the test). */
  startAnother(): Promise<RunningHost>;
}

export const test = base.extend<{ carve: CarveFixture }>({
  carve: async ({}, use) => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'carve-e2e-ws-'));
    const userData = await mkdtemp(path.join(tmpdir(), 'carve-e2e-user-'));
    const hosts: RunningHost[] = [];
    try {
      const host = await startHost(workspace, userData);
      hosts.push(host);
      await use({
        url: host.url,
        workspace,
        userData,
        startAnother: async () => {
          const another = await startHost(workspace, userData);
          hosts.push(another);
          return another;
        },
      });
    } finally {
      await Promise.all(hosts.map((h) => h.stop()));
      await rm(workspace, { recursive: true, force: true });
      await rm(userData, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
