import { MAX_OTHER_SCENARIOS } from '../../../shared/model/project';
import { useDocument } from '../../state/documentStore';
import { Modal } from '../../widgets/Modal';
import { ScenarioComparison } from './ScenarioComparison';
import { ScenarioList } from './ScenarioList';
import { closeScenarios, showScenariosTab, useScenarios, type ScenariosTab } from '../../state/scenariosStore';
import './scenarios.css';

const TABS: { id: ScenariosTab; label: string }[] = [
  { id: 'list', label: 'Designs' },
  { id: 'compare', label: 'Compare' },
];

/** The project's scenarios: the list with its actions, and the comparison (drawn, and so computed, only on its tab). */
export function ScenariosDialog() {
  const open = useScenarios((state) => state.open);
  const tab = useScenarios((state) => state.tab);
  const project = useDocument((state) => state.project);
  if (!open || !project) return null;
  const count = project.otherScenarios.length + 1;
  return (
    <Modal
      title="Scenarios"
      onCancel={closeScenarios}
      footer={
        <>
          <span className="scenarios-count">
            {count} of {MAX_OTHER_SCENARIOS + 1} scenarios
          </span>
          <span className="spacer" />
          <button type="button" className="primary" onClick={closeScenarios}>
            Close
          </button>
        </>
      }
    >
      <div className="scenarios">
        <div
          className="scenarios-tabs"
          role="tablist"
          aria-label="Scenarios"
          onKeyDown={(event) => {
            // Left and right move between the tabs, as in any tab list.
            if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
            event.preventDefault();
            const step = event.key === 'ArrowRight' ? 1 : -1;
            const next = TABS[(TABS.findIndex((item) => item.id === tab) + step + TABS.length) % TABS.length]!;
            showScenariosTab(next.id);
            document.getElementById(`scenarios-tab-${next.id}`)?.focus();
          }}
        >
          {TABS.map((item) => (
            <button
              type="button"
              role="tab"
              key={item.id}
              id={`scenarios-tab-${item.id}`}
              aria-selected={tab === item.id}
              tabIndex={tab === item.id ? 0 : -1}
              aria-controls={`scenarios-panel-${item.id}`}
              onClick={() => showScenariosTab(item.id)}
            >
              {item.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`scenarios-panel-${tab}`} aria-labelledby={`scenarios-tab-${tab}`} className="scenarios-panel">
          {tab === 'list' ? <ScenarioList project={project} /> : <ScenarioComparison project={project} />}
        </div>
      </div>
    </Modal>
  );
}
