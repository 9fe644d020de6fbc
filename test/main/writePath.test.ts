import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTempOf, lockPathOf, removeStaleLeftovers } from '../../main/services/atomicWrite';
import { Drafts } from '../../main/services/drafts';
import { exportProject } from '../../main/services/export/exportProject';
import { openProjectFile, saveProjectFile, writeNewProjectFile } from '../../main/services/projectFiles';
import { CarveError } from '../../shared/api/result';
import { MAX_FILE_BYTES } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { createProject } from '../../shared/model/create';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { bigProject } from './bigProject';

// The one write path (main/services/atomicWrite.ts) as every caller meets it: special files, over-long names,
// links, leftovers of killed saves, limits that agree, a full disk. Real files in a temp folder.

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-write-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sample = loadSampleProject();
const run = promisify(execFile);

async function failure(promise: Promise<unknown>): Promise<CarveError> {
  const result = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (result instanceof CarveError) return result;
  throw new Error(`expected a CarveError, got ${String(result)}`);
}

function oneLine(error: CarveError): string {
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message).not.toContain('[');
  return error.message;
}

const listing = async (folder = dir) => (await fs.readdir(folder)).sort();

/** Every way a caller writes a file, each refused or not in the same way by the one write path. */
const writers: Array<[string, (target: string) => Promise<unknown>]> = [
  ['save (overwrite)', (target) => saveProjectFile({ path: target, project: sample, baseHash: null, overwrite: true })],
  ['save (from a base)', (target) => saveProjectFile({ path: target, project: sample, baseHash: 'abc', overwrite: false })],
  ['carve new', (target) => writeNewProjectFile(target, createProject('New'))],
  [
    'export (overwrite)',
    (target) => exportProject({ project: sample, format: 'md', path: target, overwrite: true, generatedOn: '2026-01-01' }),
  ],
];

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('special files are never replaced', () => {
  it('/dev/null stays a device whatever writes to it, with one line naming the problem', async () => {
    for (const [what, write] of writers) {
      const error = await failure(write('/dev/null'));
      expect(error.code, what).toBe('save-failed');
      expect(oneLine(error), what).toMatch(/^Could not (save|export) null: it is a device, not a regular file$/);
      expect((await fs.stat('/dev/null')).isCharacterDevice(), what).toBe(true);
    }
  });

  it('a named pipe, a socket and a link to /dev/null are refused and left as they are', async () => {
    const fifo = path.join(dir, 'pipe.carve');
    await run('mkfifo', [fifo]);
    const socketPath = path.join(dir, 'socket.carve');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const link = path.join(dir, 'null.carve');
    await fs.symlink('/dev/null', link);
    try {
      for (const [what, write] of writers) {
        expect(oneLine(await failure(write(fifo))), what).toMatch(/: it is a named pipe \(FIFO\), not a regular file$/);
        expect(oneLine(await failure(write(socketPath))), what).toMatch(/: it is a socket, not a regular file$/);
        expect(oneLine(await failure(write(link))), what).toMatch(
          /: it is a link to something that is not a regular file \(it is a device, not a regular file\)$/,
        );
      }
      expect((await fs.lstat(fifo)).isFIFO()).toBe(true);
      expect((await fs.lstat(socketPath)).isSocket()).toBe(true);
      expect(await fs.readlink(link)).toBe('/dev/null');
      expect(await listing()).toEqual(['null.carve', 'pipe.carve', 'socket.carve']); // no temp file left
    } finally {
      server.close();
    }
  });

  it('a dangling link is refused, and nothing is created where it points', async () => {
    const link = path.join(dir, 'dangling.carve');
    await fs.symlink(path.join(dir, 'nowhere.carve'), link);
    for (const [what, write] of writers)
      expect(oneLine(await failure(write(link))), what).toMatch(/: it is a link to a file that does not exist$/);
    expect(await listing()).toEqual(['dangling.carve']);
  });
});

