import { describe, expect, it } from 'vitest';
import { assignModules } from '../../shared/commands/assign';
import { CommandError } from '../../shared/commands/errors';
import { createHistory, pushHistory, redo, undo } from '../../shared/commands/history';
import { deleteModule } from '../../shared/commands/modules';
import { runCommand } from '../../shared/commands/registry';
import { deleteScenario, duplicateScenario, renameScenario, switchScenario } from '../../shared/commands/scenarios';
import { parseProjectText, validateProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { reimport } from '../../shared/importer/toProject';
import { MAX_OTHER_SCENARIOS, type Project } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// Scenario commands: pure edits of the project, undone through the same snapshot history as every other edit,
// and always leaving a project that saves (validateProject) and reopens as it was.

const sample = (): Project => loadSampleProject();

/** The project survives a save and a reopen unchanged: every command leaves a sound document. */
function roundTrips(project: Project): Project {
  expect(parseProjectText(serializeProject(project))).toEqual(project);
  return validateProject(project);
}

function refused(run: () => unknown, message: string | RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(CommandError);
  const text = (error as Error).message;
  if (typeof message === 'string') expect(text).toBe(message);
  else expect(text).toMatch(message);
}

describe('duplicateScenario', () => {
  it('copies the active design under "<name> copy" and keeps it active, sharing the design arrays', () => {
    const before = sample();
    const after = duplicateScenario(before);
    expect(after.scenario).toBe(before.scenario);
    expect(after.services).toBe(before.services);
    expect(after.otherScenarios).toHaveLength(1);
    const copy = after.otherScenarios[0]!;
    expect(copy).toMatchObject({ id: 'current-design-copy', name: 'Current design copy', description: '' });
    expect(copy.services).toBe(before.services);
    expect(copy.planning).toBe(before.planning);
    expect(before.otherScenarios).toEqual([]); // the input is not mutated
    roundTrips(after);
  });

  it('names further copies apart, copies another scenario by id, and takes a given name and description', () => {
    let project = duplicateScenario(sample());
    project = duplicateScenario(project);
    expect(project.otherScenarios.map((s) => s.name)).toEqual(['Current design copy', 'Current design copy 2']);
    project = duplicateScenario(project, { scenarioId: 'current-design-copy', name: '  Big bang ', description: 'All at once' });
    expect(project.otherScenarios[2]).toMatchObject({ id: 'big-bang', name: 'Big bang', description: 'All at once' });
    roundTrips(project);
  });

  it('refuses an unknown scenario, a name in use, an empty name and one scenario too many', () => {
    const project = duplicateScenario(sample());
    refused(() => duplicateScenario(project, { scenarioId: 'nope' }), 'No scenario with id "nope" in this project.');
    refused(() => duplicateScenario(project, { name: 'Current design copy' }), 'A scenario named "Current design copy" already exists.');
    refused(() => duplicateScenario(project, { name: '   ' }), /^Scenario name: a scenario name cannot be empty/);
    let full = sample();
    for (let k = 0; k < MAX_OTHER_SCENARIOS; k++) full = duplicateScenario(full);
    refused(() => duplicateScenario(full), `A project keeps at most ${MAX_OTHER_SCENARIOS + 1} scenarios: delete one first.`);
  });
});

describe('switchScenario', () => {
  it('swaps the designs: the chosen one goes to the top level, the active one takes its place in the list', () => {
    const base = sample();
    let project = duplicateScenario(base, { name: 'Search apart' });
    // Edit the active design only: the copy keeps the design as it was.
    project = assignModules(project, { moduleIds: ['search'], serviceId: 'svc-catalog' });
    const edited = project;
    const switched = switchScenario(project, { scenarioId: 'search-apart' });
    expect(switched.scenario).toEqual({ id: 'search-apart', name: 'Search apart', description: '' });
    expect(switched.services).toBe(base.services);
    expect(switched.otherScenarios).toHaveLength(1);
    expect(switched.otherScenarios[0]).toMatchObject({ id: 'current', name: 'Current design' });
    expect(switched.otherScenarios[0]!.services).toBe(edited.services);
    expect(switched.monolith).toBe(project.monolith);
    roundTrips(switched);
    // Switching back gives the edited project again.
    expect(switchScenario(switched, { scenarioId: 'current' })).toEqual(edited);
  });

  it('does nothing for the active scenario and refuses an unknown one', () => {
    const project = duplicateScenario(sample());
    expect(switchScenario(project, { scenarioId: 'current' })).toBe(project);
    refused(() => switchScenario(project, { scenarioId: 'gone' }), 'No scenario with id "gone" in this project.');
  });
});

describe('renameScenario and deleteScenario', () => {
  it('renames the active scenario or another, and returns the same project when nothing changes', () => {
    let project = duplicateScenario(sample());
    project = renameScenario(project, { scenarioId: 'current', name: ' As planned ', description: 'The plan of record' });
    expect(project.scenario).toEqual({ id: 'current', name: 'As planned', description: 'The plan of record' });
    project = renameScenario(project, { scenarioId: 'current-design-copy', name: 'Variant' });
    expect(project.otherScenarios[0]).toMatchObject({ id: 'current-design-copy', name: 'Variant' });
    expect(renameScenario(project, { scenarioId: 'current', name: 'As planned' })).toBe(project);
    refused(() => renameScenario(project, { scenarioId: 'current', name: 'Variant' }), 'A scenario named "Variant" already exists.');
    refused(() => renameScenario(project, { scenarioId: 'current', name: 'x'.repeat(201) }), /^Scenario name: at most 200 characters/);
    roundTrips(project);
  });

  it('deletes another scenario, and refuses the active one', () => {
    const project = duplicateScenario(duplicateScenario(sample()));
    const after = deleteScenario(project, { scenarioId: 'current-design-copy' });
    expect(after.otherScenarios.map((s) => s.id)).toEqual(['current-design-copy-2']);
    refused(
      () => deleteScenario(project, { scenarioId: 'current' }),
      '"Current design" is the active scenario: switch to another one before deleting it.',
    );
    roundTrips(after);
  });
});

describe('scenarios and the rest of the document', () => {
  it('run through the registry and undo and redo through the snapshot history', () => {
    const start = sample();
    let history = createHistory(start);
    history = pushHistory(history, runCommand(history.present, 'scenario.duplicate', { name: 'Plan B' }));
    history = pushHistory(history, runCommand(history.present, 'scenario.switch', { scenarioId: 'plan-b' }));
    history = pushHistory(history, runCommand(history.present, 'scenario.rename', { scenarioId: 'plan-b', name: 'Plan B2' }));
    expect(history.present.scenario.name).toBe('Plan B2');
    history = undo(history);
    expect(history.present.scenario.name).toBe('Plan B');
    history = undo(history);
    expect(history.present.scenario.id).toBe('current');
    history = undo(history);
    expect(history.present).toBe(start);
    history = redo(redo(history));
    expect(history.present.scenario.id).toBe('plan-b');
    history = pushHistory(history, runCommand(history.present, 'scenario.delete', { scenarioId: 'current' }));
    expect(history.present.otherScenarios).toEqual([]);
  });

  it('deleting a module takes it out of the services of every scenario, so the project still saves', () => {
    let project = duplicateScenario(sample(), { name: 'Plan B' });
    project = switchScenario(project, { scenarioId: 'plan-b' });
    const holder = project.otherScenarios[0]!.services.find((s) => s.moduleIds.includes('catalog'))!;
    const after = deleteModule(project, { moduleId: 'catalog' });
    expect(after.otherScenarios[0]!.services.find((s) => s.id === holder.id)!.moduleIds).not.toContain('catalog');
    expect(after.services.flatMap((s) => s.moduleIds)).not.toContain('catalog');
    roundTrips(after);
  });

  it('a re-import takes modules that are gone out of every scenario', () => {
    const project = duplicateScenario(sample(), { name: 'Plan B' });
    const kept = project.monolith.modules.filter((m) => m.id !== 'catalog');
    const { project: next } = reimport(project, { modules: kept, dependencies: [], facts: [], scan: { installedApps: [] } });
    expect(next.otherScenarios[0]!.services.flatMap((s) => s.moduleIds)).not.toContain('catalog');
    expect(next.otherScenarios[0]!.services.flatMap((s) => s.moduleIds)).toContain('search');
    roundTrips(next);
  });
});
