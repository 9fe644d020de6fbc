// The data links of tables, resolved to the file of the table they reach: Django's relation fields and
// multi-table inheritance; SQLAlchemy's and SQLModel's ForeignKey("table.col"), ForeignKey(Model.id) and
// relationship targets. See docs/python-import.md (Entities).
import { snakeCase, type Classifier, type Info } from './modelClasses';
import { supportKindOfPath } from './roles';
import type { ClassRecord, ScanResult, ScannedFile } from './types';

export interface Relation {
  /** The file of the table that holds the link (for an inherited field, the concrete model's file). */
  owner: ScannedFile;
  /** The file and line where the field or link is written (an abstract base's file for an inherited field). */
  file: ScannedFile;
  line: number;
  /** "ForeignKey customer" (Django field and attribute), "ForeignKey orders.id", "relationship Order", "OneToOneField page_ptr". */
  detail: string;
  /** The file of the target table, or null when it is outside the tree or unknown. */
  target: ScannedFile | null;
  /** One key per link of each table: a dependency's weight counts them. */
  key: string;
}

export type Table = { file: ScannedFile; cls: ClassRecord; info: Info };

/** Resolves the data links of every table to the file of the table they reach. */
export class Linker {
  private readonly byName = new Map<string, Table[]>();
  private readonly byTableName = new Map<string, Table[]>();
  private readonly tableOf = new Map<ClassRecord, Table>();
  private readonly userModel: string | null;
  /** App label -> app package, from AppConfig classes that set `label` (wagtail's "wagtailcore" is `wagtail`). */
  private readonly labels = new Map<string, string>();

  constructor(
    scan: ScanResult,
    private readonly classes: Classifier,
    private readonly tables: Table[],
    private readonly apps: readonly string[],
  ) {
    for (const table of tables) {
      this.tableOf.set(table.cls, table);
      push(this.byName, table.cls.name, table);
      const name = this.tableName(table);
      if (name !== null) push(this.byTableName, name, table);
    }
    // The project's settings, not a test site's (django-oscar sets AUTH_USER_MODEL only in tests/settings.py).
    this.userModel = scan.files.find((f) => f.authUserModel !== null && supportKindOfPath(f.path) !== 'tests')?.authUserModel ?? null;
    for (const file of scan.files) {
      for (const cls of file.classes) {
        if (cls.label === undefined || !cls.bases.some((b) => b === 'AppConfig' || b.endsWith('.AppConfig'))) continue;
        const app = file.isPackage ? file.module : file.module.slice(0, Math.max(0, file.module.lastIndexOf('.')));
        if (app !== '' && !this.labels.has(cls.label)) this.labels.set(cls.label, app);
      }
    }
  }

  /** `__tablename__`, else the default of Flask-SQLAlchemy (snake_case) or SQLModel (lower case); none when it shares a parent's table. */
  private tableName(table: Table): string | null {
    if (table.info.family === 'django') return null;
    if (table.info.role === 'shared') return null;
    if (table.cls.tableName !== undefined) return table.cls.tableName;
    if (table.info.family === 'sqlmodel') return table.cls.name.toLowerCase();
    return table.info.flask ? snakeCase(table.cls.name) : null;
  }

  private appOf(file: ScannedFile): string | null {
    return this.apps.find((a) => file.module === a || file.module.startsWith(`${a}.`)) ?? null;
  }

  /** A table by class name, seen from `owner`: the same file, then the same app or package, then the only one. */
  private byClassName(name: string, owner: ScannedFile, family: 'django' | 'sql'): Table | null {
    const candidates = (this.byName.get(name) ?? []).filter((t) => (family === 'django') === (t.info.family === 'django'));
    if (candidates.length <= 1) return candidates[0] ?? null;
    const local = candidates.find((t) => t.file === owner);
    if (local) return local;
    const app = this.appOf(owner);
    const inApp = app === null ? [] : candidates.filter((t) => this.appOf(t.file) === app);
    if (inApp.length === 1) return inApp[0]!;
    // The candidate whose module shares the longest prefix with the owner's.
    const shared = (t: Table) => {
      const a = t.file.module.split('.');
      const b = owner.module.split('.');
      let k = 0;
      while (k < a.length && k < b.length && a[k] === b[k]) k++;
      return k;
    };
    const best = Math.max(...candidates.map(shared));
    const top = candidates.filter((t) => shared(t) === best);
    return top.length === 1 ? top[0]! : null;
  }

  /** 'app_label.Model' (label = last part of the app's package). */
  private byLabel(label: string, name: string, owner: ScannedFile): Table | null {
    const candidates = (this.byName.get(name) ?? []).filter((t) => t.info.family === 'django');
    const labelled = this.labels.get(label);
    if (labelled !== undefined) {
      const inLabelled = candidates.filter((t) => this.appOf(t.file) === labelled);
      if (inLabelled.length === 1) return inLabelled[0]!;
    }
    const labelLast = label.slice(label.lastIndexOf('.') + 1);
    const inApp = candidates.filter((t) => {
      const app = this.appOf(t.file);
      return app !== null && app.slice(app.lastIndexOf('.') + 1) === labelLast;
    });
    if (inApp.length === 1) return inApp[0]!;
    const named = candidates.filter((t) => t.file.module.split('.').includes(labelLast));
    if (named.length === 1) return named[0]!;
    return candidates.length === 1 ? candidates[0]! : this.byClassName(name, owner, 'django');
  }

