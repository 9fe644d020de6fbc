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
//
// The pieces: bindings.ts (what a name is bound to), modelClasses.ts (family and role of a class), modelLinks.ts
// (links to the tables they reach); this file puts them together for aggregate() and the import report.
import { isModuleClass } from './bindings';
import { djangoApps } from './granularity';
import { classifierOf, type Classifier, type Info, type ModelFamily } from './modelClasses';
import { Linker, type Relation } from './modelLinks';
import { supportKinds } from './roles';
import type { ClassRecord, ScanResult, ScannedFile } from './types';

/** A table: an entity of its module. */
export interface ModelClass {
  name: string;
  file: ScannedFile;
  line: number;
  family: ModelFamily;
}

/**
 * A class on the way to tables that is no table itself: an abstract or declarative base, a Django proxy, an
 * SQLAlchemy subclass mapped to its parent's table (single-table inheritance), a mixin.
 */
export type NotTableKind = 'abstract' | 'proxy' | 'single-table' | 'mixin';

export interface NotTable {
  name: string;
  file: ScannedFile;
  line: number;
  kind: NotTableKind;
}

export interface Entities {
  models: ModelClass[];
  notTables: NotTable[];
  relations: Relation[];
}

/** Every class of a tree on the way to a table that is no model itself: mixins, from the tables and abstract bases up. */
function collectNotTables(classifier: Classifier, classes: Array<{ file: ScannedFile; cls: ClassRecord; info: Info }>): NotTable[] {
  const out = new Map<ClassRecord, NotTable>();
  const seen = new Set<ClassRecord>();
  const mixins = (start: { file: ScannedFile; cls: ClassRecord }) => {
    const stack = [...classifier.info(start.file, start.cls).parents];
    while (stack.length > 0) {
      const { file, cls } = stack.pop()!;
      const info = classifier.info(file, cls);
      if (seen.has(cls) || info.role === 'table') continue;
      seen.add(cls);
      if (info.family === null || info.role === 'schema') {
        out.set(cls, { name: cls.name, file, line: cls.line, kind: info.family === null ? 'mixin' : 'abstract' });
      }
      stack.push(...info.parents);
    }
  };
  for (const { file, cls, info } of classes) {
    if (info.role === 'abstract' || info.role === 'base' || info.role === 'proxy' || info.role === 'shared') {
      const kind = info.role === 'proxy' ? 'proxy' : info.role === 'shared' ? 'single-table' : 'abstract';
      out.set(cls, { name: cls.name, file, line: cls.line, kind });
    }
  }
  for (const c of classes) if (c.info.family !== null && c.info.role !== 'schema') mixins(c);
  return [...out.values()].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.line - b.line));
}

/** Every module-level class of the tree with what it is to the ORMs. */
function classify(scan: ScanResult): { classifier: Classifier; classes: Array<{ file: ScannedFile; cls: ClassRecord; info: Info }> } {
  const classifier = classifierOf(scan);
  const classes: Array<{ file: ScannedFile; cls: ClassRecord; info: Info }> = [];
  for (const file of scan.files) {
    if (file.isMigration || file.module === '') continue;
    for (const cls of file.classes) if (isModuleClass(cls)) classes.push({ file, cls, info: classifier.info(file, cls) });
  }
  return { classifier, classes };
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
  const { classifier, classes } = classify(scan);
  const tables = classes.filter((c) => c.info.role === 'table');
  // Subclasses sharing a parent's table are no entities, but their links are the code's (owner: their module).
  const mapped = classes.filter((c) => c.info.role === 'table' || c.info.role === 'shared');
  const models: ModelClass[] = tables.map(({ file, cls, info }) => ({ name: cls.name, file, line: cls.line, family: info.family! }));
  const relations = new Linker(scan, classifier, mapped, apps).relations();
  const entities = { models, notTables: collectNotTables(classifier, classes), relations };
  found.set(scan, { apps: key, entities });
  return entities;
}
