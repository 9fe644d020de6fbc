// The low-level pieces of the Python lexer: character classes, strings (every prefix, triple quotes, f-strings
// with nested replacement fields as Python 3.12 reads them) and a tokenizer for one logical line. The scanner
// in scanSource.ts walks whole files with these; it tokenizes only the few lines that matter.

/** 1 for ASCII characters that may continue an identifier. Characters from U+0080 are checked with a regex. */
export const IDENT = new Uint8Array(128);
for (let c = 48; c <= 57; c++) IDENT[c] = 1;
for (let c = 65; c <= 90; c++) IDENT[c] = 1;
for (let c = 97; c <= 122; c++) IDENT[c] = 1;
IDENT[95] = 1;

const ID_CONTINUE = /^\p{ID_Continue}$/u;
const ID_START = /^[\p{ID_Start}_]$/u;

export function isIdentChar(c: number): boolean {
  if (c < 128) return IDENT[c] === 1;
  return ID_CONTINUE.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdfff);
}

export function isIdentStart(c: number): boolean {
  if (c < 128) return IDENT[c] === 1 && (c < 48 || c > 57);
  return ID_START.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdbff);
}

/** String prefix flags: 0 when the word is not a prefix, else 1 | F_STRING | RAW | BYTES. */
export const F_STRING = 2;
export const RAW = 4;
export const BYTES = 8;

export function stringPrefix(s: string, a: number, b: number): number {
  const len = b - a;
  if (len < 1 || len > 2) return 0;
  let flags = 1;
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k) | 32;
    if (c === 102) flags |= F_STRING;
    else if (c === 114) flags |= RAW;
    else if (c === 98) flags |= BYTES;
    else if (c === 117) {
      if (len !== 1) return 0;
    } else return 0;
  }
  if ((flags & F_STRING) !== 0 && (flags & BYTES) !== 0) return 0;
  if (len === 2 && (flags & RAW) === 0) return 0;
  return flags;
}

/**
 * Skip a string literal whose opening quote is at q. Returns the index after the closing quote, or -1 when the
 * string is not terminated (a newline in a single-quoted string, or the end of the file).
 */
export function skipString(s: string, q: number, flags: number): number {
  const n = s.length;
  const quote = s.charCodeAt(q);
  const triple = s.charCodeAt(q + 1) === quote && s.charCodeAt(q + 2) === quote;
  const isF = (flags & F_STRING) !== 0;
  const isRaw = (flags & RAW) !== 0;
  let i = q + (triple ? 3 : 1);
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      if (isF && isRaw && s.charCodeAt(i + 1) === 123) {
        i++;
        continue;
      }
      i += s.charCodeAt(i + 1) === 13 && s.charCodeAt(i + 2) === 10 ? 3 : 2;
      continue;
    }
    if (c === quote) {
      if (!triple) return i + 1;
      if (s.charCodeAt(i + 1) === quote && s.charCodeAt(i + 2) === quote) return i + 3;
      i++;
      continue;
    }
    if ((c === 10 || c === 13) && !triple) return -1;
    if (isF && c === 123) {
      if (s.charCodeAt(i + 1) === 123) {
        i += 2;
        continue;
      }
      i = skipReplacementField(s, i + 1, quote, triple);
      if (i < 0) return -1;
      continue;
    }
    i++;
  }
  return -1;
}

/** The expression part of an f-string field, from after `{` to after its `}`. */
function skipReplacementField(s: string, i: number, quote: number, triple: boolean): number {
  const n = s.length;
  let depth = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39) {
      let a = i;
      while (a > 0 && a > i - 2 && isIdentChar(s.charCodeAt(a - 1))) a--;
      const flags = a < i && !isIdentChar(s.charCodeAt(a - 1)) ? stringPrefix(s, a, i) : 1;
      i = skipString(s, i, flags || 1);
      if (i < 0) return -1;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93) depth--;
    else if (c === 125) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (c === 58 && depth === 0 && s.charCodeAt(i + 1) !== 61) {
      return skipFormatSpec(s, i + 1, quote, triple);
    } else if (c === 35) {
      while (i < n && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
      continue;
    } else if ((c === 10 || c === 13) && !triple) return -1;
    i++;
  }
  return -1;
}

