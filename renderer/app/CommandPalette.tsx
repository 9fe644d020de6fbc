import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { setPaletteOpen, useCanvas } from '../state/canvasStore';
import { filterCommands, isCommandEnabled, paletteCommands, runAppCommand, type CommandContext } from './commands';
import { useActions } from '../state/actionsContext';
import './commands.css';

/**
 * The command palette (Ctrl+K): every command with its shortcut, filtered as you type; arrow keys choose, Enter
 * runs, Escape closes and focus returns where it was. A command that cannot run now is shown dimmed and not run.
 */
export function CommandPalette() {
  const open = useCanvas((state) => state.paletteOpen);
  return open ? <Palette /> : null;
}

function Palette() {
  const actions = useActions();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const commands = useMemo(() => paletteCommands(), []);
  const matches = useMemo(() => filterCommands(commands, query), [commands, query]);
  // Whether each command can run is asked where the focus was when the palette opened (the canvas, a panel).
  const [context] = useState<CommandContext>(() => ({ actions, target: document.activeElement }));
  const index = Math.min(active, Math.max(0, matches.length - 1));

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus?.();
    };
  }, []);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const run = (position: number) => {
    const command = matches[position];
    if (!command || !isCommandEnabled(command.id, context)) return;
    setPaletteOpen(false);
    // After the palette has closed and focus is back where it was.
    requestAnimationFrame(() => void runAppCommand(command.id, context));
  };

  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(event) => event.target === event.currentTarget && setPaletteOpen(false)}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-label="Command"
          aria-activedescendant={matches.length > 0 ? `${listId}-${index}` : undefined}
          placeholder="Type a command…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const step = event.key === 'ArrowDown' ? 1 : -1;
              setActive((index + step + matches.length) % Math.max(1, matches.length));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              run(index);
            } else if (event.key === 'Escape' || (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey))) {
              event.preventDefault();
              setPaletteOpen(false);
            } else if (event.key === 'Tab') {
              event.preventDefault();
            }
          }}
        />
        <ul ref={list} id={listId} className="palette-list" role="listbox" aria-label="Commands">
          {matches.map((command, i) => (
            <li
              key={command.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === index}
              aria-disabled={isCommandEnabled(command.id, context) ? undefined : true}
              className="palette-option"
              onMouseMove={() => i !== index && setActive(i)}
              onClick={() => run(i)}
            >
              <span className="palette-group">{command.group}</span>
              <span className="palette-label">{command.label}</span>
              {command.shortcut && <kbd>{command.shortcut}</kbd>}
            </li>
          ))}
          {matches.length === 0 && <li className="palette-empty">No command matches “{query}”</li>}
        </ul>
      </div>
    </div>
  );
}
