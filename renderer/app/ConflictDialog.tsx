import type { DialogOf } from '../state/dialogStore';
import { Modal } from '../widgets/Modal';

export function ConflictDialog({ dialog }: { dialog: DialogOf<'conflict'> }) {
  return (
    <Modal
      title="The file changed on disk"
      role="alertdialog"
      wide
      onCancel={() => dialog.resolve('cancel')}
      footer={
        <>
          <button type="button" onClick={() => dialog.resolve('reload')}>
            Reload from disk
          </button>
          <span className="spacer" />
          <button type="button" onClick={() => dialog.resolve('cancel')}>
            Cancel
          </button>
          <button type="button" onClick={() => dialog.resolve('save-as')}>
            Save As…
          </button>
          <button type="button" className="danger" data-autofocus onClick={() => dialog.resolve('overwrite')}>
            Overwrite
          </button>
        </>
      }
    >
      <p>
        <strong>{dialog.fileName}</strong>:{' '}
        {dialog.reason.startsWith(dialog.fileName) ? dialog.reason.slice(dialog.fileName.length).trim() : dialog.reason}. Someone or
        something else changed it.
      </p>
      <p className="muted">
        Overwrite writes your version there. Save As keeps both. Reload from disk drops your changes and opens the file as it is now (your
        changes stay if it cannot be opened).
      </p>
    </Modal>
  );
}
