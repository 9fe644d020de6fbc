import { Readable } from 'node:stream';
import { writeFile } from 'atomically';

/** How long atomically retries a busy file (Windows antivirus, EMFILE) before a write gives up. */
const RETRY_MS = 3000;

/**
 * Write `bytes` to `file` atomically: temp file in the same folder, fsync, rename over the target (atomically,
 * with its retries on Windows). The bytes go through a stream because atomically writes a buffer with one
 * write(2), which may write only part of it (disk full, file size limit) and would then rename a truncated
 * file over the old one; a write stream keeps writing the rest, or fails.
 */
export async function writeBytesAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await writeFile(file, Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), { timeout: RETRY_MS });
}

/** writeBytesAtomically for text, as UTF-8. */
export async function writeTextAtomically(file: string, text: string): Promise<void> {
  await writeBytesAtomically(file, Buffer.from(text, 'utf8'));
}