function skipFormatSpec(s: string, i: number, quote: number, triple: boolean): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 123) {
      i = skipReplacementField(s, i + 1, quote, triple);
      if (i < 0) return -1;
      continue;
    }
    if (c === 125) return i + 1;
    if (c === quote && (!triple || (s.charCodeAt(i + 1) === quote && s.charCodeAt(i + 2) === quote))) return -1;
    if ((c === 10 || c === 13) && !triple) return -1;
    i++;
  }
  return -1;
}

export const T_NAME = 1;
export const T_OP = 2;
export const T_STRING = 3;
export const T_NUMBER = 4;

export interface Token {
  type: number;
  /** The token's text; for a string, its value when it is a plain string without escapes, else ''. */
  text: string;
  /** For strings: true when `text` holds the literal's value (no f-string, no bytes, no backslash). */
  plain: boolean;
  /** The physical line the token starts on. */
  line: number;
}

const OPS3 = new Set(['...', '**=', '//=', '>>=', '<<=']);
const OPS2 = new Set(['==', '!=', '<=', '>=', ':=', '->', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '**', '//', '<<', '>>']);

/**
 * Tokens of one logical line that the scanner has already checked (strings terminated, brackets balanced).
 * Comments, line continuations and newlines inside brackets are dropped.
 */
export function tokenize(s: string, start: number, end: number, firstLine = 1): Token[] {
  const out: Token[] = [];
  let i = start;
  let line = firstLine;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) line++;
    if (c === 32 || c === 9 || c === 12 || c === 10 || c === 13 || c === 92) {
      i++;
      continue;
    }
    if (c === 35) {
      while (i < end && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 34 || c === 39) {
      i = pushString(s, i, i, 1, line, out);
      line = countNewlines(out[out.length - 1]!, line);
      continue;
    }
    if (isIdentStart(c)) {
      const a = i;
      i++;
      while (i < end && isIdentChar(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q === 34 || q === 39) {
        const flags = stringPrefix(s, a, i);
        if (flags !== 0) {
          i = pushString(s, a, i, flags, line, out);
          line = countNewlines(out[out.length - 1]!, line);
          continue;
        }
      }
      out.push({ type: T_NAME, text: s.slice(a, i), plain: false, line });
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && s.charCodeAt(i + 1) >= 48 && s.charCodeAt(i + 1) <= 57)) {
      const a = i;
      i++;
      while (i < end) {
        const d = s.charCodeAt(i);
        if ((d === 43 || d === 45) && (s.charCodeAt(i - 1) | 32) === 101 && !/^0[xX]/.test(s.slice(a, i))) i++;
        else if (d === 46 || isIdentChar(d)) i++;
        else break;
      }
      out.push({ type: T_NUMBER, text: s.slice(a, i), plain: false, line });
      continue;
    }
    const three = s.slice(i, i + 3);
    if (OPS3.has(three)) {
      out.push({ type: T_OP, text: three, plain: false, line });
      i += 3;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (OPS2.has(two)) {
      out.push({ type: T_OP, text: two, plain: false, line });
      i += 2;
      continue;
    }
    out.push({ type: T_OP, text: s[i]!, plain: false, line });
    i++;
  }
  return out;
}

/** The line after a string token: its start line plus the newlines inside it. */
function countNewlines(token: Token, line: number): number {
  let k = -1;
  const text = token.text;
  while ((k = text.indexOf('\n', k + 1)) >= 0) line++;
  return line;
}

function pushString(s: string, a: number, q: number, flags: number, line: number, out: Token[]): number {
  const end = skipString(s, q, flags);
  const stop = end < 0 ? s.length : end;
  const quote = s.charCodeAt(q);
  const triple = s.charCodeAt(q + 1) === quote && s.charCodeAt(q + 2) === quote;
  const body = s.slice(q + (triple ? 3 : 1), stop - (triple ? 3 : 1));
  const plain = (flags & (F_STRING | BYTES)) === 0 && ((flags & RAW) !== 0 || !body.includes('\\'));
  out.push({ type: T_STRING, text: plain ? body : s.slice(a, stop), plain, line });
  return stop;
}
