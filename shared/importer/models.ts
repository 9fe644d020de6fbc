// The tables of a tree (Django, SQLAlchemy and SQLModel models) and the data links between them.
//
// A class is a model when its base chain reaches an ORM's root, each base name resolved as Python would: through
// the file's own classes, imports (aliases, relative imports, star imports, package re-exports) and module-level
// aliases and factory calls, to the class it really names in the module it comes from. Roots: Django's
// `django.db.models.Model` (and, in a Django project, third-party model bases such as treebeard's MP_Node: names
// from a `models` module, see isExternalDjangoModel); SQLAlchemy's `declarative_base()`, `registry().generate_base()`,
// `DeclarativeBase` subclasses and Flask-SQLAlchemy's `db.Model` (`db = SQLAlchemy()`); SQLModel's `SQLModel`
// with `table=True`. Abstract bases (`class Meta: abstract = True`, `__abstract__ = True`), declarative bases,
// proxies and mixins (tree classes on the way to a table that are no model) are not tables: they are reported,
// never entities. A name is never matched across the tree by its spelling alone, so `OrderForm(forms.ModelForm)`
// or `OrderType(DjangoObjectType)` never become entities whatever models are called.
//
// Data links of each table (its own and those it inherits from abstract bases and mixins), resolved to the file
// of the table they reach: Django's ForeignKey / OneToOneField / ManyToManyField ('self', 'app_label.Model',
// 'Model', a name, settings.AUTH_USER_MODEL) and multi-table inheritance (the implicit `<parent>_ptr`);
// SQLAlchemy's ForeignKey("table.col") (by `__tablename__`, Flask-SQLAlchemy's snake_case default, SQLModel's
// lower-case default), ForeignKey(Model.id) and relationship("Class") / relationship(Class) / the class of a
// `Mapped[...]` annotation.
import { djangoApps } from './granularity';
import { absoluteModule } from './resolve';
import { supportKindOfPath, supportKinds } from './roles';
import type { AssignRecord, ClassRecord, ScanResult, ScannedFile } from './types';

export type ModelFamily = 'django' | 'sqlalchemy' | 'sqlmodel';

/** A table: an entity of its module. */
export interface ModelClass {
  name: string;
  file: ScannedFile;
  line: number;
  family: ModelFamily;
}

/** A class on the way to tables that is no table itself: an abstract or declarative base, a proxy, a mixin. */
export type NotTableKind = 'abstract' | 'proxy' | 'mixin';

export interface NotTable {
  name: string;
  file: ScannedFile;
  line: number;
  kind: NotTableKind;
}

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

export interface Entities {
  models: ModelClass[];
  notTables: NotTable[];
  relations: Relation[];
}

type Value =
  | { kind: 'class'; file: ScannedFile; cls: ClassRecord }
  | { kind: 'module'; name: string }
  | { kind: 'external'; name: string }
  /** Flask-SQLAlchemy's `SQLAlchemy()` object. */
  | { kind: 'sqla-db' }
  /** A declarative base made by a call (declarative_base(), generate_base(), db.Model). */
  | { kind: 'sqla-root'; flask: boolean }
  | { kind: 'registry' }
  /** `get_model("app_label", "Model")`. */
  | { kind: 'model-ref'; label: string; name: string }
  /** `get_user_model()`. */
  | { kind: 'user-model' };

type Binding =
  | { type: 'class'; line: number; cls: ClassRecord }
  | { type: 'import'; line: number; module: string; name: string | null }
  | { type: 'assign'; line: number; rec: AssignRecord };

interface Scope {
  names: Map<string, Binding>;
  /** Absolute modules of `from m import *`. */
  stars: string[];
}

type Role = 'table' | 'abstract' | 'proxy' | 'base' | 'schema' | 'none';

interface Info {
  family: ModelFamily | null;
  role: Role;
  /** Flask-SQLAlchemy (db.Model): a table's default name is the snake_case of its class. */
  flask: boolean;
  /** The tree classes among its bases. */
  parents: Array<{ file: ScannedFile; cls: ClassRecord }>;
}

