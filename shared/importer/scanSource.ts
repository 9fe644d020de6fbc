// A fast Python lexer over a whole file. One pass over the characters finds the logical lines (strings of every
// form, comments, brackets, backslash continuations), checks indentation as CPython's tokenizer does, counts
// lines of code, and hands each logical line to the statement scanner, which tokenizes only the lines that
// can matter (flags set here while identifiers go by). See docs/python-import.md for what differs from CPython.
import { IDENT, isIdentChar, isIdentStart, skipString, stringPrefix } from './pyLexer';
import {
  HAS_APPS,
  HAS_FIELD,
  HAS_IMPORT,
  HAS_IMPORT_ERROR,
  HAS_MODEL_ATTR,
  HAS_SETTING,
  HAS_TYPE_CHECKING,
  StatementScanner,
} from './statements';
import type { FileScan } from './types';

const OPERATOR_CHARS = new Uint8Array(128);
for (const c of '+-*/%@&|^~<>=.,:;!') OPERATOR_CHARS[c.charCodeAt(0)] = 1;
const OPENERS = '([{';
const CLOSERS = ')]}';

function describeChar(c: number): string {
  const hex = c.toString(16).toUpperCase().padStart(4, '0');
  return c < 32 || c === 127 || c === 0xa0
    ? `invalid non-printable character U+${hex}`
    : `invalid character '${String.fromCharCode(c)}' (U+${hex})`;
}

export function emptyScan(): FileScan {
  return {
    lines: 0,
    codeLines: 0,
    imports: [],
    classes: [],
    blueprints: 0,
    routers: 0,
    installedApps: null,
    authUserModel: null,
    error: null,
  };
}

