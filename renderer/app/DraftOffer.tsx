import { useActions } from '../state/actionsContext';
import { useUi } from '../state/uiStore';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** Unsaved work left by an earlier session: recover it or let it go. */
export function DraftOffer() {
  const drafts = useUi((state) => state.drafts);
  const actions = useActions();
  if (drafts.length === 0) return null;
  return (
    <section aria-labelledby="start-drafts" className="start-section drafts">
      <h2 id="start-drafts" className="section-title">
        Unsaved work from an earlier session
      </h2>
      <ul className="draft-list">
        {drafts.map((draft) => (
          <li key={draft.id} className="draft-item">
            <div className="draft-text">
              <span className="recent-name">{draft.projectName}</span>
              <span className="recent-path">
                {draft.filePath ?? 'Never saved'} · {when(draft.savedAt)}
              </span>
            </div>
            <button
              type="button"
              className="primary"
              aria-label={`Recover ${draft.projectName}`}
              onClick={() => void actions.recoverDraft(draft.id)}
            >
              Recover
            </button>
            <button type="button" aria-label={`Discard ${draft.projectName}`} onClick={() => void actions.discardDraft(draft.id)}>
              Discard
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
