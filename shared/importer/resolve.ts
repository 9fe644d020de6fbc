// Import resolution: each imported name of a file becomes a module of the project (the longest dotted prefix
// that is a project module) or an external top-level name (standard library or third party).
import { isStdlib } from './stdlib';
import type { ImportRecord, ScannedFile } from './types';

export interface ResolvedImport {
  record: ImportRecord;
  /** The imported name for `from x import name`, null for `import x`. */
  name: string | null;
  /** Absolute dotted module of the statement; null when a relative import climbs above the top package. */
  base: string | null;
  /** The project module it reaches, or null when it is external or unresolvable. */
  target: string | null;
  /** For an external import: its top-level name and where it comes from. */
  external: { top: string; stdlib: boolean } | null;
}

/** The absolute module of `from ...module import`, seen from the module `own` (a package when isPackage). */
export function absoluteModule(module: string, level: number, own: string, isPackage: boolean): string | null {
  if (level === 0) return module;
  const parts = own === '' ? [] : own.split('.');
  const pkg = isPackage ? parts : parts.slice(0, -1);
  if (level - 1 > pkg.length) return null;
  const base = pkg.slice(0, pkg.length - (level - 1));
  if (module !== '') base.push(module);
  return base.join('.');
}

/** The longest prefix of `name` that is a project module, else the external top-level name. */
function longest(name: string, modules: ReadonlySet<string>): Pick<ResolvedImport, 'target' | 'external'> {
  let candidate = name;
  for (;;) {
    if (modules.has(candidate)) return { target: candidate, external: null };
    const dot = candidate.lastIndexOf('.');
    if (dot < 0) break;
    candidate = candidate.slice(0, dot);
  }
  const top = name.split('.', 1)[0]!;
  return { target: null, external: { top, stdlib: isStdlib(top) } };
}

/** Every imported name of a file, resolved against the set of the project's dotted module names. */
export function resolveImports(
  file: Pick<ScannedFile, 'imports' | 'module' | 'isPackage'>,
  modules: ReadonlySet<string>,
): ResolvedImport[] {
  const out: ResolvedImport[] = [];
  for (const record of file.imports) {
    const base = absoluteModule(record.module, record.level, file.module, file.isPackage);
    if (record.names === null) {
      out.push({ record, name: null, base, ...longest(base!, modules) });
      continue;
    }
    for (const name of record.names) {
      if (base === null || base === '') {
        out.push({ record, name, base, target: null, external: null });
        continue;
      }
      const full = name === '*' ? base : `${base}.${name}`;
      if (modules.has(full)) out.push({ record, name, base, target: full, external: null });
      else out.push({ record, name, base, ...longest(base, modules) });
    }
  }
  return out;
}
