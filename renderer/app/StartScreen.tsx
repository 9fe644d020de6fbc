import { ImportDialog } from '../features/importer/ImportDialog';
import { openImportDialog } from '../features/importer/importActions';
import { useActions } from '../state/actionsContext';
import { DraftOffer } from './DraftOffer';
import { ErrorMessage } from './ErrorMessage';
import { ThemeSwitch } from './ThemeSwitch';
import { useUi } from '../state/uiStore';

function StartAction({
  id,
  title,
  hint,
  disabled,
  onClick,
}: {
  id: string;
  title: string;
  hint: string;
  disabled: boolean;
  onClick(): void;
}) {
  return (
    <button
      type="button"
      className="start-action"
      disabled={disabled}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-hint`}
      onClick={onClick}
    >
      <span id={`${id}-title`} className="start-action-title">
        {title}
      </span>
      <span id={`${id}-hint`} className="start-action-hint">
        {hint}
      </span>
    </button>
  );
}

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

        <ErrorMessage className="start-error" />
        <DraftOffer />

        <section aria-labelledby="start-begin" className="start-section">
          <h2 id="start-begin" className="section-title">
            Start
          </h2>
          <div className="start-actions">
            <StartAction
              id="start-new"
              title="New project…"
              hint="An empty plan you fill in or import into"
              disabled={busy}
              onClick={() => void actions.newProject()}
            />
            <StartAction id="start-open" title="Open…" hint="A .carve file" disabled={busy} onClick={() => void actions.open()} />
            <StartAction
              id="start-import"
              title="Import Python source…"
              hint="Modules and dependencies read from a monolith’s source folder"
              disabled={busy}
              onClick={openImportDialog}
            />
            <StartAction
              id="start-sample"
              title="Open sample"
              hint="Acme Shop, a Django shop with services already carved"
              disabled={busy}
              onClick={() => void actions.openSample()}
            />
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
                  <button
                    type="button"
                    className="recent-item"
                    aria-label={`Open ${file.name} (${file.path})`}
                    onClick={() => void actions.open(file.path)}
                  >
                    <span className="recent-name">{file.name}</span>
                    <span className="recent-path">{file.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <ImportDialog />
    </main>
  );
}
