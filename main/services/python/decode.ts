import { TextDecoder } from 'node:util';

// Python source bytes to text, as CPython reads them (PEP 263): UTF-8 unless a coding cookie on line 1 or 2 says
// otherwise; a UTF-8 BOM; Latin-1 and cp1252 (and whatever else Node's TextDecoder knows) for declared cookies.
// Anything that does not decode is a problem for the import report, never a crash.

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/** The encoding named by a coding cookie in the first two lines, lower-cased, or null. */
export function codingCookie(bytes: Uint8Array): string | null {
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let end = bytes.indexOf(10);
  const first = Buffer.from(bytes.subarray(from, end < 0 ? Math.min(bytes.length, 400) : end)).toString('latin1');
  const match = COOKIE.exec(first);
  if (match) return match[1]!.toLowerCase();
  // A cookie on line 2 counts only when line 1 is blank or a comment.
  if (end < 0 || !/^[ \t\f]*(#.*)?\r?$/.test(first)) return null;
  const start = end + 1;
  end = bytes.indexOf(10, start);
  const second = Buffer.from(bytes.subarray(start, end < 0 ? Math.min(bytes.length, start + 400) : end)).toString('latin1');
  const match2 = COOKIE.exec(second);
  return match2 ? match2[1]!.toLowerCase() : null;
}

function normalize(encoding: string): string {
  const e = encoding.replace(/_/g, '-');
  if (e === 'utf-8' || e === 'utf8' || e.startsWith('utf-8-')) return 'utf-8';
  if (['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-latin-1'].includes(e)) return 'latin-1';
  if (e === 'cp1252' || e === 'windows-1252') return 'windows-1252';
  return e;
}

export function decodePython(bytes: Uint8Array): Decoded {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const cookie = codingCookie(bytes);
  const encoding = cookie === null ? 'utf-8' : normalize(cookie);
  // As CPython: with a BOM, only a cookie spelled utf-8 (or utf-8-*) is accepted ("utf8" is not).
  if (hasBom && cookie !== null && cookie !== 'utf-8' && !cookie.startsWith('utf-8-')) {
    return { ok: false, reason: `encoding problem: ${cookie} with a UTF-8 BOM` };
  }
  if (encoding === 'utf-8') {
    try {
      return { ok: true, text: utf8.decode(hasBom ? bytes.subarray(3) : bytes) };
    } catch {
      const line = firstBadUtf8Line(bytes);
      return { ok: false, reason: `not valid UTF-8 (line ${line}) and no coding declaration` };
    }
  }
  // Latin-1 proper (TextDecoder's "latin1" label is really windows-1252).
  if (encoding === 'latin-1') return { ok: true, text: Buffer.from(bytes).toString('latin1') };
  // cp1252 by hand: Node's TextDecoder reads it as Latin-1 when built without full ICU.
  if (encoding === 'windows-1252') return decodeCp1252(bytes, cookie!);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    return { ok: false, reason: `unknown encoding '${cookie}' in the coding declaration` };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: `not valid ${cookie} text` };
  }
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let k = 0; k <= bytes.length; k++) {
    if (k === bytes.length || bytes[k] === 10) {
      try {
        utf8.decode(bytes.subarray(start, k));
      } catch {
        return line;
      }
      line++;
      start = k + 1;
    }
  }
  return line;
}

/** cp1252 0x80-0x9F (-1: undefined in cp1252, an error as in CPython); other bytes are Latin-1. */
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1, -1, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array, cookie: string): Decoded {
  const chars: string[] = [];
  for (let k = 0; k < bytes.length; k += 8192) {
    const codes = Array.from(bytes.subarray(k, k + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b));
    if (codes.includes(-1)) return { ok: false, reason: `not valid ${cookie} text` };
    chars.push(String.fromCharCode(...codes));
  }
  return { ok: true, text: chars.join('') };
}
