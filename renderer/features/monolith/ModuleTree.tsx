import { commandForKey, keyOfPress } from '../../../shared/commands/appCommands';
import { keyTable } from '../../platform/keys';
import { useEffect, useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { Project } from '../../../shared/model/project';
import { formatLines } from '../../platform/labels';
import { edit } from '../../state/edit';
import { moveModulesTo } from '../../state/moduleActions';
import { selectModules } from '../../state/selectionStore';
import { showNotice } from '../../state/uiStore';
import { deleteModules } from '../../state/moduleEdits';
import type { ModuleStats } from '../../derived/moduleStats';
import { clickSelect, type TreeRow } from './tree';

export const MODULE_MIME = 'application/x-carve-modules';
const ROW_HEIGHT = 24;
/** Rows drawn above and below the visible window. */
const OVERSCAN = 12;

interface Props {
  rows: TreeRow[];
  stats: ReadonlyMap<string, ModuleStats>;
  owners: ReadonlyMap<string, string>;
  serviceNames: ReadonlyMap<string, string>;
  selected: readonly string[];
  onToggle(key: string): void;
  project: Project;
}

const isMac = () => /Mac|iP(hone|ad)/.test(navigator.platform);

/**
 * The module tree: only the rows in view are drawn (a monolith may have 10,000 modules). One row is the tab
 * stop; arrows move it, Shift+arrows extend the selection, Space/Enter select, Right/Left expand and collapse,
 * Ctrl+Shift+M (⇧⌘M) moves the selection to a service, Delete deletes it. Rows drag their modules to the canvas.
 */
export function ModuleTree({ rows, stats, owners, serviceNames, selected, onToggle, project }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const anchor = useRef<string | null>(null);
  const wantFocus = useRef(false);
  /** The last selection the tree has seen or made itself: only other selections move the focus row. */
  const seen = useRef<readonly string[]>(selected);
  const selectHere = (ids: string[]) => {
    seen.current = ids;
    selectModules(ids);
  };

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  const order = rows.flatMap((row) => (row.node.module ? [row.node.module.id] : []));
  const selectedSet = new Set(selected);
  const focusIndex = Math.max(0, focusKey === null ? 0 : rows.findIndex((row) => row.node.key === focusKey));
  const current = rows[focusIndex];

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(current?.node.key ?? '')}"]`)?.focus();
  });

  // A selection made elsewhere (a warning, the inspector, the canvas) brings its first module into view.
  useEffect(() => {
    if (seen.current === selected) return;
    seen.current = selected;
    const index = selected[0] === undefined ? -1 : rows.findIndex((row) => row.node.module?.id === selected[0]);
    const element = scroller.current;
    if (index < 0 || !element) return;
    setFocusKey(rows[index]!.node.key);
    const top = index * ROW_HEIGHT;
    if (top >= element.scrollTop && top + ROW_HEIGHT <= element.scrollTop + element.clientHeight) return;
    element.scrollTop = Math.max(0, top - element.clientHeight / 2);
    setScrollTop(element.scrollTop);
  }, [selected, rows]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const moveFocus = (index: number) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!target) return null;
    const element = scroller.current;
    if (element) {
      const top = rows.indexOf(target) * ROW_HEIGHT;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
      setScrollTop(element.scrollTop);
    }
    wantFocus.current = true;
    setFocusKey(target.node.key);
    return target;
  };

  const select = (row: TreeRow, modifiers: { shift: boolean; toggle: boolean }) => {
    const ids = row.node.module ? [row.node.module.id] : row.node.moduleIds;
    if (!row.node.module) {
      // A package row selects everything under it (added to the selection with Ctrl/Cmd).
      const merged = modifiers.toggle ? [...new Set([...selected, ...ids])] : ids;
      anchor.current = ids[0] ?? null;
      selectHere(merged);
      return;
    }
    const step = clickSelect(order, { selected: [...selected], anchor: anchor.current }, ids[0]!, modifiers);
    anchor.current = step.anchor;
    selectHere(step.selected);
  };

  const actOn = (): string[] => (selected.length > 0 ? [...selected] : (current?.node.moduleIds ?? []));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = isMac() ? event.metaKey : event.ctrlKey;
    const row = current;
    if (!row) return;
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        handled();
        const target = moveFocus(focusIndex + (event.key === 'ArrowDown' ? 1 : -1));
        if (target && event.shiftKey) select(target, { shift: true, toggle: false });
        return;
      }
      case 'Home':
      case 'End':
        handled();
        moveFocus(event.key === 'Home' ? 0 : rows.length - 1);
        return;
      case 'ArrowRight':
        handled();
        if (row.hasChildren && !row.expanded) onToggle(row.node.key);
        else if (row.expanded) moveFocus(focusIndex + 1);
        return;
      case 'ArrowLeft': {
        handled();
        if (row.expanded) return onToggle(row.node.key);
        const parentKey = row.node.key.slice(0, Math.max(0, row.node.key.lastIndexOf('.')));
        const parent = rows.findIndex((r) => r.node.key === parentKey);
        if (parent >= 0) moveFocus(parent);
        return;
      }
      case ' ':
      case 'Enter':
        handled();
        if (!row.node.module && event.key === 'Enter') return onToggle(row.node.key);
        select(row, { shift: event.shiftKey, toggle: mod });
        return;
      case 'Delete':
      case 'Backspace': {
        const ids = actOn();
        if (ids.length === 0) return;
        handled();
        if (edit('Delete modules', (project) => deleteModules(project, ids))) {
          selectModules([]);
          showNotice(`Deleted ${ids.length === 1 ? '1 module' : `${ids.length} modules`} (Ctrl+Z undoes)`);
        }
        return;
      }
      case 'a':
        if (!mod) return;
        handled();
        selectHere(order);
        return;
    }
    // Move to service… with the table's key (Ctrl+Shift+M), acting on the focused row when nothing is selected.
    const { platform, host } = keyTable();
    const key = keyOfPress(event, platform);
    if (key && commandForKey(key, platform, host) === 'module:move') {
      handled();
      void moveModulesTo(actOn());
    }
  };

  const onRowClick = (row: TreeRow, index: number, event: MouseEvent) => {
    setFocusKey(row.node.key);
    void index;
    const toggle = isMac() ? event.metaKey : event.ctrlKey;
    select(row, { shift: event.shiftKey, toggle });
  };

  const onDragStart = (row: TreeRow, event: DragEvent) => {
    const own = row.node.moduleIds;
    const ids = row.node.module && selectedSet.has(row.node.module.id) ? [...selected] : own;
    event.dataTransfer.setData(MODULE_MIME, JSON.stringify(ids));
    event.dataTransfer.setData('text/plain', ids.map((id) => project.monolith.modules.find((m) => m.id === id)?.name ?? id).join('\n'));
    event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <div ref={scroller} className="panel-tree-scroller" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <div
        role="tree"
        aria-label="Modules"
        aria-multiselectable="true"
        className="panel-tree"
        style={{ height: rows.length * ROW_HEIGHT, paddingTop: first * ROW_HEIGHT }}
        onKeyDown={onKeyDown}
      >
        {rows.slice(first, last).map((row, offset) => {
          const index = first + offset;
          const { node } = row;
          const module = node.module;
          const stat = module ? stats.get(module.id) : undefined;
          const ownerId = module ? owners.get(module.id) : undefined;
          const owner = ownerId ? serviceNames.get(ownerId) : undefined;
          const isSelected = module ? selectedSet.has(module.id) : false;
          const count = module ? (stat?.count ?? 0) : node.couplingCount;
          const label = module
            ? `${module.name}, ${formatLines(module.linesOfCode)} lines, ${count} dependencies, ${owner ? `in ${owner}` : 'unassigned'}`
            : `${node.key}, package of ${node.moduleIds.length} modules`;
          return (
            <div
              key={node.key}
              role="treeitem"
              data-key={node.key}
              aria-level={node.depth + 1}
              aria-selected={module ? isSelected : undefined}
              aria-expanded={row.hasChildren ? row.expanded : undefined}
              aria-label={label}
              tabIndex={index === focusIndex ? 0 : -1}
              draggable
              className={`panel-row${isSelected ? ' is-selected' : ''}${module ? '' : ' is-group'}`}
              style={{ paddingLeft: 8 + node.depth * 14 }}
              title={module ? [module.name, module.path].filter(Boolean).join(' · ') : node.key}
              onClick={(event) => onRowClick(row, index, event)}
              onDragStart={(event) => onDragStart(row, event)}
            >
              <span
                className={`panel-twisty${row.hasChildren ? '' : ' is-leaf'}`}
                aria-hidden="true"
                onClick={(event) => {
                  if (!row.hasChildren) return;
                  event.stopPropagation();
                  setFocusKey(node.key);
                  onToggle(node.key);
                }}
              >
                {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
              </span>
              <span className="panel-row-name">{node.label}</span>
              {owner && <span className="panel-owner">{owner}</span>}
              {module ? (
                <span className="panel-row-deps" title={`${count} dependencies`}>
                  {count}
                </span>
              ) : (
                <span className="panel-row-count" title={`${node.moduleIds.length} modules`}>
                  {node.moduleIds.length}
                </span>
              )}
              <span className="panel-row-lines">{formatLines(module ? module.linesOfCode : node.lines)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
