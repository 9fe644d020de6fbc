import { ProjectSchema, type Project } from './project';

/** Lower-case, dash-separated, id-safe form of a name: "Order History" -> "order-history". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'item';
}

/** An id from `base` that is not in `taken`: "orders", then "orders-2", "orders-3"... */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = slugify(base);
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A new, empty project. Deterministic: the same name gives the same project (and the same bytes on save). */
export function createProject(name: string, author = ''): Project {
  const trimmed = name.trim() || 'Untitled project';
  return ProjectSchema.parse({ id: slugify(trimmed), name: trimmed, author });
}