/** Read what the importer needs from one Python source text. Never throws: a syntax error ends the scan. */
export function scanPythonSource(src: string): FileScan {
  const out = emptyScan();
  const statements = new StatementScanner(src, out);
  const n = src.length;
  // (n > 0: reading past the end of an empty file would cost the optimized code a deopt.)
  let i = n > 0 && src.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let codeLines = 0;
  const indents = [0];
  const alts = [0];
  let expectIndent = false;
  let headerLine = 0;
  const fail = (at: number, reason: string): FileScan => {
    out.error = { line: at, reason };
    out.codeLines = codeLines;
    out.lines = countLines(src);
    return out;
  };

  while (i < n) {
    // Indentation of a physical line that may start a logical line.
    let col = 0;
    let alt = 0;
    let c = src.charCodeAt(i);
    while (c === 32 || c === 9 || c === 12) {
      if (c === 32) {
        col++;
        alt++;
      } else if (c === 9) {
        col = col - (col % 8) + 8;
        alt++;
      } else {
        col = 0;
        alt = 0;
      }
      c = src.charCodeAt(++i);
    }
    if (i >= n) break;
    if (c === 35) {
      while (i < n && c !== 10 && c !== 13) c = src.charCodeAt(++i);
      if (i >= n) break;
    }
    if (c === 10 || c === 13) {
      i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }

    const top = indents[indents.length - 1]!;
    if (col > top) {
      if (!expectIndent) return fail(line, 'unexpected indent');
      if (alt <= alts[alts.length - 1]!) return fail(line, 'inconsistent use of tabs and spaces in indentation');
      indents.push(col);
      alts.push(alt);
    } else {
      if (expectIndent) return fail(line, `expected an indented block after line ${headerLine}`);
      while (col < indents[indents.length - 1]!) {
        indents.pop();
        alts.pop();
      }
      if (col !== indents[indents.length - 1]!) return fail(line, 'unindent does not match any outer indentation level');
      if (alt !== alts[alts.length - 1]!) return fail(line, 'inconsistent use of tabs and spaces in indentation');
    }

    // One logical line.
    const start = i;
    const startLine = line;
    const brackets: number[] = [];
    const bracketLines: number[] = [];
    let sawCode = false;
    let lastColon = false;
    let first: string | null = null;
    let tokens = 0;
    let flags = 0;
    let prevDef = false;
    for (;;) {
      if (i >= n) {
        if (sawCode) codeLines++;
        if (brackets.length > 0) {
          return fail(bracketLines[bracketLines.length - 1]!, `'${String.fromCharCode(brackets[brackets.length - 1]!)}' was never closed`);
        }
        break;
      }
      c = src.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (sawCode) codeLines++;
        sawCode = false;
        i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        if (brackets.length === 0) break;
        continue;
      }
      if (c === 32 || c === 9 || c === 12) {
        i++;
        continue;
      }
      if (c === 35) {
        while (i < n && c !== 10 && c !== 13) c = src.charCodeAt(++i);
        continue;
      }
      if (c === 92) {
        const d = src.charCodeAt(i + 1);
        if (d === 10 || d === 13) {
          i += d === 13 && src.charCodeAt(i + 2) === 10 ? 3 : 2;
          if (sawCode) codeLines++;
          sawCode = false;
          line++;
          continue;
        }
        if (i + 1 >= n) return fail(line, 'unexpected end of file after a line continuation character');
        return fail(line, 'unexpected character after line continuation character');
      }
      sawCode = true;
      tokens++;
      let stringFlags = 0;
      let q = i;
      if (c === 34 || c === 39) {
        stringFlags = 1;
      } else if (c < 128 ? IDENT[c] === 1 && (c < 48 || c > 57) : isIdentStart(c)) {
        const a = i;
        i = wordEnd(src, i + 1, n);
        const d = src.charCodeAt(i);
        if (d === 34 || d === 39) stringFlags = stringPrefix(src, a, i);
        if (stringFlags === 0) {
          if (tokens === 1) first = src.slice(a, i);
          flags |= wordFlags(src, a, i, out, prevDef);
          prevDef = (i - a === 3 && src.startsWith('def', a)) || (i - a === 5 && src.startsWith('class', a));
          lastColon = false;
          continue;
        }
        q = i;
      }
      if (stringFlags !== 0) {
        const end = skipString(src, q, stringFlags);
        const quote = src.charCodeAt(q);
        const triple = src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote;
        if (end < 0) return fail(line, triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal');
        const crossed = stringLines(src, q, end);
        if (crossed > 0) {
          line += crossed;
          codeLines += 1 + stringCodeLines; // the line the string starts on has code: its quote
          sawCode = stringSawCode;
        }
        i = end;
        lastColon = false;
        prevDef = false;
        continue;
      }
      prevDef = false;
      if ((c >= 48 && c <= 57) || (c === 46 && src.charCodeAt(i + 1) >= 48 && src.charCodeAt(i + 1) <= 57)) {
        i = numberEnd(src, i, c);
        lastColon = false;
        continue;
      }
      const opener = OPENERS.indexOf(String.fromCharCode(c));
      if (opener >= 0) {
        brackets.push(c);
        bracketLines.push(line);
        i++;
        lastColon = false;
        continue;
      }
      const closer = CLOSERS.indexOf(String.fromCharCode(c));
      if (closer >= 0) {
        const open = brackets.pop();
        if (open === undefined) return fail(line, `unmatched '${String.fromCharCode(c)}'`);
        if (open !== OPENERS.charCodeAt(closer)) {
          return fail(
            line,
            `closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${String.fromCharCode(open)}'`,
          );
        }
        bracketLines.pop();
        i++;
        lastColon = false;
        continue;
      }
      if (c < 128 && OPERATOR_CHARS[c] === 1) {
        const d = src.charCodeAt(i + 1);
        if (c === 33 && d !== 61) return fail(line, "invalid syntax: '!' alone is not an operator");
        if (c === 58) {
          if (d === 61) {
            i += 2;
            lastColon = false;
          } else {
            i++;
            lastColon = brackets.length === 0;
          }
          continue;
        }
        i++;
        lastColon = false;
        continue;
      }
      return fail(line, describeChar(c));
    }
    statements.line(start, i, col, startLine, first, lastColon, flags);
    expectIndent = lastColon;
    if (lastColon) headerLine = startLine;
  }
  if (expectIndent) return fail(line, `expected an indented block after line ${headerLine}`);
  out.codeLines = codeLines;
  out.lines = countLines(src);
  return out;
}

// The lexer's loops over the characters of a word, a number and a string live in small functions of their own:
// V8 compiles a function again each time code meets a construct it had not met when it optimized it, and the
// lexer as one function took 0.3-0.9 s to compile, ten times a thread on real code (wagtail, django-oscar).

