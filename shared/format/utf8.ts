import { LoadError } from './errors';

// UTF-8 decoding for the loader: strict (a file with invalid bytes is refused, never silently patched with
// U+FFFD, which a later save would write back), a UTF-8 byte order mark accepted and dropped.

interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderClass = new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;

// TextDecoder is in every host (Node, Electron, browsers) but in neither of shared/'s type libraries.
const Decoder = (globalThis as unknown as { TextDecoder: DecoderClass }).TextDecoder;
let decoder: Utf8Decoder | null = null;

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Bytes to text; throws LoadError 'not-utf8' naming the first bad byte. */
export function decodeUtf8(bytes: Uint8Array): string {
  decoder ??= new Decoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(bytes);
  } catch {
    const at = findInvalidUtf8(bytes);
    let line = 1;
    for (let k = 0; k < at; k++) if (bytes[k] === 0x0a) line++;
    const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new LoadError('not-utf8', `not UTF-8 text: the byte 0x${hex} at offset ${Math.max(at, 0)} (line ${line}) is not valid UTF-8`);
  }
}
