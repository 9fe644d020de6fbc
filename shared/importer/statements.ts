// The statement scanner: given the logical lines of a file (from scanSource.ts) with their indentation, it keeps
// the stack of enclosing blocks (def, class, if TYPE_CHECKING, try) and reads the statements that matter:
// imports, class headers, relation fields in class bodies and INSTALLED_APPS assignments; for the models
// (shared/importer/models.ts): Meta abstract/proxy, __abstract__, __tablename__, SQLAlchemy/SQLModel links, and
// module-level aliases and factory calls (`Base = declarative_base()`, `db = SQLAlchemy()`).
import { IDENT, T_NAME, T_OP, T_STRING, tokenize, type Token } from './pyLexer';
import {
  annotationClass,
  catchesImportError,
  classHeader,
  defName,
  dottedName,
  firstArgument,
  headerColon,
  isName,
  isOp,
  isTypeCheckingTest,
  relationField,
  stringArgs,
  targetOf,
} from './tokenReaders';
import type { AssignRecord, ClassRecord, FileScan, ImportRecord, LinkRecord } from './types';

/** Flags the lexer sets while it scans a logical line, so that most lines are never tokenized. */
export const HAS_IMPORT = 1;
export const HAS_FIELD = 2;
export const HAS_TYPE_CHECKING = 4;
export const HAS_IMPORT_ERROR = 8;
export const HAS_APPS = 16;
export const HAS_SETTING = 32;
/** abstract, proxy, label, __abstract__, __tablename__, relationship, Relationship, foreign_key. */
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
/** Loaders whose string arguments the model finder reads (AssignRecord.args). */
const FACTORIES = new Set(['declarative_base', 'SQLAlchemy', 'registry', 'generate_base', 'get_model', 'get_class', 'get_user_model']);

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
      else if (head.text === 'label' && value.type === T_STRING && value.plain) cls.label = value.text;
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
      if (!value.endsWith('.') && value !== 'None' && value !== 'True' && value !== 'False')
        this.pushAssign({ name: first, line: lineNo, value, call: false });
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
