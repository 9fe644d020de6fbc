import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { pinToPhaseAt } from './roadmapEdits';
import { setDrag } from '../../state/roadmapStore';

// Dragging a service card onto another phase column pins it there: pointer events (mouse, pen, touch), a few
// pixels of movement before it counts as a drag, one undo step on drop, Escape to cancel. Columns mark
// themselves with data-phase-drop="<index>"; Foundations (0) takes no service.

const THRESHOLD = 4;
/** Near an edge of the scrolling body, a drag scrolls it: how near, and how fast (pixels per frame). */
const EDGE = 48;
const SPEED = 14;

function phaseUnder(x: number, y: number): number | null {
  const element = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-phase-drop]');
  if (!element) return null;
  const index = Number(element.dataset.phaseDrop);
  return Number.isInteger(index) && index > 0 ? index : null;
}

export function useCardDrag(serviceId: string, name: string, fromIndex: number) {
  const cleanup = useRef<(() => void) | null>(null);

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest('input, select, textarea, [role="menu"], .roadmap-card-menu-button'))
      return;
    cleanup.current?.();
    const startX = event.clientX;
    const startY = event.clientY;
    let dragging = false;
    const body = event.currentTarget.closest<HTMLElement>('.roadmap-body');
    let scrolling = 0;
    let pointer = { x: startX, y: startY };
    const autoScroll = () => {
      scrolling = 0;
      if (!body) return;
      const rect = body.getBoundingClientRect();
      const inside = pointer.x >= rect.left && pointer.x <= rect.right && pointer.y >= rect.top && pointer.y <= rect.bottom;
      if (!inside) return;
      const dx = pointer.x < rect.left + EDGE ? -1 : pointer.x > rect.right - EDGE ? 1 : 0;
      const dy = pointer.y < rect.top + EDGE ? -1 : pointer.y > rect.bottom - EDGE ? 1 : 0;
      if (dx === 0 && dy === 0) return;
      body.scrollBy(dx * SPEED, dy * SPEED);
      setDrag({ serviceId, name, fromIndex, ...pointer, overIndex: phaseUnder(pointer.x, pointer.y) });
      scrolling = requestAnimationFrame(autoScroll);
    };

    const move = (e: PointerEvent) => {
      if (!dragging) {
        if (Math.hypot(e.clientX - startX, e.clientY - startY) < THRESHOLD) return;
        dragging = true;
        document.body.classList.add('roadmap-dragging');
      }
      e.preventDefault();
      pointer = { x: e.clientX, y: e.clientY };
      setDrag({ serviceId, name, fromIndex, ...pointer, overIndex: phaseUnder(e.clientX, e.clientY) });
      if (scrolling === 0) scrolling = requestAnimationFrame(autoScroll);
    };
    const end = () => {
      cancelAnimationFrame(scrolling);
      scrolling = 0;
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
