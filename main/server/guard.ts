import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Who may talk to the browser host: a page served by this host (Host and Origin name 127.0.0.1 or localhost
// on our port, which defeats DNS rebinding and cross-site requests) that opened the URL printed at start.
//
// The printed URL's token is single-use: the first load of the page exchanges it for a session cookie
// (HttpOnly, SameSite=Strict, named after the port so that two hosts on one machine keep theirs), and the page
// takes it out of the address bar. A token left in the browser's history then opens nothing. API calls carry
// the cookie; in-process callers (tests) may send the host's API token in X-Carve-Token instead, which is
// never printed.

/** 32 random bytes, base64url: the printed URL's token, a session cookie's value, the API token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time comparison (both sides hashed first, so their lengths never leak either). */
export function tokenMatches(given: string | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  return timingSafeEqual(digest(given), digest(token));
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export type Refusal = { status: 401 | 403; message: string };

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Host and Origin checks, for every request (static files too). */
export function checkHostAndOrigin(request: IncomingMessage, port: number): Refusal | null {
  const host = header(request, 'host')?.toLowerCase();
  if (!host || !allowedHosts(port).has(host)) {
    return { status: 403, message: `Carve only answers requests addressed to 127.0.0.1:${port} or localhost:${port}` };
  }
  const origin = header(request, 'origin');
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) {
    return { status: 403, message: 'Carve refused a request from another site' };
  }
  const site = header(request, 'sec-fetch-site');
  if (site === 'cross-site') return { status: 403, message: 'Carve refused a request from another site' };
  return null;
}

/** The name of the session cookie of the host on `port`. */
export const sessionCookieName = (port: number): string => `carve-session-${port}`;

/** The value of cookie `name` in the request's Cookie header, if any. */
export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (header(request, 'cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type Exchange = { kind: 'fresh'; cookie: string } | { kind: 'used' } | { kind: 'wrong' };

/** The printed URL's single-use token and the sessions it was exchanged for. */
export class Sessions {
  private used = false;
  private readonly sessions: string[] = [];

  constructor(
    readonly loginToken: string,
    private readonly port: () => number,
  ) {}

  /** The URL's token for a session cookie, once. */
  exchange(given: string): Exchange {
    if (!tokenMatches(given, this.loginToken)) return { kind: 'wrong' };
    if (this.used) return { kind: 'used' };
    this.used = true;
    const session = newToken();
    this.sessions.push(session);
    return { kind: 'fresh', cookie: `${sessionCookieName(this.port())}=${session}; HttpOnly; SameSite=Strict; Path=/` };
  }

  /** Whether the request carries a session cookie of this host. */
  hasSession(request: IncomingMessage): boolean {
    const given = cookieValue(request, sessionCookieName(this.port()));
    return given !== undefined && this.sessions.some((session) => tokenMatches(given, session));
  }
}

/** The check of API calls: a session cookie sent by this host's own page, or the API token in X-Carve-Token. */
export function checkToken(request: IncomingMessage, token: string, sessions?: Sessions): Refusal | null {
  // A cookie is only taken from this host's own pages: another port of 127.0.0.1 is the same "site" to SameSite.
  const site = header(request, 'sec-fetch-site');
  if (sessions?.hasSession(request) && (site === undefined || site === 'same-origin')) return null;
  const given = header(request, 'x-carve-token');
  if (given === undefined) return { status: 401, message: 'This page has no Carve session: open the URL Carve printed' };
  if (!tokenMatches(given, token)) return { status: 401, message: 'The Carve token is wrong: open the URL Carve printed' };
  return null;
}
