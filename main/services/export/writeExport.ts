import fs from 'node:fs';
import path from 'node:path';
import { CarveError } from '../../../shared/api/result';
import { writeBytesAtomically } from '../atomicWrite';
import { errnoCode, plainReason } from '../fsErrors';

// Writing an export: refuse to replace a file unless asked, then temp file + fsync + rename (atomically), the
// same way a project is saved (main/services/atomicWrite.ts).

function exportError(name: string, reason: string): CarveError {
  return new CarveError('save-failed', `Could not export ${name}: ${reason}`);
}

/** Fails with `conflict` when something is at `absolute` and `overwrite` is not set; checks the folder exists. */
export async function checkExportTarget(absolute: string, overwrite: boolean): Promise<void> {
  const name = path.basename(absolute);
  const existing = await fs.promises.lstat(absolute).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return null;
    throw exportError(name, plainReason(error));
  });
  if (existing?.isDirectory()) throw exportError(name, `${name} is a folder`);
  if (existing && !overwrite) throw new CarveError('conflict', `${name} already exists`);
  const folder = path.dirname(absolute);
  const stats = await fs.promises.stat(folder).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') throw exportError(name, `the folder ${folder} does not exist`);
    throw exportError(name, plainReason(error));
  });
  if (!stats.isDirectory()) throw exportError(name, `${path.basename(folder)} is a file, not a folder`);
}

/** Temp file in the same folder, fsync, rename over the target; the old file stays whole when this fails. */
export async function writeExportFile(absolute: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeBytesAtomically(absolute, bytes);
  } catch (error) {
    const name = path.basename(absolute);
    throw exportError(name, errnoCode(error) === 'EISDIR' ? `${name} is a folder` : plainReason(error));
  }
}
