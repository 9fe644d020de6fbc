import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/server/browserHost';
import { ERROR_CODES } from '../../shared/api/result';
import { EXPORT_FORMATS, METHODS, requests, THEMES } from '../../shared/api/contract';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { arbProject } from '../shared/arbitraries';

// Every API method fuzzed through the real browser host (HTTP, with its API token) against a temp workspace:
// wrong types, huge strings, deep nesting, hostile paths (.., absolute, NUL, links out, over-long), projects
// valid and broken. No crash, no 5xx, every error one line in words (no stack, no zod JSON), and nothing
// outside the workspace and the user-data folder touched; nothing read through a link out of the workspace in any
// answer. Cases per method: RUNS (CARVE_FUZZ_RUNS; 200 by default, about 20 s here) and the fixed ones below.

const RUNS = Number(process.env.CARVE_FUZZ_RUNS ?? 200);

let base: string;
let ws: string;
let outside: string;
let userData: string;
let host: BrowserHost;

/** Every file under `dir` (links not followed) with a hash of its bytes, or the link's target. */
async function snapshot(dir: string, skip: readonly string[] = []): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(current: string): Promise<void> {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name);
      if (skip.includes(file)) continue;
      if (entry.isDirectory()) {
        out.set(file, 'dir');
        await walk(file);
      } else if (entry.isSymbolicLink()) out.set(file, `-> ${await fs.readlink(file)}`);
      else
        out.set(
          file,
          createHash('sha256')
            .update(await fs.readFile(file))
            .digest('hex'),
        );
    }
  }
  await walk(dir);
  return out;
}

let before: Map<string, string>;
let knownJob = '';

beforeAll(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-fuzz-')));
  ws = path.join(base, 'ws');
  outside = path.join(base, 'outside');
  userData = path.join(base, 'user-data');
  const renderer = path.join(base, 'renderer');
  await Promise.all([fs.mkdir(path.join(ws, 'plans'), { recursive: true }), fs.mkdir(outside), fs.mkdir(userData), fs.mkdir(renderer)]);
  await fs.writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Carve</title>');
  await fs.writeFile(path.join(outside, 'secret.carve'), '{"not":"yours"}');
  await fs.mkdir(path.join(outside, 'py'));
  await fs.writeFile(path.join(outside, 'py', 'leak.py'), 'import leaked\n');
  await fs.symlink(outside, path.join(ws, 'out-link'));
  await fs.symlink(path.join(outside, 'secret.carve'), path.join(ws, 'secret-link.carve'));
  await fs.symlink(path.join(outside, 'nothing-yet.carve'), path.join(ws, 'dangling.carve'));
  await fs.mkdir(path.join(ws, 'src', 'app'), { recursive: true });
  await fs.writeFile(path.join(ws, 'src', 'app', '__init__.py'), '');
  await fs.writeFile(path.join(ws, 'src', 'app', 'views.py'), 'import requests\n');
  await fs.symlink(path.join(outside, 'py'), path.join(ws, 'src', 'leak'));
  host = await startBrowserHost({ port: 0, workspace: ws, userDataDir: userData, rendererDir: renderer, log: () => {} });
  before = await snapshot(base, [ws, userData]);
  // A finished import, so that import:project, :reimport, :suggest and job:status meet a job that exists.
  const started = JSON.parse((await post('import:start', JSON.stringify({ dir: 'src', granularity: 'package' }))).text) as {
    value: { jobId: string };
  };
  knownJob = started.value.jobId;
  for (;;) {
    const status = JSON.parse((await post('job:status', JSON.stringify({ jobId: knownJob }))).text) as { value: { state: string } };
    if (status.value.state !== 'running' && status.value.state !== 'queued') break;
  }
});

afterAll(async () => {
  await host?.close();
  await fs.rm(base, { recursive: true, force: true });
});

