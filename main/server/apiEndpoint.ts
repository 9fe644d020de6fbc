import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../../shared/api/router';
import { fail } from '../../shared/api/result';
import { checkToken, type Sessions } from './guard';
import { sendResult } from './respond';

// POST /api/<method>: the JSON body is the request, the answer is the router's Result (HTTP 200 even when
// the Result is a failure: the code inside says what went wrong). Refusals before the router are Results too.

export const API_PREFIX = '/api/';
/** A request body larger than this is refused (a project file is at most 32 MiB; JSON can grow a little). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ApiOptions {
  router: Router;
  token: string;
  /** The sessions the printed URL's token was exchanged for (a session cookie authenticates too). */
  sessions?: Sessions;
  maxBodyBytes: number;
}

type Body = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Reads the body up to `limit` bytes; beyond it stops keeping data (the rest is drained and dropped). */
function readBody(request: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      resolvePromise({ ok: false, tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.byteLength;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolvePromise({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolvePromise({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', reject);
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function methodFrom(urlPath: string): string | null {
  try {
    return decodeURIComponent(urlPath.slice(API_PREFIX.length));
  } catch {
    return null;
  }
}

export async function serveApi(request: IncomingMessage, response: ServerResponse, urlPath: string, options: ApiOptions): Promise<void> {
  const refusal = checkToken(request, options.token, options.sessions);
  if (refusal) {
    request.resume();
    sendResult(response, refusal.status, fail('unauthorized', refusal.message));
    return;
  }
  if (request.method !== 'POST') {
    request.resume();
    response.setHeader('Allow', 'POST');
    sendResult(response, 405, fail('invalid-request', `Carve's API takes POST requests, not ${request.method ?? 'this'}`));
    return;
  }
  const method = methodFrom(urlPath);
  if (method === null) {
    request.resume();
    sendResult(response, 404, fail('unknown-method', 'Carve has no such operation (malformed name)'));
    return;
  }
  const body = await readBody(request, options.maxBodyBytes);
  if (!body.ok) {
    sendResult(
      response,
      413,
      fail('invalid-request', `The request for ${method.slice(0, 80)} is larger than ${formatSize(options.maxBodyBytes)}`),
    );
    return;
  }
  let payload: unknown = {};
  if (body.text.trim() !== '') {
    try {
      payload = JSON.parse(body.text);
    } catch {
      sendResult(response, 400, fail('invalid-request', `The request for ${method.slice(0, 80)} is not valid JSON`));
      return;
    }
  }
  sendResult(response, 200, await options.router(method, payload));
}
