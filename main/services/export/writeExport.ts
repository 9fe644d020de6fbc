import path from 'node:path';
import { CarveError } from '../../../shared/api/result';
import { checkWriteTarget, writeFileSafely } from '../atomicWrite';

// Writing an export through Carve's one write path (main/services/atomicWrite.ts): a regular file only, never
// replaced unless asked, temp file + fsync + rename under the same lock as a project save.

function exportError(name: string, reason: string): CarveError {
  return new CarveError('save-failed', `Could not export ${name}: ${reason}`);
}

const conflict = (name: string) => new CarveError('conflict', `${name} already exists`);

/** Refused before any work: a special file, a missing folder, a name too long; `conflict` when a file is there and `overwrite` is not set. */
export async function checkExportTarget(absolute: string, overwrite: boolean): Promise<void> {
  const name = path.basename(absolute);
  const exists = await checkWriteTarget(absolute, (reason) => exportError(name, reason));
  if (exists && !overwrite) throw conflict(name);
}

/** Temp file in the same folder, fsync, rename over the target; the old file stays whole when this fails. */
export async function writeExportFile(absolute: string, bytes: Uint8Array, overwrite = true): Promise<void> {
  const name = path.basename(absolute);
  await writeFileSafely({
    path: absolute,
    bytes,
    fail: (reason) => exportError(name, reason),
    check: (existing) => {
      if (existing !== null && !overwrite) throw conflict(name);
    },
  });
}
