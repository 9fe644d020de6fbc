import { useEffect, useId, useState, type KeyboardEvent } from 'react';

interface Props {
  label: string;
  value: string;
  /** Apply the typed value (one undo step); a one-line problem keeps the field open with the message. */
  onCommit(value: string): string | null;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  placeholder?: string;
  type?: 'text' | 'number';
  /** Suggestions (a datalist). */
  suggestions?: readonly { value: string; label: string }[];
  hint?: string;
}

/**
 * A text field that edits the document when the person is done: on blur or Enter (Ctrl+Enter in a text area),
 * never per keystroke, so each field edit is one undo step. Escape puts back the document's value.
 */
export function CommitField({
  label,
  value,
  onCommit,
  multiline,
  rows = 3,
  maxLength,
  placeholder,
  type = 'text',
  suggestions,
  hint,
}: Props) {
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    setDraft(value);
    setProblem(null);
  }, [value]);

  const commit = () => {
    if (draft === value) return setProblem(null);
    setProblem(onCommit(draft));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && draft !== value) {
      event.stopPropagation();
      setDraft(value);
      setProblem(null);
    } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    }
  };
  const common = {
    value: draft,
    maxLength,
    placeholder,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : hint ? `${id}-hint` : undefined,
    onBlur: commit,
    onKeyDown,
  };
  return (
    <div className="field">
      <label htmlFor={id} className="panel-label">
        {label}
      </label>
      {multiline ? (
        <textarea id={id} rows={rows} {...common} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input id={id} type={type} list={suggestions ? `${id}-list` : undefined} {...common} onChange={(e) => setDraft(e.target.value)} />
      )}
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions.map((s) => (
            <option key={s.label} value={s.value}>
              {s.label}
            </option>
          ))}
        </datalist>
      )}
      {problem ? (
        <span id={`${id}-problem`} className="error-text" role="alert">
          {problem}
        </span>
      ) : (
        hint && (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
