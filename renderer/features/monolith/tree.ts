import type { Module, Project } from '../../../shared/model/project';
import type { ModuleStats } from '../../derived/moduleStats';

// The monolith panel's pure parts: modules as a tree by dotted name, search and filters, sorting, the rows
// shown once groups are collapsed, and multi-selection with click, Shift and Ctrl/Cmd.

/** Module id -> the id of the service that owns it (absent: still in the monolith). */
export function ownersOf(services: Project['services']): Map<string, string> {
  const owners = new Map<string, string>();
  for (const service of services) for (const id of service.moduleIds) owners.set(id, service.id);
  return owners;
}

export interface ModuleFilter {
  /** Matched case-insensitively against the dotted name, the path, tags and entities. */
  query: string;
  unassignedOnly: boolean;
  /** Only modules with this tag (case-insensitive); null for any. */
  tag: string | null;
}

export const NO_FILTER: ModuleFilter = { query: '', unassignedOnly: false, tag: null };

export const isFiltering = (filter: ModuleFilter): boolean => filter.query.trim() !== '' || filter.unassignedOnly || filter.tag !== null;

export function matchesFilter(module: Module, filter: ModuleFilter, owners: ReadonlyMap<string, string>): boolean {
  if (filter.unassignedOnly && owners.has(module.id)) return false;
  if (filter.tag !== null) {
    const tag = filter.tag.toLowerCase();
    if (!module.tags.some((t) => t.toLowerCase() === tag)) return false;
  }
  const query = filter.query.trim().toLowerCase();
  if (!query) return true;
  return (
    module.name.toLowerCase().includes(query) ||
    module.path.toLowerCase().includes(query) ||
    module.tags.some((t) => t.toLowerCase().includes(query)) ||
    module.entities.some((e) => e.toLowerCase().includes(query))
  );
}

/** Every tag used by a module, sorted, each once (case as first written). */
export function allTags(modules: readonly Module[]): string[] {
  const seen = new Map<string, string>();
  for (const module of modules) for (const tag of module.tags) if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export type SortKey = 'name' | 'size' | 'coupling-count' | 'coupling-weight';

export interface TreeNode {
  /** The dotted name up to this node: "acme.orders". */
  key: string;
  /** The last part of the name: "orders". */
  label: string;
  depth: number;
  /** The module of exactly this name, if there is one (a package may be a module and hold others). */
  module: Module | null;
  children: TreeNode[];
  /** Totals over the node's module and everything under it. */
  lines: number;
  couplingCount: number;
  couplingWeight: number;
  moduleIds: string[];
}

const compareBy =
  (key: SortKey) =>
  (a: TreeNode, b: TreeNode): number => {
    const byName = a.label.localeCompare(b.label) || a.key.localeCompare(b.key);
    switch (key) {
      case 'name':
        return byName;
      case 'size':
        return b.lines - a.lines || byName;
      case 'coupling-count':
        return b.couplingCount - a.couplingCount || byName;
      case 'coupling-weight':
        return b.couplingWeight - a.couplingWeight || byName;
    }
  };

/** The modules as a tree by dotted name, siblings sorted by `sort`. Intermediate packages become groups. */
export function buildTree(modules: readonly Module[], stats: ReadonlyMap<string, ModuleStats>, sort: SortKey): TreeNode[] {
  const roots: TreeNode[] = [];
  const byKey = new Map<string, TreeNode>();
  const nodeFor = (key: string): TreeNode => {
    let node = byKey.get(key);
    if (node) return node;
    const dot = key.lastIndexOf('.');
    const parent = dot < 0 ? null : nodeFor(key.slice(0, dot));
    node = {
      key,
      label: key.slice(dot + 1),
      depth: parent ? parent.depth + 1 : 0,
      module: null,
      children: [],
      lines: 0,
      couplingCount: 0,
      couplingWeight: 0,
      moduleIds: [],
    };
    byKey.set(key, node);
    (parent ? parent.children : roots).push(node);
    return node;
  };
  for (const module of modules) nodeFor(module.name).module = module;
  const total = (node: TreeNode): void => {
    for (const child of node.children) total(child);
    const own = node.module;
    const stat = own ? stats.get(own.id) : undefined;
    node.lines = (own?.linesOfCode ?? 0) + node.children.reduce((sum, c) => sum + c.lines, 0);
    node.couplingCount = (stat?.count ?? 0) + node.children.reduce((sum, c) => sum + c.couplingCount, 0);
    node.couplingWeight = (stat?.weight ?? 0) + node.children.reduce((sum, c) => sum + c.couplingWeight, 0);
    node.moduleIds = [...(own ? [own.id] : []), ...node.children.flatMap((c) => c.moduleIds)];
    node.children.sort(compareBy(sort));
  };
  for (const root of roots) total(root);
  roots.sort(compareBy(sort));
  return roots;
}

export interface TreeRow {
  node: TreeNode;
  hasChildren: boolean;
  expanded: boolean;
}

/** The rows on screen: a collapsed node hides what is under it; `expandAll` (while filtering) ignores that. */
export function visibleRows(roots: readonly TreeNode[], collapsed: ReadonlySet<string>, expandAll = false): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: TreeNode): void => {
    const hasChildren = node.children.length > 0;
    const expanded = hasChildren && (expandAll || !collapsed.has(node.key));
    rows.push({ node, hasChildren, expanded });
    if (expanded) for (const child of node.children) walk(child);
  };
  for (const root of roots) walk(root);
  return rows;
}

/** The ids from `anchor` to `target` inclusive, in the order given (just `target` when the anchor is gone). */
export function rangeBetween(order: readonly string[], anchor: string | null, target: string): string[] {
  const end = order.indexOf(target);
  if (end < 0) return [];
  const start = anchor === null ? -1 : order.indexOf(anchor);
  if (start < 0) return [target];
  return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}

export interface SelectionStep {
  selected: string[];
  anchor: string | null;
}

/**
 * A click (or Space/Enter) on `target`: plain replaces the selection; Ctrl/Cmd toggles the target and moves the
 * anchor to it; Shift selects the range from the anchor (added to the selection with Ctrl/Cmd as well).
 */
export function clickSelect(
  order: readonly string[],
  current: SelectionStep,
  target: string,
  modifiers: { shift: boolean; toggle: boolean },
): SelectionStep {
  if (modifiers.shift) {
    const range = rangeBetween(order, current.anchor, target);
    if (!modifiers.toggle) return { selected: range, anchor: current.anchor ?? target };
    const merged = new Set([...current.selected, ...range]);
    return { selected: order.filter((id) => merged.has(id)), anchor: current.anchor ?? target };
  }
  if (modifiers.toggle) {
    const has = current.selected.includes(target);
    return { selected: has ? current.selected.filter((id) => id !== target) : [...current.selected, target], anchor: target };
  }
  return { selected: [target], anchor: target };
}

/** "25 modules", "6 of 25 shown", "2 of 25 selected", "6 shown · 2 selected": short enough for the panel. */
export function statusText(total: number, shown: number | null, selected: number): string {
  if (shown === null) return selected > 0 ? `${selected} of ${total} selected` : `${total} modules`;
  return selected > 0 ? `${shown} shown · ${selected} selected` : `${shown} of ${total} shown`;
}
