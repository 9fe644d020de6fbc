import { useDocument } from '../../state/documentStore';
import { openScenarios } from '../../state/scenariosStore';
import { ScenariosDialog } from './ScenariosDialog';

/** Beside the project's title: the active scenario's name (the whole name on hover), opening the Scenarios dialog. */
export function ScenarioSwitcher() {
  const name = useDocument((state) => state.project?.scenario.name ?? '');
  const others = useDocument((state) => state.project?.otherScenarios.length ?? 0);
  return (
    <>
      <button
        type="button"
        className="scenario-switcher"
        title={`Scenario: ${name}${others > 0 ? ` (${others + 1} scenarios)` : ''}. Duplicate, switch and compare designs`}
        aria-label={`Scenario: ${name}`}
        aria-haspopup="dialog"
        onClick={() => openScenarios()}
      >
        <span className="scenario-switcher-name">{name}</span>
        {others > 0 && <span className="scenario-switcher-count">{others + 1}</span>}
        <span aria-hidden="true">▾</span>
      </button>
      <ScenariosDialog />
    </>
  );
}
