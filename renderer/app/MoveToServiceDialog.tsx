import { useId, useState } from 'react';
import { MONOLITH_NODE_ID } from '../../shared/model/project';
import { frameworkLabel } from '../platform/labels';
import type { DialogOf, MoveTarget } from '../state/dialogStore';
import { defaultServiceName, ownerOf } from '../state/moduleActions';
import { FormDialog } from '../widgets/FormDialog';
import { useDocument } from '../state/documentStore';

// The "Move to service..." question, asked through the dialog store (ask('move', { moduleIds })) and shown by
// the DialogHost like every other question.

export function MoveToServiceDialog({ dialog }: { dialog: DialogOf<'move'> }) {
  const project = useDocument((state) => state.project);
  const groupId = useId();
  const { moduleIds } = dialog;
  const owners = new Set(project ? moduleIds.map((id) => ownerOf(project, id)) : []);
  const current = owners.size === 1 ? [...owners][0]! : null;
  const services = project?.services ?? [];
  const firstOther = services.find((service) => service.id !== current);
  const [choice, setChoice] = useState<string>(firstOther ? firstOther.id : services.length === 0 ? 'new' : MONOLITH_NODE_ID);
  const [name, setName] = useState(() => (project ? defaultServiceName(project, moduleIds) : 'New service'));
  if (!project) return null;

  const names = moduleIds.map((id) => project.monolith.modules.find((m) => m.id === id)?.name ?? id);
  const what = names.length === 1 ? names[0]! : `${names.length} modules`;
  const nameProblem = choice === 'new' && !name.trim() ? 'A service needs a name' : null;
  const target = (): MoveTarget =>
    choice === 'new'
      ? { kind: 'new', name: name.trim() }
      : choice === MONOLITH_NODE_ID
        ? { kind: 'monolith' }
        : { kind: 'service', serviceId: choice };

  const option = (value: string, label: string, detail: string, disabled = false) => (
    <label key={value} className={`panel-move-option${disabled ? ' is-current' : ''}`}>
      <input
        type="radio"
        name={groupId}
        value={value}
        checked={choice === value}
        disabled={disabled}
        data-autofocus={choice === value ? true : undefined}
        onChange={() => setChoice(value)}
      />
      <span className="panel-move-label">{label}</span>
      <span className="panel-move-detail">{detail}</span>
    </label>
  );

  return (
    <FormDialog
      title={`Move ${what} to…`}
      submitLabel="Move"
      canSubmit={!nameProblem}
      onSubmit={() => dialog.resolve(target())}
      onCancel={() => dialog.resolve(null)}
    >
      {names.length > 1 && <p className="muted panel-move-names">{names.join(', ')}</p>}
      <fieldset className="panel-move-options">
        <legend className="visually-hidden">Destination</legend>
        {services.map((service) =>
          option(
            service.id,
            service.name,
            service.id === current
              ? 'already here'
              : `${frameworkLabel(service.framework)} · ${service.moduleIds.length} ${service.moduleIds.length === 1 ? 'module' : 'modules'}`,
            service.id === current,
          ),
        )}
        {option('new', 'New service', 'created with these modules')}
        {choice === 'new' && (
          <label className="field panel-move-name">
            <span>New service name</span>
            <input value={name} maxLength={200} aria-invalid={!!nameProblem} onChange={(e) => setName(e.target.value)} />
            {nameProblem && <span className="error-text">{nameProblem}</span>}
          </label>
        )}
        {option(
          MONOLITH_NODE_ID,
          'Monolith',
          current === MONOLITH_NODE_ID ? 'already here' : 'back to the monolith',
          current === MONOLITH_NODE_ID,
        )}
      </fieldset>
    </FormDialog>
  );
}
