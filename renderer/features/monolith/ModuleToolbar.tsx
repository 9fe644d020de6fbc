import { useMemo } from 'react';
import type { Module } from '../../../shared/model/project';
import { allTags, type ModuleFilter, type SortKey } from './tree';

interface Props {
  filter: ModuleFilter;
  onFilter(filter: ModuleFilter): void;
  sort: SortKey;
  onSort(sort: SortKey): void;
  modules: readonly Module[];
}

const SORTS: { value: SortKey; label: string }[] = [
  { value: 'name', label: 'By name' },
  { value: 'size', label: 'By size' },
  { value: 'coupling-count', label: 'By coupling' },
  { value: 'coupling-weight', label: 'By weight' },
];

/** Search, filters and sort above the module tree. */
export function ModuleToolbar({ filter, onFilter, sort, onSort, modules }: Props) {
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
          <option value="all">All</option>
          <option value="unassigned">Unassigned</option>
        </select>
        <select aria-label="Tag" value={filter.tag ?? ''} onChange={(e) => onFilter({ ...filter, tag: e.target.value || null })}>
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
        <select
          aria-label="Sort by"
          title="Sort by name, size (lines of code) or coupling (dependency count or weight)"
          value={sort}
          onChange={(e) => onSort(e.target.value as SortKey)}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
