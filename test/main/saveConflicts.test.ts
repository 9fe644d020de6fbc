import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveProjectFile } from '../../main/services/projectFiles';
import { CarveError } from '../../shared/api/result';
import { serializeProject } from '../../shared/format/save';
import { bigProject } from './bigProject';
import { bundleSaveChild, startChild } from './saveChildBundle';

// Saves are compare-and-swap: two saves of one file from the same base, at once, from two processes (two
// windows, two hosts) or from one (two browser tabs on one host): exactly one wins, the other is a conflict,
// and the file holds the winner's bytes.

const ROUNDS = 20;
const MEGABYTES = 1;

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-race-'));
  bundle = await bundleSaveChild(dir);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('two saves from the same base at once', () => {
  it(`in two processes: exactly one wins and the other gets conflict, ${ROUNDS} times out of ${ROUNDS}`, { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'shared.carve');
    const names = ['left', 'right'];
    const texts = names.map((variant) => serializeProject(bigProject(MEGABYTES, variant)));
    const base = serializeProject(bigProject(MEGABYTES, 'base'));
    const children = names.map(() => startChild(bundle, ['race', file]));
    await Promise.all(children.map((child) => child.next((line) => 'ready' in line)));
    let overlapping = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await fs.writeFile(file, base);
      const baseHash = sha(base);
      children.forEach((child, i) =>
        child.process.stdin!.write(`${JSON.stringify({ round, baseHash, variant: names[i], mb: MEGABYTES })}\n`),
      );
      const results = await Promise.all(children.map((child) => child.next((line) => line.round === round)));
      const winners = results.flatMap((result, i) => (result.ok ? [i] : []));
      expect(winners, `round ${round}: ${JSON.stringify(results)}`).toHaveLength(1);
      const loser = results[1 - winners[0]!]!;
      expect(loser).toMatchObject({ ok: false, code: 'conflict', message: 'shared.carve changed on disk since you opened it' });
      expect(await fs.readFile(file, 'utf8')).toBe(texts[winners[0]!]);
      const [a, b] = results as Array<{ start: number; end: number }>;
      if (a!.start <= b!.end && b!.start <= a!.end) overlapping++;
    }
    for (const child of children) child.process.stdin!.end();
    for (const child of children) expect((await child.exited).code).toBe(0);
    expect((await fs.readdir(dir)).sort()).toEqual(['saveChild.mjs', 'shared.carve']);
    // Without overlap the test would prove nothing about the lock: most rounds must have raced.
    expect(overlapping).toBeGreaterThan(ROUNDS / 2);
    console.log(
      `concurrent saves in two processes: ${ROUNDS} rounds, one winner each, ${overlapping} with the two saves overlapping in time`,
    );
  });

  it(`in one process (two tabs on one host): exactly one wins, ${ROUNDS} times out of ${ROUNDS}`, async () => {
    const file = path.join(dir, 'tabs.carve');
    const projects = ['one', 'two'].map((variant) => bigProject(MEGABYTES / 4, variant));
    for (let round = 0; round < ROUNDS; round++) {
      await fs.writeFile(file, 'the base');
      const outcomes = await Promise.all(
        projects.map((project) =>
          saveProjectFile({ path: file, project, baseHash: sha('the base'), overwrite: false }).then(
            () => 'ok',
            (error: unknown) => (error instanceof CarveError ? error.code : String(error)),
          ),
        ),
      );
      const winner = outcomes.indexOf('ok');
      expect([...outcomes].sort(), `round ${round}`).toEqual(['conflict', 'ok']);
      expect(await fs.readFile(file, 'utf8')).toBe(serializeProject(projects[winner]!));
    }
  });
});
