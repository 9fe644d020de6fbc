import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Who may talk to the browser host: a page served by this host (Host and Origin name 127.0.0.1 or localhost
// on our port, which defeats DNS rebinding and cross-site requests) that knows the token printed in the URL.

/** 32 random bytes, base64url: the secret in the printed URL and in every API call's X-Carve-Token header. */
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

/** The token check of API calls. */
export function checkToken(request: IncomingMessage, token: string): Refusal | null {
  const given = header(request, 'x-carve-token');
  if (given === undefined) return { status: 401, message: 'This request has no Carve token: open the URL Carve printed' };
  if (!tokenMatches(given, token)) return { status: 401, message: 'The Carve token is wrong: open the URL Carve printed' };
  return null;
}
