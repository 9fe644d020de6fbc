import { dismissError, useUi } from '../state/uiStore';

/** The last error, one line, with a way to dismiss it. Shown once: on the start screen or in the status bar. */
export function ErrorMessage({ className }: { className: string }) {
  const lastError = useUi((state) => state.lastError);
  const heading = useUi((state) => state.lastErrorHeading);
  return (
    <div className={`error-slot ${className}`} role="alert">
      {lastError && (
        <div className="error-message">
          <div className="error-body" title={lastError}>
            {heading && <span className="error-heading">{heading}</span>}
            <span className="error-text-line">{lastError}</span>
          </div>
          <button type="button" className="icon" aria-label="Dismiss error" onClick={dismissError}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
