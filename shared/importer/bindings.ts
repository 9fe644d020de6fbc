// What a name is bound to at module level, as Python would bind it, read from a scan without running code: the
// file's own classes, its imports (with `as` aliases, relative levels, star imports, re-exports through a
// package's __init__.py) and module-level aliases and factory calls (`Base = declarative_base()`,
// `db = SQLAlchemy()`, `Product = get_model("catalogue", "Product")`). The model finder (models.ts) resolves base
// classes and relation targets with it.
import { absoluteModule } from './resolve';
import type { AssignRecord, ClassRecord, ScanResult, ScannedFile } from './types';

export type Value =
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

export const DJANGO_MODEL = new Set(['django.db.models.Model', 'django.db.models.base.Model', 'django.contrib.gis.db.models.Model']);
export const SQLA_DECLARATIVE = new Set([
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
export const SQLMODEL = new Set(['sqlmodel.SQLModel', 'sqlmodel.main.SQLModel']);

/** How many imports, aliases and attributes one resolution may follow (chains in real trees are a few long). */
const MAX_DEPTH = 24;

/** A class bound at module level when the module runs (also in a module-level if/try/with; not under TYPE_CHECKING). */
export const isModuleClass = (cls: ClassRecord): boolean => cls.scope === undefined && cls.typeChecking !== true;

/** Resolves names file by file, each (file, name) once; a cycle of imports resolves to nothing. */
export class NameResolver {
  private readonly byModule = new Map<string, ScannedFile>();
  private readonly packages = new Set<string>();
  private readonly scopes = new Map<ScannedFile, Scope>();
  private readonly names = new Map<string, Value | null>();
  private readonly resolving = new Set<string>();

  constructor(scan: ScanResult) {
    for (const file of scan.files) {
      if (file.isMigration || file.module === '') continue;
      if (this.byModule.has(file.module)) continue;
      this.byModule.set(file.module, file);
      for (let dot = file.module.indexOf('.'); dot > 0; dot = file.module.indexOf('.', dot + 1))
        this.packages.add(file.module.slice(0, dot));
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
}
