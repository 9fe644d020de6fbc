// What the Python importer reads from each file, and what it keeps of the whole tree. Everything here is plain
// data (no Maps, no classes) so that it crosses a worker boundary and can be kept next to a project: changing
// the granularity later re-aggregates these records without reading a file again.

/** Where an import statement runs: at import time of the module (module or class body) or inside a function. */
export type ImportScope = 'module' | 'function';

/**
 * `type-checking`: under `if TYPE_CHECKING:` (never runs); `optional`: in the body of a `try` whose handlers
 * catch ImportError or ModuleNotFoundError; `runtime`: everything else.
 */
export type ImportKind = 'runtime' | 'type-checking' | 'optional';

/** One imported name of one import statement, as written. */
export interface ImportRecord {
  line: number;
  /** Index of the statement in its file: records of `import a, b` share it. */
  stmt: number;
  /** 0 for an absolute import, else the number of leading dots of `from ..x import y`. */
  level: number;
  /** The dotted module after `import` or after `from` (may be '' for `from . import x`). */
  module: string;
  /** The names after `from x import` (`*` for a star import); null for `import x`. */
  names: string[] | null;
  scope: ImportScope;
  kind: ImportKind;
  /**
   * The names bound by `as`, one per imported name (null where there is none); absent when the statement has no
   * `as`. For `import a.b as c` it is ['c']: the name `c` is bound to the module `a.b`.
   */
  alias?: Array<string | null>;
}

export const RELATION_FIELDS = ['ForeignKey', 'OneToOneField', 'ManyToManyField'] as const;
export type RelationField = (typeof RELATION_FIELDS)[number];

/** `name = models.ForeignKey(target, ...)` directly in a class body. */
export interface FieldRecord {
  name: string;
  line: number;
  field: RelationField;
  /** The target as written: a string literal's text ('app.Model', 'Model', 'self') or a dotted name; null otherwise. */
  target: string | null;
}

/**
 * A data link written in a class body (SQLAlchemy, SQLModel), directly or in a method (`@declared_attr`):
 * `ForeignKey("table.col")` anywhere in a statement (`Column(..., ForeignKey(...))`, `mapped_column(...)`),
 * SQLModel's `Field(foreign_key="table.col")`, and `relationship("Class")` / `Relationship()`.
 */
export interface LinkRecord {
  /** The attribute: the assignment's target, or the name of the method the call is in. */
  name: string;
  line: number;
  kind: 'ForeignKey' | 'relationship';
  /**
   * As written: a string literal's text ("orders.id", "Order") or a dotted name (`Order.id`, `Order`); for a
   * relationship without a target argument, the class named by the annotation (`Mapped[List["Order"]]`,
   * `Optional["Team"]`); null when none can be read.
   */
  target: string | null;
}

/** A class statement: its base classes (dotted names only) and its relation fields. */
export interface ClassRecord {
  name: string;
  line: number;
  bases: string[];
  fields: FieldRecord[];
  /** Where the statement is: module level (also inside a module-level if/try/with), a class body or a function. */
  scope?: 'module' | 'class' | 'function';
  /** Under `if TYPE_CHECKING:`: the class never exists at run time. */
  typeChecking?: boolean;
  /** Keyword arguments of the class statement with a name or constant value, as written (`table=True`). */
  keywords?: Record<string, string>;
  /** `class Meta: abstract = True` (Django) or `__abstract__ = True` (SQLAlchemy) in the body. */
  abstract?: boolean;
  /** `class Meta: proxy = True` (Django): a proxy model shares its parent's table. */
  proxy?: boolean;
  /** `__tablename__ = "name"` in the body (a plain string). */
  tableName?: string;
  /** `label = "name"` in the body (a plain string): the app label of a Django AppConfig. */
  label?: string;
  links?: LinkRecord[];
}

/**
 * A module-level `NAME = a.b` (an alias) or `NAME = a.b(...)` (a call: `Base = declarative_base()`,
 * `db = SQLAlchemy()`, `Product = get_model("catalogue", "Product")`), for resolving base classes.
 */
export interface AssignRecord {
  name: string;
  line: number;
  value: string;
  call: boolean;
  /** The leading plain string arguments of a call (`get_model("catalogue", "Product")`). */
  args?: string[];
}

export interface SyntaxProblem {
  line: number;
  reason: string;
}

/** What one Python file contains, as far as the importer cares. */
export interface FileScan {
  /** Physical lines. */
  lines: number;
  /** Non-blank lines that are not comment-only (docstring lines count: they are code to Python). */
  codeLines: number;
  imports: ImportRecord[];
  classes: ClassRecord[];
  /** Calls of `Blueprint(` (Flask) and `APIRouter(` (FastAPI). */
  blueprints: number;
  routers: number;
  /** String literals of a module-level `INSTALLED_APPS = [...]` (with `+=` and `A + B` of known lists), else null. */
  installedApps: string[] | null;
  /** A module-level `AUTH_USER_MODEL = "app.Model"` (Django settings), else null. */
  authUserModel: string | null;
  /** Module-level aliases and factory calls, for resolving base classes (see AssignRecord). */
  assigns?: AssignRecord[];
  /** The first syntax error the lexer saw; the records found before it are kept. */
  error: SyntaxProblem | null;
}

/** One scanned file of the tree. */
export interface ScannedFile extends FileScan {
  /** Path relative to the imported folder, with forward slashes. */
  path: string;
  /** Dotted module name ("shop.orders.models"; a package's __init__.py is the package "shop.orders"). */
  module: string;
  /** True for a package's __init__.py. */
  isPackage: boolean;
  /** True for files under a migrations/ folder: counted apart, never a dependency source. */
  isMigration: boolean;
}

export interface ImportProblem {
  path: string;
  reason: string;
}

/** Everything read from a tree; the input of aggregate(). */
export interface ScanResult {
  /** Absolute path of the folder that was imported. */
  root: string;
  /** Source roots found, relative to root ('' for root itself). */
  sourceRoots: string[];
  files: ScannedFile[];
  /** Django apps named by INSTALLED_APPS (as written, e.g. "shop.orders.apps.OrdersConfig"). */
  installedApps: string[];
  problems: ImportProblem[];
  /** Files and folders skipped: ignored by .gitignore, virtualenvs, build folders, symlink loops. */
  skipped: number;
}
