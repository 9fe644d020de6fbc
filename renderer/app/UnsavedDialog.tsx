import type { DialogOf } from '../state/dialogStore';
import { Modal } from '../widgets/Modal';

export function UnsavedDialog({ dialog }: { dialog: DialogOf<'unsaved'> }) {
  return (
    <Modal
      title="Unsaved changes"
      role="alertdialog"
      onCancel={() => dialog.resolve('cancel')}
      footer={
        <>
          <button type="button" onClick={() => dialog.resolve('discard')}>
            Don’t save
          </button>
          <span className="spacer" />
          <button type="button" onClick={() => dialog.resolve('cancel')}>
            Cancel
          </button>
          <button type="button" className="primary" data-autofocus onClick={() => dialog.resolve('save')}>
            Save
          </button>
        </>
      }
    >
      <p>
        <strong>{dialog.projectName}</strong> has changes that are not saved. Save them first?
      </p>
    </Modal>
  );
}
