import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { LINK_STYLE_LABELS } from '../../../shared/catalog/runtimes';
import { LINK_STYLES, type LinkStyle } from '../../../shared/model/project';
import { addPlannedLink } from './canvasActions';
import type { LinkDraft } from '../../state/canvasStore';

/** After connecting two handles: choose how the services talk (REST, gRPC, events, shared DB) and a label. */
export function LinkPopover({ draft, fromName, toName, onClose }: { draft: LinkDraft; fromName: string; toName: string; onClose(): void }) {
  const [style, setStyle] = useState<LinkStyle>('rest');
  const [label, setLabel] = useState('');
  const titleId = useId();
  const ref = useRef<HTMLFormElement>(null);
  const [at, setAt] = useState({ x: draft.x, y: draft.y });
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (box)
      setAt({
        x: Math.max(8, Math.min(draft.x, window.innerWidth - box.width - 8)),
        y: Math.max(8, Math.min(draft.y, window.innerHeight - box.height - 8)),
      });
  }, [draft.x, draft.y]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:checked')?.focus();
  }, []);
  return (
    <form
      ref={ref}
      className="canvas-popover"
      role="dialog"
      aria-labelledby={titleId}
      style={{ left: at.x, top: at.y }}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') onClose();
      }}
      onSubmit={(event) => {
        event.preventDefault();
        addPlannedLink(draft.from, draft.to, style, label);
        onClose();
      }}
    >
      <h2 id={titleId} className="canvas-popover-title">
        Planned link {fromName} → {toName}
      </h2>
      <fieldset className="canvas-styles">
        <legend className="visually-hidden">Style</legend>
        {LINK_STYLES.map((value) => (
          <label key={value} className="canvas-style">
            <input type="radio" name="link-style" value={value} checked={style === value} onChange={() => setStyle(value)} />
            {LINK_STYLE_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Label</span>
        <input value={label} maxLength={200} placeholder="e.g. order placed" onChange={(event) => setLabel(event.target.value)} />
      </label>
      <div className="canvas-popover-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Add link
        </button>
      </div>
    </form>
  );
}
