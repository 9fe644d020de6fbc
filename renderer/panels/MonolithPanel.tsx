import { useDocument } from '../hooks/useStores';
import { formatLines, frameworkLabel } from '../labels';
import type { DocumentState } from '../state/documentStore';

const selectMonolith = (state: DocumentState) => state.project?.monolith ?? null;
const selectOwners = (state: DocumentState) => state.project?.services ?? null;

/** The monolith's modules, read-only for now (later: tree, search, filters, drag sources). */
export function MonolithPanel() {
  const monolith = useDocument(selectMonolith);
  const services = useDocument(selectOwners);
  if (!monolith) return null;
  const owner = new Map<string, string>();
  for (const service of services ?? []) for (const id of service.moduleIds) owner.set(id, service.name);
  const total = monolith.modules.reduce((sum, m) => sum + m.linesOfCode, 0);

  return (
    <aside className="panel monolith-panel" aria-labelledby="monolith-title">
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
        <p className="muted panel-empty">No modules yet.</p>
      ) : (
        <ul className="module-list" aria-label="Modules">
          {monolith.modules.map((module) => (
            <li key={module.id} className="module-row">
              <span className="module-name" title={module.path || module.name}>
                {module.name}
              </span>
              {owner.has(module.id) && (
                <span className="module-owner" title={`In ${owner.get(module.id)}`}>
                  {owner.get(module.id)}
                </span>
              )}
              <span className="module-lines" aria-label={`${formatLines(module.linesOfCode)} lines of code`}>
                {formatLines(module.linesOfCode)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
