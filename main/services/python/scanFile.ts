import fs from 'node:fs';
import path from 'node:path';
import { scanPythonSource } from '../../../shared/importer/scanSource';
import type { FileScan } from '../../../shared/importer/types';
import { decodePython } from './decode';

// Read, decode and scan one file: the unit of work of the scan workers (and of the in-thread path).

/** Files larger than this are reported, not read: generated data, not code a person maintains. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type FileOutcome = { path: string; scan: FileScan } | { path: string; problem: string };

export function scanFile(root: string, rel: string): FileOutcome {
  let bytes: Buffer;
  try {
    const abs = path.join(root, rel);
    const size = fs.statSync(abs).size;
    if (size > MAX_FILE_BYTES) return { path: rel, problem: `too large to read (${Math.round(size / 1024 / 1024)} MB)` };
    bytes = fs.readFileSync(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { path: rel, problem: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `cannot be read (${code ?? 'error'})` };
  }
  const decoded = decodePython(bytes);
  if (!decoded.ok) return { path: rel, problem: decoded.reason };
  return { path: rel, scan: scanPythonSource(decoded.text) };
}
