import { compareScenarios, type ScenarioFigures } from '../../shared/analysis/compareScenarios';
import type { Design, Project, Scenario } from '../../shared/model/project';
import { allScenarios, projectWithDesign } from '../../shared/model/scenarios';
import { memoByObject } from './memo';

// The scenarios of the open project side by side, without history (issue 9, item 5): the figures of
// shared/analysis/compareScenarios.ts, one design at a time, each remembered on the parts it is computed from
// (the monolith and the design's services, links, phases and planning; never the layout, so moving a node
// recomputes nothing). A design costs ~150 ms on a large project: an edit recomputes the active one only, a
// switch or a rename none, and a duplicate shares its source's arrays and so its figures.

type Inputs = readonly [Project['monolith'], Design['links'], Design['phases'], Design['planning']];
interface Entry {
  inputs: Inputs;
  figures: ScenarioFigures;
}

/** Keyed by the design's services array, then matched on the rest of its inputs. */
const entriesOf = memoByObject((_services: Design['services']): Entry[] => []);
/** Entries kept per services array: a few designs may share one (copies of one another with other phases). */
const ENTRIES_PER_KEY = 8;

function figuresOf(project: Project, scenario: Scenario, active: boolean): ScenarioFigures {
  const inputs: Inputs = [project.monolith, scenario.links, scenario.phases, scenario.planning];
  const entries = entriesOf(scenario.services);
  let entry = entries.find((e) => e.inputs.every((input, i) => input === inputs[i]));
  if (!entry) {
    entry = { inputs, figures: compareScenarios(projectWithDesign(project, scenario)).scenarios[0]! };
    entries.unshift(entry);
    entries.length = Math.min(entries.length, ENTRIES_PER_KEY);
  }
  const { figures } = entry;
  return { ...figures, id: scenario.id, name: scenario.name, description: scenario.description, active };
}

/** Every scenario of the project with its figures, the active one first (as compareScenarios gives them). */
export const scenarioComparison = memoByObject((project: Project): ScenarioFigures[] =>
  allScenarios(project).map(({ scenario, active }) => figuresOf(project, scenario, active)),
);