const DJANGO_MODEL = new Set(['django.db.models.Model', 'django.db.models.base.Model', 'django.contrib.gis.db.models.Model']);
const SQLA_DECLARATIVE = new Set([
  'sqlalchemy.orm.DeclarativeBase',
  'sqlalchemy.orm.DeclarativeBaseNoMeta',
  'sqlalchemy.orm.decl_api.DeclarativeBase',
  'sqlalchemy.orm.decl_api.DeclarativeBaseNoMeta',
]);
const SQLA_BASE_FACTORIES = new Set([
  'sqlalchemy.orm.declarative_base',
  'sqlalchemy.orm.decl_api.declarative_base',
  'sqlalchemy.ext.declarative.declarative_base',
  'sqlalchemy.ext.declarative.api.declarative_base',
]);
const SQLA_REGISTRY = new Set(['sqlalchemy.orm.registry', 'sqlalchemy.orm.decl_api.registry']);
const FLASK_SQLALCHEMY = new Set(['flask_sqlalchemy.SQLAlchemy', 'flask_sqlalchemy.extension.SQLAlchemy']);
const SQLMODEL = new Set(['sqlmodel.SQLModel', 'sqlmodel.main.SQLModel']);
/** Names from a `models` module that are no model: managers, querysets, choices, fields, forms... */
const NOT_A_MODEL_NAME = /(Manager|QuerySet|Choices|Field|Form|Serializer|Admin|Enum|Error|Exception|Lookup|Transform|Func|Expression|Index|Constraint|Descriptor|Mixin)$|^AnonymousUser$/;

/**
 * A model base from an installed package, in a Django project: a capitalised name in a `models` module
 * (`treebeard.mp_tree.MP_Node` aside, which is named here) that does not read as a manager, field, form or mixin:
 * `django.contrib.auth.models.AbstractUser`, `mptt.models.MPTTModel`, `taggit.models.TagBase`. Only classes
 * written in a models module are taken for models this way (`ninja.params.models.Body` is no Django model).
 */
function isExternalDjangoModel(name: string): boolean {
  if (name.startsWith('treebeard.') && /\.(MP_Node|NS_Node|AL_Node)$/.test(name)) return true;
  if (name.startsWith('django.') && !name.startsWith('django.contrib.')) return false;
  const parts = name.split('.');
  const last = parts[parts.length - 1]!;
  const modelsAt = parts.indexOf('models');
  return modelsAt > 0 && modelsAt < parts.length - 1 && /^[A-Z]/.test(last) && !NOT_A_MODEL_NAME.test(last);
}

const MAX_DEPTH = 24;

/** A class bound at module level when the module runs (also in a module-level if/try/with; not under TYPE_CHECKING). */
const isModuleClass = (cls: ClassRecord): boolean => cls.scope === undefined && cls.typeChecking !== true;

/** Django finds models in an app's models module (or package); a guessed third-party base counts there only. */
const inModelsModule = (file: ScannedFile): boolean => file.module.split('.').some((part) => part.includes('models'));

/** Flask-SQLAlchemy 3's default table name: `OrderLine` -> `order_line`, `HTTPThing` -> `http_thing`. */
export function snakeCase(name: string): string {
  return name
    .replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, '_$1')
    .toLowerCase()
    .replace(/^_+/, '');
}

class Resolver {
  private readonly byModule = new Map<string, ScannedFile>();
  private readonly packages = new Set<string>();
  private readonly scopes = new Map<ScannedFile, Scope>();
  private readonly infos = new Map<ClassRecord, Info>();
  private readonly names = new Map<string, Value | null>();
  private readonly resolving = new Set<string>();

  constructor(
    scan: ScanResult,
    private readonly isDjango: boolean,
  ) {
    for (const file of scan.files) {
      if (file.isMigration || file.module === '') continue;
      if (this.byModule.has(file.module)) continue;
      this.byModule.set(file.module, file);
      for (let dot = file.module.indexOf('.'); dot > 0; dot = file.module.indexOf('.', dot + 1)) this.packages.add(file.module.slice(0, dot));
      this.packages.add(file.module);
    }
  }

  private scope(file: ScannedFile): Scope {
    let scope = this.scopes.get(file);
    if (scope) return scope;
    const entries: Array<[string, Binding]> = [];
    const stars: string[] = [];
    for (const record of file.imports) {
      if (record.scope !== 'module') continue;
      const base = absoluteModule(record.module, record.level, file.module, file.isPackage);
      if (base === null) continue;
      if (record.names === null) {
        const alias = record.alias?.[0] ?? null;
        if (alias !== null) entries.push([alias, { type: 'import', line: record.line, module: base, name: null }]);
        else entries.push([base.split('.', 1)[0]!, { type: 'import', line: record.line, module: base.split('.', 1)[0]!, name: null }]);
        continue;
      }
      record.names.forEach((name, k) => {
        if (name === '*') stars.push(base);
        else entries.push([record.alias?.[k] ?? name, { type: 'import', line: record.line, module: base, name }]);
      });
    }
    for (const cls of file.classes) if (isModuleClass(cls)) entries.push([cls.name, { type: 'class', line: cls.line, cls }]);
    for (const rec of file.assigns ?? []) entries.push([rec.name, { type: 'assign', line: rec.line, rec }]);
    entries.sort((a, b) => a[1].line - b[1].line);
    scope = { names: new Map(entries), stars };
    this.scopes.set(file, scope);
    return scope;
  }

