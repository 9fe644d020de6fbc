import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { CarveError } from '../../shared/api/result';
import { errnoCode, plainReason } from './fsErrors';

// THE one write path of Carve: project saves, Save As, `carve new`, exports, import-python --out and drafts all
// write through writeFileSafely. It
// - replaces only a regular file (or writes through a symbolic link to one; the link stays a link), never a
//   device, a named pipe, a socket or a folder;
// - refuses a name longer than file systems allow, in words, and never writes to a shortened name;
// - writes a temp file beside the target (open, write all, fsync, close), takes a cross-process lock, lets the
//   caller compare what is on disk (compare-and-swap), renames the temp file over the target and fsyncs the
//   folder, then releases the lock: the target is always the old bytes or the new ones;
// - names its temp files `.<name>.carve-tmp-<pid>-<random>` and its lock `.<name>.carve-lock`, so that it can
//   remove its own stale ones (removeStaleLeftovers) and never touches another program's files.

/** The longest file name (in bytes) that Linux, macOS and Windows file systems accept. */
export const NAME_MAX_BYTES = 255;
/** A temp file of a live Carve older than this is left over too (a pid reused by another program). */
const STALE_TEMP_MS = 10 * 60 * 1000;
/** A lock whose holder stopped refreshing it this long ago is taken over (proper-lockfile's smallest value). */
export const LOCK_STALE_MS = 2000;
/** Waits for the lock up to about 2.5 s beyond the stale time: a held lock is a save under way, a few ms. */
const LOCK_RETRIES = { retries: 30, factor: 1.3, minTimeout: 10, maxTimeout: 250 };

/** Builds the error a failed write ends with, e.g. "Could not save shop.carve: the disk is full". */
export type WriteFailure = (reason: string) => CarveError;

/** The file found at the target under the lock; `read` gives its bytes. */
export interface ExistingFile {
  read(): Promise<Buffer>;
}

export interface WriteRequest {
  path: string;
  bytes: Uint8Array;
  fail: WriteFailure;
  /**
   * Called under the lock just before the rename with what is at the target now (null: nothing). Throwing
   * refuses the write (a conflict) and leaves the target alone.
   */
  check?: (existing: ExistingFile | null) => Promise<void> | void;
}

/** Where a write lands: the real file (through a link), and the mode and owner to keep. */
interface Target {
  file: string;
  stats: fs.Stats | null;
}

/**
 * Writes `bytes` to `path` through the one write path (see the top of this file); resolves to the real path
 * written (the link's target when `path` is a link to a file).
 */
export async function writeFileSafely(request: WriteRequest): Promise<string> {
  const { fail } = request;
  const absolute = path.resolve(request.path);
  checkNameLength(path.basename(absolute), fail);
  const target = await resolveTarget(absolute, fail);
  await removeStaleLeftovers(target.file);
  const temp = await writeTemp(target, request.bytes, fail);
  try {
    const release = await takeLock(target.file, fail);
    try {
      await request.check?.(await existingFile(target.file, fail));
      await renameOver(temp, target.file, fail);
      await syncFolder(path.dirname(target.file));
    } finally {
      await release().catch(() => {});
    }
  } catch (error) {
    await fs.promises.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  return target.file;
}

/**
 * Checks, before any work, that `path` could be written: its name's length, a regular file or a link to one,
 * or nothing in a folder that exists. Resolves to whether a file is there now.
 */
export async function checkWriteTarget(file: string, fail: WriteFailure): Promise<boolean> {
  const absolute = path.resolve(file);
  checkNameLength(path.basename(absolute), fail);
  return (await resolveTarget(absolute, fail)).stats !== null;
}

function checkNameLength(name: string, fail: WriteFailure): void {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > NAME_MAX_BYTES) throw fail(`the file name is ${bytes} bytes long; this file system allows ${NAME_MAX_BYTES}`);
}

