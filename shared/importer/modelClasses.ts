// What each class of a tree is to the ORMs: its family (Django, SQLAlchemy, SQLModel, or none) and role (a table,
// an abstract or declarative base, a proxy, an SQLModel schema), from its base chain resolved by bindings.ts.
import { DJANGO_MODEL, NameResolver, SQLA_DECLARATIVE, SQLMODEL } from './bindings';
import type { ClassRecord, ScanResult, ScannedFile } from './types';

export type ModelFamily = 'django' | 'sqlalchemy' | 'sqlmodel';

/** `shared`: an SQLAlchemy subclass mapped to its parent's table (single-table inheritance). */
export type Role = 'table' | 'abstract' | 'proxy' | 'shared' | 'base' | 'schema' | 'none';

export interface Info {
  family: ModelFamily | null;
  role: Role;
  /** Flask-SQLAlchemy (db.Model): a table's default name is the snake_case of its class. */
  flask: boolean;
  /** The tree classes among its bases. */
  parents: Array<{ file: ScannedFile; cls: ClassRecord }>;
}

/** Names from a `models` module that are no model: managers, querysets, choices, fields, forms... */
const NOT_A_MODEL_NAME =
  /(Manager|QuerySet|Choices|Field|Form|Serializer|Admin|Enum|Error|Exception|Lookup|Transform|Func|Expression|Index|Constraint|Descriptor|Mixin)$|^AnonymousUser$/;

/**
 * A model base from an installed package, in a Django project: a capitalised name in a `models` or `*_models`
 * module (`treebeard.mp_tree.MP_Node` aside, which is named here) that does not read as a manager, field, form or mixin:
 * `django.contrib.auth.models.AbstractUser`, `mptt.models.MPTTModel`, `taggit.models.TagBase`. Only classes
 * written in a models module are taken for models this way (`ninja.params.models.Body` is no Django model).
 */
function isExternalDjangoModel(name: string): boolean {
  if (name.startsWith('treebeard.') && /\.(MP_Node|NS_Node|AL_Node)$/.test(name)) return true;
  if (name.startsWith('django.') && !name.startsWith('django.contrib.')) return false;
  const parts = name.split('.');
  const last = parts[parts.length - 1]!;
  const modelsAt = parts.findIndex((part) => part === 'models' || part.endsWith('_models'));
  return modelsAt > 0 && modelsAt < parts.length - 1 && /^[A-Z]/.test(last) && !NOT_A_MODEL_NAME.test(last);
}

/** Django finds models in an app's models module (or package); a guessed third-party base counts there only. */
const inModelsModule = (file: ScannedFile): boolean => file.module.split('.').some((part) => part.includes('models'));

/** Classifies classes once each (memoized), following base chains across files. */
export class Classifier {
  private readonly infos = new Map<ClassRecord, Info>();

  constructor(
    readonly names: NameResolver,
    private readonly isDjango: boolean,
  ) {}

  info(file: ScannedFile, cls: ClassRecord): Info {
    const known = this.infos.get(cls);
    if (known) return known;
    const info: Info = { family: null, role: 'none', flask: false, parents: [] };
    this.infos.set(cls, info);
    let declarative = false;
    let family: ModelFamily | null = null;
    let flask = false;
    for (const base of cls.bases) {
      const value = this.names.resolveDotted(file, base);
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
    else if (family === 'sqlalchemy')
      info.role = declarative ? 'base' : cls.abstract ? 'abstract' : this.sharesParentTable(info, cls) ? 'shared' : 'table';
    else if (family === 'sqlmodel') info.role = cls.keywords?.['table'] === 'True' ? 'table' : 'schema';
    return info;
  }

  /** The nearest mapped classes (tables, or subclasses sharing one) among a class's ancestors. */
  mappedParents(info: Info): Array<{ file: ScannedFile; cls: ClassRecord }> {
    const out: Array<{ file: ScannedFile; cls: ClassRecord }> = [];
    const seen = new Set<ClassRecord>();
    const stack = [...info.parents];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      if (seen.has(parent.cls)) continue;
      seen.add(parent.cls);
      const role = this.info(parent.file, parent.cls).role;
      if (role === 'table' || role === 'shared') out.push(parent);
      else stack.push(...this.info(parent.file, parent.cls).parents);
    }
    return out;
  }

  /**
   * Single-table inheritance: a subclass of a mapped class that declares no ForeignKey of its own to an ancestor's
   * table, which joined inheritance needs for its primary key (`id = Column(ForeignKey("challenges.id"),
   * primary_key=True)`). A `__tablename__` alone does not make a table (Flask-SQLAlchemy makes none without a
   * primary key: CTFd's Admins shares users).
   */
  private sharesParentTable(info: Info, cls: ClassRecord): boolean {
    const ancestors: Array<{ file: ScannedFile; cls: ClassRecord }> = [];
    const seen = new Set<ClassRecord>();
    const stack = this.mappedParents(info);
    if (stack.length === 0) return false;
    while (stack.length > 0) {
      const parent = stack.pop()!;
      if (seen.has(parent.cls)) continue;
      seen.add(parent.cls);
      ancestors.push(parent);
      stack.push(...this.mappedParents(this.info(parent.file, parent.cls)));
    }
    const names = new Set<string>();
    for (const a of ancestors) {
      names.add(a.cls.name);
      if (a.cls.tableName !== undefined) names.add(a.cls.tableName);
      if (this.info(a.file, a.cls).flask) names.add(snakeCase(a.cls.name));
    }
    return !(cls.links ?? []).some((link) => {
      if (link.kind !== 'ForeignKey' || link.target === null) return false;
      const parts = link.target.split('.');
      return names.has(parts[0]!) || names.has(parts.slice(0, -1).join('.')) || (parts.length > 1 && names.has(parts[parts.length - 2]!));
    });
  }
}

/** Flask-SQLAlchemy 3's default table name: `OrderLine` -> `order_line`, `HTTPThing` -> `http_thing`. */
export function snakeCase(name: string): string {
  return name
    .replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, '_$1')
    .toLowerCase()
    .replace(/^_+/, '');
}

const classifiers = new WeakMap<ScanResult, Classifier>();

/**
 * The classifier of a tree, one per scan: the Django apps (granularity.ts) and the entities (models.ts) ask it
 * about the same classes and share what it found. Django third-party bases count when the tree is Django's.
 */
export function classifierOf(scan: ScanResult): Classifier {
  let classifier = classifiers.get(scan);
  if (classifier === undefined) {
    const isDjango =
      scan.installedApps.length > 0 ||
      scan.files.some((f) => f.imports.some((r) => r.module === 'django' || r.module.startsWith('django.')));
    classifier = new Classifier(new NameResolver(scan), isDjango);
    classifiers.set(scan, classifier);
  }
  return classifier;
}
