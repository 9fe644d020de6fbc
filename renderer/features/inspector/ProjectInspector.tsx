import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Project } from '../../../shared/model/project';
import { beginGesture, cancelGesture, commitGesture, edit } from '../../state/edit';
import { setProjectDetails } from '../../../shared/commands/project';
import { countOf } from '../../../shared/words';
import { usePlan } from '../../derived/usePlan';
import { InspectorHead } from './InspectorHead';

// The project's own details, shown when nothing is selected. Typing shows at once (the title follows), and
// everything typed while the field has focus is one undo step: a gesture from focus to blur; Escape reverts it.

function useLiveGesture() {
  const open = useRef(false);
  // A field unmounted while focused (the selection changed) gets no blur: close the gesture it opened.
  useEffect(
    () => () => {
      if (open.current) commitGesture();
      open.current = false;
    },
    [],
  );
  return {
    onFocus: () => {
      beginGesture();
      open.current = true;
    },
    onBlur: () => {
      if (open.current) commitGesture();
      open.current = false;
    },
    onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (!open.current) return;
      if (event.key === 'Escape') {
        cancelGesture();
        beginGesture();
      } else if (event.key === 'Enter' && event.currentTarget instanceof HTMLInputElement) {
        commitGesture();
        beginGesture();
      }
    },
  };
}

export function ProjectInspector({ project }: { project: Project }) {
  const live = useLiveGesture();
  // The roadmap's figures, from the same plan: the phases it shows (not only those saved in the file).
  const plan = usePlan();
  const projectName = project.name;
  // The name field keeps what is typed, even empty, but the document only takes a non-empty name.
  const [name, setName] = useState(projectName);
  useEffect(() => {
    setName((typed) => (typed.trim() === projectName ? typed : projectName));
  }, [projectName]);
  const nameProblem = name.trim() ? null : 'A project needs a name';

  return (
    <>
      <InspectorHead title="Project" />
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Name</span>
          <input
            value={name}
            maxLength={200}
            aria-invalid={!!nameProblem}
            aria-describedby={nameProblem ? 'project-name-problem' : undefined}
            {...live}
            onChange={(e) => {
              setName(e.target.value);
              const trimmed = e.target.value.trim();
              if (trimmed) edit('Project name', (p) => setProjectDetails(p, { name: trimmed }));
            }}
          />
        </label>
        {nameProblem && (
          <p id="project-name-problem" className="error-text">
            {nameProblem}
          </p>
        )}
        <label className="field">
          <span>Description</span>
          <textarea
            rows={6}
            value={project.description}
            maxLength={100_000}
            {...live}
            onChange={(e) => edit('Description', (p) => setProjectDetails(p, { description: e.target.value }))}
          />
        </label>
        <label className="field">
          <span>Author</span>
          <input
            value={project.author}
            maxLength={200}
            {...live}
            onChange={(e) => edit('Author', (p) => setProjectDetails(p, { author: e.target.value }))}
          />
        </label>
      </form>
      <dl className="inspector-facts">
        <div>
          <dt>Modules</dt>
          <dd>{project.monolith.modules.length}</dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd>{project.services.length}</dd>
        </div>
        {plan === undefined && (
          <div>
            <dt>Roadmap</dt>
            <dd className="muted">Computing…</dd>
          </div>
        )}
        {plan && (
          <>
            <div>
              <dt>Phases</dt>
              <dd>{plan.phases.length}</dd>
            </div>
            <div>
              <dt>Roadmap</dt>
              <dd>
                {plan.start} → {plan.end}
              </dd>
            </div>
            <div>
              <dt>Effort</dt>
              <dd>{countOf(plan.totalEffort, 'person-week')}</dd>
            </div>
          </>
        )}
      </dl>
      <p className="hint panel-inspector-hint">Select a service, a module or a dependency to see its details here.</p>
    </>
  );
}
