// Readers of a tokenized logical line (pyLexer.tokenize) for the statement scanner: dotted names, call
// arguments, class headers, relation fields and the pieces of model statements (a def's name, a call's first
// argument, the class an annotation names, leading string arguments).
import { T_NAME, T_OP, T_STRING, type Token } from './pyLexer';
import type { ClassRecord, FieldRecord, RelationField } from './types';

const FIELDS = new Set<string>(['ForeignKey', 'OneToOneField', 'ManyToManyField']);
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError']);
/** Type wrappers skipped when a relationship's class is read from its annotation. */
const TYPE_WRAPPERS = new Set([
  'Mapped',
  'WriteOnlyMapped',
  'DynamicMapped',
  'Optional',
  'List',
  'list',
  'Set',
  'set',
  'Sequence',
  'Union',
  'None',
  'typing',
  'Dict',
  'dict',
  'str',
  'int',
  'Any',
]);
/** Keywords that look like names but are constants to Python's parser. */
const CONSTANTS = new Set(['None', 'True', 'False']);

export function isName(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.type === T_NAME && t.text === text;
}

export function isOp(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.type === T_OP && t.text === text;
}

/** NAME ('.' NAME)* from k: the dotted text and the index after it, or null. */
export function dottedName(t: Token[], k: number, b: number): [string | null, number] {
  if (k >= b || t[k]!.type !== T_NAME) return [null, k];
  let name = t[k]!.text;
  k++;
  while (k + 1 < b && isOp(t[k], '.') && t[k + 1]!.type === T_NAME) {
    name += '.' + t[k + 1]!.text;
    k += 2;
  }
  return [name, k];
}

/** The colon that ends a compound statement's header (the first `:` outside brackets). */
export function headerColon(t: Token[]): number {
  let depth = 0;
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!;
    if (tok.type !== T_OP) continue;
    const c = tok.text;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ':' && depth === 0) return k;
  }
  return -1;
}

/** `if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:` (also elif). */
export function isTypeCheckingTest(t: Token[]): boolean {
  const colon = headerColon(t);
  if (colon < 0) return false;
  const [name, next] = dottedName(t, 1, colon);
  return name !== null && next === colon && (name === 'TYPE_CHECKING' || name.endsWith('.TYPE_CHECKING'));
}

export function catchesImportError(t: Token[]): boolean {
  const colon = headerColon(t);
  for (let k = 1; k < colon; k++) {
    const tok = t[k]!;
    if (tok.type === T_NAME && IMPORT_ERRORS.has(tok.text)) {
      if (isName(t[k - 1], 'as')) continue;
      return true;
    }
  }
  return false;
}

/** Arguments between the brackets at `open` and its match: [start, end) ranges, and the index after the close. */
function callArguments(t: Token[], open: number, b: number): [Array<[number, number]>, number] {
  const args: Array<[number, number]> = [];
  let depth = 0;
  let a = open + 1;
  for (let k = open; k < b; k++) {
    const tok = t[k]!;
    if (tok.type !== T_OP) continue;
    const c = tok.text;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        if (k > a) args.push([a, k]);
        return [args, k + 1];
      }
    } else if (c === ',' && depth === 1) {
      if (k > a) args.push([a, k]);
      a = k + 1;
    }
  }
  return [args, b];
}

export function classHeader(t: Token[], lineNo: number): ClassRecord | null {
  const nameTok = t[1];
  if (nameTok === undefined || nameTok.type !== T_NAME) return null;
  const record: ClassRecord = { name: nameTok.text, line: lineNo, bases: [], fields: [] };
  if (isOp(t[2], '(')) {
    const [args] = callArguments(t, 2, t.length);
    for (const [a, e] of args) {
      if (t[a]!.type === T_NAME && isOp(t[a + 1], '=')) {
        const [value, next] = dottedName(t, a + 2, e);
        if (value !== null && next === e) (record.keywords ??= {})[t[a]!.text] = value;
        continue;
      }
      const [name, next] = dottedName(t, a, e);
      if (name !== null && next === e && !CONSTANTS.has(name)) record.bases.push(name);
    }
  }
  return record;
}