  /** A resolved value as a table, when it is one. */
  private asTable(value: ReturnType<Classifier['names']['resolveDotted']>, owner: ScannedFile): Table | null | undefined {
    if (value === null) return undefined;
    if (value.kind === 'class') return this.tableOf.get(value.cls) ?? null;
    if (value.kind === 'model-ref') return this.byLabel(value.label, value.name, owner);
    if (value.kind === 'user-model') return this.userTable(owner);
    return undefined;
  }

  private userTable(owner: ScannedFile): Table | null {
    if (this.userModel === null || !this.userModel.includes('.')) return null;
    const dot = this.userModel.lastIndexOf('.');
    return this.byLabel(this.userModel.slice(0, dot), this.userModel.slice(dot + 1), owner);
  }

  /** The table a Django relation target names, seen from the field's file and the model that holds it. */
  private djangoTarget(target: string | null, model: Table, fieldFile: ScannedFile): Table | null {
    if (target === null) return null;
    if (target === 'self') return model;
    if (target === 'settings.AUTH_USER_MODEL' || target === 'AUTH_USER_MODEL') return this.userTable(model.file);
    const resolved = this.asTable(this.classes.names.resolveDotted(fieldFile, target), model.file);
    if (resolved !== undefined) return resolved;
    const dot = target.lastIndexOf('.');
    return dot < 0 ? this.byClassName(target, model.file, 'django') : this.byLabel(target.slice(0, dot), target.slice(dot + 1), model.file);
  }

  /** The table of `ForeignKey("table.col")` or `ForeignKey(Model.id)`. */
  private foreignKeyTarget(target: string, model: Table, fieldFile: ScannedFile): Table | null {
    const parts = target.split('.');
    if (parts.length < 2) return null;
    const head = this.asTable(this.classes.names.resolveName(fieldFile, parts[0]!), model.file);
    if (head) return head;
    const table = parts.slice(0, -1).join('.');
    const found = this.byTableName.get(table) ?? this.byTableName.get(parts[parts.length - 2]!) ?? [];
    return found.length === 1 ? found[0]! : (found.find((t) => t.file === model.file) ?? null);
  }

  private relationshipTarget(target: string, model: Table, fieldFile: ScannedFile): Table | null {
    const resolved = this.asTable(this.classes.names.resolveDotted(fieldFile, target), model.file);
    if (resolved !== undefined) return resolved;
    return this.byClassName(target.slice(target.lastIndexOf('.') + 1), model.file, 'sql');
  }

  /** The class itself and the abstract bases and mixins it inherits fields from (not its parent tables). */
  private fieldSources(table: Table): Array<{ file: ScannedFile; cls: ClassRecord }> {
    const out: Array<{ file: ScannedFile; cls: ClassRecord }> = [{ file: table.file, cls: table.cls }];
    const seen = new Set<ClassRecord>([table.cls]);
    const stack = [...table.info.parents];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      if (seen.has(parent.cls)) continue;
      seen.add(parent.cls);
      const info = this.classes.info(parent.file, parent.cls);
      if (info.role === 'table' || info.role === 'shared') continue;
      out.push(parent);
      stack.push(...info.parents);
    }
    return out;
  }

  /** The nearest tables among a table's ancestors, through abstract bases and mixins. */
  private parentTables(table: Table): Table[] {
    const out: Table[] = [];
    const seen = new Set<ClassRecord>();
    const stack = [...table.info.parents];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      if (seen.has(parent.cls)) continue;
      seen.add(parent.cls);
      const found = this.tableOf.get(parent.cls);
      if (found) out.push(found);
      else stack.push(...this.classes.info(parent.file, parent.cls).parents);
    }
    return out;
  }

  relations(): Relation[] {
    const out: Relation[] = [];
    for (const table of this.tables) {
      const owner = table.file;
      const model = table.cls.name;
      const add = (file: ScannedFile, line: number, name: string, detail: string, target: Table | null) => {
        out.push({
          owner,
          file,
          line,
          detail,
          target: target?.file ?? null,
          key: `${owner.path}#${model}#${file.path}#${line}#${name}#${detail}`,
        });
      };
      for (const source of this.fieldSources(table)) {
        if (table.info.family === 'django') {
          for (const field of source.cls.fields) {
            add(source.file, field.line, field.name, `${field.field} ${field.name}`, this.djangoTarget(field.target, table, source.file));
          }
          continue;
        }
        for (const link of source.cls.links ?? []) {
          if (link.target === null) continue;
          const target =
            link.kind === 'ForeignKey'
              ? this.foreignKeyTarget(link.target, table, source.file)
              : this.relationshipTarget(link.target, table, source.file);
          add(source.file, link.line, link.name, `${link.kind} ${link.target}`, target);
        }
      }
      if (table.info.family === 'django') {
        // Multi-table inheritance: Django adds a OneToOneField `<parent>_ptr` to each nearest parent table, also
        // one reached through abstract bases (wagtail's GroupApprovalTask -> AbstractGroupApprovalTask -> Task).
        for (const parent of this.parentTables(table)) {
          const name = `${parent.cls.name.toLowerCase()}_ptr`;
          add(owner, table.cls.line, name, `OneToOneField ${name}`, parent);
        }
      }
    }
    return out;
  }
}
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
