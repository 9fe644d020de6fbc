import { useState } from 'react';
import { addModule } from '../../../shared/commands/modules';
import { FormDialog } from '../../widgets/FormDialog';
import { editProblem } from '../../state/edit';
import { selectModules } from '../../state/selectionStore';
import { documentStore } from '../../state/documentStore';
import { splitList } from '../../state/moduleEdits';

/** Add a module by hand: dotted name, path, lines of code, tags and entities. One undo step. */
export function ModuleFormDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [lines, setLines] = useState('0');
  const [tags, setTags] = useState('');
  const [entities, setEntities] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const linesOfCode = Number(lines || '0');
    if (!Number.isInteger(linesOfCode) || linesOfCode < 0) return setProblem('Lines of code: a whole number, 0 or more.');
    const before = new Set(documentStore.getState().project?.monolith.modules.map((m) => m.id));
    const refused = editProblem('Add module', (project) =>
      addModule(project, { name, path: path.trim(), linesOfCode, tags: splitList(tags), entities: splitList(entities) }),
    );
    if (refused) return setProblem(refused);
    const added = documentStore.getState().project?.monolith.modules.find((m) => !before.has(m.id));
    if (added) selectModules([added.id]);
    onClose();
  };

  return (
    <FormDialog
      title="Add a module"
      submitLabel="Add module"
      canSubmit={!!name.trim()}
      onSubmit={submit}
      onCancel={onClose}
      problem={problem}
      formClassName="panel-form"
    >
      <label className="field">
        <span>Module name</span>
        <input data-autofocus value={name} maxLength={200} placeholder="e.g. shop.orders" onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>Path</span>
        <input value={path} maxLength={1000} placeholder="e.g. shop/orders" onChange={(e) => setPath(e.target.value)} />
      </label>
      <label className="field">
        <span>Lines of code</span>
        <input type="number" min={0} step={1} value={lines} onChange={(e) => setLines(e.target.value)} />
      </label>
      <label className="field">
        <span>Tags</span>
        <input value={tags} placeholder="comma-separated: django-app, api" onChange={(e) => setTags(e.target.value)} />
      </label>
      <label className="field">
        <span>Entities</span>
        <input value={entities} placeholder="comma-separated: Order, OrderLine" onChange={(e) => setEntities(e.target.value)} />
      </label>
    </FormDialog>
  );
}
