import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/server/browserHost';
import { createProject } from '../../shared/model/create';
import { raw, startTestHost, type TempFolders } from './serverHarness';

// The browser host's API over real HTTP: who may call it, how requests are read, and that it is the same
// router as the other hosts (a save and an open round-trip inside the workspace).

let folders: TempFolders;
let host: BrowserHost;

let stop = async () => {};

beforeAll(async () => {
  ({ folders, host, stop } = await startTestHost());
});

afterAll(() => stop());

const origin = () => `http://127.0.0.1:${host.port}`;

async function call(method: string, payload: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin()}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Carve-Token': host.token, ...headers },
    body: JSON.stringify(payload),
  });
  // The value's shape depends on the method; the tests read the fields they check.
  return {
    status: response.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    result: (await response.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } },
  };
}

function rawApi(method: string, headers: Record<string, string>, body = '{}') {
  return raw({
    port: host.port,
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('the address and the token', () => {
  it('prints a 127.0.0.1 URL carrying a 32-byte base64url token, not the API token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect(host.url).not.toContain(host.token);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('makes a new token on every start', async () => {
    const other = await startBrowserHost({
      port: 0,
      workspace: folders.workspace,
      userDataDir: folders.userData,
      rendererDir: folders.renderer,
    });
    try {
      expect(other.token).not.toBe(host.token);
    } finally {
      await other.close();
    }
  });

  it('listens on 127.0.0.1 only: other addresses of this machine are refused', async () => {
    const reach = (address: string) =>
      new Promise<boolean>((resolvePromise) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => (socket.destroy(), resolvePromise(true)));
        socket.once('error', () => resolvePromise(false));
      });
    expect(await reach('127.0.0.1')).toBe(true);
    // 127.0.0.2 is loopback too on Linux: a server on 0.0.0.0 would answer it, one on 127.0.0.1 does not.
    const others = [
      '127.0.0.2',
      ...Object.values(networkInterfaces()).flatMap((list) =>
        (list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address),
      ),
    ];
    for (const address of others) expect(await reach(address), address).toBe(false);
  });
});

