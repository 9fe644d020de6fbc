import type { PathSegment } from './errors';

// Checks on JSON text and on parsed JSON that must survive hostile input: no recursion over user data (a file
// nested 100,000 levels deep must not blow the stack), linear time, and cheap when the file is sound.

export interface JsonSyntaxProblem {
  problem: string;
  offset: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

function showChar(text: string, i: number): string {
  const c = text.codePointAt(i)!;
  if (c < 0x20 || c === 0x7f) return `a control character (U+${c.toString(16).toUpperCase().padStart(4, '0')})`;
  const ch = String.fromCodePoint(c);
  return ch === "'" ? `"'"` : `'${ch}'`;
}

/**
 * Where and why `text` is not JSON, in plain words; null when it is JSON. Run only after JSON.parse failed:
 * the engine's messages differ between engines and versions and some give no position.
 */
export function locateJsonError(text: string): JsonSyntaxProblem | null {
  const n = text.length;
  const stack: number[] = []; // 0x5b '[' or 0x7b '{'
  let i = 0;
  const fail = (problem: string, offset = i): JsonSyntaxProblem => ({ problem, offset });
  const end = (): JsonSyntaxProblem => fail('unexpected end of the file', n);
  const skipWs = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const unexpected = (): JsonSyntaxProblem => {
    if (i >= n) return end();
    const c = text.charCodeAt(i);
    if (c === 0x27) return fail(`unexpected character ${showChar(text, i)} (JSON text uses double quotes)`);
    return fail(`unexpected character ${showChar(text, i)}`);
  };
  // Scans a string starting at the quote at i; leaves i after the closing quote.
  const scanString = (): JsonSyntaxProblem | null => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) return fail('a text value has no closing double quote', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail(`a text value holds ${showChar(text, i)}: write it as an escape such as \\n`);
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) return fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (i + 1 < n && '"\\/bfnrt'.includes(text.charAt(i + 1))) i += 2;
        else return i + 1 >= n ? end() : fail(`a text value has the unknown escape \\${text.charAt(i + 1)}`);
      } else i++;
    }
  };
  const scanNumber = (): JsonSyntaxProblem | null => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else return fail('a number is not written correctly', start);
    if (isDigit(text.charCodeAt(i))) return fail('a number cannot start with 0', start);
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(text.charCodeAt(i))) return fail('a number is not written correctly', start);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 0x2b || s === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) return fail('a number is not written correctly', start);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return null;
  };
  const scanKey = (): JsonSyntaxProblem | null => {
    skipWs();
    if (i >= n) return end();
    if (text.charCodeAt(i) !== 0x22) return fail(`expected a property name in double quotes, found ${showChar(text, i)}`);
    const bad = scanString();
    if (bad) return bad;
    skipWs();
    if (i >= n) return end();
    if (text.charCodeAt(i) !== 0x3a) return fail(`expected ':' after a property name, found ${showChar(text, i)}`);
    i++;
    return null;
  };

  for (;;) {
    // A value is expected at i.
    skipWs();
    if (i >= n) return end();
    const c = text.charCodeAt(i);
    let bad: JsonSyntaxProblem | null = null;
    let opened = false;
    if (c === 0x7b || c === 0x5b) {
      stack.push(c);
      i++;
      skipWs();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        stack.pop();
        i++;
      } else if (c === 0x7b) {
        bad = scanKey();
        opened = true;
      } else opened = true;
    } else if (c === 0x22) bad = scanString();
    else if (c === 0x2d || isDigit(c)) bad = scanNumber();
    else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else return unexpected();
    if (bad) return bad;
    if (opened) continue;
    // After a value: close containers, or a comma then the next value.
    for (;;) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? fail(`unexpected ${showChar(text, i)} after the end of the data`) : null;
      if (i >= n) return end();
      const d = text.charCodeAt(i);
      const close = top === 0x7b ? 0x7d : 0x5d;
      if (d === close) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 0x2c) return fail(`expected ',' or '${String.fromCharCode(close)}', found ${showChar(text, i)}`);
      const comma = i;
      i++;
      skipWs();
      if (text.charCodeAt(i) === 0x5d || text.charCodeAt(i) === 0x7d)
        return fail('a comma before a closing bracket (JSON allows no trailing comma)', comma);
      if (top === 0x7b) {
        bad = scanKey();
        if (bad) return bad;
      }
      break;
    }
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset of the first bracket that opens level `limit + 1`, or -1. `text` must be valid JSON (JSON.parse
 * accepted it). Strings are skipped with indexOf, so the scan costs little next to JSON.parse.
 */
export function findDeepNesting(text: string, limit: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let q = text.indexOf('"', i + 1);
      for (;;) {
        if (q < 0) return -1;
        let slashes = 0;
        while (text.charCodeAt(q - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        q = text.indexOf('"', q + 1);
      }
      i = q;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/** Keys that reach into JavaScript's object machinery; a .carve file never needs them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Could the text hold a forbidden key? A cheap pre-check: a literal key, or any \u escape (which could spell
 * one). Only when it hits does the loader walk the parsed value with findForbiddenKey.
 */
export const FORBIDDEN_KEY_HINT = /"(?:__proto__|constructor|prototype)"|\\u/;

interface Frame {
  value: unknown;
  parent: Frame | null;
  key: PathSegment;
}

function pathOf(frame: Frame): PathSegment[] {
  const path: PathSegment[] = [];
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) path.push(f.key);
  return path.reverse();
}

/** The path of the first forbidden key in a parsed JSON value (iterative, any depth), or null. */
export function findForbiddenKey(root: unknown): PathSegment[] | null {
  const stack: Frame[] = [{ value: root, parent: null, key: '' }];
  while (stack.length) {
    const frame = stack.pop()!;
    const value = frame.value;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let k = value.length - 1; k >= 0; k--) {
        const item: unknown = value[k];
        if (item !== null && typeof item === 'object') stack.push({ value: item, parent: frame, key: k });
      }
      continue;
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return [...pathOf(frame), key];
    }
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ value: item, parent: frame, key });
    }
  }
  return null;
}
