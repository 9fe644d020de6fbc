import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRouter } from '../../shared/api/router';
import { describeError, fail } from '../../shared/api/result';
import { createHandlers } from '../services/handlers';
import { createConfPreferences } from '../services/preferences';
import { Workspace } from '../services/workspace';
import { API_PREFIX, MAX_BODY_BYTES, serveApi } from './apiEndpoint';
import { checkHostAndOrigin, newToken, Sessions } from './guard';
import { sendResult, sendText } from './respond';
import { serveStatic } from './staticFiles';

// The browser host: the built renderer and the same API router as Electron, over HTTP on 127.0.0.1 only.

export interface BrowserHostOptions {
  /** 0 picks any free port. */
  port: number;
  /** The folder every path of the API is confined to. */
  workspace: string;
  userDataDir: string;
  /** The built renderer: index.html and its assets. */
  rendererDir: string;
  /** Fixed API token for X-Carve-Token (tests); a new random one otherwise. Never printed. */
  token?: string;
  /** Where unexpected errors are reported, one line each (default: stderr). */
  log?: (line: string) => void;
  maxBodyBytes?: number;
}

export interface BrowserHost {
  /** `http://127.0.0.1:<port>/?token=<single-use token>`: its first load gets a session cookie. */
  url: string;
  port: number;
  /** The API token (X-Carve-Token), for in-process callers; not the URL's. */
  token: string;
  close(): Promise<void>;
}

/** Thrown when the host cannot start; the message is one line a person understands. */
export class HostStartError extends Error {
  override name = 'HostStartError';
}

async function requireFolder(dir: string, what: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new HostStartError(`The ${what} folder does not exist: ${dir}`);
  if (!info.isDirectory()) throw new HostStartError(`The ${what} is not a folder: ${dir}`);
}

/** The `token` of a request's query string, or null (none, or a request target that is not a URL). */
function tokenInQuery(target: string): string | null {
  const query = target.indexOf('?');
  return query === -1 ? null : new URLSearchParams(target.slice(query + 1)).get('token');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const workspace = resolve(options.workspace);
  const userDataDir = resolve(options.userDataDir);
  const rendererDir = resolve(options.rendererDir);
  await requireFolder(workspace, 'workspace');
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const token = options.token ?? newToken();
  const handlers = createHandlers({
    host: 'browser',
    userDataDir,
    preferences: createConfPreferences(userDataDir),
    workspace: new Workspace(workspace),
  });
  const router = createRouter(handlers, (error) => log(`Carve: unexpected error: ${describeError(error)}`));
  let port = 0;
  const sessions = new Sessions(newToken(), () => port);
  const api = { router, token, sessions, maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES };

  /** The page at the printed URL: the first load exchanges the URL's token for a session cookie. */
  async function servePage(request: IncomingMessage, response: ServerResponse, urlPath: string, given: string): Promise<void> {
    const exchange = sessions.exchange(given);
    if (exchange.kind === 'fresh') return serveStatic(request, response, rendererDir, urlPath, { 'Set-Cookie': exchange.cookie });
    // The same browser opening the link again (or reloading before the page took the token out): its cookie.
    if (sessions.hasSession(request)) return serveStatic(request, response, rendererDir, urlPath);
    const restart = 'Stop carve serve (Ctrl+C) and start it again for a new link.';
    if (exchange.kind === 'used') {
      return sendText(
        response,
        403,
        `This Carve link was already used: it opens Carve once, in one browser. Go back to the tab where Carve is open (http://127.0.0.1:${port}/), or: ${restart}`,
      );
    }
    return sendText(response, 401, `This is not the link this Carve printed. Open the URL carve serve printed, or: ${restart}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const urlPath = (request.url ?? '/').split('?', 1)[0]!;
    const isApi = urlPath.startsWith(API_PREFIX);
    const refusal = checkHostAndOrigin(request, port);
    if (refusal) {
      request.resume();
      if (isApi) sendResult(response, refusal.status, fail('unauthorized', refusal.message));
      else sendText(response, refusal.status, refusal.message);
      return;
    }
    const given = isApi ? null : tokenInQuery(request.url ?? '/');
    if (isApi) await serveApi(request, response, urlPath, api);
    // Only a GET exchanges the token: a HEAD (a link checker, curl -I) must not use it up.
    else if (given !== null && request.method === 'GET' && (urlPath === '/' || urlPath === '/index.html'))
      await servePage(request, response, urlPath, given);
    else await serveStatic(request, response, rendererDir, urlPath);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`Carve: a request failed: ${describeError(error)}`);
      if (!response.headersSent) sendResult(response, 500, fail('internal', `Something went wrong: ${describeError(error)}`));
      else response.destroy();
    });
  });
  server.requestTimeout = 5 * 60_000;

  await new Promise<void>((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new HostStartError(`Port ${options.port} is already in use: choose another with --port, or --port 0 for any free port`));
      } else if (error.code === 'EACCES') {
        reject(new HostStartError(`Carve may not listen on port ${options.port}: choose a port above 1023`));
      } else {
        reject(new HostStartError(`Carve could not listen on port ${options.port}: ${describeError(error)}`));
      }
    };
    server.once('error', onError);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', onError);
      resolvePromise();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${sessions.loginToken}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
