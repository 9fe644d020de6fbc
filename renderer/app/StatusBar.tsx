import { fileNameOf, useDocument } from '../state/documentStore';
import { ErrorMessage } from './ErrorMessage';
import { useUi } from '../state/uiStore';

export function StatusBar() {
  const hasProject = useDocument((state) => state.project !== null);
  const dirty = useDocument((state) => state.dirty);
  const file = useDocument((state) => fileNameOf(state.filePath));
  const lastError = useUi((state) => state.lastError);
  const notice = useUi((state) => state.notice);
  const info = useUi((state) => state.info);

  let saved = '';
  if (hasProject) saved = dirty ? `Unsaved changes${file ? ` — ${file}` : ''}` : file ? `Saved — ${file}` : 'Not saved yet';

  return (
    <footer className="statusbar">
      {hasProject && (
        <span className={dirty ? 'status-saved unsaved' : 'status-saved'} role="status">
          {saved}
        </span>
      )}
      {notice && !lastError && <span className="status-notice">{notice}</span>}
      <span className="spacer" />
      {hasProject && <ErrorMessage className="status-error" />}
      {info && (
        <span className="status-host" title={info.workspace ?? info.userDataDir}>
          {info.host === 'electron' ? 'Desktop' : `Browser host · ${info.workspace ?? ''}`} · v{info.version}
        </span>
      )}
    </footer>
  );
}
