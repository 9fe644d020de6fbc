import { useUi } from '../hooks/useStores';
import { useActions } from '../state/actionsContext';
import { DraftOffer } from './DraftOffer';
import { ThemeSwitch } from './ThemeSwitch';

/** What Carve shows with no project open: create, open, the sample, recent files and unsaved work to recover. */
export function StartScreen() {
  const actions = useActions();
  const recent = useUi((state) => state.recent);
  const dropped = useUi((state) => state.droppedRecent);
  const busy = useUi((state) => state.busy);

  return (
    <main className="start">
      <div className="start-corner">
        <ThemeSwitch />
      </div>
      <div className="start-inner">
        <header className="start-header">
          <div className="logo" aria-hidden="true" />
          <div>
            <h1>Carve</h1>
            <p className="muted">Plan how to break a Python monolith into services.</p>
          </div>
        </header>

        <DraftOffer />

        <section aria-labelledby="start-begin" className="start-section">
          <h2 id="start-begin" className="section-title">
            Start
          </h2>
          <div className="start-actions">
            <button type="button" className="start-action" disabled={busy} onClick={() => void actions.newProject()}>
              <span className="start-action-title">New project…</span>
              <span className="start-action-hint">An empty plan you fill in or import into</span>
            </button>
            <button type="button" className="start-action" disabled={busy} onClick={() => void actions.open()}>
              <span className="start-action-title">Open…</span>
              <span className="start-action-hint">A .carve file</span>
            </button>
            <button type="button" className="start-action" disabled={busy} onClick={() => void actions.openSample()}>
              <span className="start-action-title">Open sample</span>
              <span className="start-action-hint">Acme Shop, a Django shop with services already carved</span>
            </button>
          </div>
        </section>

        <section aria-labelledby="start-recent" className="start-section">
          <div className="section-head">
            <h2 id="start-recent" className="section-title">
              Recent
            </h2>
            {recent.length > 0 && (
              <button type="button" className="link" onClick={() => void actions.clearRecent()}>
                Clear recent
              </button>
            )}
          </div>
          {dropped.length > 0 && (
            <p className="notice" role="status">
              {dropped.length === 1 ? '1 file no longer exists and was' : `${dropped.length} files no longer exist and were`} removed from
              this list: {dropped.join(', ')}
            </p>
          )}
          {recent.length === 0 ? (
            <p className="muted">Files you open or save appear here.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((file) => (
                <li key={file.path}>
                  <button type="button" className="recent-item" aria-label={`Open ${file.name} (${file.path})`} onClick={() => void actions.open(file.path)}>
                    <span className="recent-name">{file.name}</span>
                    <span className="recent-path">{file.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
