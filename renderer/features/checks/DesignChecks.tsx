import { useState } from 'react';
import type { DesignWarning } from '../../../shared/analysis/checks';
import type { DocumentState } from '../../state/documentStore';
import { requestFocus, selectModules } from '../../state/selectionStore';
import { focusNodesOf, metricsChange } from '../../derived/analysis';
import { useDerived, useDerivedFresh, usePreviousDerived } from '../../derived/background';
import { MetricsSummary } from './MetricsSummary';
import { useDocument } from '../../state/documentStore';
import '../../widgets/panels.css';

const selectProject = (state: DocumentState) => state.project;

/** Warnings listed before "Show all" (a generated project may have thousands). */
const LIST_LIMIT = 200;

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** Design checks and metrics, recomputed after every edit; a warning brings what it names into view. */
export function DesignChecks() {
  const project = useDocument(selectProject);
  const derived = useDerived();
  const fresh = useDerivedFresh();
  const previous = usePreviousDerived();
  const [open, setOpen] = useState(true);
  const [showAll, setShowAll] = useState(false);
  if (!project) return null;
  if (!derived) return <ComputingChecks />;
  const { warnings, metrics } = derived.analysis;
  // The change the last edit made, once both sides are known (a large project's come from background.ts).
  const change = fresh && previous ? metricsChange(derived.analysis, previous.analysis) : null;

  const focus = (warning: DesignWarning) => {
    requestFocus(focusNodesOf(project, warning), warning.target.type === 'module' ? (warning.target.edgeIds?.[0] ?? null) : null);
    if (warning.target.type === 'module') selectModules([...warning.target.ids]);
  };

  return (
    <section className="panel-checks" aria-labelledby="checks-title">
      <div className="panel-head">
        <h2 id="checks-title" className="panel-title">
          Design checks
        </h2>
        <span className="count" aria-label={`${warnings.length} warnings`}>
          {warnings.length}
        </span>
        {!fresh && (
          <span className="muted panel-computing" role="status">
            Updating…
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="panel-mini" aria-expanded={open} aria-controls="checks-body" onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      {open && (
        <div id="checks-body" className="panel-checks-body">
          <MetricsSummary project={project} metrics={metrics} change={change} />
          {warnings.length === 0 ? (
            <p className="muted panel-empty">No design problems found.</p>
          ) : (
            <ul className="panel-warnings" aria-label="Warnings">
              {(showAll ? warnings : warnings.slice(0, LIST_LIMIT)).map((warning) => (
                <li key={warning.id}>
                  <button type="button" className={`panel-warning is-${warning.severity}`} onClick={() => focus(warning)}>
                    <span className="panel-severity" role="img" aria-label={SEVERITY_LABEL[warning.severity]} />
                    <span className="panel-warning-text">{warning.message}</span>
                  </button>
                </li>
              ))}
              {warnings.length > LIST_LIMIT && !showAll && (
                <li>
                  <button type="button" className="link panel-more" onClick={() => setShowAll(true)}>
                    Show all {warnings.length} warnings
                  </button>
                </li>
              )}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** What the panel shows until a large project's first checks arrive. */
function ComputingChecks() {
  return (
    <section className="panel-checks" aria-labelledby="checks-title" aria-busy="true">
      <div className="panel-head">
        <h2 id="checks-title" className="panel-title">
          Design checks
        </h2>
      </div>
      <p className="muted panel-empty" role="status">
        Computing the design checks and metrics…
      </p>
    </section>
  );
}
