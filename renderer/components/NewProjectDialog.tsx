import { useState } from 'react';
import type { DialogOf } from '../state/dialogs';
import { Modal } from './Modal';

export function NewProjectDialog({ dialog }: { dialog: DialogOf<'new-project'> }) {
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const submit = () => trimmed && dialog.resolve(trimmed);
  return (
    <Modal
      title="New project"
      onCancel={() => dialog.resolve(null)}
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={() => dialog.resolve(null)}>
            Cancel
          </button>
          <button type="submit" form="new-project-form" className="primary" disabled={!trimmed}>
            Create
          </button>
        </>
      }
    >
      <form
        id="new-project-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span>Project name</span>
          <input data-autofocus value={name} maxLength={200} placeholder="e.g. Billing platform split" onChange={(e) => setName(e.target.value)} />
        </label>
      </form>
    </Modal>
  );
}
