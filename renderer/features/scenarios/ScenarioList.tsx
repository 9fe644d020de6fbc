import { useState } from 'react';
import { MAX_OTHER_SCENARIOS, type Project } from '../../../shared/model/project';
import { allScenarios } from '../../../shared/model/scenarios';
import { deleteScenarioById, duplicateScenarioOf, renameScenarioTo, switchToScenario } from '../../state/scenarioEdits';
import { startRenamingScenario, useScenarios } from '../../state/scenariosStore';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The name and description of one scenario, edited in place; Enter saves, Escape leaves them as they were. */
function RenameForm({ scenarioId, name, description }: { scenarioId: string; name: string; description: string }) {
  const [nextName, setNextName] = useState(name);
  const [nextDescription, setNextDescription] = useState(description);
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    const refused = renameScenarioTo({ scenarioId, name: nextName, description: nextDescription });
    if (refused) setProblem(refused);
    else startRenamingScenario(null);
  };
  return (
    <form
      className="scenario-rename"
      aria-label={`Rename ${name}`}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        startRenamingScenario(null);
      }}
    >
      <label className="field">
        <span>Scenario name</span>
        <input data-autofocus autoFocus value={nextName} maxLength={200} onChange={(event) => setNextName(event.target.value)} />
      </label>
      <label className="field">
        <span>Description</span>
        <input value={nextDescription} placeholder="What this design tries" onChange={(event) => setNextDescription(event.target.value)} />
      </label>
      <div className="scenario-rename-buttons">
        <button type="button" onClick={() => startRenamingScenario(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={nextName.trim() === ''}>
          Save name
        </button>
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** The project's scenarios, the active one first, with Switch, Duplicate, Rename and Delete. */
export function ScenarioList({ project }: { project: Project }) {
  const renamingId = useScenarios((state) => state.renamingId);
  const [problem, setProblem] = useState<string | null>(null);
  const full = project.otherScenarios.length >= MAX_OTHER_SCENARIOS;
  const run = (refused: string | null) => setProblem(refused);
  return (
    <>
      <p className="scenarios-intro">
        Each scenario is a whole design of this project (services, links, phases, planning and layout) over the same monolith. The canvas,
        roadmap and checks show the active one; switching is one step that Undo takes back.
      </p>
      <ul className="scenario-list" aria-label="Scenarios">
        {allScenarios(project).map(({ scenario, active }) => (
          <li key={scenario.id} className={active ? 'scenario-row is-active' : 'scenario-row'} aria-current={active ? 'true' : undefined}>
            {renamingId === scenario.id ? (
              <RenameForm scenarioId={scenario.id} name={scenario.name} description={scenario.description} />
            ) : (
              <>
                <div className="scenario-text">
                  <span className="scenario-name" title={scenario.name}>
                    {scenario.name}
                  </span>
                  {active && <span className="scenario-badge">active</span>}
                  <span className="scenario-meta">
                    {plural(scenario.services.length, 'service')}, {plural(scenario.links.length, 'link')}
                    {scenario.description && ` — ${scenario.description}`}
                  </span>
                </div>
                <div className="scenario-actions" role="group" aria-label={`${scenario.name}: actions`}>
                  <button
                    type="button"
                    disabled={active}
                    title={active ? 'This design is on the canvas' : 'Put this design on the canvas'}
                    onClick={() => switchToScenario(scenario.id)}
                  >
                    {active ? 'Active' : 'Switch'}
                  </button>
                  <button
                    type="button"
                    disabled={full}
                    title={
                      full
                        ? `A project keeps at most ${MAX_OTHER_SCENARIOS + 1} scenarios: delete one first`
                        : 'Keep a copy of this design as a new scenario'
                    }
                    onClick={() => run(duplicateScenarioOf({ scenarioId: scenario.id }))}
                  >
                    Duplicate
                  </button>
                  <button type="button" onClick={() => startRenamingScenario(scenario.id)}>
                    Rename…
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={active}
                    title={
                      active
                        ? 'The active scenario cannot be deleted: switch to another one first'
                        : 'Delete this design (Undo brings it back)'
                    }
                    onClick={() => run(deleteScenarioById(scenario.id))}
                  >
                    Delete
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
