import { createHash } from 'node:crypto';
import { watch } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTempOf, lockPathOf } from '../../main/services/atomicWrite';
import { serializeProject } from '../../shared/format/save';
import { bigProject } from './bigProject';
import { bundleSaveChild, startChild, type Child } from './saveChildBundle';

// kill -9 during saves of a 2 MB project, 56 times, at varied moments chosen by what the child is doing (never
// by a clock): after each kill the file is the old bytes or the new ones, never damaged, empty or missing; the
// next Carve that opens or saves the file removes the temp files and the lock the killed one left.

const KILLS = 56;
const MEGABYTES = 2;
/** How many children start ahead of their turn. */
const AHEAD = 3;

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-kill-'));
  bundle = await bundleSaveChild(dir);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Waits until `found` holds, checking it again on each change in `folder` (inotify through fs.watch: the
 * state, not a clock); gives up when the child exits first.
 */
async function until(child: Child, folder: string, found: () => Promise<boolean>): Promise<boolean> {
  const watcher = watch(folder);
  try {
    return await new Promise<boolean>((resolve) => {
      let checking = false;
      let again = false;
      const check = async () => {
        if (checking) return void (again = true);
        checking = true;
        do {
          again = false;
          if (await found()) return resolve(true);
        } while (again);
        checking = false;
      };
      watcher.on('change', () => void check());
      void child.exited.then(() => resolve(false));
      void check();
    });
  } finally {
    watcher.close();
  }
}

/** How each round picks its moment: the save it waits for (the first or the second), then one of these. */
const MOMENTS = ['as the save starts', 'once its temp file exists', 'once its temp file is half written', 'as the save ends'] as const;

describe('kill -9 during saves', () => {
  it(
    `leaves the old or the new file after each of ${KILLS} kills, and the next save leaves no stray file`,
    { timeout: 180_000 },
    async () => {
      const file = path.join(dir, 'big.carve');
      const folder = path.join(dir);
      const variants = [bigProject(MEGABYTES, 'a'), bigProject(MEGABYTES, 'b')].map((project) => Buffer.from(serializeProject(project)));
      const hashes = variants.map(sha);
      await fs.writeFile(file, variants[0]!);
      const tempsOf = async (pid?: number) =>
        (await fs.readdir(folder)).filter((name) => isTempOf(file, name) && (pid === undefined || name.includes(`-tmp-${pid}-`)));
      const figures = { kills: 0, newBytes: 0, oldBytes: 0, tempLeft: 0, lockLeft: 0 };
      const started = Date.now();

      const start = (count: number) => startChild(bundle, ['loop', file, String(MEGABYTES), String(count)]);
      // The next rounds' children start while this one runs (they load and build their projects), and each waits
      // for its turn; the one after the last round saves once and quits.
      const upcoming = Array.from({ length: AHEAD }, () => start(0));
      let held = 0; // the variant the file holds
      for (let round = 0; round < KILLS; round++) {
        const child = upcoming.shift()!;
        upcoming.push(start(round >= KILLS - AHEAD ? 1 : 0));
        const pid = child.process.pid!;
        await child.next((line) => 'ready' in line);
        child.process.stdin!.write(`${held}\n`);
        await child.next((line) => 'started' in line);
        const save = Math.floor(round / MOMENTS.length) % 2;
        if (save > 0) {
          // The first save cleaned up: no temp file of a dead Carve remains.
          await child.next((line) => line.saved === 0);
          expect(
            (await tempsOf()).filter((name) => !name.includes(`-tmp-${pid}-`)),
            `round ${round}`,
          ).toEqual([]);
        }
        const moment = MOMENTS[round % MOMENTS.length]!;
        const saving = await child.next((line) => line.saving === save);
        if (moment === 'once its temp file exists') {
          await until(child, folder, async () => (await tempsOf(pid)).length > 0);
        } else if (moment === 'once its temp file is half written') {
          const half = variants[0]!.length / 2;
          await until(child, folder, async () => {
            for (const name of await tempsOf(pid))
              if (((await fs.stat(path.join(folder, name)).catch(() => null))?.size ?? 0) >= half) return true;
            return false;
          });
        } else if (moment === 'as the save ends') {
          await child.next((line) => line.saved === save);
        }
        child.process.kill('SIGKILL');
        const { signal } = await child.exited;
        expect(signal, `round ${round}: the child was still saving`).toBe('SIGKILL');
        figures.kills++;

        const bytes = await fs.readFile(file);
        const which = hashes.indexOf(sha(bytes));
        expect(
          which,
          `round ${round} (${moment} of save ${save}): the file is neither the old nor the new bytes (${bytes.length} bytes)`,
        ).toBeGreaterThanOrEqual(0);
        held = which;
        if (which === saving.variant) figures.newBytes++;
        else figures.oldBytes++;
        if ((await tempsOf(pid)).length > 0) figures.tempLeft++;
        if (
          await fs.stat(lockPathOf(file)).then(
            () => true,
            () => false,
          )
        )
          figures.lockLeft++;
      }

      // One more Carve opens and saves the file once, then quits: nothing but the file remains.
      const last = upcoming.shift()!;
      for (const spare of upcoming) spare.process.kill('SIGKILL'); // never started: they wait for their turn
      await Promise.all(upcoming.map((spare) => spare.exited));
      await last.next((line) => 'ready' in line);
      last.process.stdin!.write(`${held}\n`);
      await last.next((line) => line.saved === 0);
      expect((await last.exited).code).toBe(0);
      expect(await fs.readdir(folder)).toEqual(['big.carve', 'saveChild.mjs'].sort());
      expect(hashes).toContain(sha(await fs.readFile(file)));
      expect(figures.kills).toBe(KILLS);
      console.log(`kill -9 during saves: ${JSON.stringify(figures)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  );
});
