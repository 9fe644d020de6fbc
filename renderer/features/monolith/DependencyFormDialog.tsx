import { useState } from 'react';
import { addDependency } from '../../../shared/commands/modules';
import { DEPENDENCY_KINDS, type DependencyKind } from '../../../shared/model/project';
import { FormDialog } from '../../widgets/FormDialog';
import { editProblem } from '../../state/edit';
import { useDocument } from '../../state/documentStore';

export const KIND_LABELS: Readonly<Record<DependencyKind, string>> = {
  import: 'Import',
  data: 'Data (foreign key, shared table)',
  call: 'Call',
};

/** Add a dependency between two modules by hand: from, to, kind and weight. One undo step. */
export function DependencyFormDialog({ from: initialFrom, onClose }: { from: string | null; onClose(): void }) {
  const modules = useDocument((state) => state.project?.monolith.modules ?? []);
  const sorted = [...modules].sort((a, b) => a.name.localeCompare(b.name));
  const [from, setFrom] = useState(initialFrom ?? sorted[0]?.id ?? '');
  const [to, setTo] = useState(() => sorted.find((m) => m.id !== (initialFrom ?? sorted[0]?.id))?.id ?? '');
  const [kind, setKind] = useState<DependencyKind>('import');
  const [weight, setWeight] = useState('1');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const value = Number(weight);
    if (!Number.isInteger(value) || value < 1) return setProblem('Weight: a whole number, 1 or more.');
    const refused = editProblem('Add dependency', (project) => addDependency(project, { from, to, kind, weight: value }));
    if (refused) return setProblem(refused);
    onClose();
  };
  const options = sorted.map((module) => (
    <option key={module.id} value={module.id}>
      {module.name}
    </option>
  ));

  return (
    <FormDialog
      title="Add a dependency"
      submitLabel="Add dependency"
      canSubmit={!!from && !!to}
      onSubmit={submit}
      onCancel={onClose}
      problem={problem}
      formClassName="panel-form"
    >
      <label className="field">
        <span>From (the module that depends)</span>
        <select data-autofocus value={from} onChange={(e) => setFrom(e.target.value)}>
          {options}
        </select>
      </label>
      <label className="field">
        <span>To (the module it depends on)</span>
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          {options}
        </select>
      </label>
      <div className="panel-form-row">
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as DependencyKind)}>
            {DEPENDENCY_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Weight</span>
          <input type="number" min={1} step={1} value={weight} onChange={(e) => setWeight(e.target.value)} />
        </label>
      </div>
    </FormDialog>
  );
}
