import fs from 'node:fs/promises';
import readline from 'node:readline';
import { hashBytes, saveProjectFile } from '../../main/services/projectFiles';
import { CarveError } from '../../shared/api/result';
import type { Project } from '../../shared/model/project';
import { bigProject } from './bigProject';

// A child process for the fault-injection tests (killDuringSave, saveConflicts): it saves through the real
// services and prints one JSON line per thing it does, so that the test waits on what it said, not on time.
// The tests bundle it with esbuild (saveChildBundle.ts) so that a child starts in tens of milliseconds.
//
//   loop FILE MB COUNT   once the variant FILE holds comes on stdin, read FILE's hash, then save two variants of a MB-sized project in turn from the hash of the
//                        last save (compare-and-swap), COUNT times (0: until killed)
//   race FILE            for each stdin line {round, baseHash, variant, mb}: save that variant from baseHash

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function loop(file: string, megabytes: number, count: number): Promise<void> {
  const variants = [bigProject(megabytes, 'a'), bigProject(megabytes, 'b')];
  // Started ahead of its turn, it waits for its line on stdin: the variant the file holds now (0 or 1).
  say({ ready: process.pid });
  let held = 0;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    held = Number(line);
    break;
  }
  // The file's hash as an open gives it (the first save removes what a killed Carve left, as an open would).
  let hash = hashBytes(await fs.readFile(file));
  say({ started: process.pid });
  let next = 1 - held;
  for (let k = 0; count === 0 || k < count; k++, next = 1 - next) {
    say({ saving: k, variant: next });
    ({ hash } = await saveProjectFile({ path: file, project: variants[next]!, baseHash: hash, overwrite: false }));
    say({ saved: k, variant: next });
  }
}

async function race(file: string): Promise<void> {
  const cache = new Map<string, Project>();
  say({ ready: process.pid });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const { round, baseHash, variant, mb } = JSON.parse(line) as { round: number; baseHash: string; variant: string; mb: number };
    const key = `${variant}/${mb}`;
    if (!cache.has(key)) cache.set(key, bigProject(mb, variant));
    const start = Date.now();
    try {
      await saveProjectFile({ path: file, project: cache.get(key)!, baseHash, overwrite: false });
      say({ round, ok: true, start, end: Date.now() });
    } catch (error) {
      if (!(error instanceof CarveError)) throw error;
      say({ round, ok: false, code: error.code, message: error.message, start, end: Date.now() });
    }
  }
}

const [mode, file, megabytes, count] = process.argv.slice(2);
const done = mode === 'loop' ? loop(file!, Number(megabytes), Number(count)) : race(file!);
done.then(
  () => process.exit(0),
  (error: unknown) => {
    say({ failed: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
