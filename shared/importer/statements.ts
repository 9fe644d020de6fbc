// The statement scanner: given the logical lines of a file (from scanSource.ts) with their indentation, it keeps
// the stack of enclosing blocks (def, class, if TYPE_CHECKING, try) and reads the statements that matter:
// imports, class headers, relation fields in class bodies and INSTALLED_APPS assignments; for the models
// (shared/importer/models.ts): Meta abstract/proxy, __abstract__, __tablename__, SQLAlchemy/SQLModel links, and
// module-level aliases and factory calls (`Base = declarative_base()`, `db = SQLAlchemy()`).
import { IDENT, T_NAME, T_OP, T_STRING, tokenize, type Token } from './pyLexer';
import type { AssignRecord, ClassRecord, FieldRecord, FileScan, ImportRecord, LinkRecord, RelationField } from './types';

/** Flags the lexer sets while it scans a logical line, so that most lines are never tokenized. */
export const HAS_IMPORT = 1;
export const HAS_FIELD = 2;
export const HAS_TYPE_CHECKING = 4;
export const HAS_IMPORT_ERROR = 8;
export const HAS_APPS = 16;
export const HAS_SETTING = 32;
/** abstract, proxy, __abstract__, __tablename__, relationship, Relationship, foreign_key. */
export const HAS_MODEL_ATTR = 64;

type BlockKind = 'def' | 'class' | 'tc' | 'try' | 'other';

interface Block {
  indent: number;
  kind: BlockKind;
  cls: ClassRecord | null;
  /** Imports in the body of a try: made optional when a handler catches ImportError. */
  records: ImportRecord[] | null;
  /** Where the header starts in the source (a def's name is read from there when a link needs it). */
  start: number;
}

