import { useState } from 'react';
import type { DialogOf } from '../state/dialogStore';
import { FormDialog } from '../widgets/FormDialog';

export function NewProjectDialog({ dialog }: { dialog: DialogOf<'new-project'> }) {
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const submit = () => dialog.resolve(trimmed);
  return (
    <FormDialog title="New project" submitLabel="Create" canSubmit={!!trimmed} onSubmit={submit} onCancel={() => dialog.resolve(null)}>
      <label className="field">
        <span>Project name</span>
        <input
          data-autofocus
          value={name}
          maxLength={200}
          placeholder="e.g. Billing platform split"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
    </FormDialog>
  );
}
