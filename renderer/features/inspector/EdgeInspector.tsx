import { buildServiceGraph } from '../../../shared/analysis/serviceGraph';
import { LINK_STYLE_LABELS } from '../../../shared/catalog/runtimes';
import { removeLink, updateLink } from '../../../shared/commands/links';
import { LINK_STYLES, MONOLITH_NODE_ID, type Link, type LinkStyle, type Project } from '../../../shared/model/project';
import { DependencyEvidence } from './DependencyEvidence';
import { edit, editProblem } from '../../state/edit';
import { clearSelection, selectModules, selectNodes } from '../../state/selectionStore';
import { CommitField } from './CommitField';
import { InspectorHead } from './InspectorHead';

const nodeName = (project: Project, id: string) =>
  id === MONOLITH_NODE_ID ? 'Monolith' : (project.services.find((s) => s.id === id)?.name ?? id);

function Ends({ project, from, to }: { project: Project; from: string; to: string }) {
  return (
    <p className="panel-ends">
      <button type="button" className="link" onClick={() => selectNodes([from])}>
        {nodeName(project, from)}
      </button>
      <span aria-label="to"> → </span>
      <button type="button" className="link" onClick={() => selectNodes([to])}>
        {nodeName(project, to)}
      </button>
    </p>
  );
}

/** A service-to-service edge ("from->to"): the module dependencies behind it. */
export function EdgeInspector({ project, edgeId }: { project: Project; edgeId: string }) {
  const edge = buildServiceGraph(project).edgeById.get(edgeId);
  if (!edge) {
    return (
      <InspectorHead title="Dependency">
        <span className="muted">no longer exists</span>
      </InspectorHead>
    );
  }
  const modules = project.monolith.modules;
  const nameOf = new Map(modules.map((m) => [m.id, m.name]));
  const deps = edge.dependencies.map((i) => project.monolith.dependencies[i]!).sort((a, b) => b.weight - a.weight);
  return (
    <>
      <InspectorHead title="Dependencies">
        <span className="count">{edge.count}</span>
      </InspectorHead>
      <Ends project={project} from={edge.from} to={edge.to} />
      <dl className="inspector-facts panel-edge-facts">
        <div>
          <dt>Total weight</dt>
          <dd>{edge.weight}</dd>
        </div>
        {(['import', 'data', 'call'] as const).map((kind) =>
          edge.weightByKind[kind] > 0 ? (
            <div key={kind}>
              <dt>{kind}</dt>
              <dd>{edge.weightByKind[kind]}</dd>
            </div>
          ) : null,
        )}
      </dl>
      <table className="panel-dep-table">
        <caption className="visually-hidden">Module dependencies behind this edge</caption>
        <thead>
          <tr>
            <th scope="col">Module</th>
            <th scope="col">Depends on</th>
            <th scope="col">Kind</th>
            <th scope="col">Weight</th>
          </tr>
        </thead>
        <tbody>
          {deps.map((d) => (
            <tr key={`${d.from}-${d.to}-${d.kind}`}>
              <td>
                <button type="button" className="link panel-mono" onClick={() => selectModules([d.from])}>
                  {nameOf.get(d.from) ?? d.from}
                </button>
              </td>
              <td>
                <button type="button" className="link panel-mono" onClick={() => selectModules([d.to])}>
                  {nameOf.get(d.to) ?? d.to}
                </button>
              </td>
              <td>
                <span className={`panel-kind is-${d.kind}`}>{d.kind}</span>
              </td>
              <td className="num">{d.weight}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <DependencyEvidence dependencies={deps} nameOf={nameOf} />
    </>
  );
}

/** A planned link: its style and label (editable), and a way to delete it. */
export function LinkInspector({ project, link }: { project: Project; link: Link }) {
  return (
    <>
      <InspectorHead title="Planned link" />
      <Ends project={project} from={link.from} to={link.to} />
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Style</span>
          <select
            value={link.style}
            onChange={(e) => edit('Link style', (p) => updateLink(p, { linkId: link.id, changes: { style: e.target.value as LinkStyle } }))}
          >
            {LINK_STYLES.map((style) => (
              <option key={style} value={style}>
                {LINK_STYLE_LABELS[style]}
              </option>
            ))}
          </select>
        </label>
        <CommitField
          key={`${link.id}-label`}
          label="Label"
          value={link.label}
          maxLength={200}
          placeholder="e.g. order.placed"
          onCommit={(label) => editProblem('Link label', (p) => updateLink(p, { linkId: link.id, changes: { label: label.trim() } }))}
        />
      </form>
      <div className="panel-actions">
        <span className="spacer" />
        <button
          type="button"
          className="panel-mini panel-danger"
          onClick={() => {
            if (edit('Delete link', (p) => removeLink(p, { linkId: link.id }))) clearSelection();
          }}
        >
          Delete link
        </button>
      </div>
    </>
  );
}
