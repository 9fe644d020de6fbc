import { METHODS, type Method } from '../../shared/api/contract';
import { bridgeName, type CarveApi } from '../../shared/api/client';
import type { HostEvent } from '../../shared/api/events';
import type { PreloadBridge } from '../../shared/api/preload';
import { describeError, fail, type Result } from '../../shared/api/result';

// The ONE module that reaches the back end. In Electron the preload exposes `window.carve` (one named function
// per method); in a browser the same API is served over HTTP by the browser host, authenticated by the session
// cookie the host set when this page was first loaded from the URL it printed (that URL's token is single-use
// and taken out of the address bar and history here). Either way the rest of the renderer sees a CarveApi
// whose calls never throw, reached one way: api() (or getBridge() for the host's hooks), never passed around.

/** What the host can do besides the API: events from menus and the window, and the close handshake. */
export interface HostHooks {
  kind: 'electron' | 'browser';
  onHostEvent(listener: (event: HostEvent) => void): () => void;
  /** Tell the host whether there are unsaved changes (Electron guards the window close with it). */
  setDirty(dirty: boolean): void;
  /** The renderer has dealt with unsaved changes: the window may close now. */
  confirmClose(): void;
}

export interface Bridge {
  api: CarveApi;
  host: HostHooks;
}

function lostContact(error: unknown): Result<never> {
  return fail('internal', `Lost contact with Carve's host: ${describeError(error)}`);
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (record.ok === true) return 'value' in record;
  return record.ok === false && typeof record.error?.code === 'string' && typeof record.error.message === 'string';
}

/**
 * The API over HTTP: `POST {base}/api/<method>`, JSON in and a Result JSON out. The page's session cookie goes
 * with it; `token`, when given, is sent as X-Carve-Token (the host's API token, for callers without a cookie).
 */
export function createHttpApi(baseUrl: string, token: string | null, fetchFn: typeof fetch = (...args) => fetch(...args)): CarveApi {
  const call = async (method: Method, request: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetchFn(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { 'X-Carve-Token': token }) },
        credentials: 'same-origin',
        body: JSON.stringify(request ?? {}),
      });
    } catch (error) {
      return lostContact(error);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return lostContact(new Error(`the host answered ${response.status} without a result`));
    }
    return isResult(body) ? body : lostContact(new Error(`the host answered ${response.status} with something unexpected`));
  };
  return Object.fromEntries(METHODS.map((method) => [method, (request: unknown) => call(method, request)])) as CarveApi;
}

/** The API over the Electron preload: each method calls its named function; a rejection becomes a Result. */
export function createPreloadApi(preload: Record<string, unknown>): CarveApi {
  const call = async (method: Method, request: unknown): Promise<Result<unknown>> => {
    const fn = preload[bridgeName(method)];
    if (typeof fn !== 'function') return fail('unsupported', `This version of Carve's host has no operation "${method}"`);
    try {
      const result: unknown = await fn(request);
      return isResult(result) ? result : lostContact(new Error(`${method} returned something unexpected`));
    } catch (error) {
      return lostContact(error);
    }
  };
  return Object.fromEntries(METHODS.map((method) => [method, (request: unknown) => call(method, request)])) as CarveApi;
}

/**
 * Take the used token out of the address bar (and so out of history): the host exchanged it for this page's
 * session cookie when it served the page, and will not take it again. A reload then loads `/` with the cookie.
 */
function dropUrlToken(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

const browserHooks: HostHooks = {
  kind: 'browser',
  onHostEvent: () => () => {},
  setDirty: () => {},
  confirmClose: () => {},
};

let bridge: Bridge | null = null;

/**
 * Install the bridge the page uses (tests install a fake host's; null forgets it, and the next getBridge()
 * finds the host again). Everything in the renderer reaches the host through getBridge() or api().
 */
export function setBridge(next: Bridge | null): void {
  bridge = next;
}

/** The page's bridge, found on first use: the Electron preload's `window.carve`, else the browser host over HTTP. */
export function getBridge(): Bridge {
  if (bridge) return bridge;
  const preload = (window as unknown as { carve?: PreloadBridge }).carve;
  if (preload) {
    bridge = {
      api: createPreloadApi(preload as unknown as Record<string, unknown>),
      host: {
        kind: 'electron',
        onHostEvent: (listener) => preload.onHostEvent(listener),
        setDirty: (dirty) => preload.setDirty(dirty),
        confirmClose: () => preload.confirmClose(),
      },
    };
  } else {
    dropUrlToken();
    bridge = { api: createHttpApi(window.location.origin, null), host: browserHooks };
  }
  return bridge;
}

/** The API for the rest of the renderer: the one way to reach the back end. */
export const api = (): CarveApi => getBridge().api;
