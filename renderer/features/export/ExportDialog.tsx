import { EXPORT_EXTENSIONS, EXPORT_FORMATS } from '../../../shared/api/contract';
import { fileNameOf } from '../../state/documentStore';
import { BACKTEST_FORMATS } from '../../../shared/report/reportBacktest';
import { closeExportDialog, setExportHistory, useExport } from '../../state/exportStore';
import { cancelExport, chooseFormat, FORMAT_LABELS, progressText, runExport } from './exportActions';
import { FileDialog } from '../../widgets/FileDialog';
import { JobProgress } from '../../widgets/JobProgress';
import { Modal } from '../../widgets/Modal';
import { useWorkspace } from '../../state/uiStore';
import './export.css';

/** File > Export: the format, then the path, then progress until the file is written (its state in state/exportStore.ts, the run in exportActions.ts). */
export function ExportDialog() {
  const step = useExport((state) => state.step);
  const format = useExport((state) => state.format);
  const error = useExport((state) => state.error);
  const note = useExport((state) => state.note);
  const historyDir = useExport((state) => state.historyDir);
  const historyUntil = useExport((state) => state.historyUntil);
  const workspace = useWorkspace();
  if (step.kind === 'closed') return null;

  if (step.kind === 'pick') {
    return (
      <FileDialog
        dialog={{ mode: 'save', defaultName: step.defaultName, resolve: step.resolve }}
        workspace={workspace}
        extension={step.extension}
        title="Export roadmap as"
        confirmLabel="Export"
      />
    );
  }

  if (step.kind === 'replace') {
    const name = fileNameOf(step.path) ?? step.path;
    return (
      <Modal
        title="Replace the file?"
        role="alertdialog"
        onCancel={() => step.resolve(false)}
        footer={
          <>
            <span className="spacer" />
            <button type="button" onClick={() => step.resolve(false)}>
              Back
            </button>
            <button type="button" className="danger" data-autofocus onClick={() => step.resolve(true)}>
              Replace
            </button>
          </>
        }
      >
        <p role="alert">
          <strong>{name}</strong> already exists. Replace it with the export?
        </p>
      </Modal>
    );
  }

  const running = step.kind === 'running';
  return (
    <Modal
      title="Export the roadmap"
      onCancel={closeExportDialog}
      wide
      footer={
        <>
          <span className="spacer" />
          {!running && (
            <button type="button" onClick={closeExportDialog}>
              Cancel
            </button>
          )}
          <button type="button" className="primary" disabled={running} onClick={() => void runExport()}>
            Export {FORMAT_LABELS[format].name}…
          </button>
        </>
      }
    >
      <fieldset className="export-formats" disabled={running} aria-busy={running}>
        <legend className="visually-hidden">Format</legend>
        {EXPORT_FORMATS.map((id) => (
          <label key={id} className={`export-format${id === format ? ' is-chosen' : ''}`}>
            <input
              type="radio"
              name="export-format"
              value={id}
              checked={id === format}
              onChange={() => chooseFormat(id)}
              data-autofocus={id === format ? true : undefined}
            />
            <span className="export-format-name">
              {FORMAT_LABELS[id].name} <span className="muted">.{EXPORT_EXTENSIONS[id]}</span>
            </span>
            <span className="export-format-hint">{FORMAT_LABELS[id].hint}</span>
          </label>
        ))}
      </fieldset>
      {BACKTEST_FORMATS.includes(format) && (
        <fieldset className="export-history" disabled={running}>
          <legend className="visually-hidden">Backtest</legend>
          <label className="field export-history-dir">
            <span>Backtest on git history</span>
            <input
              value={historyDir}
              placeholder="The imported source folder; empty: no backtest section"
              onChange={(event) => setExportHistory({ historyDir: event.target.value })}
            />
          </label>
          <label className="field">
            <span>Commits after</span>
            <input type="date" value={historyUntil} onChange={(event) => setExportHistory({ historyUntil: event.target.value })} />
          </label>
          <p className="hint">
            With a folder, the report adds “Backtest on the project’s history”: for each design, the share of the commits after the day (by
            default, the last year) that touched more than one service, beside random partitions.
          </p>
        </fieldset>
      )}
      {running && (
        <JobProgress
          label="Export in progress"
          done={step.status?.progress.done ?? 0}
          total={step.status?.progress.total ?? 0}
          text={progressText(step.status, step.cancelling)}
          cancelLabel="Cancel export"
          cancelling={step.cancelling}
          onCancel={cancelExport}
        />
      )}
      {note && !running && (
        <p role="status" className="muted">
          {note}
        </p>
      )}
      {error && !running && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Modal>
  );
}
