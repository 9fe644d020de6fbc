import { describe, expect, it } from 'vitest';
import { createHttpApi, createPreloadApi } from '../../renderer/platform/bridge';
import { METHODS } from '../../shared/api/contract';
import { bridgeName } from '../../shared/api/client';

type Call = { url: string; init: RequestInit };

function recordingFetch(respond: (call: Call) => Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the HTTP bridge', () => {
  it('posts each method to /api/<method> with the token header and the request as JSON', async () => {
    const { calls, fetchFn } = recordingFetch(async () => json({ ok: true, value: { path: '/w/a.carve', hash: 'h' } }));
    const api = createHttpApi('http://127.0.0.1:5000', 'secret', fetchFn);
    const result = await api['project:open']({ path: '/w/a.carve' });
    expect(result).toEqual({ ok: true, value: { path: '/w/a.carve', hash: 'h' } });
    expect(calls[0]!.url).toBe('http://127.0.0.1:5000/api/project:open');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>)['X-Carve-Token']).toBe('secret');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ path: '/w/a.carve' });
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
  });

  it('passes the host’s failures through, 401 included', async () => {
    const { fetchFn } = recordingFetch(async () =>
      json({ ok: false, error: { code: 'unauthorized', message: 'A token is required' } }, 401),
    );
    const result = await createHttpApi('http://h', 't', fetchFn)['app:info']({});
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: 'A token is required' } });
  });

  it('a network failure becomes an internal error that says contact was lost, never a throw', async () => {
    const { fetchFn } = recordingFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await createHttpApi('http://h', 't', fetchFn)['recent:list']({});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: "Lost contact with Carve's host: Failed to fetch" } });
  });

  it('an answer that is not a Result (HTML, garbage) becomes an internal error', async () => {
    for (const body of ['<html>502</html>', JSON.stringify({ hello: 1 }), JSON.stringify({ ok: false, error: 'x' })]) {
      const { fetchFn } = recordingFetch(async () => new Response(body, { status: 502 }));
      const result = await createHttpApi('http://h', 't', fetchFn)['prefs:get']({});
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('internal');
        expect(result.error.message).toMatch(/^Lost contact with Carve's host: the host answered 502/);
      }
    }
  });
});

describe('the preload bridge', () => {
  it('calls the named preload function of each method', async () => {
    const seen: string[] = [];
    const preload = Object.fromEntries(METHODS.map((m) => [bridgeName(m), async () => (seen.push(m), { ok: true, value: m })]));
    const api = createPreloadApi(preload);
    for (const method of METHODS) expect(await (api[method] as (r: unknown) => Promise<unknown>)({})).toEqual({ ok: true, value: method });
    expect(seen).toEqual([...METHODS]);
  });

  it('a rejected IPC call or a missing function becomes a failed Result', async () => {
    const api = createPreloadApi({ projectOpen: async () => Promise.reject(new Error('Error invoking remote method\nstack')) });
    expect(await api['project:open']({ path: 'x' })).toEqual({
      ok: false,
      error: { code: 'internal', message: "Lost contact with Carve's host: Error invoking remote method" },
    });
    expect((await api['app:info']({})).ok).toBe(false);
  });
});
