import { useEffect, useId, useState } from 'react';
import type { Module } from '../../../shared/model/project';
import { useDocument } from '../../state/documentStore';
import { useImport, type SuggestConstraints } from '../../state/importStore';
import { addConstraint, constraintCount, findModule, pruneConstraints, removeConstraint, type ConstraintKind } from './constraintActions';

// The architect's constraints in the suggest dialog (issue 9): pick modules by name (type-ahead over the
// project's modules, Enter adds), then keep them together, keep them apart or leave them in the monolith. Each
// constraint is a chip with its own remove button; all of it works from the keyboard.

const NO_MODULES: readonly Module[] = [];

const LISTS: ReadonlyArray<{ kind: ConstraintKind; title: string; joiner: string }> = [
  { kind: 'keepTogether', title: 'Kept together', joiner: ' + ' },
  { kind: 'keepApart', title: 'Kept apart', joiner: ' / ' },
  { kind: 'leave', title: 'Left in the monolith', joiner: '' },
];

/** The groups (or single modules) of one kind, as lists of ids. */
const itemsOf = (constraints: SuggestConstraints, kind: ConstraintKind): string[][] =>
  kind === 'leave' ? constraints.leave.map((id) => [id]) : constraints[kind];

export function ConstraintsEditor() {
  const constraints = useImport((state) => state.constraints);
  const busy = useImport((state) => state.busy);
  const modules = useDocument((state) => state.project?.monolith.modules ?? NO_MODULES);
  const pins = useDocument((state) => state.project?.services.filter((s) => s.moduleIds.length > 0).length ?? 0);
  const [open, setOpen] = useState(constraintCount(constraints) > 0);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  useEffect(() => {
    const known = new Set(modules.map((m) => m.id));
    pruneConstraints(known);
    setPicked((ids) => (ids.every((id) => known.has(id)) ? ids : ids.filter((id) => known.has(id))));
  }, [modules]);
  const names = new Map(modules.map((m) => [m.id, m.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const count = constraintCount(constraints);

  const pick = () => {
    const found = findModule(modules, text);
    if (!found) {
      setProblem(text.trim() === '' ? 'Type the name of a module to pick it' : `The project has no module "${text.trim().slice(0, 80)}"`);
      return;
    }
    setPicked((ids) => (ids.includes(found.id) ? ids : [...ids, found.id]));
    setText('');
    setProblem(null);
  };
  const apply = (kind: ConstraintKind) => {
    addConstraint(kind, picked);
    setPicked([]);
  };

  return (
    <details className="suggest-constraints" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Constraints{count > 0 ? ` (${count})` : ''}</summary>
      <div className="constraints-pick">
        <label className="field">
          <span>Module</span>
          <input
            list={listId}
            value={text}
            disabled={busy}
            placeholder="Type a module’s name, then Enter"
            autoComplete="off"
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              pick();
            }}
          />
        </label>
        <datalist id={listId}>
          {modules.map((m) => (
            <option key={m.id} value={m.name} />
          ))}
        </datalist>
        <button type="button" disabled={busy} onClick={pick}>
          Pick
        </button>
      </div>
      {problem && <p className="error-text">{problem}</p>}
      {picked.length > 0 && (
        <ul className="constraint-chips" aria-label="Picked modules">
          {picked.map((id) => (
            <li key={id}>
              {nameOf(id)}
              <button type="button" aria-label={`Unpick ${nameOf(id)}`} onClick={() => setPicked((ids) => ids.filter((x) => x !== id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="constraints-apply" role="group" aria-label="For the picked modules">
        <button type="button" disabled={busy || picked.length < 2} onClick={() => apply('keepTogether')}>
          Keep together
        </button>
        <button type="button" disabled={busy || picked.length < 2} onClick={() => apply('keepApart')}>
          Keep apart
        </button>
        <button type="button" disabled={busy || picked.length < 1} onClick={() => apply('leave')}>
          Leave in the monolith
        </button>
      </div>
      {LISTS.map(({ kind, title, joiner }) => {
        const items = itemsOf(constraints, kind);
        if (items.length === 0) return null;
        return (
          <div key={kind} className="constraint-list">
            <span className="constraint-title">{title}</span>
            <ul className="constraint-chips" aria-label={title}>
              {items.map((group, k) => {
                const label = group.map(nameOf).join(joiner);
                return (
                  <li key={`${kind}-${group.join(',')}`}>
                    {label}
                    <button
                      type="button"
                      aria-label={`Remove ${title.toLowerCase()}: ${label}`}
                      disabled={busy}
                      onClick={() => removeConstraint(kind, k)}
                    >
                      ×
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      <p className="hint">
        {pins > 0
          ? `The ${pins === 1 ? 'service' : `${pins} services`} already in the project ${pins === 1 ? 'is' : 'are'} kept as ${pins === 1 ? 'it is' : 'they are'} and count toward the number asked for.`
          : 'Services already in the project are kept as they are.'}{' '}
        Suggest again to apply the constraints.
      </p>
    </details>
  );
}
