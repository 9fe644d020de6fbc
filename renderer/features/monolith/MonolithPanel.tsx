import { shortcutText } from '../../../shared/commands/appCommands';
import { keyTable } from '../../platform/keys';
import { useEffect, useMemo, useState } from 'react';
import { formatLines, frameworkLabel } from '../../platform/labels';
import type { DocumentState } from '../../state/documentStore';
import { ask } from '../../state/dialogStore';
import { moveModulesTo } from '../../state/moduleActions';
import { useSelection } from '../../state/selectionStore';
import { ModuleFormDialog } from './ModuleFormDialog';
import { ModuleToolbar } from './ModuleToolbar';
import { ModuleTree } from './ModuleTree';
import { moduleStats } from '../../derived/moduleStats';
import {
  buildTree,
  isFiltering,
  matchesFilter,
  NO_FILTER,
  ownersOf,
  statusText,
  visibleRows,
  type ModuleFilter,
  type SortKey,
} from './tree';
import { useDocument } from '../../state/documentStore';
import '../../widgets/panels.css';

const selectMonolith = (state: DocumentState) => state.project?.monolith ?? null;
const selectServices = (state: DocumentState) => state.project?.services ?? null;
const selectProject = (state: DocumentState) => state.project;

/** The monolith's modules as a tree: search, filter, sort, multi-select, drag to the canvas, edit by hand. */
export function MonolithPanel() {
  const project = useDocument(selectProject);
  const monolith = useDocument(selectMonolith);
  const services = useDocument(selectServices);
  const selected = useSelection((state) => state.moduleIds);
  const [filter, setFilter] = useState<ModuleFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortKey>('name');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [form, setForm] = useState<'module' | null>(null);

  const owners = useMemo(() => ownersOf(services ?? []), [services]);
  const serviceNames = useMemo(() => new Map((services ?? []).map((s) => [s.id, s.name])), [services]);
  const stats = useMemo(() => (monolith ? moduleStats(monolith) : new Map()), [monolith]);
  // Only the unassigned filter reads owners: an assignment then leaves the tree as it was (10,000 modules).
  const filterOwners = filter.unassignedOnly ? owners : null;
  const shown = useMemo(() => {
    if (!monolith) return [];
    if (!isFiltering(filter)) return monolith.modules;
    return monolith.modules.filter((m) => matchesFilter(m, filter, filterOwners ?? new Map()));
  }, [monolith, filter, filterOwners]);
  const tree = useMemo(() => buildTree(shown, stats, sort), [shown, stats, sort]);
  const filtering = isFiltering(filter);
  const rows = useMemo(() => visibleRows(tree, collapsed, filtering), [tree, collapsed, filtering]);
  // A module selected elsewhere is shown even when its package was collapsed.
  useEffect(() => {
    const name = monolith?.modules.find((m) => m.id === selected[0])?.name;
    if (!name) return;
    const parts = name.split('.');
    const ancestors = parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
    setCollapsed((previous) =>
      ancestors.some((key) => previous.has(key)) ? new Set([...previous].filter((key) => !ancestors.includes(key))) : previous,
    );
  }, [selected, monolith]);
  if (!monolith || !project) return null;

  const total = monolith.modules.reduce((sum, m) => sum + m.linesOfCode, 0);
  const toggle = (key: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <aside className="panel monolith-panel panel-monolith" aria-labelledby="monolith-title">
      <div className="panel-head">
        <h2 id="monolith-title" className="panel-title">
          Monolith
        </h2>
        <span className="count" aria-label={`${monolith.modules.length} modules`}>
          {monolith.modules.length}
        </span>
      </div>
      <p className="panel-sub">
        {monolith.name} · {frameworkLabel(monolith.framework)} · Python {monolith.pythonVersion} · {formatLines(total)} lines
      </p>
      {monolith.modules.length === 0 ? (
        <div className="panel-empty-state">
          <p className="panel-empty-title">This monolith has no modules yet.</p>
          <p className="muted">Describe its packages by hand: a dotted name, lines of code, tags and the data it owns.</p>
          <button type="button" className="primary" onClick={() => setForm('module')}>
            Add a module
          </button>
        </div>
      ) : (
        <>
          <ModuleToolbar filter={filter} onFilter={setFilter} sort={sort} onSort={setSort} modules={monolith.modules} />
          <div className="panel-selection-bar">
            <span className="muted" role="status" aria-live="polite">
              {statusText(monolith.modules.length, filtering ? shown.length : null, selected.length)}
            </span>
            <span className="spacer" />
            <button
              type="button"
              className="panel-mini"
              disabled={selected.length === 0}
              title={`Move the selected modules to a service (${shortcutText('module:move', keyTable().platform, keyTable().host) ?? ''})`}
              onClick={() => void moveModulesTo([...selected])}
            >
              Move to service…
            </button>
          </div>
          {rows.length === 0 ? (
            <p className="muted panel-empty">No module matches.</p>
          ) : (
            <ModuleTree
              rows={rows}
              stats={stats}
              owners={owners}
              serviceNames={serviceNames}
              selected={selected}
              onToggle={toggle}
              project={project}
            />
          )}
          <div className="panel-footer">
            <button type="button" className="panel-mini" title="Add a module by hand" onClick={() => setForm('module')}>
              <span aria-hidden="true">+ </span>Module
            </button>
            <button
              type="button"
              className="panel-mini"
              title="Add a dependency between two modules"
              disabled={monolith.modules.length < 2}
              onClick={() => void ask('dependency', { from: selected[0] ?? null })}
            >
              <span aria-hidden="true">+ </span>Dependency
            </button>
          </div>
        </>
      )}
      {form === 'module' && <ModuleFormDialog onClose={() => setForm(null)} />}
    </aside>
  );
}
