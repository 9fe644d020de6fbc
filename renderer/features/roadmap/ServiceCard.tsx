import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PlannedService } from '../../../shared/planning/types';
import { countOf } from '../../../shared/words';
import { frameworkLabel } from '../../platform/labels';
import { selectNodes } from '../../state/selectionStore';
import { pinToPhaseAt } from './roadmapEdits';
import { useRoadmap } from '../../state/roadmapStore';
import { useCardDrag } from './useCardDrag';

export interface PhaseChoice {
  index: number;
  name: string;
}

interface Props {
  service: PlannedService;
  phaseIndex: number;
  /** Where the card can be pinned (every phase but Foundations, plus a new one at the end). */
  choices: readonly PhaseChoice[];
  cycleNames: string | null;
}

const weeks = (n: number) => `${n} pw`;

/** A service in its phase: name, framework, effort, team, pin and cycle markers; drag it to pin it elsewhere. */
export const ServiceCard = memo(function ServiceCard({ service, phaseIndex, choices, cycleNames }: Props) {
  const drag = useCardDrag(service.id, service.name, phaseIndex);
  const isDragged = useRoadmap((state) => state.drag?.serviceId === service.id);
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  const effort = service.effort;

  return (
    <li
      className={`roadmap-card${isDragged ? ' is-dragged' : ''}${service.pinned ? ' is-pinned' : ''}`}
      data-service-id={service.id}
      aria-label={service.name}
      onPointerDown={drag.onPointerDown}
    >
      <div className="roadmap-card-head">
        <button
          type="button"
          className="roadmap-card-name"
          title={`Select ${service.name} on the canvas`}
          onClick={() => selectNodes([service.id])}
        >
          {service.name}
        </button>
        <button
          type="button"
          className="roadmap-card-menu-button"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          aria-label={`Pin ${service.name} to phase…`}
          title="Pin to phase…"
          onClick={() => setMenuOpen((open) => !open)}
        >
          ⋯
        </button>
      </div>
      <div className="roadmap-card-facts">
        <span>{frameworkLabel(service.framework)}</span>
        <span
          className="roadmap-effort"
          title={
            effort.overridden
              ? `Overridden; the formula gives ${countOf(effort.computed, 'person-week')}`
              : 'Person-weeks, from the effort formula'
          }
        >
          {weeks(effort.effort)}
          {effort.overridden && <span className="roadmap-tag">overridden</span>}
        </span>
      </div>
      <div className="roadmap-card-facts">
        <span className="roadmap-team" title="Team">
          {service.team || 'No team'}
        </span>
        <span className="roadmap-markers">
          {service.pinned && (
            <span className="roadmap-tag roadmap-tag-pin" title="Pinned by you to this phase">
              pinned
            </span>
          )}
          {cycleNames && (
            <span className="roadmap-tag roadmap-tag-cycle" title={`In a dependency cycle with ${cycleNames}`}>
              cycle
            </span>
          )}
        </span>
      </div>
      {menuOpen && <PinMenu service={service} phaseIndex={phaseIndex} choices={choices} onClose={closeMenu} />}
    </li>
  );
});

function PinMenu({
  service,
  phaseIndex,
  choices,
  onClose,
}: {
  service: PlannedService;
  phaseIndex: number;
  choices: readonly PhaseChoice[];
  onClose(): void;
}) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    ref.current
      ?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"], [role="menuitemradio"], [role="menuitem"]')
      ?.focus();
    const away = (event: PointerEvent) => {
      if (!ref.current?.parentElement?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away);
    return () => window.removeEventListener('pointerdown', away);
  }, [onClose]);

  const choose = (index: number | null) => {
    onClose();
    pinToPhaseAt(service.id, index);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      ref.current?.parentElement?.querySelector<HTMLElement>('.roadmap-card-menu-button')?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Tab') onClose();
  };

  return (
    <ul ref={ref} className="roadmap-menu" role="menu" aria-label={`Pin ${service.name} to phase`} onKeyDown={onKeyDown}>
      {choices.map((choice) => (
        <li key={choice.index} role="none">
          <button
            type="button"
            role="menuitemradio"
            aria-checked={service.pinned && choice.index === phaseIndex}
            onClick={() => choose(choice.index)}
          >
            {choice.index}. {choice.name}
          </button>
        </li>
      ))}
      <li role="none" className="roadmap-menu-sep">
        <button type="button" role="menuitem" disabled={!service.pinned} onClick={() => choose(null)}>
          Unpin (the planner chooses)
        </button>
      </li>
    </ul>
  );
}