  private moduleValue(name: string): Value {
    return this.packages.has(name) ? { kind: 'module', name } : { kind: 'external', name };
  }

  /** What `name` is bound to at module level in `file`. */
  resolveName(file: ScannedFile, name: string, depth = 0): Value | null {
    const key = `${file.path}\n${name}`;
    const known = this.names.get(key);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH || this.resolving.has(key)) return null;
    this.resolving.add(key);
    const value = this.lookup(file, name, depth);
    this.resolving.delete(key);
    this.names.set(key, value);
    return value;
  }

  private lookup(file: ScannedFile, name: string, depth: number): Value | null {
    const scope = this.scope(file);
    const binding = scope.names.get(name);
    if (binding === undefined) {
      for (const star of scope.stars) {
        const target = this.byModule.get(star);
        if (target) {
          const value = this.resolveName(target, name, depth + 1);
          if (value) return value;
        } else if (!this.packages.has(star)) {
          const full = `${star}.${name}`;
          if (DJANGO_MODEL.has(full) || SQLA_DECLARATIVE.has(full) || SQLMODEL.has(full)) return { kind: 'external', name: full };
        }
      }
      const sub = `${file.module}.${name}`;
      return file.isPackage && this.packages.has(sub) ? { kind: 'module', name: sub } : null;
    }
    if (binding.type === 'class') return { kind: 'class', file, cls: binding.cls };
    if (binding.type === 'import') {
      if (binding.name === null) return this.moduleValue(binding.module);
      return this.member(this.moduleValue(binding.module), binding.name, depth + 1);
    }
    const { rec } = binding;
    const value = this.resolveDotted(file, rec.value, depth + 1);
    return rec.call ? this.call(value, rec) : value;
  }

  resolveDotted(file: ScannedFile, dotted: string, depth = 0): Value | null {
    const parts = dotted.split('.');
    let value = this.resolveName(file, parts[0]!, depth);
    for (let k = 1; k < parts.length && value !== null; k++) value = this.member(value, parts[k]!, depth + 1);
    return value;
  }

  private member(value: Value, name: string, depth: number): Value | null {
    switch (value.kind) {
      case 'module': {
        const full = `${value.name}.${name}`;
        const file = this.byModule.get(value.name);
        const found = file ? this.resolveName(file, name, depth) : null;
        if (found && !(found.kind === 'module' && this.packages.has(full))) return found;
        return this.packages.has(full) ? { kind: 'module', name: full } : null;
      }
      case 'external':
        return { kind: 'external', name: `${value.name}.${name}` };
      case 'sqla-db':
        return name === 'Model' ? { kind: 'sqla-root', flask: true } : null;
      case 'registry':
        return name === 'generate_base' ? { kind: 'external', name: 'sqlalchemy.orm.registry.generate_base' } : null;
      default:
        return null;
    }
  }

  /** The value of a module-level `NAME = callee(...)`. */
  private call(callee: Value | null, rec: AssignRecord): Value | null {
    const last = rec.value.slice(rec.value.lastIndexOf('.') + 1);
    if (callee?.kind === 'external') {
      const name = callee.name;
      if (SQLA_BASE_FACTORIES.has(name) || name === 'sqlalchemy.orm.registry.generate_base') return { kind: 'sqla-root', flask: false };
      if (FLASK_SQLALCHEMY.has(name)) return { kind: 'sqla-db' };
      if (SQLA_REGISTRY.has(name)) return { kind: 'registry' };
    }
    // Django's and django-oscar's loaders, wherever they are defined (oscar.core.loading is in oscar's own tree).
    const args = rec.args ?? [];
    if (last === 'get_user_model') return { kind: 'user-model' };
    if (last === 'get_model' && args.length === 2) return { kind: 'model-ref', label: args[0]!, name: args[1]! };
    if (last === 'get_model' && args.length === 1 && args[0]!.includes('.')) {
      const dot = args[0]!.lastIndexOf('.');
      return { kind: 'model-ref', label: args[0]!.slice(0, dot), name: args[0]!.slice(dot + 1) };
    }
    if (last === 'get_class' && args.length === 2) {
      // get_class("catalogue.abstract_models", "AbstractProduct"): the class in a module ending so.
      for (const [module, file] of this.byModule) {
        if (module !== args[0] && !module.endsWith(`.${args[0]}`)) continue;
        const cls = file.classes.find((c) => c.name === args[1] && isModuleClass(c));
        if (cls) return { kind: 'class', file, cls };
      }
    }
    return null;
  }

  info(file: ScannedFile, cls: ClassRecord): Info {
    const known = this.infos.get(cls);
    if (known) return known;
    const info: Info = { family: null, role: 'none', flask: false, parents: [] };
    this.infos.set(cls, info);
    let declarative = false;
    let family: ModelFamily | null = null;
    let flask = false;
    for (const base of cls.bases) {
      const value = this.resolveDotted(file, base);
      if (value === null) continue;
      let found: ModelFamily | null = null;
      if (value.kind === 'class') {
        const parent = this.info(value.file, value.cls);
        info.parents.push({ file: value.file, cls: value.cls });
        found = parent.family;
        flask ||= parent.flask;
      } else if (value.kind === 'sqla-root') {
        found = 'sqlalchemy';
        flask ||= value.flask;
      } else if (value.kind === 'external') {
        const name = value.name;
        if (DJANGO_MODEL.has(name) || (this.isDjango && inModelsModule(file) && isExternalDjangoModel(name))) found = 'django';
        else if (SQLA_DECLARATIVE.has(name)) {
          found = 'sqlalchemy';
          declarative = true;
        } else if (SQLMODEL.has(name)) found = 'sqlmodel';
        else if (name.endsWith('.db.Model')) {
          found = 'sqlalchemy';
          flask = true;
        }
      }
      family ??= found;
    }
    info.family = family;
    info.flask = flask;
    if (family === 'django') info.role = cls.abstract ? 'abstract' : cls.proxy ? 'proxy' : 'table';
    else if (family === 'sqlalchemy') info.role = declarative ? 'base' : cls.abstract ? 'abstract' : 'table';
    else if (family === 'sqlmodel') info.role = cls.keywords?.['table'] === 'True' ? 'table' : 'schema';
    return info;
  }
}

