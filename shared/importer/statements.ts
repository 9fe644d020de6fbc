// The statement scanner: given the logical lines of a file (from scanSource.ts) with their indentation, it keeps
// the stack of enclosing blocks (def, class, if TYPE_CHECKING, try) and reads the statements that matter:
// imports, class headers, relation fields in class bodies and INSTALLED_APPS assignments.
import { T_NAME, T_OP, T_STRING, tokenize, type Token } from './pyLexer';
import type { ClassRecord, FieldRecord, FileScan, ImportRecord, RelationField } from './types';

/** Flags the lexer sets while it scans a logical line, so that most lines are never tokenized. */
export const HAS_IMPORT = 1;
export const HAS_FIELD = 2;
export const HAS_TYPE_CHECKING = 4;
export const HAS_IMPORT_ERROR = 8;
export const HAS_APPS = 16;
export const HAS_SETTING = 32;

type BlockKind = 'def' | 'class' | 'tc' | 'try' | 'other';

interface Block {
  indent: number;
  kind: BlockKind;
  cls: ClassRecord | null;
  /** Imports in the body of a try: made optional when a handler catches ImportError. */
  records: ImportRecord[] | null;
}

const COMPOUND = new Set(['if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'def', 'class', 'async']);
const SOFT_COMPOUND = new Set(['match', 'case']);
const FIELDS = new Set<string>(['ForeignKey', 'OneToOneField', 'ManyToManyField']);
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError']);
/** Keywords that look like names but are constants to Python's parser. */
const CONSTANTS = new Set(['None', 'True', 'False']);

export class StatementScanner {
  private readonly blocks: Block[] = [];
  private readonly recentTry = new Map<number, Block>();
  private readonly lists = new Map<string, string[]>();
  private stmt = 0;

  constructor(
    private readonly src: string,
    private readonly out: FileScan,
  ) {}

  /** One logical line: [start, end) of the source, its indentation column and first line number. */
  line(start: number, end: number, indent: number, lineNo: number, first: string | null, endsWithColon: boolean, flags: number): void {
    const blocks = this.blocks;
    while (blocks.length > 0 && blocks[blocks.length - 1]!.indent >= indent) {
      const closed = blocks.pop()!;
      if (closed.kind === 'try') this.recentTry.set(closed.indent, closed);
    }
    const isCompound = first !== null && (COMPOUND.has(first) || (endsWithColon && SOFT_COMPOUND.has(first)));
    if (!isCompound) {
      if (this.needsTokens(flags, first)) this.simpleStatements(tokenize(this.src, start, end, lineNo), 0);
      return;
    }
    if (first === 'except' && (flags & HAS_IMPORT_ERROR) !== 0) {
      const tried = this.recentTry.get(indent);
      if (tried && catchesImportError(tokenize(this.src, start, end, lineNo))) {
        for (const record of tried.records!) if (record.kind === 'runtime') record.kind = 'optional';
      }
    }
    let tokens: Token[] | null = null;
    const block: Block = { indent, kind: 'other', cls: null, records: null };
    if (first === 'def') block.kind = 'def';
    else if (first === 'async') block.kind = /^async\s+def\b/.test(this.src.slice(start, start + 40)) ? 'def' : 'other';
    else if (first === 'try') {
      block.kind = 'try';
      block.records = [];
    } else if ((first === 'if' || first === 'elif') && (flags & HAS_TYPE_CHECKING) !== 0) {
      tokens = tokenize(this.src, start, end, lineNo);
      if (isTypeCheckingTest(tokens)) block.kind = 'tc';
    } else if (first === 'class') {
      tokens = tokenize(this.src, start, end, lineNo);
      block.kind = 'class';
      block.cls = classHeader(tokens, lineNo);
      if (block.cls) this.out.classes.push(block.cls);
    }
    blocks.push(block);
    if (endsWithColon) return;
    // A suite on the same line as its header: `if TYPE_CHECKING: import x`, `try: import y`.
    if (this.needsTokens(flags, null) || (flags & HAS_FIELD) !== 0) {
      tokens ??= tokenize(this.src, start, end, lineNo);
      const colon = headerColon(tokens);
      if (colon >= 0) this.simpleStatements(tokens, colon + 1);
    }
    blocks.pop();
    if (block.kind === 'try') this.recentTry.set(indent, block);
  }

  private needsTokens(flags: number, first: string | null): boolean {
    if ((flags & HAS_IMPORT) !== 0) return true;
    const top = this.blocks[this.blocks.length - 1];
    if ((flags & HAS_FIELD) !== 0 && top !== undefined && top.kind === 'class') return true;
    if ((flags & HAS_SETTING) !== 0 && first === 'AUTH_USER_MODEL') return true;
    return (flags & HAS_APPS) !== 0 && first !== null && first.endsWith('APPS');
  }

  /** Simple statements separated by `;`, from token `from` to the end of the line; each at its own line. */
  private simpleStatements(tokens: Token[], from: number): void {
    let a = from;
    for (let k = from; k <= tokens.length; k++) {
      const t = tokens[k];
      if (t !== undefined && !(t.type === T_OP && t.text === ';')) continue;
      if (k > a) this.simpleStatement(tokens, a, k);
      a = k + 1;
    }
  }

  private simpleStatement(t: Token[], a: number, b: number): void {
    const head = t[a]!;
    const lineNo = head.line;
    if (head.type !== T_NAME) return;
    if (head.text === 'import') this.importStatement(t, a + 1, b, lineNo);
    else if (head.text === 'from') this.fromStatement(t, a + 1, b, lineNo);
    else {
      const top = this.blocks[this.blocks.length - 1];
      if (top !== undefined && top.kind === 'class' && top.cls) {
        const field = relationField(t, a, b, lineNo);
        if (field) top.cls.fields.push(field);
      }
      const moduleLevel = !this.blocks.some((block) => block.kind === 'def' || block.kind === 'class');
      if (head.text.endsWith('APPS') && moduleLevel) this.appsAssignment(t, a, b);
      if (head.text === 'AUTH_USER_MODEL' && moduleLevel && isOp(t[a + 1], '=') && a + 2 < b) {
        const value = targetOf(t, a + 2, b);
        if (value !== null && t[a + 2]!.type === T_STRING) this.out.authUserModel = value;
      }
    }
  }

  private record(lineNo: number, stmt: number, level: number, module: string, names: string[] | null): void {
    let scope: ImportRecord['scope'] = 'module';
    let kind: ImportRecord['kind'] = 'runtime';
    for (const block of this.blocks) {
      if (block.kind === 'def') scope = 'function';
      else if (block.kind === 'tc') kind = 'type-checking';
    }
    const record: ImportRecord = { line: lineNo, stmt, level, module, names, scope, kind };
    this.out.imports.push(record);
    for (const block of this.blocks) if (block.kind === 'try') block.records!.push(record);
  }

  private importStatement(t: Token[], k: number, b: number, lineNo: number): void {
    const stmt = this.stmt++;
    while (k < b) {
      const [name, next] = dottedName(t, k, b);
      if (name === null) return;
      this.record(lineNo, stmt, 0, name, null);
      k = next;
      if (isName(t[k], 'as')) k += 2;
      if (!isOp(t[k], ',')) return;
      k++;
    }
  }

  private fromStatement(t: Token[], k: number, b: number, lineNo: number): void {
    let level = 0;
    while (k < b && (isOp(t[k], '.') || isOp(t[k], '...'))) level += t[k++]!.text.length;
    let module = '';
    if (!isName(t[k], 'import')) {
      const [name, next] = dottedName(t, k, b);
      if (name === null) return;
      module = name;
      k = next;
    }
    if (!isName(t[k], 'import')) return;
    k++;
    if (isOp(t[k], '(')) k++;
    const names: string[] = [];
    while (k < b) {
      const tok = t[k]!;
      if (tok.type === T_NAME) names.push(tok.text);
      else if (tok.type === T_OP && tok.text === '*') names.push('*');
      else break;
      k++;
      if (isName(t[k], 'as')) k += 2;
      if (!isOp(t[k], ',')) break;
      k++;
    }
    if (names.length > 0) this.record(lineNo, this.stmt++, level, module, names);
  }

  /** `NAME = [...]`, `NAME += (...)`, `NAME = A + [...]` with string literals, for INSTALLED_APPS. */
  private appsAssignment(t: Token[], a: number, b: number): void {
    const name = t[a]!.text;
    const op = t[a + 1];
    if (op === undefined || op.type !== T_OP || (op.text !== '=' && op.text !== '+=')) return;
    const value: string[] = op.text === '+=' ? [...(this.lists.get(name) ?? [])] : [];
    if (op.text === '+=' && !this.lists.has(name)) return;
    let k = a + 2;
    for (;;) {
      const tok = t[k];
      if (tok === undefined || k >= b) return;
      if (tok.type === T_NAME) {
        const known = this.lists.get(tok.text);
        if (!known) return;
        value.push(...known);
        k++;
      } else if (tok.type === T_OP && (tok.text === '[' || tok.text === '(')) {
        const close = tok.text === '[' ? ']' : ')';
        k++;
        while (k < b && !isOp(t[k], close)) {
          let text = '';
          let any = false;
          while (k < b && t[k]!.type === T_STRING) {
            if (!t[k]!.plain) return;
            text += t[k]!.text;
            any = true;
            k++;
          }
          if (!any) return;
          value.push(text);
          if (isOp(t[k], ',')) k++;
          else if (!isOp(t[k], close)) return;
        }
        if (k >= b) return;
        k++;
      } else return;
      if (k === b) break;
      if (!isOp(t[k], '+')) return;
      k++;
    }
    this.lists.set(name, value);
    if (name === 'INSTALLED_APPS') this.out.installedApps = value;
  }
}

function isName(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.type === T_NAME && t.text === text;
}

function isOp(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.type === T_OP && t.text === text;
}

/** NAME ('.' NAME)* from k: the dotted text and the index after it, or null. */
function dottedName(t: Token[], k: number, b: number): [string | null, number] {
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
function headerColon(t: Token[]): number {
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
function isTypeCheckingTest(t: Token[]): boolean {
  const colon = headerColon(t);
  if (colon < 0) return false;
  const [name, next] = dottedName(t, 1, colon);
  return name !== null && next === colon && (name === 'TYPE_CHECKING' || name.endsWith('.TYPE_CHECKING'));
}

function catchesImportError(t: Token[]): boolean {
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

function classHeader(t: Token[], lineNo: number): ClassRecord | null {
  const nameTok = t[1];
  if (nameTok === undefined || nameTok.type !== T_NAME) return null;
  const record: ClassRecord = { name: nameTok.text, line: lineNo, bases: [], fields: [] };
  if (isOp(t[2], '(')) {
    const [args] = callArguments(t, 2, t.length);
    for (const [a, e] of args) {
      const [name, next] = dottedName(t, a, e);
      if (name !== null && next === e && !CONSTANTS.has(name)) record.bases.push(name);
    }
  }
  return record;
}

/** A literal target: concatenated plain strings, or a dotted name; null for anything else. */
function targetOf(t: Token[], a: number, e: number): string | null {
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
function relationField(t: Token[], a: number, b: number, lineNo: number): FieldRecord | null {
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
