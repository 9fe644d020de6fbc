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

/** A class statement: its base classes (dotted names only) and its relation fields. */
export interface ClassRecord {
  name: string;
  line: number;
  bases: string[];
  fields: FieldRecord[];
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
