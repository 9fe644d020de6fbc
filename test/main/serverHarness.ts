import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../main/server/browserHost';

// Shared by the browser-host tests: temp folders, a tiny renderer, and a raw HTTP client that can send any
// Host, Origin or path (fetch normalizes paths and manages Host itself).

export interface TempFolders {
  base: string;
  workspace: string;
  userData: string;
  renderer: string;
  remove(): Promise<void>;
}

export const INDEX_HTML = '<!doctype html><title>Carve test</title><script type="module" src="./assets/app.js"></script>';
export const APP_JS = 'console.log("carve");';
export const SECRET = 'outside the renderer folder';

export async function makeFolders(): Promise<TempFolders> {
  const base = await mkdtemp(join(tmpdir(), 'carve-server-'));
  const workspace = join(base, 'workspace');
  const userData = join(base, 'user-data');
  const renderer = join(base, 'renderer');
  await mkdir(workspace);
  await mkdir(userData);
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), INDEX_HTML);
  await writeFile(join(renderer, 'assets', 'app.js'), APP_JS);
  await writeFile(join(renderer, '.env'), 'hidden');
  await writeFile(join(base, 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  return { base, workspace, userData, renderer, remove: () => rm(base, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function raw(options: {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  address?: string;
}): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(
      {
        host: options.address ?? '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
        setHost: !options.headers?.host && !options.headers?.Host,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A browser host on any free port over fresh temp folders; `stop` closes it and removes the folders. */
export async function startTestHost(): Promise<{ folders: TempFolders; host: BrowserHost; stop(): Promise<void> }> {
  const folders = await makeFolders();
  const host = await startBrowserHost({
    port: 0,
    workspace: folders.workspace,
    userDataDir: folders.userData,
    rendererDir: folders.renderer,
    log: () => {},
  });
  return {
    folders,
    host,
    stop: async () => {
      await host.close();
      await folders.remove();
    },
  };
}
