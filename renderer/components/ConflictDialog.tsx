import type { DialogOf } from '../state/dialogs';
import { Modal } from './Modal';

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
        <strong>{dialog.fileName}</strong> was changed by someone or something else since you opened it.
      </p>
      <p className="muted">
        Overwrite replaces it with your version. Save As keeps both. Reload from disk drops your changes and opens
        the file as it is now.
      </p>
    </Modal>
  );
}