describe('links to regular files', () => {
  it('are written through: the file they point to gets the new bytes, the link stays a link, the mode is kept', async () => {
    const realDir = path.join(dir, 'real');
    await fs.mkdir(realDir);
    const real = path.join(realDir, 'shop.carve');
    await fs.writeFile(real, serializeProject(createProject('Before')), { mode: 0o640 });
    await fs.chmod(real, 0o640);
    const link = path.join(dir, 'shop.carve');
    await fs.symlink(real, link);
    const opened = await openProjectFile(link);
    const saved = await saveProjectFile({ path: link, project: sample, baseHash: opened.hash, overwrite: false });
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readlink(link)).toBe(real);
    expect(await fs.readFile(real, 'utf8')).toBe(serializeProject(sample));
    expect((await fs.stat(real)).mode & 0o777).toBe(0o640);
    expect(saved.hash).toBe((await openProjectFile(link)).hash);
    expect(await listing(realDir)).toEqual(['shop.carve']);
    expect(await listing()).toEqual(['real', 'shop.carve']);
  });
});

describe('over-long names', () => {
  it('a 300-byte name is an error naming the limit, and the 128-character file a truncating writer would hit is untouched', async () => {
    const long = `${'a'.repeat(294)}.carve`;
    const cut = path.join(dir, long.slice(0, 128));
    await fs.writeFile(cut, 'precious');
    const cutTo255 = path.join(dir, long.slice(0, 255));
    await fs.writeFile(cutTo255, 'precious too');
    for (const [what, write] of writers) {
      const error = await failure(write(path.join(dir, long)));
      expect(error.code, what).toBe('save-failed');
      expect(oneLine(error), what).toMatch(/: the file name is 300 bytes long; this file system allows 255$/);
    }
    expect(await fs.readFile(cut, 'utf8')).toBe('precious');
    expect(await fs.readFile(cutTo255, 'utf8')).toBe('precious too');
    expect(await listing()).toEqual([path.basename(cutTo255), path.basename(cut)].sort());
  });

  it('names up to 255 bytes (multi-byte ones too) are saved, with temp files and a lock that fit', async () => {
    for (const name of [`${'b'.repeat(249)}.carve`, `${'é'.repeat(124)}.carve`]) {
      expect(Buffer.byteLength(name)).toBeGreaterThan(248);
      const file = path.join(dir, name);
      const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
      await saveProjectFile({ path: file, project: createProject('Again'), baseHash: saved.hash, overwrite: false });
      expect((await openProjectFile(file)).project.name).toBe('Again');
      expect(Buffer.byteLength(path.basename(lockPathOf(file)))).toBeLessThanOrEqual(255);
    }
    expect((await listing()).length).toBe(2);
  });
});

describe("Carve's own leftovers", () => {
  it('are removed when the file is next opened or saved: dead-pid and old temp files, a stale lock; never another program’s files', async () => {
    const file = path.join(dir, 'shop.carve');
    await fs.writeFile(file, serializeProject(sample));
    const dead = await deadPid();
    const tenMinutesAgo = new Date(Date.now() - 11 * 60 * 1000);
    const leftovers = {
      dead: `.shop.carve.carve-tmp-${dead}-0123abcd`,
      oldLive: `.shop.carve.carve-tmp-${process.pid}-89abcdef`,
      legacyOld: 'shop.carve.tmp-1764000000a1b2c3',
    };
    const kept = {
      live: `.shop.carve.carve-tmp-${process.pid}-00112233`, // a save of this process under way
      legacyYoung: 'shop.carve.tmp-1764000001d4e5f6',
      otherTarget: `.other.carve.carve-tmp-${dead}-0123abcd`,
      editorSwap: '.shop.carve.swp',
      lookalike: `.shop.carve.carve-tmp-${dead}-notours`,
      other: 'shop.carve.tmp-mine',
    };
    for (const name of [...Object.values(leftovers), ...Object.values(kept)]) await fs.writeFile(path.join(dir, name), 'x');
    for (const name of [leftovers.oldLive, leftovers.legacyOld]) await fs.utimes(path.join(dir, name), tenMinutesAgo, tenMinutesAgo);
    await fs.mkdir(lockPathOf(file));
    await fs.utimes(lockPathOf(file), tenMinutesAgo, tenMinutesAgo);
    expect(isTempOf(file, leftovers.dead)).toBe(true);
    expect(isTempOf(file, kept.lookalike)).toBe(false);

    const opened = await openProjectFile(file);
    const expected = ['shop.carve', ...Object.values(kept)].sort();
    expect(await listing()).toEqual(expected);

    // A save cleans them too (the open did it here, so new ones are planted first).
    await fs.writeFile(path.join(dir, leftovers.dead), 'x');
    await fs.mkdir(lockPathOf(file));
    await fs.utimes(lockPathOf(file), tenMinutesAgo, tenMinutesAgo);
    await saveProjectFile({ path: file, project: createProject('After'), baseHash: opened.hash, overwrite: false });
    expect(await listing()).toEqual(expected);
    expect(await removeStaleLeftovers(file)).toBe(0);
  });

  it('a lock still held by a live save is not removed by an open', async () => {
    const file = path.join(dir, 'shop.carve');
    await fs.writeFile(file, serializeProject(sample));
    await fs.mkdir(lockPathOf(file)); // fresh: another save holds it now
    await openProjectFile(file);
    expect(await listing()).toEqual(['.shop.carve.carve-lock', 'shop.carve']);
  });
});

