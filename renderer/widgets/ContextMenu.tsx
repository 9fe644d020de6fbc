import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  /** How its shortcut is written, shown on the right. */
  shortcut?: string;
  /** The same key for assistive technology (aria-keyshortcuts: Meta+Shift+S, Control+Shift+S). */
  ariaShortcut?: string;
  disabled?: boolean;
  danger?: boolean;
  onSelect(): void;
}

interface ContextMenuProps {
  /** Names the menu for assistive technology ("Service Orders"). */
  label: string;
  /** Client pixels where it opens; it moves back inside the window when it would overflow. */
  x: number;
  y: number;
  items: readonly MenuItem[];
  onClose(): void;
}

/**
 * A context menu: role menu, focus on its first item, arrow keys, Home and End move, Enter runs, Escape, Tab, a
 * click outside or a scroll close it, and focus goes back where it was.
 */
export function ContextMenu({ label, x, y, items, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ x, y });

  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    setAt({
      x: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)),
      y: Math.max(4, Math.min(y, window.innerHeight - box.height - 4)),
    });
  }, [x, y]);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onBlur = () => onClose();
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('blur', onBlur);
      if (previous?.isConnected) previous.focus?.();
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
    event.stopPropagation();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        go(index + 1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        go(index - 1);
        return;
      case 'Home':
        event.preventDefault();
        go(0);
        return;
      case 'End':
        event.preventDefault();
        go(-1);
        return;
      case 'Escape':
      case 'Tab':
        event.preventDefault();
        onClose();
        return;
    }
  };

  const run = (item: MenuItem) => {
    if (item.disabled) return;
    onClose();
    item.onSelect();
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <div
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled ? 'true' : undefined}
          aria-keyshortcuts={item.ariaShortcut}
          className={`context-menu-item${item.danger ? ' is-danger' : ''}`}
          onClick={() => run(item)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              run(item);
            }
          }}
        >
          <span>{item.label}</span>
          {item.shortcut && <kbd>{item.shortcut}</kbd>}
        </div>
      ))}
    </div>
  );
}