describe('refusals', () => {
  it('answers 401 unauthorized when the token is missing', async () => {
    const response = await rawApi('app:info', { host: `127.0.0.1:${host.port}` });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('answers 401 unauthorized when the token is wrong, even by one character or length', async () => {
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    for (const token of [wrong, host.token + 'x', 'x']) {
      const { status, result } = await call('app:info', {}, { 'X-Carve-Token': token });
      expect(status).toBe(401);
      expect(result.error?.code).toBe('unauthorized');
    }
  });

  it('answers 403 to a Host header that is not this host (DNS rebinding), with a good token', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const response = await rawApi('app:info', { host: hostHeader, 'x-carve-token': host.token });
      expect(response.status, hostHeader).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('unauthorized');
    }
    const page = await raw({ port: host.port, path: '/', headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('answers 403 to a request from another origin, with a good token', async () => {
    for (const originHeader of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, 'null']) {
      const { status, result } = await call('app:info', {}, { Origin: originHeader });
      expect(status, originHeader).toBe(403);
      expect(result.error?.code).toBe('unauthorized');
    }
  });

  it('accepts localhost as well as 127.0.0.1 for Host and Origin', async () => {
    const response = await rawApi('app:info', {
      host: `localhost:${host.port}`,
      origin: `http://localhost:${host.port}`,
      'x-carve-token': host.token,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { host: 'browser' } });
  });
});

describe('requests', () => {
  it('answers app:info as the browser host confined to its workspace', async () => {
    const { status, result } = await call('app:info', {}, { Origin: origin() });
    expect(status).toBe(200);
    expect(result).toMatchObject({ ok: true, value: { host: 'browser', hasNativeDialogs: false } });
  });

  it('serves the bundled sample', async () => {
    const { result } = await call('project:sample', {});
    expect(result.ok).toBe(true);
    expect(result.value.project.name).toBeTruthy();
  });

  it('saves then opens a project inside the workspace: same project, same hash, bytes on disk', async () => {
    const project = { ...createProject('Round Trip'), description: 'over HTTP' };
    const saved = await call('project:save', { path: 'round-trip.carve', project, baseHash: null, overwrite: false });
    expect(saved.result).toMatchObject({ ok: true });
    const opened = await call('project:open', { path: 'round-trip.carve' });
    expect(opened.result.ok).toBe(true);
    expect(opened.result.value.project).toEqual(project);
    expect(opened.result.value.hash).toBe(saved.result.value.hash);
    expect(await readFile(join(folders.workspace, 'round-trip.carve'), 'utf8')).toContain('"over HTTP"');
  });

  it('refuses paths outside the workspace', async () => {
    for (const path of [join(folders.base, 'secret.txt'), '../secret.txt', '/etc/passwd']) {
      const { status, result } = await call('project:open', { path });
      expect(status).toBe(200);
      expect(result.error?.code, path).toBe('outside-workspace');
    }
  });

  it('answers invalid-request to a body that is not JSON', async () => {
    const response = await rawApi('project:open', { host: `127.0.0.1:${host.port}`, 'x-carve-token': host.token }, '{"path": ');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('answers invalid-request to a request that does not match its schema', async () => {
    const { result } = await call('project:open', { path: 42 });
    expect(result.error?.code).toBe('invalid-request');
  });

  it('answers unknown-method to a method Carve does not have', async () => {
    for (const method of ['project:delete', 'constructor', '__proto__', '%E0%A4%A']) {
      const { result } = await call(method, {});
      expect(result.error?.code, method).toBe('unknown-method');
    }
  });

  it('takes only POST on the API', async () => {
    const response = await raw({ port: host.port, path: '/api/app:info', headers: { 'x-carve-token': host.token } });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });

  it('refuses a body over the size cap with a clear invalid-request, declared or streamed', async () => {
    const small = await startBrowserHost({
      port: 0,
      workspace: folders.workspace,
      userDataDir: folders.userData,
      rendererDir: folders.renderer,
      maxBodyBytes: 1024,
    });
    try {
      const body = JSON.stringify({ path: 'x'.repeat(2000) });
      const declared = await raw({
        port: small.port,
        path: '/api/project:open',
        method: 'POST',
        headers: { 'x-carve-token': small.token, 'content-length': String(body.length) },
        body,
      });
      const streamed = await raw({
        port: small.port,
        path: '/api/project:open',
        method: 'POST',
        headers: { 'x-carve-token': small.token, 'transfer-encoding': 'chunked' },
        body,
      });
      for (const response of [declared, streamed]) {
        expect(response.status).toBe(413);
        const result = JSON.parse(response.body);
        expect(result.error.code).toBe('invalid-request');
        expect(result.error.message).toBe('The request for project:open is larger than 1 KiB');
      }
    } finally {
      await small.close();
    }
  });

  it('sends API answers with no-store and nosniff', async () => {
    const response = await rawApi('app:info', { host: `127.0.0.1:${host.port}`, 'x-carve-token': host.token });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('starting', () => {
  it('says the port is already in use, in one line', async () => {
    await expect(
      startBrowserHost({ port: host.port, workspace: folders.workspace, userDataDir: folders.userData, rendererDir: folders.renderer }),
    ).rejects.toThrow(new RegExp(`^Port ${host.port} is already in use`));
  });

  it('says the workspace folder does not exist', async () => {
    await expect(
      startBrowserHost({ port: 0, workspace: join(folders.base, 'nope'), userDataDir: folders.userData, rendererDir: folders.renderer }),
    ).rejects.toThrow(/^The workspace folder does not exist: /);
  });

  it('closes: the port no longer answers', async () => {
    const other = await startBrowserHost({
      port: 0,
      workspace: folders.workspace,
      userDataDir: folders.userData,
      rendererDir: folders.renderer,
    });
    await other.close();
    await expect(fetch(`http://127.0.0.1:${other.port}/`)).rejects.toThrow();
  });
});
