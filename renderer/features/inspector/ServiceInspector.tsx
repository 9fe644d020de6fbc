import { recommendFramework } from '../../../shared/analysis/recommend';
import { FRAMEWORKS, getFramework } from '../../../shared/catalog/frameworks';
import { API_STYLE_LABELS, DATASTORES, RUNTIMES, getRuntime } from '../../../shared/catalog/runtimes';
import { assignModules } from '../../../shared/commands/assign';
import { deleteService, updateService, type ServiceChanges } from '../../../shared/commands/services';
import { API_STYLES, type ApiStyle, type Project, type Service } from '../../../shared/model/project';
import { formatLines } from '../../platform/labels';
import { edit, editProblem } from '../../state/edit';
import { clearSelection, selectModules } from '../../state/selectionStore';
import { showNotice } from '../../state/uiStore';
import { CommitField } from './CommitField';
import { FrameworkCatalogue, FrameworkTraits } from './FrameworkTraits';
import { InspectorHead } from './InspectorHead';

/** A service field typed in: its problem line, or null once applied. */
const change = (what: string, serviceId: string, changes: ServiceChanges) =>
  editProblem(what, (p) => updateService(p, { serviceId, changes }));

/** A service: its fields (each edit one undo step), Carve's framework recommendation and its modules. */
export function ServiceInspector({ project, service }: { project: Project; service: Service }) {
  const recommendation = recommendFramework(project, service.id);
  const recommended = getFramework(recommendation.frameworkId);
  const runtime = getRuntime(service.runtime);
  const byId = new Map(project.monolith.modules.map((m) => [m.id, m]));
  const modules = service.moduleIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const lines = modules.reduce((sum, m) => sum + m.linesOfCode, 0);
  const teams = project.planning.teams.map((team) => ({ value: team.name, label: team.name }));

  return (
    <>
      <InspectorHead title="Service">
        <span className="panel-head-name">{service.name}</span>
      </InspectorHead>
      <section
        className={`panel-recommendation${recommendation.differs ? ' is-different' : ''}`}
        aria-label="Carve's recommendation"
        aria-live="polite"
      >
        <p className="panel-rec-title">
          Recommended: <strong>{recommended.name}</strong>
          {recommendation.differs ? (
            <span className="panel-rec-marker">differs from {getFramework(service.framework).name}</span>
          ) : (
            <span className="panel-rec-ok">matches</span>
          )}
        </p>
        <p className="panel-rec-reason">{recommendation.reason}</p>
        {recommendation.differs && (
          <button
            type="button"
            className="panel-mini panel-rec-use"
            onClick={() => edit('Framework', (p) => updateService(p, { serviceId: service.id, changes: { framework: recommended.id } }))}
          >
            Use {recommended.name}
          </button>
        )}
      </section>
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()}>
        <CommitField
          key={`${service.id}-name`}
          label="Name"
          value={service.name}
          maxLength={200}
          onCommit={(name) => change('Name', service.id, { name })}
        />
        <label className="field">
          <span>Framework</span>
          <select
            value={getFramework(service.framework).id}
            onChange={(e) => edit('Framework', (p) => updateService(p, { serviceId: service.id, changes: { framework: e.target.value } }))}
          >
            {FRAMEWORKS.map((framework) => (
              <option key={framework.id} value={framework.id}>
                {framework.name}
                {framework.id === recommended.id ? ' (recommended)' : ''}
              </option>
            ))}
          </select>
        </label>
        <FrameworkTraits frameworkId={service.framework} />
        <FrameworkCatalogue chosen={getFramework(service.framework).id} recommended={recommended.id} />
        <label className="field">
          <span>Runtime</span>
          <select
            value={service.runtime}
            aria-describedby={runtime ? `${service.id}-runtime-notes` : undefined}
            onChange={(e) => edit('Runtime', (p) => updateService(p, { serviceId: service.id, changes: { runtime: e.target.value } }))}
          >
            {!runtime && <option value={service.runtime}>{service.runtime}</option>}
            {RUNTIMES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        {runtime && (
          <p id={`${service.id}-runtime-notes`} className="hint panel-field-hint">
            {runtime.notes}
          </p>
        )}
        <CommitField
          key={`${service.id}-datastore`}
          label="Datastore"
          value={service.datastore}
          maxLength={200}
          placeholder="e.g. PostgreSQL"
          suggestions={DATASTORES.filter((d) => d.value)}
          onCommit={(datastore) => change('Datastore', service.id, { datastore: datastore.trim() })}
        />
        <label className="field">
          <span>API style</span>
          <select
            value={service.apiStyle}
            onChange={(e) =>
              edit('API style', (p) => updateService(p, { serviceId: service.id, changes: { apiStyle: e.target.value as ApiStyle } }))
            }
          >
            {API_STYLES.map((style) => (
              <option key={style} value={style}>
                {API_STYLE_LABELS[style]}
              </option>
            ))}
          </select>
        </label>
        <CommitField
          key={`${service.id}-team`}
          label="Team"
          value={service.team}
          maxLength={200}
          suggestions={teams}
          onCommit={(team) => change('Team', service.id, { team: team.trim() })}
        />
        <CommitField
          key={`${service.id}-description`}
          label="Description"
          value={service.description}
          multiline
          maxLength={10_000}
          onCommit={(description) => change('Description', service.id, { description })}
        />
        <CommitField
          key={`${service.id}-notes`}
          label="Notes"
          value={service.notes}
          multiline
          rows={4}
          maxLength={100_000}
          onCommit={(notes) => change('Notes', service.id, { notes })}
        />
      </form>
      <section className="panel-section" aria-labelledby="service-modules-title">
        <h3 id="service-modules-title" className="panel-section-title">
          Modules <span className="count">{modules.length}</span>
          <span className="panel-section-note">{formatLines(lines)} lines</span>
        </h3>
        {modules.length === 0 ? (
          <p className="muted">No modules yet: drag some from the monolith panel, or use Move to service….</p>
        ) : (
          <ul className="panel-link-list">
            {modules.map((module) => (
              <li key={module.id} className="panel-dep">
                <button type="button" className="panel-list-button" onClick={() => selectModules([module.id])}>
                  <span className="panel-mono">{module.name}</span>
                  <span className="panel-list-meta">{formatLines(module.linesOfCode)}</span>
                </button>
                <button
                  type="button"
                  className="icon panel-remove"
                  aria-label={`Return ${module.name} to the monolith`}
                  title="Return to the monolith"
                  onClick={() => edit('Return module', (p) => assignModules(p, { moduleIds: [module.id], serviceId: null }))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="panel-actions">
        <span className="spacer" />
        <button
          type="button"
          className="panel-mini panel-danger"
          title="Delete the service; its modules return to the monolith"
          onClick={() => {
            if (!edit('Delete service', (p) => deleteService(p, { serviceId: service.id }))) return;
            clearSelection();
            showNotice(`Deleted ${service.name}; its modules are back in the monolith (Ctrl+Z undoes)`);
          }}
        >
          Delete service
        </button>
      </div>
    </>
  );
}
