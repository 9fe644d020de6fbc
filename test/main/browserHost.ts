import path from 'node:path';
import { createHandlers, type HostOptions } from '../../main/services/handlers';
import { createConfPreferences } from '../../main/services/preferences';
import { Workspace } from '../../main/services/workspace';
import type { CarveApi } from '../../shared/api/client';
import { METHODS, type Method } from '../../shared/api/contract';
import { createRouter, type Router } from '../../shared/api/router';

// The browser host's real handlers over a workspace folder, for tests: the router, and the API over it with every
// request and answer through JSON (as over HTTP or IPC).

/** The router of a browser host whose workspace is `workspace`; preferences in `userData`. */
export function browserRouter(workspace: string, userData: string, extra: Partial<HostOptions> = {}): Router {
  return createRouter(
    createHandlers({
      host: 'browser',
      userDataDir: userData,
      preferences: createConfPreferences(userData, () => {}),
      workspace: new Workspace(workspace),
      ...extra,
    }),
  );
}

/** The API over a router, each request and answer through JSON; `onCall` hears each request as sent. */
export function apiOverJson(router: Router, onCall?: (method: Method, request: unknown) => void): CarveApi {
  return Object.fromEntries(
    METHODS.map((method) => [
      method,
      async (request: unknown) => {
        onCall?.(method, request);
        return JSON.parse(JSON.stringify(await router(method, JSON.parse(JSON.stringify(request)))));
      },
    ]),
  ) as unknown as CarveApi;
}

/** The browser host's API over `workspace`, with its preferences in `workspace/.user-data`. */
export const browserApi = (workspace: string, onCall?: (method: Method, request: unknown) => void): CarveApi =>
  apiOverJson(browserRouter(workspace, path.join(workspace, '.user-data')), onCall);