/** What a path holds, in words, when it is not a regular file. */
export function notRegularReason(stats: fs.Stats, name: string): string {
  if (stats.isDirectory()) return `${name} is a folder`;
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a regular file';
  if (stats.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

async function resolveTarget(absolute: string, fail: WriteFailure): Promise<Target> {
  const name = path.basename(absolute);
  let stats: fs.Stats;
  try {
    stats = await fs.promises.lstat(absolute);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      await checkFolder(path.dirname(absolute), fail);
      return { file: absolute, stats: null };
    }
    if (code === 'ENAMETOOLONG') throw fail(`the path is ${Buffer.byteLength(absolute)} bytes long, longer than this system allows`);
    throw fail(plainReason(error));
  }
  if (!stats.isSymbolicLink()) {
    if (!stats.isFile()) throw fail(notRegularReason(stats, name));
    return { file: absolute, stats };
  }
  // A link to a regular file is written through: the file it points to is replaced, the link stays.
  let real: string;
  try {
    real = await fs.promises.realpath(absolute);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') throw fail('it is a link to a file that does not exist');
    throw fail(plainReason(error));
  }
  const realStats = await fs.promises.stat(real).catch((error: unknown) => {
    throw fail(plainReason(error));
  });
  if (!realStats.isFile())
    throw fail(`it is a link to something that is not a regular file (${notRegularReason(realStats, path.basename(real))})`);
  return { file: real, stats: realStats };
}

/** The folder must already exist: a write never creates (or recreates) folders. */
async function checkFolder(folder: string, fail: WriteFailure): Promise<void> {
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(folder);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') throw fail(`the folder ${folder} does not exist`);
    if (code === 'ENOTDIR') throw fail(`a part of the folder ${folder} is a file, not a folder`);
    throw fail(plainReason(error));
  }
  if (!stats.isDirectory()) throw fail(`${path.basename(folder)} is a file, not a folder`);
}

/**
 * The part of a file's name its temp files and lock start with. Long names are cut (with a hash of the whole
 * name) so that `.<stem>.carve-tmp-<pid>-<random>` stays within NAME_MAX_BYTES.
 */
function stemOf(name: string): string {
  if (Buffer.byteLength(name) <= 200) return name;
  let cut = name;
  while (Buffer.byteLength(cut) > 180) cut = cut.slice(0, -1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

const tempPrefix = (file: string) => `.${stemOf(path.basename(file))}.carve-tmp-`;
export const lockPathOf = (file: string) => path.join(path.dirname(file), `.${stemOf(path.basename(file))}.carve-lock`);

/** True when `name` (a file in the target's folder) is one of Carve's temp files for `file`. */
export function isTempOf(file: string, name: string): boolean {
  const prefix = tempPrefix(file);
  return name.startsWith(prefix) && /^\d+-[0-9a-f]{8}$/.test(name.slice(prefix.length));
}

async function writeTemp(target: Target, bytes: Uint8Array, fail: WriteFailure): Promise<string> {
  const temp = path.join(path.dirname(target.file), `${tempPrefix(target.file)}${process.pid}-${randomBytes(4).toString('hex')}`);
  const mode = target.stats ? target.stats.mode & 0o7777 : 0o666;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(temp, 'wx', mode);
  } catch (error) {
    throw fail(plainReason(error));
  }
  try {
    await handle.writeFile(bytes); // writes it all, or fails (a full disk, a size limit)
    if (target.stats) {
      await handle.chmod(mode); // the mode the file had, whatever the umask
      if (process.getuid?.() === 0) await handle.chown(target.stats.uid, target.stats.gid).catch(() => {});
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.promises.rm(temp, { force: true }).catch(() => {});
    throw fail(plainReason(error));
  }
  try {
    await handle.close();
  } catch (error) {
    await fs.promises.rm(temp, { force: true }).catch(() => {});
    throw fail(plainReason(error));
  }
  return temp;
}

async function takeLock(file: string, fail: WriteFailure): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(file, {
      realpath: false,
      lockfilePath: lockPathOf(file),
      stale: LOCK_STALE_MS,
      retries: LOCK_RETRIES,
      // The lock is held for the check and the rename only; a lost refresh cannot be undone, so it is not fatal.
      onCompromised: () => {},
    });
  } catch (error) {
    if (errnoCode(error) === 'ELOCKED') throw fail('another save of this file did not finish; try again');
    throw fail(plainReason(error));
  }
}

