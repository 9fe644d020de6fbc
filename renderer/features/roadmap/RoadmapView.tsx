import { useCallback, useEffect, useMemo, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { addPhase, ensurePhases } from '../../../shared/commands/phases';
import type { Plan } from '../../../shared/planning/types';
import { countOf } from '../../../shared/words';
import type { DocumentState } from '../../state/documentStore';
import { edit } from '../../state/edit';
import { openExportDialog } from '../../state/exportStore';
import { CapacitySettings } from './CapacitySettings';
import { EffortTable } from './EffortTable';
import { PhaseColumn } from './PhaseColumn';
import { PlanWarnings } from './PlanWarnings';
import { roadmapStore, setRoadmapHeight, toggleMaximised, toggleSection, type RoadmapSection, useRoadmap } from '../../state/roadmapStore';
import type { PhaseChoice } from './ServiceCard';
import { Timeline } from './Timeline';
import { useDerivedFresh } from '../../derived/background';
import { usePlan } from '../../derived/usePlan';
import { useDocument } from '../../state/documentStore';
import './roadmap.css';

const selectSavedPhases = (state: DocumentState) => state.project?.phases.length ?? 0;
const selectPlanning = (state: DocumentState) => state.project?.planning ?? null;

/** Grows the workbench's roadmap row: the frame's grid reads --roadmap-height. */
function useRegionHeight() {
  const height = useRoadmap((state) => state.height);
  const maximised = useRoadmap((state) => state.maximised);
  useEffect(() => {
    const root = document.documentElement;
    root.style.setProperty('--roadmap-height', maximised ? 'calc(100vh - 110px)' : `${height}px`);
    return () => {
      root.style.removeProperty('--roadmap-height');
    };
  }, [height, maximised]);
  return { height, maximised };
}

/** The roadmap region: the plan as a timeline over phase columns of service cards, with its settings. */
export function RoadmapView() {
  const plan = usePlan();
  const fresh = useDerivedFresh();
  const savedPhases = useDocument(selectSavedPhases);
  const planning = useDocument(selectPlanning);
  const section = useRoadmap((state) => state.section);
  const { height, maximised } = useRegionHeight();

  const choices = useMemo<PhaseChoice[]>(
    () => (plan ? plan.phases.filter((p) => p.index > 0).map((p) => ({ index: p.index, name: p.name })) : []),
    [plan],
  );
  const cycleNamesOf = useCallback(
    (serviceId: string, cycle: number | null) => {
      if (!plan || cycle === null) return null;
      const names = plan.cycles[cycle]?.serviceIds
        .map((id, i) => (id === serviceId ? null : plan.cycles[cycle]!.serviceNames[i]))
        .filter(Boolean);
      return names && names.length > 0 ? names.join(', ') : null;
    },
    [plan],
  );

  if (plan === undefined && planning) return <ComputingRoadmap />;
  if (!plan || !planning) return null;
  const warnings = plan.warnings.length + plan.cycles.length;

  return (
    <section className={`roadmap-region roadmap${maximised ? ' is-maximised' : ''}`} aria-labelledby="roadmap-title">
      <ResizeHandle height={height} />
      <div className="region-head roadmap-head">
        <h2 id="roadmap-title" className="panel-title">
          Roadmap
        </h2>
        <span
          className="roadmap-summary muted"
          title={`${countOf(plan.phases.length, 'phase')} from ${plan.start} to ${plan.end}, ${countOf(plan.totalEffort, 'person-week')} in all`}
        >
          {countOf(plan.phases.length, 'phase')} · {plan.start} → {plan.end} · {plan.totalEffort} pw
        </span>
        {!fresh && (
          <span className="muted roadmap-computing" role="status">
            Updating…
          </span>
        )}
        <span className="spacer" />
        <SectionToggle id="warnings" open={section} label={warnings > 0 ? `Warnings (${warnings})` : 'Warnings'} attention={warnings > 0} />
        <SectionToggle id="capacity" open={section} label="Capacity" />
        <SectionToggle id="effort" open={section} label="Effort" />
        <button type="button" onClick={() => edit('Add phase', (p) => addPhase(ensurePhases(p, plan.phases.length)))}>
          Add phase
        </button>
        <button type="button" onClick={() => openExportDialog()}>
          Export…
        </button>
        <button
          type="button"
          className="toggle"
          aria-pressed={maximised}
          title={maximised ? 'Restore the roadmap' : 'Let the roadmap fill the window'}
          onClick={toggleMaximised}
        >
          {maximised ? 'Restore' : 'Maximise'}
        </button>
      </div>
      {section && (
        <div className="roadmap-section" role="region" aria-label={SECTION_LABELS[section]}>
          {section === 'warnings' && <PlanWarnings plan={plan} />}
          {section === 'capacity' && <CapacitySettings planning={planning} />}
          {section === 'effort' && <EffortTable plan={plan} />}
        </div>
      )}
      <div className="roadmap-body">
        <Timeline plan={plan} />
        <div className="roadmap-columns">
          {plan.phases.map((phase) => (
            <PhaseColumn
              key={phase.index}
              phase={phase}
              isSaved={phase.index < savedPhases}
              choices={choices}
              cycleNamesOf={cycleNamesOf}
            />
          ))}
        </div>
      </div>
      <DragGhost plan={plan} />
    </section>
  );
}

/** What the region shows until a large project's first plan arrives (derived/background.ts). */
function ComputingRoadmap() {
  return (
    <section className="roadmap-region roadmap" aria-labelledby="roadmap-title" aria-busy="true">
      <div className="region-head roadmap-head">
        <h2 id="roadmap-title" className="panel-title">
          Roadmap
        </h2>
        <span className="roadmap-summary muted" role="status">
          Computing the roadmap…
        </span>
      </div>
    </section>
  );
}

const SECTION_LABELS: Record<Exclude<RoadmapSection, null>, string> = {
  warnings: 'Plan warnings and cycles',
  capacity: 'Capacity settings',
  effort: 'Effort per service',
};

function SectionToggle({
  id,
  open,
  label,
  attention,
}: {
  id: Exclude<RoadmapSection, null>;
  open: RoadmapSection;
  label: string;
  attention?: boolean;
}) {
  return (
    <button
      type="button"
      className={`toggle${attention ? ' roadmap-attention' : ''}`}
      aria-pressed={open === id}
      onClick={() => toggleSection(id)}
    >
      {label}
    </button>
  );
}

/** The card under the pointer while it is dragged, and where it would go. */
function DragGhost({ plan }: { plan: Plan }) {
  const drag = useRoadmap((state) => state.drag);
  if (!drag) return null;
  const target = drag.overIndex !== null && drag.overIndex !== drag.fromIndex ? plan.phases[drag.overIndex] : undefined;
  return (
    <div className="roadmap-ghost" style={{ left: drag.x + 12, top: drag.y + 8 }} aria-hidden="true">
      <strong>{drag.name}</strong>
      <span>{target ? `Pin to ${target.index}. ${target.name}` : 'Drop on a phase to pin'}</span>
    </div>
  );
}

/** The top edge of the region: drag it, or focus it and use the arrow keys, to share height with the canvas. */
function ResizeHandle({ height }: { height: number }) {
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const startY = event.clientY;
    const startHeight = roadmapStore.getState().maximised
      ? (event.currentTarget.parentElement?.getBoundingClientRect().height ?? height)
      : height;
    const move = (e: PointerEvent) => setRoadmapHeight(startHeight + startY - e.clientY);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 80 : 20;
    if (event.key === 'ArrowUp') setRoadmapHeight(height + step);
    else if (event.key === 'ArrowDown') setRoadmapHeight(height - step);
    else return;
    event.preventDefault();
  };
  return (
    <div
      className="roadmap-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the roadmap"
      aria-valuenow={height}
      aria-valuemin={160}
      aria-valuemax={Math.max(160, (globalThis.innerHeight ?? 900) - 160)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