/** Every class of a tree on the way to a table that is no model itself: mixins, from the tables and abstract bases up. */
function collectNotTables(resolver: Resolver, classes: Array<{ file: ScannedFile; cls: ClassRecord; info: Info }>): NotTable[] {
  const out = new Map<ClassRecord, NotTable>();
  const seen = new Set<ClassRecord>();
  const mixins = (start: { file: ScannedFile; cls: ClassRecord }) => {
    const stack = [...resolver.info(start.file, start.cls).parents];
    while (stack.length > 0) {
      const { file, cls } = stack.pop()!;
      const info = resolver.info(file, cls);
      if (seen.has(cls) || info.role === 'table') continue;
      seen.add(cls);
      if (info.family === null || info.role === 'schema') {
        out.set(cls, { name: cls.name, file, line: cls.line, kind: info.family === null ? 'mixin' : 'abstract' });
      }
      stack.push(...info.parents);
    }
  };
  for (const { file, cls, info } of classes) {
    if (info.role === 'abstract' || info.role === 'base' || info.role === 'proxy') {
      out.set(cls, { name: cls.name, file, line: cls.line, kind: info.role === 'proxy' ? 'proxy' : 'abstract' });
    }
  }
  for (const c of classes) if (c.info.family !== null && c.info.role !== 'schema') mixins(c);
  return [...out.values()].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.line - b.line));
}

/** Every module-level class of the tree with what it is to the ORMs. */
function classify(scan: ScanResult): { resolver: Resolver; classes: Array<{ file: ScannedFile; cls: ClassRecord; info: Info }> } {
  const isDjango =
    scan.installedApps.length > 0 || scan.files.some((f) => f.imports.some((r) => r.module === 'django' || r.module.startsWith('django.')));
  const resolver = new Resolver(scan, isDjango);
  const classes: Array<{ file: ScannedFile; cls: ClassRecord; info: Info }> = [];
  for (const file of scan.files) {
    if (file.isMigration || file.module === '') continue;
    for (const cls of file.classes) if (isModuleClass(cls)) classes.push({ file, cls, info: resolver.info(file, cls) });
  }
  return { resolver, classes };
}

/**
 * The abstract and declarative bases, proxies and mixins of the tree's tables, for the import report: those in
 * application code (not in tests, scripts, docs or examples, whose tables are no entities either).
 */
