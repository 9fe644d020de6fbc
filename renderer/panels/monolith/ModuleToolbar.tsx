import { useMemo } from 'react';
import type { Module } from '../../../shared/model/project';
import { allTags, type ModuleFilter, type SortKey } from './tree';

interface Props {
  filter: ModuleFilter;
  onFilter(filter: ModuleFilter): void;
  sort: SortKey;
  onSort(sort: SortKey): void;
  modules: readonly Module[];
  onAddModule(): void;
  onAddDependency(): void;
}

const SORTS: { value: SortKey; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'size', label: 'Size (lines)' },
  { value: 'coupling-count', label: 'Coupling (dependencies)' },
  { value: 'coupling-weight', label: 'Coupling (weight)' },
];

/** Search, filters, sort and the "add" buttons above the module tree. */
export function ModuleToolbar({ filter, onFilter, sort, onSort, modules, onAddModule, onAddDependency }: Props) {
  const tags = useMemo(() => allTags(modules), [modules]);
  return (
    <div className="panel-toolbar">
      <input
        type="search"
        className="panel-search"
        aria-label="Search modules"
        placeholder="Search modules, tags, entities"
        value={filter.query}
        onChange={(e) => onFilter({ ...filter, query: e.target.value })}
      />
      <div className="panel-toolbar-row">
        <select
          aria-label="Show"
          value={filter.unassignedOnly ? 'unassigned' : 'all'}
          onChange={(e) => onFilter({ ...filter, unassignedOnly: e.target.value === 'unassigned' })}
        >
          <option value="all">All modules</option>
          <option value="unassigned">Unassigned only</option>
        </select>
        <select aria-label="Tag" value={filter.tag ?? ''} onChange={(e) => onFilter({ ...filter, tag: e.target.value || null })}>
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
        <select aria-label="Sort by" value={sort} onChange={(e) => onSort(e.target.value as SortKey)}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="panel-toolbar-row">
        <button type="button" className="panel-mini" aria-label="Add a module" title="Add a module by hand" onClick={onAddModule}>
          + Module
        </button>
        <button type="button" className="panel-mini" aria-label="Add a dependency" title="Add a dependency between two modules" onClick={onAddDependency} disabled={modules.length < 2}>
          + Dependency
        </button>
      </div>
    </div>
  );
}