const COMPOUND = new Set(['if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'def', 'class', 'async']);
const SOFT_COMPOUND = new Set(['match', 'case']);
const FIELDS = new Set<string>(['ForeignKey', 'OneToOneField', 'ManyToManyField']);
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError']);
/** Loaders whose string arguments the model finder reads (AssignRecord.args). */
const FACTORIES = new Set(['declarative_base', 'SQLAlchemy', 'registry', 'generate_base', 'get_model', 'get_class', 'get_user_model']);
/** Type wrappers skipped when a relationship's class is read from its annotation. */
const TYPE_WRAPPERS = new Set(['Mapped', 'WriteOnlyMapped', 'DynamicMapped', 'Optional', 'List', 'list', 'Set', 'set', 'Sequence', 'Union', 'None', 'typing', 'Dict', 'dict', 'str', 'int', 'Any']);
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
      else if (first !== null && (blocks.length === 0 || this.atModuleLevel())) this.moduleAssign(start, end, lineNo, first);
      return;
    }
    if (first === 'except' && (flags & HAS_IMPORT_ERROR) !== 0) {
      const tried = this.recentTry.get(indent);
      if (tried && catchesImportError(tokenize(this.src, start, end, lineNo))) {
        for (const record of tried.records!) if (record.kind === 'runtime') record.kind = 'optional';
      }
    }
    let tokens: Token[] | null = null;
    const block: Block = { indent, kind: 'other', cls: null, records: null, start };
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
      if (block.cls) {
        let scope: ClassRecord['scope'] = 'module';
        for (const b of blocks) {
          if (b.kind === 'def' || b.kind === 'class') scope = b.kind === 'def' ? 'function' : 'class';
          else if (b.kind === 'tc') block.cls.typeChecking = true;
        }
        if (scope !== 'module') block.cls.scope = scope;
        this.out.classes.push(block.cls);
      }
    }
    blocks.push(block);
    if (endsWithColon) return;
    // A suite on the same line as its header: `if TYPE_CHECKING: import x`, `try: import y`.
    if (this.needsTokens(flags, null) || (flags & (HAS_FIELD | HAS_MODEL_ATTR)) !== 0) {
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
    if ((flags & (HAS_FIELD | HAS_MODEL_ATTR)) !== 0 && this.classOf() !== null) return true;
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
      const field = top !== undefined && top.kind === 'class' && top.cls ? relationField(t, a, b, lineNo) : null;
      if (field) top!.cls!.fields.push(field);
      else if (this.classOf() !== null) this.modelStatement(t, a, b);
      const moduleLevel = this.atModuleLevel();
      if (moduleLevel && t[a + 1] !== undefined && isOp(t[a + 1], '=')) this.assignTokens(t, a, b);
      if (head.text.endsWith('APPS') && moduleLevel) this.appsAssignment(t, a, b);
      if (head.text === 'AUTH_USER_MODEL' && moduleLevel && isOp(t[a + 1], '=') && a + 2 < b) {
        const value = targetOf(t, a + 2, b);
        if (value !== null && t[a + 2]!.type === T_STRING) this.out.authUserModel = value;
      }
    }
  }

  private record(lineNo: number, stmt: number, level: number, module: string, names: string[] | null): ImportRecord {
    let scope: ImportRecord['scope'] = 'module';
    let kind: ImportRecord['kind'] = 'runtime';
    for (const block of this.blocks) {
      if (block.kind === 'def') scope = 'function';
      else if (block.kind === 'tc') kind = 'type-checking';
    }
    const record: ImportRecord = { line: lineNo, stmt, level, module, names, scope, kind };
    this.out.imports.push(record);
    for (const block of this.blocks) if (block.kind === 'try') block.records!.push(record);
    return record;
  }

  private importStatement(t: Token[], k: number, b: number, lineNo: number): void {
    const stmt = this.stmt++;
    while (k < b) {
      const [name, next] = dottedName(t, k, b);
      if (name === null) return;
      const record = this.record(lineNo, stmt, 0, name, null);
      k = next;
      if (isName(t[k], 'as')) {
        if (t[k + 1]?.type === T_NAME) record.alias = [t[k + 1]!.text];
        k += 2;
      }
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
    const aliases: Array<string | null> = [];
    while (k < b) {
      const tok = t[k]!;
      if (tok.type === T_NAME) names.push(tok.text);
      else if (tok.type === T_OP && tok.text === '*') names.push('*');
      else break;
      k++;
      aliases.push(isName(t[k], 'as') && t[k + 1]?.type === T_NAME ? t[k + 1]!.text : null);
      if (isName(t[k], 'as')) k += 2;
      if (!isOp(t[k], ',')) break;
      k++;
    }
    if (names.length === 0) return;
    const record = this.record(lineNo, this.stmt++, level, module, names);
    if (aliases.some((x) => x !== null)) record.alias = aliases;
  }

  private atModuleLevel(): boolean {
    return !this.blocks.some((block) => block.kind === 'def' || block.kind === 'class');
  }

  /** The innermost class block around the statement, with the method (def) directly in its body, if any. */
  private classOf(): { cls: ClassRecord; method: Block | null; direct: boolean } | null {
    const blocks = this.blocks;
    for (let k = blocks.length - 1; k >= 0; k--) {
      const block = blocks[k]!;
      if (block.kind !== 'class') continue;
      if (!block.cls) return null;
      const inner = blocks[k + 1];
      return { cls: block.cls, method: inner !== undefined && inner.kind === 'def' ? inner : null, direct: k === blocks.length - 1 };
    }
    return null;
  }

  /** A statement in a class body (or in one of its methods): Meta options, table attributes, data links. */
  private modelStatement(t: Token[], a: number, b: number): void {
    const owner = this.classOf()!;
    const { cls } = owner;
    const head = t[a]!;
    if (owner.direct && isOp(t[a + 1], '=') && a + 3 === b) {
      const value = t[a + 2]!;
      const isTrue = value.type === T_NAME && value.text === 'True';
      if (head.text === '__abstract__' && isTrue) cls.abstract = true;
      else if (head.text === '__tablename__' && value.type === T_STRING && value.plain) cls.tableName = value.text;
      else if ((head.text === 'abstract' || head.text === 'proxy') && isTrue && cls.name === 'Meta') {
        const blocks = this.blocks;
        const outer = blocks[blocks.length - 2];
        if (outer !== undefined && outer.kind === 'class' && outer.cls) outer.cls[head.text as 'abstract' | 'proxy'] = true;
      }
      return;
    }
    // Links: the attribute is the assignment's target, or the method the statement is in.
    let name: string | null = null;
    let annotation: [number, number] | null = null;
    let k = a + 1;
    if (owner.direct && head.type === T_NAME) {
      if (isOp(t[k], ':')) {
        const from = k + 1;
        while (k < b && !isOp(t[k], '=')) k++;
        annotation = [from, k];
      }
      if (isOp(t[k], '=')) name = head.text;
    }
    if (name === null && owner.method) name = defName(this.src, owner.method.start);
    if (name === null) return;
    for (let j = a; j < b; j++) {
      const tok = t[j]!;
      if (tok.type !== T_NAME) continue;
      const called = isOp(t[j + 1], '(');
      let link: LinkRecord | null = null;
      if (called && tok.text === 'ForeignKey') {
        link = { name, line: tok.line, kind: 'ForeignKey', target: firstArgument(t, j + 1, b) };
      } else if (called && (tok.text === 'relationship' || tok.text === 'Relationship')) {
        const target = firstArgument(t, j + 1, b) ?? (annotation ? annotationClass(t, annotation[0], annotation[1]) : null);
        link = { name, line: tok.line, kind: 'relationship', target };
      } else if (tok.text === 'foreign_key' && isOp(t[j + 1], '=') && t[j + 2]?.type === T_STRING && t[j + 2]!.plain) {
        link = { name, line: tok.line, kind: 'ForeignKey', target: t[j + 2]!.text };
      }
      if (link) (cls.links ??= []).push(link);
    }
  }

  /** `NAME = a.b` or `NAME = factory(...)` at module level, read from the tokens of a line tokenized anyway. */
  private assignTokens(t: Token[], a: number, b: number): void {
    const [value, next] = dottedName(t, a + 2, b);
    if (value === null) return;
    if (next === b) this.pushAssign({ name: t[a]!.text, line: t[a]!.line, value, call: false });
    else if (isOp(t[next], '(')) {
      const args = FACTORIES.has(value.slice(value.lastIndexOf('.') + 1)) ? stringArgs(t, next, b) : {};
      this.pushAssign({ name: t[a]!.text, line: t[a]!.line, value, call: true, ...args });
    }
  }

  /** The same from the characters, for a module-level line that would not be tokenized otherwise. */
  private moduleAssign(start: number, end: number, lineNo: number, first: string): void {
    const src = this.src;
    let i = start + first.length;
    while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
    if (src.charCodeAt(i) !== 61 || src.charCodeAt(i + 1) === 61) return;
    i++;
    while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
    const a = i;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c < 128 && IDENT[c] === 1) i++;
      else if (c === 46 && i > a) i++;
      else break;
    }
    if (i === a || src.charCodeAt(a) <= 57) return;
    const value = src.slice(a, i);
    while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
    const c = src.charCodeAt(i);
    if (i >= end || c === 10 || c === 13 || c === 35 || c === 59) {
      if (!value.endsWith('.') && value !== 'None' && value !== 'True' && value !== 'False') this.pushAssign({ name: first, line: lineNo, value, call: false });
    } else if (c === 40) {
      // The string arguments matter for the loaders only (get_model("app", "Model")): tokenize those lines alone.
      let args = {};
      if (FACTORIES.has(value.slice(value.lastIndexOf('.') + 1))) {
        const t = tokenize(src, start, end, lineNo);
        args = stringArgs(t, 1 + 2 * value.split('.').length, t.length);
      }
      this.pushAssign({ name: first, line: lineNo, value, call: true, ...args });
    }
  }

  private pushAssign(record: AssignRecord): void {
    (this.out.assigns ??= []).push(record);
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
function defName(src: string, start: number): string | null {
  return /^(?:async\s+)?def\s+([\p{ID_Start}_][\p{ID_Continue}]*)/u.exec(src.slice(start, start + 200))?.[1] ?? null;
}

/** The first positional argument of the call whose `(` is at `open`, as a literal target; null when none. */
function firstArgument(t: Token[], open: number, b: number): string | null {
  const [args] = callArguments(t, open, b);
  const first = args[0];
  if (first === undefined) return null;
  const [s, e] = first;
  if (t[s]!.type === T_NAME && isOp(t[s + 1], '=')) return null;
  return targetOf(t, s, e);
}

/** The class an annotation names, wrappers left out: `Mapped[List["Order"]]` -> Order; null when none. */
function annotationClass(t: Token[], a: number, e: number): string | null {
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
function stringArgs(t: Token[], open: number, b: number): { args?: string[] } {
  if (!isOp(t[open], '(')) return {};
  const args: string[] = [];
  for (const [s, e] of callArguments(t, open, b)[0]) {
    if (e !== s + 1 || t[s]!.type !== T_STRING || !t[s]!.plain) break;
    args.push(t[s]!.text);
  }
  return args.length > 0 ? { args } : {};
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