/** The name after `def` (or `async def`) at `start`. */
export function defName(src: string, start: number): string | null {
  return /^(?:async\s+)?def\s+([\p{ID_Start}_][\p{ID_Continue}]*)/u.exec(src.slice(start, start + 200))?.[1] ?? null;
}

/** The first positional argument of the call whose `(` is at `open`, as a literal target; null when none. */
export function firstArgument(t: Token[], open: number, b: number): string | null {
  const [args] = callArguments(t, open, b);
  const first = args[0];
  if (first === undefined) return null;
  const [s, e] = first;
  if (t[s]!.type === T_NAME && isOp(t[s + 1], '=')) return null;
  return targetOf(t, s, e);
}

/** The class an annotation names, wrappers left out: `Mapped[List["Order"]]` -> Order; null when none. */
export function annotationClass(t: Token[], a: number, e: number): string | null {
  for (let k = a; k < e; k++) {
    const tok = t[k]!;
    if (tok.type === T_STRING) {
      if (!tok.plain) continue;
      for (const word of tok.text.match(/[A-Za-z_][\w.]*/g) ?? []) if (!TYPE_WRAPPERS.has(word) && !word.startsWith('typing.')) return word;
      continue;
    }
    if (tok.type !== T_NAME) continue;
    const [name, next] = dottedName(t, k, e);
    if (name !== null && !TYPE_WRAPPERS.has(name) && !name.startsWith('typing.') && !isOp(t[next], '[')) return name;
    k = next - 1;
  }
  return null;
}

/** The leading plain string arguments of the call whose `(` is at `open`. */
export function stringArgs(t: Token[], open: number, b: number): { args?: string[] } {
  if (!isOp(t[open], '(')) return {};
  const args: string[] = [];
  for (const [s, e] of callArguments(t, open, b)[0]) {
    if (e !== s + 1 || t[s]!.type !== T_STRING || !t[s]!.plain) break;
    args.push(t[s]!.text);
  }
  return args.length > 0 ? { args } : {};
}

/** A literal target: concatenated plain strings, or a dotted name; null for anything else. */
export function targetOf(t: Token[], a: number, e: number): string | null {
  if (t[a]!.type === T_STRING) {
    let text = '';
    for (let k = a; k < e; k++) {
      if (t[k]!.type !== T_STRING || !t[k]!.plain) return null;
      text += t[k]!.text;
    }
    return text;
  }
  const [name, next] = dottedName(t, a, e);
  return next === e && name !== null && !CONSTANTS.has(name) ? name : null;
}

/** `name = models.ForeignKey(target, ...)` or `name: T = ForeignKey(to=target)`. */
export function relationField(t: Token[], a: number, b: number, lineNo: number): FieldRecord | null {
  const name = t[a]!;
  let k = a + 1;
  if (isOp(t[k], ':')) {
    while (k < b && !isOp(t[k], '=')) k++;
  }
  if (!isOp(t[k], '=')) return null;
  const [callee, open] = dottedName(t, k + 1, b);
  if (callee === null || !isOp(t[open], '(')) return null;
  const field = callee.slice(callee.lastIndexOf('.') + 1);
  if (!FIELDS.has(field)) return null;
  const [args, after] = callArguments(t, open, b);
  if (after !== b) return null;
  let target: string | null = null;
  let positional = true;
  let seen = false;
  for (const [s, e] of args) {
    if (t[s]!.type === T_NAME && isOp(t[s + 1], '=')) {
      if (t[s]!.text === 'to') target = s + 2 < e ? targetOf(t, s + 2, e) : null;
      continue;
    }
    if (positional && !seen) {
      seen = true;
      target = targetOf(t, s, e);
      positional = false;
    }
  }
  return { name: name.text, line: lineNo, field: field as RelationField, target };
}
