import { removeDependency, updateModule } from '../../../shared/commands/modules';
import type { Dependency, Module, Project } from '../../../shared/model/project';
import { formatLines } from '../../platform/labels';
import { ask } from '../../state/dialogStore';
import { edit, editProblem } from '../../state/edit';
import { moveModulesTo, ownerOf } from '../../state/moduleActions';
import { selectModules, selectNodes } from '../../state/selectionStore';
import { showNotice } from '../../state/uiStore';
import { deleteModules, splitList } from '../../state/moduleEdits';
import { CommitField } from './CommitField';
import { InspectorHead } from './InspectorHead';

/** How many selected modules are listed by name. */
const LIST_LIMIT = 100;

/** A module field typed in: its problem line, or null once applied. */
const change = (what: string, moduleId: string, changes: Partial<Omit<Module, 'id'>>) =>
  editProblem(what, (p) => updateModule(p, { moduleId, changes }));

function DependencyList({ title, project, items, side }: { title: string; project: Project; items: Dependency[]; side: 'from' | 'to' }) {
  const nameOf = (id: string) => project.monolith.modules.find((m) => m.id === id)?.name ?? id;
  return (
    <section className="panel-section" aria-label={title}>
      <h3 className="panel-section-title">
        {title} <span className="count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="panel-link-list">
          {items.map((d) => {
            const other = d[side];
            return (
              <li key={`${d.from}-${d.to}-${d.kind}`} className="panel-dep">
                <button
                  type="button"
                  className="panel-list-button"
                  onClick={() => selectModules([other])}
                  title={`Select ${nameOf(other)}`}
                >
                  <span className="panel-mono">{nameOf(other)}</span>
                  <span className={`panel-kind is-${d.kind}`}>{d.kind}</span>
                  <span className="panel-list-meta">{d.weight}</span>
                </button>
                <button
                  type="button"
                  className="icon panel-remove"
                  aria-label={`Remove the ${d.kind} dependency ${nameOf(d.from)} → ${nameOf(d.to)}`}
                  title="Remove this dependency"
                  onClick={() => edit('Remove dependency', (p) => removeDependency(p, { from: d.from, to: d.to, kind: d.kind }))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** One module: its details (each edit one undo step), where it sits, its dependencies in and out. */
export function ModuleInspector({ project, module }: { project: Project; module: Module }) {
  const owner = ownerOf(project, module.id);
  const service = project.services.find((s) => s.id === owner);
  const outgoing = project.monolith.dependencies.filter((d) => d.from === module.id);
  const incoming = project.monolith.dependencies.filter((d) => d.to === module.id && d.from !== module.id);
  const remove = () => {
    if (edit('Delete module', (p) => deleteModules(p, [module.id]))) {
      selectModules([]);
      showNotice(`Deleted ${module.name} (Ctrl+Z undoes)`);
    }
  };
  return (
    <>
      <InspectorHead title="Module">
        <span className="panel-head-name panel-mono">{module.name}</span>
      </InspectorHead>
      <div className="panel-owner-line">
        <span className="muted">In</span>{' '}
        {service ? (
          <button type="button" className="link" onClick={() => selectNodes([service.id])}>
            {service.name}
          </button>
        ) : (
          <span>the monolith</span>
        )}
        <span className="spacer" />
        <button type="button" className="panel-mini" onClick={() => void moveModulesTo([module.id])}>
          Move to service…
        </button>
      </div>
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()}>
        <CommitField
          key={`${module.id}-name`}
          label="Module name"
          value={module.name}
          maxLength={200}
          onCommit={(name) => change('Module name', module.id, { name: name.trim() })}
        />
        <CommitField
          key={`${module.id}-path`}
          label="Path"
          value={module.path}
          maxLength={1000}
          onCommit={(path) => change('Path', module.id, { path: path.trim() })}
        />
        <CommitField
          key={`${module.id}-lines`}
          label="Lines of code"
          type="number"
          value={String(module.linesOfCode)}
          onCommit={(text) => {
            const value = Number(text);
            return Number.isInteger(value) && value >= 0
              ? change('Lines of code', module.id, { linesOfCode: value })
              : 'Lines of code: a whole number, 0 or more.';
          }}
        />
        <CommitField
          key={`${module.id}-tags`}
          label="Tags"
          value={module.tags.join(', ')}
          hint="Comma-separated"
          onCommit={(text) => change('Tags', module.id, { tags: splitList(text) })}
        />
        <CommitField
          key={`${module.id}-entities`}
          label="Entities"
          value={module.entities.join(', ')}
          multiline
          rows={2}
          hint="Comma-separated data models it owns"
          onCommit={(text) => change('Entities', module.id, { entities: splitList(text) })}
        />
      </form>
      <DependencyList title="Depends on" project={project} items={outgoing} side="to" />
      <DependencyList title="Used by" project={project} items={incoming} side="from" />
      <div className="panel-actions">
        <button
          type="button"
          className="panel-mini"
          onClick={() => void ask('dependency', { from: module.id })}
          disabled={project.monolith.modules.length < 2}
        >
          Add dependency…
        </button>
        <span className="spacer" />
        <button type="button" className="panel-mini panel-danger" onClick={remove}>
          Delete module
        </button>
      </div>
    </>
  );
}

/** Several modules: what they add up to, and what can be done with all of them at once. */
export function ModulesInspector({ project, moduleIds }: { project: Project; moduleIds: string[] }) {
  const wanted = new Set(moduleIds);
  const modules = project.monolith.modules.filter((m) => wanted.has(m.id));
  const lines = modules.reduce((sum, m) => sum + m.linesOfCode, 0);
  const remove = () => {
    if (
      edit('Delete modules', (p) =>
        deleteModules(
          p,
          modules.map((m) => m.id),
        ),
      )
    ) {
      selectModules([]);
      showNotice(`Deleted ${modules.length} modules (Ctrl+Z undoes)`);
    }
  };
  return (
    <>
      <InspectorHead title="Modules">
        <span className="count">{modules.length}</span>
        <span className="panel-head-name">{formatLines(lines)} lines</span>
      </InspectorHead>
      <ul className="panel-link-list panel-section">
        {modules.slice(0, LIST_LIMIT).map((module) => {
          const owner = project.services.find((s) => s.moduleIds.includes(module.id));
          return (
            <li key={module.id}>
              <button type="button" className="panel-list-button" onClick={() => selectModules([module.id])}>
                <span className="panel-mono">{module.name}</span>
                <span className="panel-list-meta">{owner?.name ?? 'monolith'}</span>
              </button>
            </li>
          );
        })}
        {modules.length > LIST_LIMIT && <li className="muted panel-more">and {modules.length - LIST_LIMIT} more</li>}
      </ul>
      <div className="panel-actions">
        <button type="button" className="primary" onClick={() => void moveModulesTo(modules.map((m) => m.id))}>
          Move to service…
        </button>
        <span className="spacer" />
        <button type="button" className="panel-mini panel-danger" onClick={remove}>
          Delete {modules.length} modules
        </button>
      </div>
    </>
  );
}
