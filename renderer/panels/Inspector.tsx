import { useEffect, useState } from 'react';
import { useDocument } from '../hooks/useStores';
import { editProject, type DocumentState } from '../state/documentStore';
import { setProjectDetails } from '../state/edits';

const selectProject = (state: DocumentState) => state.project;

/** Details of what is selected; with nothing selected, the project itself. */
export function Inspector() {
  const project = useDocument(selectProject);
  const projectName = project?.name ?? '';
  // The name field keeps what is typed, even empty, but the document only takes a non-empty name.
  const [name, setName] = useState(projectName);
  useEffect(() => {
    setName((typed) => (typed.trim() === projectName ? typed : projectName));
  }, [projectName]);
  if (!project) return null;
  const nameProblem = name.trim() ? null : 'A project needs a name';

  return (
    <aside className="panel inspector" aria-labelledby="inspector-title">
      <div className="panel-head">
        <h2 id="inspector-title" className="panel-title">
          Project
        </h2>
      </div>
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Name</span>
          <input
            value={name}
            maxLength={200}
            aria-invalid={!!nameProblem}
            aria-describedby={nameProblem ? 'project-name-problem' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              const trimmed = e.target.value.trim();
              if (trimmed) editProject((p) => setProjectDetails(p, { name: trimmed }));
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
            onChange={(e) => editProject((p) => setProjectDetails(p, { description: e.target.value }))}
          />
        </label>
        <label className="field">
          <span>Author</span>
          <input value={project.author} maxLength={200} onChange={(e) => editProject((p) => setProjectDetails(p, { author: e.target.value }))} />
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
        <div>
          <dt>Phases</dt>
          <dd>{project.phases.length}</dd>
        </div>
      </dl>
    </aside>
  );
}
