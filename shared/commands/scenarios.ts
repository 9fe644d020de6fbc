import { uniqueId } from '../model/create';
import { MAX_OTHER_SCENARIOS, ScenarioInfoSchema } from '../model/project';
import type { Project, Scenario, ScenarioInfo } from '../model/project';
import { designOf, scenarioInfoOf } from '../model/scenarios';
import { CommandError, parseOrThrow } from './errors';

// Commands on scenarios, the designs of one project kept side by side (format version 2): duplicate, rename,
// switch, delete. The active design stays at the top level of the project, where every reader finds it; the
// others sit in `otherScenarios`, and switching swaps one with the top level. Pure: (project, args) -> project,
// the input never mutated, designs shared rather than copied (they are immutable), so undo snapshots stay cheap.

const NameSchema = ScenarioInfoSchema.shape.name;
const DescriptionSchema = ScenarioInfoSchema.shape.description;

/** Where a scenario is: -1 for the active one, else its index in `otherScenarios`. */
function indexOfScenario(project: Project, scenarioId: string): number {
  if (project.scenario.id === scenarioId) return -1;
  const index = project.otherScenarios.findIndex((scenario) => scenario.id === scenarioId);
  if (index === -1) throw new CommandError(`No scenario with id "${scenarioId}" in this project.`);
  return index;
}

function scenarioNames(project: Project): Set<string> {
  return new Set([project.scenario.name, ...project.otherScenarios.map((scenario) => scenario.name)]);
}

function requireFreeName(project: Project, name: string, except?: string): void {
  const holder = [project.scenario, ...project.otherScenarios].find((scenario) => scenario.name === name);
  if (holder && holder.id !== except) throw new CommandError(`A scenario named "${name}" already exists.`);
}

/** "Current design copy", then "Current design copy 2"... within the name's length limit. */
function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = `${name.slice(0, 195)} copy`;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base} ${n}`;
  return candidate;
}

export interface DuplicateScenarioArgs {
  /** The scenario to copy; the active one when absent. */
  scenarioId?: string;
  /** The copy's name; "<name> copy" when absent. */
  name?: string;
  description?: string;
}

/** Adds a copy of a scenario's design under a new name and id, after the others; the active design stays active. */
export function duplicateScenario(project: Project, args: DuplicateScenarioArgs = {}): Project {
  const index = indexOfScenario(project, args.scenarioId ?? project.scenario.id);
  const source: Scenario = index === -1 ? { ...project.scenario, ...designOf(project) } : project.otherScenarios[index]!;
  if (project.otherScenarios.length >= MAX_OTHER_SCENARIOS) {
    throw new CommandError(`A project keeps at most ${MAX_OTHER_SCENARIOS + 1} scenarios: delete one first.`);
  }
  const name =
    args.name === undefined ? copyName(source.name, scenarioNames(project)) : parseOrThrow(NameSchema, args.name.trim(), 'Scenario name');
  requireFreeName(project, name);
  const description =
    args.description === undefined ? source.description : parseOrThrow(DescriptionSchema, args.description, 'Scenario description');
  const id = uniqueId(name, new Set([project.scenario.id, ...project.otherScenarios.map((scenario) => scenario.id)]));
  const copy: Scenario = { id, name, description, ...designOf(source) };
  return { ...project, otherScenarios: [...project.otherScenarios, copy] };
}

export interface RenameScenarioArgs {
  scenarioId: string;
  name?: string;
  description?: string;
}

/** Sets a scenario's name and/or description (never its id); the same project when nothing changes. */
export function renameScenario(project: Project, { scenarioId, name, description }: RenameScenarioArgs): Project {
  const index = indexOfScenario(project, scenarioId);
  const current: ScenarioInfo = index === -1 ? project.scenario : scenarioInfoOf(project.otherScenarios[index]!);
  const nextName = name === undefined ? current.name : parseOrThrow(NameSchema, name.trim(), 'Scenario name');
  const nextDescription =
    description === undefined ? current.description : parseOrThrow(DescriptionSchema, description, 'Scenario description');
  if (nextName === current.name && nextDescription === current.description) return project;
  requireFreeName(project, nextName, scenarioId);
  if (index === -1) return { ...project, scenario: { ...project.scenario, name: nextName, description: nextDescription } };
  const otherScenarios = project.otherScenarios.slice();
  otherScenarios[index] = { ...otherScenarios[index]!, name: nextName, description: nextDescription };
  return { ...project, otherScenarios };
}

/**
 * Makes a scenario the active one: its design moves to the top level of the project, and the design that was
 * active takes its place in `otherScenarios` (so the list keeps its order). The same project when it is already
 * active.
 */
export function switchScenario(project: Project, { scenarioId }: { scenarioId: string }): Project {
  const index = indexOfScenario(project, scenarioId);
  if (index === -1) return project;
  const target = project.otherScenarios[index]!;
  const otherScenarios = project.otherScenarios.slice();
  otherScenarios[index] = { ...scenarioInfoOf(project.scenario), ...designOf(project) };
  return { ...project, ...designOf(target), scenario: scenarioInfoOf(target), otherScenarios };
}

/** Deletes a scenario that is not the active one (switch to another first to delete the active one). */
export function deleteScenario(project: Project, { scenarioId }: { scenarioId: string }): Project {
  const index = indexOfScenario(project, scenarioId);
  if (index === -1) throw new CommandError(`"${project.scenario.name}" is the active scenario: switch to another one before deleting it.`);
  return { ...project, otherScenarios: project.otherScenarios.filter((_, k) => k !== index) };
}
