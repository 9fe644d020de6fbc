import { useDocument } from '../hooks/useStores';
import type { DocumentState } from '../state/documentStore';

const selectPhases = (state: DocumentState) => state.project?.phases ?? [];
const selectStart = (state: DocumentState) => state.project?.planning.startDate ?? '';

/** Where the roadmap view goes (phases as columns under a timeline); for now the phases as a list. */
export function RoadmapPlaceholder() {
  const phases = useDocument(selectPhases);
  const start = useDocument(selectStart);
  return (
    <section className="roadmap-region" aria-labelledby="roadmap-title">
      <div className="region-head">
        <h2 id="roadmap-title" className="panel-title">
          Roadmap
        </h2>
        <span className="count">{phases.length}</span>
        {start && <span className="muted region-note">Starts {start}</span>}
      </div>
      {phases.length === 0 ? (
        <p className="muted panel-empty">No phases planned yet.</p>
      ) : (
        <ol className="phase-list" aria-label="Phases">
          {phases.map((phase, i) => (
            <li key={phase.id} className="phase-card">
              <span className="phase-index">{i}</span>
              <div>
                <h3 className="phase-name">{phase.name}</h3>
                <p className="phase-meta">
                  {phase.lengthWeeks} {phase.lengthWeeks === 1 ? 'week' : 'weeks'}
                  {phase.goal ? ` · ${phase.goal}` : ''}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
