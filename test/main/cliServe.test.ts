import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';

// carve serve in-process: the one line a script waits for, a clean stop, and clear refusals.

let base: string;
let renderer: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'carve-serve-'));
  renderer = join(base, 'renderer');
  await mkdir(renderer);
  await mkdir(join(base, 'workspace'));
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Carve</title>');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function serve(argv: string[], options: { rendererDir?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stopper = new AbortController();
  let announce: (line: string) => void = () => {};
  const announced = new Promise<string>((resolvePromise) => (announce = resolvePromise));
  const done = runCli(['serve', ...argv], {
    out: (line) => {
      out.push(line);
      if (line.startsWith('Carve is running at ')) announce(line);
    },
    err: (line) => err.push(line),
    cwd: base,
    rendererDir: 'rendererDir' in options ? options.rendererDir : renderer,
    signal: stopper.signal,
  });
  return { out, err, announced, done, stop: () => stopper.abort() };
}

describe('carve serve', () => {
  it('prints exactly the URL line then the stop hint, serves, and stops cleanly with exit 0', async () => {
    const run = serve(['--workspace', 'workspace', '--user-data', 'user-data', '--port', '0']);
    const line = await Promise.race([run.announced, run.done.then((code) => `exited ${code}: ${run.err.join(' | ')}`)]);
    const match = /^Carve is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/.exec(line);
    expect(match, line).not.toBeNull();
    expect(run.out).toEqual([line, 'Press Ctrl+C to stop.']);
    const page = await fetch(match![1]!);
    expect(await page.text()).toContain('<title>Carve</title>');
    // The URL's token is exchanged for a session cookie at the first load; API calls carry the cookie.
    const cookie = page.headers.get('set-cookie')!.split(';', 1)[0]!;
    const info = await fetch(`http://127.0.0.1:${match![2]}/api/app:info`, { method: 'POST', headers: { Cookie: cookie }, body: '{}' });
    expect(await info.json()).toMatchObject({ ok: true, value: { host: 'browser', workspace: join(base, 'workspace') } });
    run.stop();
    expect(await run.done).toBe(0);
    expect(run.err).toEqual([]);
    await expect(fetch(match![1]!)).rejects.toThrow();
  });

  it('says in one line that the workspace folder does not exist (exit 1)', async () => {
    const run = serve(['--workspace', 'nowhere', '--user-data', 'user-data']);
    expect(await run.done).toBe(1);
    expect(run.err).toEqual([`The workspace folder does not exist: ${join(base, 'nowhere')}`]);
    expect(run.out).toEqual([]);
  });

  it('says in one line that the port is taken (exit 1)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolvePromise) => blocker.listen(0, '127.0.0.1', resolvePromise));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = serve(['--workspace', 'workspace', '--user-data', 'user-data', '--port', String(port)]);
      expect(await run.done).toBe(1);
      expect(run.err).toEqual([`carve: Port ${port} is already in use: choose another with --port, or --port 0 for any free port`]);
    } finally {
      blocker.close();
    }
  });

  it('says in one line that --user-data names a file, or a folder that cannot be made (exit 1), and leaves the file alone', async () => {
    await writeFile(join(base, 'prefs-file'), 'keep me');
    const run = serve(['--workspace', 'workspace', '--user-data', 'prefs-file']);
    expect(await run.done).toBe(1);
    expect(run.err).toEqual([`The user-data folder is a file, not a folder: ${join(base, 'prefs-file')}`]);
    expect(await readFile(join(base, 'prefs-file'), 'utf8')).toBe('keep me');
    const under = serve(['--workspace', 'workspace', '--user-data', 'prefs-file/inner']);
    expect(await under.done).toBe(1);
    expect(under.err).toEqual([
      `The user-data folder cannot be made: ${join(base, 'prefs-file/inner')}: a part of its path is not a folder`,
    ]);
  });

  it('says Carve is not built when the renderer is missing (exit 1)', async () => {
    const run = serve(['--workspace', 'workspace', '--user-data', 'user-data'], { rendererDir: join(base, 'none') });
    expect(await run.done).toBe(1);
    expect(run.err).toEqual(['Carve is not built yet (its interface is missing): run npm run build']);
  });

  it('is a usage error (exit 2) for a bad port or a stray argument', async () => {
    for (const argv of [['--port', 'abc'], ['--port', '70000'], ['--port=-1'], ['extra']]) {
      const run = serve(argv);
      expect(await run.done, argv.join(' ')).toBe(2);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(/^carve: .+ \(see carve --help\)$/);
    }
  });
});