/** What is at `file` now, under the lock: nothing, a regular file, or a refusal. */
async function existingFile(file: string, fail: WriteFailure): Promise<ExistingFile | null> {
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(file);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw fail(plainReason(error));
  }
  if (!stats.isFile()) throw fail(notRegularReason(stats, path.basename(file)));
  return { read: () => readRegularFile(file) };
}

/** Reads a file that must be a regular one; opened non-blocking so that a named pipe put there cannot hang it. */
export async function readRegularFile(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw Object.assign(new Error(notRegularReason(stats, path.basename(file))), { code: 'ENOTREGULAR' });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function renameOver(temp: string, file: string, fail: WriteFailure): Promise<void> {
  // Windows: a virus scanner or indexer may hold the target for a moment; retry briefly there only.
  const attempts = process.platform === 'win32' ? 20 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.promises.rename(temp, file);
      return;
    } catch (error) {
      const code = errnoCode(error);
      const busy = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
      if (!busy || attempt >= attempts) throw fail(code === 'EISDIR' ? `${path.basename(file)} is a folder` : plainReason(error));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** fsync the folder so that the rename itself survives a power loss (not possible on Windows: skipped). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a folder (EINVAL); the rename is done all the same.
  } finally {
    await handle.close().catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/** Temp files that atomically (Carve before 0.2) left: `<name>.tmp-<10 digits><6 hex>`. */
const isLegacyTempOf = (file: string, name: string) =>
  name.startsWith(`${path.basename(file)}.tmp-`) && /^\d{10}[0-9a-f]{6}$/.test(name.slice(path.basename(file).length + 5));

/**
 * Removes what Carve left beside `file` when a save was killed: its temp files for that file whose process is
 * gone (or that are older than ten minutes), and a stale lock. Never throws; returns how many were removed.
 */
export async function removeStaleLeftovers(file: string, now = Date.now()): Promise<number> {
  const folder = path.dirname(file);
  let names: string[];
  try {
    names = await fs.promises.readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const ours = isTempOf(file, name);
    if (!ours && !isLegacyTempOf(file, name)) continue;
    const entry = path.join(folder, name);
    const stats = await fs.promises.lstat(entry).catch(() => null);
    if (!stats?.isFile()) continue;
    const old = now - stats.mtimeMs > STALE_TEMP_MS;
    const gone = ours && !isAlive(Number(name.slice(tempPrefix(file).length).split('-')[0]));
    if (!old && !gone) continue;
    if (
      await fs.promises.rm(entry).then(
        () => true,
        () => false,
      )
    )
      removed++;
  }
  if (names.includes(path.basename(lockPathOf(file)))) removed += await removeStaleLock(file);
  return removed;
}

/** A lock nobody refreshes is taken over and released at once (proper-lockfile's own stale rule). */
async function removeStaleLock(file: string): Promise<number> {
  const held = await lockfile.check(file, { realpath: false, lockfilePath: lockPathOf(file), stale: LOCK_STALE_MS }).catch(() => true);
  if (held) return 0;
  try {
    const release = await lockfile.lock(file, {
      realpath: false,
      lockfilePath: lockPathOf(file),
      stale: LOCK_STALE_MS,
      onCompromised: () => {},
    });
    await release();
    return 1;
  } catch {
    return 0;
  }
}

/** writeFileSafely for text, as UTF-8. */
export function writeTextSafely(request: Omit<WriteRequest, 'bytes'> & { text: string }): Promise<string> {
  return writeFileSafely({ ...request, bytes: Buffer.from(request.text, 'utf8') });
}
