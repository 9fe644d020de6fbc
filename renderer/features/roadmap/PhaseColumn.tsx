import { memo, useState } from 'react';
import { removePhase } from '../../../shared/commands/phases';
import type { PlannedPhase } from '../../../shared/planning/types';
import { countOf } from '../../../shared/words';
import { CommitInput } from './CommitInput';
import { PhaseDetails } from './PhaseDetails';
import { edit } from '../../state/edit';
import { editPhaseAt, renamePhaseAt } from './roadmapEdits';
import { useRoadmap } from '../../state/roadmapStore';
import { ServiceCard, type PhaseChoice } from './ServiceCard';
import { phaseColor } from '../../derived/usePlan';

interface Props {
  phase: PlannedPhase;
  /** The phase is in the project file (not only made up by the planner). */
  isSaved: boolean;
  choices: readonly PhaseChoice[];
  cycleNamesOf: (serviceId: string, cycle: number | null) => string | null;
}

const dateRange = (start: string, end: string) => `${start} → ${end}`;

/** Person-weeks planned against what the teams can do over the phase's dates, team by team. */
function loadTitle(phase: PlannedPhase): string {
  if (phase.capacity === null) return 'Person-weeks planned';
  const teams = phase.teamLoads.map((load) => `${load.team} ${load.effort} of ${load.capacity}`).join(', ');
  return `Person-weeks planned / what the teams can do over the phase's dates (${teams})`;
}

/**
 * Cards drawn per phase until the person asks for all: a phase of hundreds of services is read through the
 * timeline and the report, and drawing every card made the first render of a 2,000-service design slow.
 */
const CARDS_SHOWN = 50;

/** One phase as a column: its name, length and goal edited in place, its services as cards, its details. */
export const PhaseColumn = memo(function PhaseColumn({ phase, isSaved, choices, cycleNamesOf }: Props) {
  const isFoundations = phase.index === 0;
  const isTarget = useRoadmap(
    (state) => state.drag !== null && !isFoundations && state.drag.overIndex === phase.index && state.drag.fromIndex !== phase.index,
  );
  const isDragging = useRoadmap((state) => state.drag !== null);
  const isLonger = phase.lengthWeeks > phase.setWeeks;
  const [showAll, setShowAll] = useState(false);
  const hidden = showAll ? 0 : Math.max(0, phase.services.length - CARDS_SHOWN);
  const shown = hidden > 0 ? phase.services.slice(0, CARDS_SHOWN) : phase.services;
  const color = phaseColor(phase.index);

  return (
    <section
      className={`roadmap-column${isTarget ? ' is-target' : ''}${isDragging && isFoundations ? ' is-closed' : ''}`}
      data-phase-drop={phase.index}
      data-phase-index={phase.index}
      aria-label={`Phase ${phase.index}: ${phase.name}`}
      style={{ '--phase-color': color } as React.CSSProperties}
    >
      <header className="roadmap-column-head">
        <div className="roadmap-column-title">
          <span className="roadmap-phase-index" aria-hidden="true">
            {phase.index}
          </span>
          <CommitInput
            className="roadmap-phase-name"
            aria-label={`Name of phase ${phase.index}`}
            title={
              isFoundations
                ? phase.name
                : phase.isNamedByContent
                  ? `${phase.name}: named from its services; type a name to keep your own`
                  : `${phase.name}: clear the name to name the phase from its services`
            }
            value={phase.name}
            maxLength={200}
            onCommit={(name) => renamePhaseAt(phase.index, name, phase.isNamedByContent)}
          />
          {isSaved && phase.index > 0 && (
            <button
              type="button"
              className="icon roadmap-remove"
              aria-label={`Remove phase ${phase.index}, ${phase.name}`}
              title="Remove this phase (its pinned services are unpinned)"
              onClick={() => edit('Remove phase', (p) => removePhase(p, { phaseId: phase.id }))}
            >
              ×
            </button>
          )}
        </div>
        <div className="roadmap-column-meta">
          <label className="roadmap-weeks">
            <CommitInput
              type="number"
              min={1}
              max={520}
              aria-label={`Length of phase ${phase.index} in weeks`}
              title="The length you set; a phase whose work needs more runs longer, one with no service takes no time"
              value={String(phase.setWeeks)}
              onCommit={(text) => {
                const value = Number(text);
                return Number.isInteger(value) && value >= 1 ? editPhaseAt(phase.index, { lengthWeeks: value }, 'Phase length') : false;
              }}
            />
            <span>wk</span>
          </label>
          {phase.lengthWeeks === 0 ? (
            <span className="muted roadmap-length" title="A phase with no service takes no time">
              takes no time
            </span>
          ) : (
            <>
              {isLonger && (
                <span
                  className="roadmap-length is-longer"
                  title={`Its work needs ${countOf(phase.lengthWeeks, 'week')} at its teams' capacity: the phase runs that long`}
                >
                  runs {phase.lengthWeeks} wk
                </span>
              )}
              <span className="muted" title="Start and end dates">
                {dateRange(phase.start, phase.end)}
              </span>
            </>
          )}
        </div>
        <div className="roadmap-load" title={loadTitle(phase)}>
          {isFoundations
            ? countOf(phase.tasks.length, 'foundation task')
            : phase.services.length === 0
              ? '0 services'
              : `${countOf(phase.services.length, 'service')} · ${phase.effort}${phase.capacity !== null ? ` / ${phase.capacity}` : ''} pw`}
        </div>
        <CommitInput
          multiline
          className="roadmap-goal"
          aria-label={`Goal of phase ${phase.index}`}
          placeholder="Goal of this phase"
          value={phase.goal}
          maxLength={10_000}
          onCommit={(goal) => editPhaseAt(phase.index, { goal }, 'Phase goal')}
        />
      </header>
      {isFoundations ? (
        <p className="roadmap-foundations muted">Foundations extract no service: they prepare the ground.</p>
      ) : phase.services.length === 0 ? (
        <p className="roadmap-empty muted">Drop a service here to pin it to this phase.</p>
      ) : (
        <>
          <ul className="roadmap-cards" aria-label={`Services of phase ${phase.index}`}>
            {shown.map((service) => (
              <ServiceCard
                key={service.id}
                service={service}
                phaseIndex={phase.index}
                choices={choices}
                cycleNames={cycleNamesOf(service.id, service.cycle)}
              />
            ))}
          </ul>
          {hidden > 0 && (
            <button type="button" className="link roadmap-show-all" onClick={() => setShowAll(true)}>
              Show all {phase.services.length.toLocaleString('en-US')} services ({hidden.toLocaleString('en-US')} more)
            </button>
          )}
          {showAll && phase.services.length > CARDS_SHOWN && (
            <button type="button" className="link roadmap-show-all" onClick={() => setShowAll(false)}>
              Show the first {CARDS_SHOWN}
            </button>
          )}
        </>
      )}
      <PhaseDetails phase={phase} />
    </section>
  );
});