describe('what Carve saves, it opens', () => {
  const huge = bigProject((MAX_FILE_BYTES + 2 * 1024 * 1024) / (1024 * 1024));

  it('a project larger than Carve opens is refused at save in one line, the old file and its draft stay', async () => {
    const file = path.join(dir, 'shop.carve');
    const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
    const error = await failure(saveProjectFile({ path: file, project: huge, baseHash: saved.hash, overwrite: false }));
    expect(error.code).toBe('save-failed');
    expect(oneLine(error)).toMatch(
      /^Could not save shop\.carve: the project is 3\d MB, and Carve opens files up to 32 MB; split it or remove modules first$/,
    );
    expect(await fs.readFile(file, 'utf8')).toBe(serializeProject(sample));
    expect(await listing()).toEqual(['shop.carve']);

    const drafts = new Drafts(path.join(dir, 'drafts'));
    await drafts.save('d1', file, { ...sample, description: 'an edit' });
    const draftError = await failure(drafts.save('d1', file, huge));
    expect(oneLine(draftError)).toMatch(/^Could not keep a draft of Large a: the project is 3\d MB, and Carve opens files up to 32 MB/);
    expect((await drafts.load('d1')).project.description).toBe('an edit'); // the last draft that fits is kept
    expect((await drafts.list()).map((draft) => draft.id)).toEqual(['d1']);
  });

  it('a project just under the limit saves and reopens', async () => {
    // (Its draft is smaller still: a draft holds the project as compact JSON, within the same limit.)
    const file = path.join(dir, 'large.carve');
    const large = bigProject(30);
    await saveProjectFile({ path: file, project: large, baseHash: null, overwrite: false });
    expect((await fs.stat(file)).size).toBeGreaterThan(28 * 1024 * 1024);
    expect((await fs.stat(file)).size).toBeLessThanOrEqual(MAX_FILE_BYTES);
    expect((await openProjectFile(file)).project.monolith.modules.length).toBe(large.monolith.modules.length);
  });
});

describe('a full disk', () => {
  it('fails the save in one line and leaves the old file whole, with no temp file behind (a 1 MB tmpfs)', async (context) => {
    const mount = path.join(dir, 'small');
    await fs.mkdir(mount);
    const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]).then(
      () => null,
      (error: unknown) => (error as { stderr?: string }).stderr?.trim() || String(error),
    );
    if (mounted !== null) {
      console.warn(`full-disk test skipped: mount -t tmpfs failed here (${mounted})`);
      context.skip(`mount -t tmpfs failed: ${mounted}`);
      return;
    }
    try {
      const file = path.join(mount, 'shop.carve');
      const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
      const before = await fs.readFile(file);
      // Larger than the whole 1 MB disk: the save cannot fit, whatever the sample's own size.
      const error = await failure(saveProjectFile({ path: file, project: bigProject(1.5), baseHash: saved.hash, overwrite: false }));
      expect(error.code).toBe('save-failed');
      expect(oneLine(error)).toBe('Could not save shop.carve: the disk is full');
      expect(Buffer.compare(before, await fs.readFile(file))).toBe(0);
      expect(await listing(mount)).toEqual(['shop.carve']);
      // Fill what is left, then an export fails the same way and leaves nothing behind.
      await fs.writeFile(path.join(mount, 'filler'), Buffer.alloc(1024 * 1024)).catch(() => {});
      const exported = await failure(
        exportProject({ project: sample, format: 'md', path: path.join(mount, 'roadmap.md'), overwrite: false, generatedOn: '2026-01-01' }),
      );
      expect(oneLine(exported)).toBe('Could not export roadmap.md: the disk is full');
      expect(await listing(mount)).toEqual(['filler', 'shop.carve']);
      expect(Buffer.compare(before, await fs.readFile(file))).toBe(0);
    } finally {
      await run('umount', [mount]);
    }
  });
});
