import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBytes, openProjectFile, saveProjectFile, writeNewProjectFile } from '../../main/services/projectFiles';
import { plainReason } from '../../main/services/fsErrors';
import { CarveError } from '../../shared/api/result';
import { MAX_FILE_BYTES } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { createProject } from '../../shared/model/create';
import { loadSampleProject } from '../../shared/samples/acmeShop';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-files-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sample = loadSampleProject();

async function failure(promise: Promise<unknown>): Promise<CarveError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CarveError) return error;
    throw error;
  }
  throw new Error('expected a CarveError');
}

function expectOneLine(error: CarveError, ...parts: string[]) {
  expect(error.message).not.toMatch(/[\r\n]/);
  for (const part of parts) expect(error.message).toContain(part);
}

/** Everything in the folder: a failed save must not leave temp files behind. */
const listing = async () => (await fs.readdir(dir)).sort();

describe('openProjectFile', () => {
  it('opens a saved project with the hash of its bytes', async () => {
    const file = path.join(dir, 'shop.carve');
    await fs.writeFile(file, serializeProject(sample));
    const opened = await openProjectFile(file);
    expect(opened.path).toBe(file);
    expect(opened.project).toEqual(sample);
    expect(opened.hash).toBe(hashBytes(await fs.readFile(file)));
  });

  it('names the file and the problem for a broken file', async () => {
    const file = path.join(dir, 'broken.carve');
    await fs.writeFile(file, '{"format": "carve-project", ');
    const error = await failure(openProjectFile(file));
    expect(error.code).toBe('invalid-file');
    expect(error.message.startsWith('broken.carve: ')).toBe(true);
    expectOneLine(error);
  });

  it('says not-found for a missing file and not-a-file for a folder', async () => {
    const missing = await failure(openProjectFile(path.join(dir, 'missing.carve')));
    expect(missing.code).toBe('not-found');
    expectOneLine(missing, 'missing.carve');
    await fs.mkdir(path.join(dir, 'folder.carve'));
    const folder = await failure(openProjectFile(path.join(dir, 'folder.carve')));
    expect(folder.code).toBe('not-a-file');
    expectOneLine(folder, 'folder.carve', 'folder');
    const below = await failure(openProjectFile(path.join(dir, 'missing', 'x.carve')));
    expect(below.code).toBe('not-found');
  });

  it('refuses a named pipe as not-a-file instead of waiting on it forever', async () => {
    const fifo = path.join(dir, 'pipe.carve');
    await promisify(execFile)('mkfifo', [fifo]);
    const error = await failure(openProjectFile(fifo));
    expect(error.code).toBe('not-a-file');
    expectOneLine(error, 'pipe.carve');
  });

  it('answers invalid-file, naming the file, for any damaged copy of a saved project', async () => {
    const good = Buffer.from(serializeProject(sample));
    const file = path.join(dir, 'damaged.carve');
    await fc.assert(
      fc.asyncProperty(fc.nat(good.length - 1), fc.nat(good.length), fc.uint8Array({ maxLength: 8 }), async (at, cut, noise) => {
        const damaged = Buffer.concat([good.subarray(0, at), noise, good.subarray(Math.max(at, cut))]);
        await fs.writeFile(file, damaged);
        const result = await openProjectFile(file).then(
          () => null,
          (error: unknown) => error,
        );
        if (result === null) return; // the damage happened to leave a valid project
        expect(result).toBeInstanceOf(CarveError);
        expect((result as CarveError).code).toBe('invalid-file');
        expect((result as CarveError).message.startsWith('damaged.carve: ')).toBe(true);
        expect((result as CarveError).message).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a file larger than the limit from its size, before reading it', async () => {
    const file = path.join(dir, 'huge.carve');
    await fs.writeFile(file, '');
    await fs.truncate(file, MAX_FILE_BYTES + 1); // sparse: reading it would give zeros, not a size message
    const error = await failure(openProjectFile(file));
    expect(error.code).toBe('invalid-file');
    expectOneLine(error, 'huge.carve', 'too large');
  });
});

describe('saveProjectFile', () => {
  it('writes the canonical bytes, which reopen as the same project, and returns their hash', async () => {
    const file = path.join(dir, 'shop.carve');
    const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
    const bytes = await fs.readFile(file);
    expect(bytes.toString('utf8')).toBe(serializeProject(sample));
    expect(saved).toEqual({ path: file, hash: hashBytes(bytes) });
    const reopened = await openProjectFile(file);
    expect(reopened.project).toEqual(sample);
    expect(reopened.hash).toBe(saved.hash);
    expect(await listing()).toEqual(['shop.carve']);
  });

  it('gives identical bytes when the same project is saved twice', async () => {
    const file = path.join(dir, 'shop.carve');
    const first = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
    const before = await fs.readFile(file);
    const second = await saveProjectFile({ path: file, project: structuredClone(sample), baseHash: first.hash, overwrite: false });
    expect(second.hash).toBe(first.hash);
    expect(Buffer.compare(before, await fs.readFile(file))).toBe(0);
  });

  it('refuses an invalid project before touching the disk', async () => {
    const file = path.join(dir, 'shop.carve');
    const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
    const before = await fs.readFile(file);
    const broken = { ...sample, services: [{ id: 'x', name: 'X', moduleIds: ['no-such-module'] }] };
    const error = await failure(saveProjectFile({ path: file, project: broken, baseHash: saved.hash, overwrite: true }));
    expect(error.code).toBe('invalid-request');
    expectOneLine(error, 'shop.carve');
    expect(Buffer.compare(before, await fs.readFile(file))).toBe(0);
    const notAProject = await failure(
      saveProjectFile({ path: path.join(dir, 'new.carve'), project: 'hello', baseHash: null, overwrite: false }),
    );
    expect(notAProject.code).toBe('invalid-request');
    expect(await listing()).toEqual(['shop.carve']);
  });

  it('detects a file changed on disk since it was opened, and overwrites only when asked', async () => {
    const file = path.join(dir, 'shop.carve');
    const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
    const theirs = serializeProject({ ...sample, name: 'Changed elsewhere' });
    await fs.writeFile(file, theirs);
    const mine = { ...sample, description: 'my edit' };
    const error = await failure(saveProjectFile({ path: file, project: mine, baseHash: saved.hash, overwrite: false }));
    expect(error.code).toBe('conflict');
    expectOneLine(error, 'shop.carve', 'changed on disk');
    expect(await fs.readFile(file, 'utf8')).toBe(theirs);
    const forced = await saveProjectFile({ path: file, project: mine, baseHash: saved.hash, overwrite: true });
    expect(await fs.readFile(file, 'utf8')).toBe(serializeProject(mine));
    expect(forced.hash).toBe(hashBytes(serializeProject(mine)));
  });

  it('treats Save As onto an existing file as a conflict unless overwrite is set', async () => {
    const file = path.join(dir, 'other.carve');
    await fs.writeFile(file, 'someone else’s file');
    const error = await failure(saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false }));
    expect(error.code).toBe('conflict');
    expectOneLine(error, 'other.carve', 'already exists');
    expect(await fs.readFile(file, 'utf8')).toBe('someone else’s file');
    await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: true });
    expect(await fs.readFile(file, 'utf8')).toBe(serializeProject(sample));
  });

  it('treats a file deleted since it was opened as a conflict, and recreates it only when asked', async () => {
    const file = path.join(dir, 'shop.carve');
    const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
    await fs.rm(file);
    const error = await failure(saveProjectFile({ path: file, project: sample, baseHash: saved.hash, overwrite: false }));
    expect(error.code).toBe('conflict');
    expectOneLine(error, 'shop.carve was deleted or moved since you opened it');
    expect(await listing()).toEqual([]);
    await saveProjectFile({ path: file, project: sample, baseHash: saved.hash, overwrite: true });
    expect(await fs.readFile(file, 'utf8')).toBe(serializeProject(sample));
  });

  it('fails with save-failed when the folder is gone, without recreating it', async () => {
    const folder = path.join(dir, 'gone');
    const file = path.join(folder, 'shop.carve');
    await fs.mkdir(folder);
    const saved = await saveProjectFile({ path: file, project: sample, baseHash: null, overwrite: false });
    await fs.rm(folder, { recursive: true });
    const error = await failure(saveProjectFile({ path: file, project: sample, baseHash: saved.hash, overwrite: false }));
    expect(error.code).toBe('save-failed');
    expectOneLine(error, 'shop.carve', 'does not exist');
    await expect(fs.stat(folder)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails with save-failed when the path is a folder, leaving the folder and its content alone', async () => {
    const target = path.join(dir, 'shop.carve');
    await fs.mkdir(target);
    await fs.writeFile(path.join(target, 'keep.txt'), 'keep');
    for (const overwrite of [false, true]) {
      const error = await failure(saveProjectFile({ path: target, project: sample, baseHash: null, overwrite }));
      expect(error.code).toBe('save-failed');
      expectOneLine(error, 'shop.carve', 'folder');
    }
    expect(await fs.readFile(path.join(target, 'keep.txt'), 'utf8')).toBe('keep');
    expect(await listing()).toEqual(['shop.carve']);
  });

  it('fails with save-failed when the parent is a file', async () => {
    const parent = path.join(dir, 'plain.txt');
    await fs.writeFile(parent, 'not a folder');
    const error = await failure(
      saveProjectFile({ path: path.join(parent, 'shop.carve'), project: sample, baseHash: null, overwrite: true }),
    );
    expect(error.code).toBe('save-failed');
    expectOneLine(error, 'shop.carve', 'plain.txt');
    expect(await fs.readFile(parent, 'utf8')).toBe('not a folder');
  });

  it('leaves the old file whole when writing fails half-way (a file size limit that holds for root too)', async () => {
    const file = path.join(dir, 'shop.carve');
    const small = createProject('Tiny');
    await fs.writeFile(file, serializeProject(small));
    const before = await fs.readFile(file);
    const big = serializeProject(sample);
    expect(big.length).toBeGreaterThan(8 * 1024); // larger than the limit below
    const script = path.join(dir, 'save.ts');
    const services = path.resolve('main/services/projectFiles.ts');
    const samples = path.resolve('shared/samples/acmeShop.ts');
    await fs.writeFile(
      script,
      `import { saveProjectFile } from ${JSON.stringify(services)};
import { loadSampleProject } from ${JSON.stringify(samples)};
saveProjectFile({ path: ${JSON.stringify(file)}, project: loadSampleProject(), baseHash: null, overwrite: true })
  .then(() => console.log(JSON.stringify({ ok: true })), (e) => console.log(JSON.stringify({ ok: false, code: e.code, message: e.message })));
`,
    );
    // Node resets signal dispositions at start, so a listener (not `trap`) keeps SIGXFSZ from killing the
    // child: the write past the limit then fails with EFBIG, as a full disk fails with ENOSPC.
    const ignore = path.join(dir, 'ignore.cjs');
    await fs.writeFile(ignore, "process.on('SIGXFSZ', () => {});\n");
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-c', `ulimit -f 8 && exec node --require ${JSON.stringify(ignore)} --import tsx ${JSON.stringify(script)}`],
      {
        cwd: process.cwd(),
        env: { ...process.env, TSX_DISABLE_CACHE: '1' },
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(result).toMatchObject({ ok: false, code: 'save-failed' });
    expect(result.message).toContain('shop.carve');
    expect(result.message).toContain('too large');
    expect(Buffer.compare(before, await fs.readFile(file))).toBe(0);
    expect(await listing()).toEqual(['ignore.cjs', 'save.ts', 'shop.carve']);
  });
});

describe('permission denied, as a user without root’s rights meets it', () => {
  // Root ignores file modes, so as root the check runs as the unprivileged user "nobody" (setpriv, util-linux);
  // as anyone else it runs as that user. The services run in a child process either way.
  it('opening an unreadable file and saving into a read-only folder fail in one line, and the file stays whole', async () => {
    await fs.chmod(dir, 0o755);
    const locked = path.join(dir, 'locked');
    await fs.mkdir(locked);
    const file = path.join(locked, 'shop.carve');
    const unreadable = path.join(dir, 'secret.carve');
    await fs.writeFile(file, serializeProject(createProject('Before')));
    await fs.writeFile(unreadable, serializeProject(createProject('Secret')));
    await fs.chmod(unreadable, 0o000);
    await fs.chmod(locked, 0o555);
    const before = await fs.readFile(file);
    const script = path.join(dir, 'denied.ts');
    await fs.writeFile(
      script,
      `import { openProjectFile, saveProjectFile } from ${JSON.stringify(path.resolve('main/services/projectFiles.ts'))};
import { loadSampleProject } from ${JSON.stringify(path.resolve('shared/samples/acmeShop.ts'))};
const outcome = (p: Promise<unknown>) => p.then(() => ({ ok: true }), (e) => ({ ok: false, code: e.code, message: e.message }));
void (async () => {
  const open = await outcome(openProjectFile(${JSON.stringify(unreadable)}));
  const save = await outcome(saveProjectFile({ path: ${JSON.stringify(file)}, project: loadSampleProject(), baseHash: null, overwrite: true }));
  console.log(JSON.stringify({ open, save }));
})();
`,
    );
    // One bundled file in the temp folder: the user need not be able to read the checkout or node_modules.
    const bundle = path.join(dir, 'denied.mjs');
    // The lock library is CommonJS: its require of Node's own modules needs a require in the ES module bundle.
    const banner = { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" };
    await build({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent', banner });
    await fs.chmod(bundle, 0o644);
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
    const [command, ...args] = [...asUser, process.execPath, bundle];
    const { stdout } = await promisify(execFile)(command!, args, { cwd: dir, env: { PATH: process.env.PATH, HOME: dir } });
    const { open, save } = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(open).toEqual({ ok: false, code: 'permission-denied', message: 'Could not open secret.carve: permission was denied' });
    expect(save).toEqual({ ok: false, code: 'save-failed', message: 'Could not save shop.carve: permission was denied' });
    expect(Buffer.compare(before, await fs.readFile(file))).toBe(0);
    expect(await fs.readdir(locked)).toEqual(['shop.carve']);
    await fs.chmod(locked, 0o755);
  });
});

describe('writeNewProjectFile', () => {
  it('writes a new project and refuses to replace an existing file', async () => {
    const file = path.join(dir, 'new.carve');
    const project = createProject('Billing split');
    const saved = await writeNewProjectFile(file, project);
    expect(await fs.readFile(file, 'utf8')).toBe(serializeProject(project));
    expect(saved.hash).toBe(hashBytes(await fs.readFile(file)));
    const error = await failure(writeNewProjectFile(file, createProject('Other')));
    expect(error.code).toBe('conflict');
    expectOneLine(error, 'new.carve', 'already exists');
    expect(await fs.readFile(file, 'utf8')).toBe(serializeProject(project));
  });

  it('does not create missing folders', async () => {
    const error = await failure(writeNewProjectFile(path.join(dir, 'nope', 'new.carve'), createProject('X')));
    expect(error.code).toBe('save-failed');
    await expect(fs.stat(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('plain reasons', () => {
  it('puts errno codes in words', () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(plainReason(errno('ENOSPC'))).toBe('the disk is full');
    expect(plainReason(errno('EROFS'))).toBe('the disk is read-only');
    expect(plainReason(errno('EACCES'))).toBe('permission was denied');
    expect(plainReason(errno('EMFILE'))).toBe('too many files are open');
    expect(plainReason(new Error('first\nsecond'))).toBe('first');
  });
});