export function findNotTables(scan: ScanResult): NotTable[] {
  const kinds = supportKinds(scan);
  return findEntities(scan, djangoApps(scan)).notTables.filter((c) => !kinds.has(c.file.path));
}

/** Entities depend on the scan and its apps only: a change of granularity, or the report, reuses them. */
const found = new WeakMap<ScanResult, { apps: string; entities: Entities }>();

/** The tables of the tree, what is on the way to them without being one, and their data links. */
export function findEntities(scan: ScanResult, apps: readonly string[]): Entities {
  const key = apps.join('\n');
  const known = found.get(scan);
  if (known?.apps === key) return known.entities;
  const { resolver, classes } = classify(scan);
  const tables = classes.filter((c) => c.info.role === 'table');
  const models: ModelClass[] = tables.map(({ file, cls, info }) => ({ name: cls.name, file, line: cls.line, family: info.family! }));
  const relations = new Linker(scan, resolver, tables, apps).relations();
  const entities = { models, notTables: collectNotTables(resolver, classes), relations };
  found.set(scan, { apps: key, entities });
  return entities;
}

type Table = { file: ScannedFile; cls: ClassRecord; info: Info };

/** Resolves the data links of every table to the file of the table they reach. */
class Linker {
  private readonly byName = new Map<string, Table[]>();
  private readonly byTableName = new Map<string, Table[]>();
  private readonly tableOf = new Map<ClassRecord, Table>();
  private readonly userModel: string | null;

  constructor(
    scan: ScanResult,
    private readonly resolver: Resolver,
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
  }

  /** `__tablename__`, else the default of Flask-SQLAlchemy (snake_case) or SQLModel (lower case); none when it shares a parent's table. */
  private tableName(table: Table): string | null {
    if (table.info.family === 'django') return null;
    if (table.cls.tableName !== undefined) return table.cls.tableName;
    const inherits = table.info.parents.some((p) => this.resolver.info(p.file, p.cls).role === 'table');
    if (inherits) return null;
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
  private asTable(value: ReturnType<Resolver['resolveDotted']>, owner: ScannedFile): Table | null | undefined {
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
    const resolved = this.asTable(this.resolver.resolveDotted(fieldFile, target), model.file);
    if (resolved !== undefined) return resolved;
    const dot = target.lastIndexOf('.');
    return dot < 0 ? this.byClassName(target, model.file, 'django') : this.byLabel(target.slice(0, dot), target.slice(dot + 1), model.file);
  }

  /** The table of `ForeignKey("table.col")` or `ForeignKey(Model.id)`. */
  private foreignKeyTarget(target: string, model: Table, fieldFile: ScannedFile): Table | null {
    const parts = target.split('.');
    if (parts.length < 2) return null;
    const head = this.asTable(this.resolver.resolveName(fieldFile, parts[0]!), model.file);
    if (head) return head;
    const table = parts.slice(0, -1).join('.');
    const found = this.byTableName.get(table) ?? this.byTableName.get(parts[parts.length - 2]!) ?? [];
    return found.length === 1 ? found[0]! : (found.find((t) => t.file === model.file) ?? null);
  }

  private relationshipTarget(target: string, model: Table, fieldFile: ScannedFile): Table | null {
    const resolved = this.asTable(this.resolver.resolveDotted(fieldFile, target), model.file);
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
      const info = this.resolver.info(parent.file, parent.cls);
      if (info.role === 'table') continue;
      out.push(parent);
      stack.push(...info.parents);
    }
    return out;
  }

  relations(): Relation[] {
    const out: Relation[] = [];
    for (const table of this.tables) {
      const owner = table.file;
      const model = table.cls.name;
      const add = (file: ScannedFile, line: number, name: string, detail: string, target: Table | null) => {
        out.push({ owner, file, line, detail, target: target?.file ?? null, key: `${owner.path}#${model}#${file.path}#${line}#${name}#${detail}` });
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
            link.kind === 'ForeignKey' ? this.foreignKeyTarget(link.target, table, source.file) : this.relationshipTarget(link.target, table, source.file);
          add(source.file, link.line, link.name, `${link.kind} ${link.target}`, target);
        }
      }
      if (table.info.family === 'django') {
        // Multi-table inheritance: Django adds a OneToOneField `<parent>_ptr` to the parent's table.
        for (const parent of table.info.parents) {
          if (this.resolver.info(parent.file, parent.cls).role !== 'table') continue;
          const name = `${parent.cls.name.toLowerCase()}_ptr`;
          add(owner, table.cls.line, name, `OneToOneField ${name}`, this.tableOf.get(parent.cls) ?? null);
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
