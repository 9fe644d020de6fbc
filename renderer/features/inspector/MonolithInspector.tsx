import { MONOLITH_NODE_ID, type Project } from '../../../shared/model/project';
import { formatLines, frameworkLabel } from '../../platform/labels';
import { moveModulesTo } from '../../state/moduleActions';
import { selectModules } from '../../state/selectionStore';
import { useDerived } from '../../derived/background';
import { InspectorHead } from './InspectorHead';

/** The Monolith node: what remains in it, and a way to select or move those modules. */
export function MonolithInspector({ project }: { project: Project }) {
  const derived = useDerived();
  const { monolith } = project;
  const owned = new Set(project.services.flatMap((s) => s.moduleIds));
  const remaining = monolith.modules.filter((m) => !owned.has(m.id));
  const lines = remaining.reduce((sum, m) => sum + m.linesOfCode, 0);
  // The metrics of a large project arrive after the first paint (derived/background.ts).
  const coupling = derived?.analysis.metrics.nodes.find((node) => node.id === MONOLITH_NODE_ID);
  const ids = remaining.map((m) => m.id);
  return (
    <>
      <InspectorHead title="Monolith">
        <span className="panel-head-name">{monolith.name}</span>
      </InspectorHead>
      <dl className="inspector-facts panel-monolith-facts">
        <div>
          <dt>Framework</dt>
          <dd>{frameworkLabel(monolith.framework)}</dd>
        </div>
        <div>
          <dt>Python</dt>
          <dd>{monolith.pythonVersion}</dd>
        </div>
        <div>
          <dt>Modules remaining</dt>
          <dd>
            {remaining.length} of {monolith.modules.length}
          </dd>
        </div>
        <div>
          <dt>Lines remaining</dt>
          <dd>{formatLines(lines)}</dd>
        </div>
        {coupling && (
          <div>
            <dt title="Services that depend on the monolith / that the monolith depends on">Used by / uses</dt>
            <dd>
              {coupling.afferent} / {coupling.efferent} services
            </dd>
          </div>
        )}
      </dl>
      <div className="panel-actions">
        <button type="button" className="panel-mini" disabled={ids.length === 0} onClick={() => selectModules(ids)}>
          Select its modules
        </button>
        <span className="spacer" />
        <button type="button" className="primary" disabled={ids.length === 0} onClick={() => void moveModulesTo(ids)}>
          Move all to service…
        </button>
      </div>
    </>
  );
}
