import { useEffect, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> & {
  value: string;
  /** Called once with the typed text on Enter or when focus leaves, if it changed; false keeps the field open. */
  onCommit(value: string): boolean | void;
  multiline?: boolean;
};

/** A field that edits in place and commits once (one undo step), not on every key; Escape puts the value back. */
export function CommitInput({ value, onCommit, multiline, ...rest }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  const commit = () => {
    if (text === value) return;
    if (onCommit(text) === false) setText(value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      setText(value);
      (event.currentTarget as HTMLElement).blur();
    } else if (event.key === 'Enter' && !(multiline && event.shiftKey)) {
      event.preventDefault();
      commit();
    }
  };
  if (multiline) {
    const { className, ...others } = rest as InputHTMLAttributes<HTMLTextAreaElement>;
    return (
      <textarea
        {...others}
        className={className}
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    );
  }
  return <input {...rest} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={onKeyDown} />;
}
