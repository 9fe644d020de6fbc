// Path helpers for the in-app file dialog. Paths come from the host (POSIX or Windows), so the separator is
// taken from the path itself; nothing here touches a file system.

function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

export function joinPath(dir: string, name: string): string {
  if (dir === '' || dir === '.') return name;
  const sep = separatorOf(dir);
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

export const CARVE_EXTENSION = '.carve';

export function withCarveExtension(name: string): string {
  return withExtension(name, CARVE_EXTENSION);
}

/** The trimmed name, ending in `extension` (".pdf"): added unless already there, in any case. */
export function withExtension(name: string, extension: string): string {
  const trimmed = name.trim();
  return trimmed.toLowerCase().endsWith(extension.toLowerCase()) ? trimmed : trimmed + extension;
}

/** Why a file name cannot be used, or null when it can. */
export function fileNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Type a file name';
  if (/[\\/]/.test(trimmed)) return 'A file name cannot contain / or \\';
  if (/[\u0000-\u001f<>:"|?*]/.test(trimmed)) return 'A file name cannot contain control characters or < > : " | ? *';
  if (trimmed === '.' || trimmed === '..' || trimmed.startsWith('.')) return 'A file name cannot start with a dot';
  if (trimmed.length > 250) return 'A file name is at most 250 characters';
  return null;
}

export interface Crumb {
  label: string;
  /** The folder to list; null is the workspace root. */
  dir: string | null;
}

/** The trail from the workspace root to `dir`, for the dialog's breadcrumb. */
export function breadcrumbs(root: string | null, dir: string | null): Crumb[] {
  const rootLabel = root ? (root.split(/[\\/]/).filter(Boolean).pop() ?? root) : 'Workspace';
  const crumbs: Crumb[] = [{ label: rootLabel, dir: null }];
  if (dir === null) return crumbs;
  let base = '';
  let rest = dir;
  if (root && (dir === root || dir.startsWith(root.endsWith('/') || root.endsWith('\\') ? root : root + separatorOf(root)))) {
    base = root;
    rest = dir.slice(root.length);
  }
  const sep = separatorOf(dir);
  const segments = rest.split(/[\\/]/).filter((s) => s && s !== '.');
  segments.forEach((segment, i) => {
    const relative = segments.slice(0, i + 1).join(sep);
    crumbs.push({ label: segment, dir: base ? joinPath(base, relative) : relative });
  });
  return crumbs;
}
