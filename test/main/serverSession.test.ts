import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/server/browserHost';
import { INDEX_HTML, raw, startTestHost } from './serverHarness';

// Item 8 of issue 10: the browser keeps no usable token in its history. The printed URL's token is exchanged at
// the first load for an HttpOnly, SameSite=Strict session cookie and is single-use; API calls authenticate by
// that cookie; opening the printed URL again gives a clear page, unless the browser already has the session.

let host: BrowserHost;
let stop = async () => {};
beforeEach(async () => {
  ({ host, stop } = await startTestHost());
});
afterEach(() => stop());

const pagePath = () => host.url.slice(host.url.indexOf('/?'));
const urlToken = () => new URL(host.url).searchParams.get('token')!;

function api(method: string, headers: Record<string, string>) {
  return raw({
    port: host.port,
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });
}

/** The `name=value` part of the response's Set-Cookie. */
function cookieOf(response: { headers: Record<string, string | string[] | undefined> }): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error('no Set-Cookie');
  return first.split(';', 1)[0]!;
}

describe('the printed URL', () => {
  it('is exchanged at the first load for an HttpOnly, SameSite=Strict cookie named after the port', async () => {
    const first = await raw({ port: host.port, path: pagePath() });
    expect(first.status).toBe(200);
    expect(first.body).toBe(INDEX_HTML);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^carve-session-${host.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    // The session is not the URL's token, nor the API token.
    expect(setCookie).not.toContain(urlToken());
    expect(setCookie).not.toContain(host.token);
  });

  it('authenticates API calls by the cookie; the used URL token is not a credential', async () => {
    const cookie = cookieOf(await raw({ port: host.port, path: pagePath() }));
    const withCookie = await api('app:info', { cookie, origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' });
    expect(withCookie.status).toBe(200);
    expect(JSON.parse(withCookie.body)).toMatchObject({ ok: true, value: { host: 'browser' } });
    const withUrlToken = await api('app:info', { 'x-carve-token': urlToken() });
    expect(withUrlToken.status).toBe(401);
    expect(JSON.parse(withUrlToken.body)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'The Carve token is wrong: open the URL Carve printed' },
    });
    const none = await api('app:info', {});
    expect(JSON.parse(none.body)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'This page has no Carve session: open the URL Carve printed' },
    });
    // A forged or stale cookie is refused too.
    const forged = await api('app:info', { cookie: `carve-session-${host.port}=${urlToken()}` });
    expect(forged.status).toBe(401);
  });

  it('is single-use: a second load without the cookie gets a clear page, with it the app', async () => {
    const cookie = cookieOf(await raw({ port: host.port, path: pagePath() }));
    const again = await raw({ port: host.port, path: pagePath() });
    expect(again.status).toBe(403);
    expect(again.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(again.body).toMatch(
      /^This Carve link was already used: it opens Carve once, in one browser\. Go back to the tab where Carve is open/,
    );
    expect(again.headers['set-cookie']).toBeUndefined();
    const sameBrowser = await raw({ port: host.port, path: pagePath(), headers: { cookie } });
    expect(sameBrowser.status).toBe(200);
    expect(sameBrowser.body).toBe(INDEX_HTML);
    expect(sameBrowser.headers['set-cookie']).toBeUndefined();
  });

  it('a reload after the exchange (the page took the token out of the URL) is carried by the cookie', async () => {
    const cookie = cookieOf(await raw({ port: host.port, path: pagePath() }));
    const reload = await raw({ port: host.port, path: '/', headers: { cookie } });
    expect(reload.status).toBe(200);
    expect(reload.body).toBe(INDEX_HTML);
    expect((await api('prefs:get', { cookie })).status).toBe(200);
  });

  it('a HEAD of the printed URL does not use it up', async () => {
    const head = await raw({ port: host.port, path: pagePath(), method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['set-cookie']).toBeUndefined();
    expect((await raw({ port: host.port, path: pagePath() })).headers['set-cookie']).toBeDefined();
  });

  it('a wrong token gets a clear page and no cookie, and does not use up the real one', async () => {
    const wrong = await raw({ port: host.port, path: '/?token=not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatch(/^This is not the link this Carve printed\./);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await raw({ port: host.port, path: pagePath() })).status).toBe(200);
  });

  it('refuses the cookie from a page on another port of 127.0.0.1 (same site, not same origin)', async () => {
    const cookie = cookieOf(await raw({ port: host.port, path: pagePath() }));
    const fromNeighbour = await api('app:info', { cookie, 'sec-fetch-site': 'same-site' });
    expect(fromNeighbour.status).toBe(401);
  });
});