const hostilePath = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      '',
      '.',
      '..',
      '../outside/secret.carve',
      '../outside/new.carve',
      'plans/../../outside/x.carve',
      'out-link/secret.carve',
      'out-link/new.carve',
      'out-link',
      'secret-link.carve',
      'dangling.carve',
      'plans',
      'plans/a.carve',
      'src',
      'src',
      'src/app',
      'a\u0000b.carve',
      '%2e%2e/outside/x.carve',
      '~/x.carve',
      'C:\\Windows\\x.carve',
      '\\\\server\\share\\x.carve',
      'caf\uFFFD.carve',
      `${'d/'.repeat(600)}x.carve`,
      `${'n'.repeat(300)}.carve`,
      'p'.repeat(5000),
    ),
    fc.constant(null).map(() => path.join(outside, 'abs.carve')),
    fc.constant(null).map(() => outside),
    fc.constant(null).map(() => path.join(ws, 'plans', 'abs.carve')),
    fc.string({ maxLength: 40 }),
    fc.stringMatching(/^[a-z./\\]{1,30}$/),
  );

/** Objects nested `depth` deep: {"a":{"a":...}} (the router must not recurse into them unguarded). */
const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let k = 0; k < depth; k++) value = k % 2 ? { a: value } : [value];
  return value;
};

const junk = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(nested(50), nested(400), 'x'.repeat(300_000), -0, 1e308, -1, 2 ** 53, '__proto__', {
        __proto__: { polluted: true },
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, 0, '', [], {}) },
  );

const sample = loadSampleProject();

/** Projects: the sample, a valid random one, the sample with one field broken, or junk. */
const project = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(sample),
    arbProject({ maxModules: 6, maxServices: 3, maxDependencies: 8 }),
    fc
      .record({ field: fc.constantFrom('name', 'id', 'monolith', 'services', 'layout', 'phases'), value: junk() })
      .map(({ field, value }) => ({ ...sample, [field]: value })),
    junk(),
  );

/** A value for one field of a request: something of the right kind for that field, or anything. */
function fieldValue(key: string): fc.Arbitrary<unknown> {
  const right: Record<string, fc.Arbitrary<unknown>> = {
    path: hostilePath(),
    dir: fc.oneof({ weight: 5, arbitrary: hostilePath() }, { weight: 1, arbitrary: fc.constant(null) }),
    filePath: fc.oneof({ weight: 5, arbitrary: hostilePath() }, { weight: 1, arbitrary: fc.constant(null) }),
    project: project(),
    baseHash: fc.oneof(fc.constant(null), fc.stringMatching(/^[0-9a-f]{64}$/), fc.string()),
    overwrite: fc.boolean(),
    id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.constantFrom('../../etc/passwd', 'a/b', '.', '')),
    jobId: fc.oneof(
      fc.constant(null).map(() => knownJob),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      fc.constantFrom('../x', ''),
    ),
    granularity: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('auto', 'app', 'package', 'depth:1', 'depth:20') },
      { weight: 1, arbitrary: fc.constantFrom('depth:0', 'depth:21', 'layer', '') },
    ),
    // PDF needs a Chromium print: the other formats keep this test fast; pdf still meets every broken payload.
    format: fc.constantFrom(...EXPORT_FORMATS.filter((f) => f !== 'pdf'), 'docx', ''),
    theme: fc.constantFrom(...THEMES, 'purple', ''),
    name: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('n'.repeat(201)), fc.constant('   ')),
    defaultName: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('d'.repeat(256))),
    seed: fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(-1, 1.5, 2 ** 40)),
    keepLayers: fc.boolean(),
    followLinksOut: fc.boolean(),
  };
  const kind = right[key] ?? fc.string({ maxLength: 20 });
  return fc.oneof({ weight: 6, arbitrary: kind }, { weight: 1, arbitrary: junk() });
}

