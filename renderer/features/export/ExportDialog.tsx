import { EXPORT_EXTENSIONS, EXPORT_FORMATS, type ExportStep } from '../../../shared/api/contract';
import { fileNameOf } from '../../state/documentStore';
import { closeExportDialog, useExport } from '../../state/exportStore';
import { cancelExport, chooseFormat, FORMAT_LABELS, progressText, runExport } from './exportActions';
import { FileDialog } from '../../widgets/FileDialog';
import { Modal } from '../../widgets/Modal';
import { useWorkspace } from '../../state/uiStore';
import './export.css';

/** File > Export: the format, then the path, then progress until the file is written (its state in state/exportStore.ts, the run in exportActions.ts). */
export function ExportDialog() {
  const step = useExport((state) => state.step);
  const format = useExport((state) => state.format);
  const error = useExport((state) => state.error);
  const note = useExport((state) => state.note);
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
          {running ? (
            <button type="button" disabled={step.cancelling} onClick={() => void cancelExport()}>
              Cancel export
            </button>
          ) : (
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
            <input type="radio" name="export-format" value={id} checked={id === format} onChange={() => chooseFormat(id)} data-autofocus={id === format ? true : undefined} />
            <span className="export-format-name">
              {FORMAT_LABELS[id].name} <span className="muted">.{EXPORT_EXTENSIONS[id]}</span>
            </span>
            <span className="export-format-hint">{FORMAT_LABELS[id].hint}</span>
          </label>
        ))}
      </fieldset>
      {running && <ExportProgressBar text={progressText(step.progress, step.cancelling)} current={step.progress?.current ?? null} />}
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

/** Which step of how many, as a bar that fills step by step, and the step in words. */
function ExportProgressBar({ text, current }: { text: string; current: ExportStep | null }) {
  // The step under way counts as half done: a bar that stands still at 0% looks stuck.
  const share = current ? (current.step - 0.5) / current.steps : 0;
  return (
    <div className="export-progress" role="status">
      <div
        className="export-bar"
        role="progressbar"
        aria-label="Export in progress"
        aria-valuemin={0}
        aria-valuemax={current?.steps ?? 1}
        aria-valuenow={current ? current.step : 0}
        aria-valuetext={text}
      >
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span>{text}</span>
    </div>
  );
}
