import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { pinToPhaseAt } from './roadmapEdits';
import { setDrag } from './roadmapStore';

// Dragging a service card onto another phase column pins it there: pointer events (mouse, pen, touch), a few
// pixels of movement before it counts as a drag, one undo step on drop, Escape to cancel. Columns mark
// themselves with data-phase-drop="<index>"; Foundations (0) takes no service.

const THRESHOLD = 4;

function phaseUnder(x: number, y: number): number | null {
  const element = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-phase-drop]');
  if (!element) return null;
  const index = Number(element.dataset.phaseDrop);
  return Number.isInteger(index) && index > 0 ? index : null;
}

export function useCardDrag(serviceId: string, name: string, fromIndex: number) {
  const cleanup = useRef<(() => void) | null>(null);

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest('input, select, textarea, [role="menu"], .roadmap-card-menu-button')) return;
    cleanup.current?.();
    const startX = event.clientX;
    const startY = event.clientY;
    let dragging = false;

    const move = (e: PointerEvent) => {
      if (!dragging) {
        if (Math.hypot(e.clientX - startX, e.clientY - startY) < THRESHOLD) return;
        dragging = true;
        document.body.classList.add('roadmap-dragging');
      }
      e.preventDefault();
      setDrag({ serviceId, name, fromIndex, x: e.clientX, y: e.clientY, overIndex: phaseUnder(e.clientX, e.clientY) });
    };
    const end = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', stop);
      window.removeEventListener('keydown', key, true);
      document.body.classList.remove('roadmap-dragging');
      cleanup.current = null;
      setDrag(null);
    };
    const up = (e: PointerEvent) => {
      const target = dragging ? phaseUnder(e.clientX, e.clientY) : null;
      end();
      if (target !== null && target !== fromIndex) pinToPhaseAt(serviceId, target);
    };
    const stop = () => end();
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      end();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', stop);
    window.addEventListener('keydown', key, true);
    cleanup.current = end;
  };

  return { onPointerDown };
}