/** A payload for `method`: its fields with hostile values, some missing, some extra; or not an object at all. */
function payload(method: (typeof METHODS)[number]): fc.Arbitrary<unknown> {
  const keys = Object.keys(requests[method].shape);
  const fields = Object.fromEntries(keys.map((key) => [key, fieldValue(key)]));
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(fields) },
    { weight: 2, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    {
      weight: 1,
      arbitrary: fc.record(fields).map((r) => ({ ...r, extra: 'x'.repeat(1000), constructor: { prototype: { polluted: 1 } } })),
    },
    { weight: 1, arbitrary: junk() },
  );
}

interface Answer {
  status: number;
  text: string;
}

async function post(method: string, body: string): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Carve-Token': host.token },
    body,
  });
  return { status: response.status, text: await response.text() };
}

const tally = new Map<string, { cases: number; ok: number; errors: Map<string, number> }>();

/** What every answer must be: below 500, a Result, and a failure's message one line in words. */
function check(method: string, answer: Answer): void {
  expect(answer.status, `${method}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  const result = JSON.parse(answer.text) as { ok: boolean; error?: { code: string; message: string } };
  const counts = tally.get(method) ?? { cases: 0, ok: 0, errors: new Map() };
  tally.set(method, counts);
  counts.cases++;
  if (result.ok) {
    counts.ok++;
    // The workspace's src/leak links out of it: nothing read through it may reach an answer.
    expect(answer.text, method).not.toContain('leaked');
    return;
  }
  const { code, message } = result.error!;
  counts.errors.set(code, (counts.errors.get(code) ?? 0) + 1);
  expect(ERROR_CODES).toContain(code);
  expect(message, `${method}: ${message}`).not.toMatch(/[\n\r]/);
  expect(message, `${method}: ${message}`).not.toMatch(/^\[|: \[$|\n\s+at |\bat [^ ]+ \(.*:\d+:\d+\)/);
  expect(message.length, `${method}: ${message.slice(0, 100)}`).toBeLessThanOrEqual(1000);
  // "internal" is a bug by definition: Carve did not expect it.
  expect(code, `${method}: ${message}`).not.toBe('internal');
}

describe('every API method, fuzzed through the browser host', () => {
  for (const method of METHODS) {
    it(`${method}: no crash, no 5xx, one-line errors (${RUNS} cases)`, async () => {
      await fc.assert(
        fc.asyncProperty(payload(method), async (request) => {
          check(method, await post(method, JSON.stringify(request) ?? 'null'));
        }),
        { numRuns: RUNS, seed: 20261203 },
      );
    });
  }

  it('bodies that are not JSON, empty, huge or deeply nested get one-line refusals', async () => {
    const deep = (n: number) => `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`;
    const bodies = ['', '{', 'null', '[]', '"x"', '{"path":', '\u0000', deep(100_000), JSON.stringify({ path: 'x'.repeat(1_000_000) })];
    for (const method of ['project:open', 'project:save', 'import:start', 'nope', '../../etc', '%zz']) {
      for (const body of bodies) check(method, await post(method, body));
    }
    // A project nested 50,000 deep (built as text: JSON.stringify of it would overflow this test's own stack).
    for (const method of ['project:save', 'draft:save', 'export:start', 'import:reimport', 'import:suggest']) {
      const body = `{"path":"plans/deep.carve","filePath":null,"id":"deep","jobId":"x","granularity":"app","format":"md","baseHash":null,"overwrite":true,"project":${deep(50_000)}}`;
      check(method, await post(method, body));
    }
  });

  it('left nothing outside the workspace and the user-data folder changed', async () => {
    expect(await snapshot(base, [ws, userData])).toEqual(before);
    const counts = [...tally].map(
      ([method, t]) => `${method} ${t.cases} (${t.ok} ok; ${[...t.errors].map(([c, n]) => `${c} ${n}`).join(', ')})`,
    );
    console.log(`API fuzz, cases per method:\n${counts.join('\n')}`);
  });
});
