import type { Plan } from '../../../shared/planning/types';
import { requestFocus } from '../../state/selectionStore';

/** The planner's warnings and the dependency cycles, each with a way to see the services on the canvas. */
export function PlanWarnings({ plan }: { plan: Plan }) {
  if (plan.warnings.length === 0 && plan.cycles.length === 0)
    return <p className="muted roadmap-section-empty">No warnings: the plan respects every dependency and capacity.</p>;
  return (
    <div className="roadmap-warnings">
      {plan.cycles.length > 0 && (
        <section aria-label="Dependency cycles">
          <h3 className="roadmap-section-title">Dependency cycles</h3>
          <ul>
            {plan.cycles.map((cycle, i) => (
              <li key={i} className="roadmap-warning is-cycle">
                <span>
                  {cycle.serviceNames.join(' ⇄ ')} extract together.{' '}
                  {cycle.breakEdges.length > 0 && (
                    <span className="muted">
                      To break it, remove {cycle.breakEdges.map((e) => `${e.fromName} → ${e.toName} (weight ${e.weight})`).join(', ')}
                      {cycle.breakEdgeCount > cycle.breakEdges.length ? ` and ${cycle.breakEdgeCount - cycle.breakEdges.length} more` : ''}.
                    </span>
                  )}
                </span>
                <button type="button" className="link" onClick={() => requestFocus(cycle.serviceIds)}>
                  Show
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {plan.warnings.length > 0 && (
        <section aria-label="Plan warnings">
          <h3 className="roadmap-section-title">Warnings</h3>
          <ul>
            {plan.warnings.map((warning, i) => (
              <li key={i} className="roadmap-warning">
                <span>{warning.message}</span>
                {warning.serviceIds.length > 0 && (
                  <button type="button" className="link" onClick={() => requestFocus(warning.serviceIds)}>
                    Show
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