/** The end of an identifier whose first character is before `i`. */
function wordEnd(src: string, i: number, n: number): number {
  for (;;) {
    const d = src.charCodeAt(i);
    if (d < 128 ? IDENT[d] === 1 : i < n && isIdentChar(d)) i++;
    else return i;
  }
}

/** Words that make a line worth tokenizing, and what they flag. */
const WORD_FLAGS: ReadonlyMap<string, number> = new Map([
  ['import', HAS_IMPORT],
  ['ForeignKey', HAS_FIELD],
  ['OneToOneField', HAS_FIELD],
  ['ManyToManyField', HAS_FIELD],
  ['TYPE_CHECKING', HAS_TYPE_CHECKING],
  ['AUTH_USER_MODEL', HAS_SETTING],
  ['ImportError', HAS_IMPORT_ERROR],
  ['ModuleNotFoundError', HAS_IMPORT_ERROR],
  ...['__tablename__', 'foreign_key', 'relationship', 'Relationship', '__abstract__', 'abstract', 'proxy', 'label'].map(
    (word) => [word, HAS_MODEL_ATTR] as const,
  ),
]);
/** Only words of these lengths can be in WORD_FLAGS (most words are not sliced). */
const FLAGGED_LENGTHS = new Uint8Array(32);
for (const word of WORD_FLAGS.keys()) FLAGGED_LENGTHS[word.length] = 1;

/** The flags a word sets for the statement scanner (it tokenizes only the lines that can matter). */
function wordFlags(src: string, a: number, i: number, out: FileScan, prevDef: boolean): number {
  const len = i - a;
  let flags = len < 32 && FLAGGED_LENGTHS[len] === 1 ? (WORD_FLAGS.get(src.slice(a, i)) ?? 0) : 0;
  if (len === 9 && !prevDef) {
    const isBlueprint = src.startsWith('Blueprint', a);
    if (isBlueprint || src.startsWith('APIRouter', a)) {
      let k = i;
      while (src.charCodeAt(k) === 32) k++;
      if (src.charCodeAt(k) === 40) {
        if (isBlueprint) out.blueprints++;
        else out.routers++;
      }
    }
  }
  if (len >= 4 && src.charCodeAt(i - 1) === 83 && src.startsWith('APPS', i - 4)) flags |= HAS_APPS;
  return flags;
}

/** The end of a number literal starting at `i` with character `c`. */
function numberEnd(src: string, i: number, c: number): number {
  const a = i;
  i++;
  const hex = c === 48 && (src.charCodeAt(i) | 32) === 120;
  for (;;) {
    const d = src.charCodeAt(i);
    if (d < 128 && (IDENT[d] === 1 || d === 46)) i++;
    else if ((d === 43 || d === 45) && !hex && (src.charCodeAt(i - 1) | 32) === 101 && i - 1 > a) i++;
    else return i;
  }
}

// What stringLines found besides the line breaks it returns (module state: no object per string).
let stringCodeLines = 0;
let stringSawCode = false;

/**
 * The line breaks inside the string literal src[q, end). When there are any, stringCodeLines is how many of the
 * lines after the first hold code (a character other than a blank) and end inside the string, and
 * stringSawCode whether the last line has code so far.
 */
function stringLines(src: string, q: number, end: number): number {
  let breaks = 0;
  let sawCode = true;
  let codeLines = -1;
  for (let k = q; k < end; k++) {
    const d = src.charCodeAt(k);
    if (d === 10 || (d === 13 && src.charCodeAt(k + 1) !== 10)) {
      if (sawCode) codeLines++;
      breaks++;
      sawCode = false;
    } else if (d !== 32 && d !== 9 && d !== 13) sawCode = true;
  }
  stringCodeLines = codeLines;
  stringSawCode = sawCode;
  return breaks;
}

function countLines(src: string): number {
  if (src.length === 0) return 0;
  let lines = 0;
  let k = -1;
  while ((k = src.indexOf('\n', k + 1)) >= 0) lines++;
  const last = src.charCodeAt(src.length - 1);
  return last === 10 ? lines : lines + 1;
}
