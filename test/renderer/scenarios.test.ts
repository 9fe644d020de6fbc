import { beforeEach, describe, expect, it } from 'vitest';
import { compareScenarios } from '../../shared/analysis/compareScenarios';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { moveNodes } from '../../shared/commands/layout';
import { deleteService } from '../../shared/commands/services';
import { duplicateScenario, switchScenario } from '../../shared/commands/scenarios';
import { MONOLITH_NODE_ID } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { scenarioComparison } from '../../renderer/derived/scenarioComparison';
import { documentStore, loadDocument } from '../../renderer/state/documentStore';
import { edit, undoEdit } from '../../renderer/state/edit';
import {
  acceptAsNewScenario,
  deleteScenarioById,
  duplicateScenarioOf,
  renameScenarioTo,
  selectionIn,
  switchToScenario,
} from '../../renderer/state/scenarioEdits';
import { importStore } from '../../renderer/state/importStore';
import { closeScenarios, openScenarios, scenariosStore, setHistory } from '../../renderer/state/scenariosStore';
import { selectionStore } from '../../renderer/state/selectionStore';
import { dismissError, uiStore } from '../../renderer/state/uiStore';

// Scenarios in the renderer: the edits (one undo step each, refusals in one line), what a switch leaves selected
// and frames, and the comparison's figures, remembered per design.

const project = () => documentStore.getState().project!;
const steps = () => documentStore.getState().history!.past.length;

/** The sample with a second scenario "Lean" whose design lacks the search service (and so its links). */
function sampleWithLean() {
  const copied = duplicateScenario(loadSampleProject(), { name: 'Lean' });
  const leanId = copied.otherScenarios[0]!.id;
  const lean = deleteService(switchScenario(copied, { scenarioId: leanId }), { serviceId: 'svc-search' });
  return { project: switchScenario(lean, { scenarioId: 'current' }), leanId };
}

beforeEach(() => {
  loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
  selectionStore.setState({ nodeIds: [], moduleIds: [], edgeId: null, focusRequest: null });
  dismissError();
});

describe('selectionIn', () => {
  const { project: sample, leanId } = sampleWithLean();
  const lean = switchScenario(sample, { scenarioId: leanId });

  it('keeps what the design has, and returns the same selection when all of it is there', () => {
    const selection = { nodeIds: ['svc-catalog', MONOLITH_NODE_ID], moduleIds: [], edgeId: 'link-reviews-catalog' };
    expect(selectionIn(lean, selection)).toBe(selection);
  });

  it('drops services, links and service-graph edges the design lacks', () => {
    const edgeId = [...buildServiceGraph(sample).edgeById.keys()].find((id) => id.includes('svc-search'))!;
    expect(edgeId).toBeDefined();
    expect(selectionIn(lean, { nodeIds: ['svc-search', 'svc-catalog'], moduleIds: [], edgeId })).toEqual({
      nodeIds: ['svc-catalog'],
      moduleIds: [],
      edgeId: null,
    });
    expect(selectionIn(lean, { nodeIds: [], moduleIds: [], edgeId: 'link-search-catalog' }).edgeId).toBeNull();
    // The same edge id is kept on the design that has it.
    expect(selectionIn(sample, { nodeIds: [], moduleIds: [], edgeId }).edgeId).toBe(edgeId);
  });
});

describe('scenario edits', () => {
  it('duplicate, rename, switch and delete are one undo step each', () => {
    expect(duplicateScenarioOf()).toBeNull();
    const copyId = project().otherScenarios[0]!.id;
    expect(project().otherScenarios[0]!.name).toBe('Current design copy');
    expect(renameScenarioTo({ scenarioId: copyId, name: 'Payments first' })).toBeNull();
    expect(switchToScenario(copyId)).toBe(true);
    expect(project().scenario.name).toBe('Payments first');
    expect(steps()).toBe(3);
    undoEdit();
    expect(project().scenario.name).toBe('Current design');
    expect(deleteScenarioById(copyId)).toBeNull();
    expect(project().otherScenarios).toEqual([]);
    expect(steps()).toBe(3);
  });

  it('refusals come back as one line and change nothing', () => {
    duplicateScenarioOf({ name: 'B' });
    const before = project();
    expect(renameScenarioTo({ scenarioId: 'current', name: 'B' })).toBe('Rename scenario: A scenario named "B" already exists.');
    expect(deleteScenarioById('current')).toBe(
      'Delete scenario: "Current design" is the active scenario: switch to another one before deleting it.',
    );
    expect(switchToScenario('nope')).toBe(false);
    expect(uiStore.getState().lastError).toBe('Switch scenario: No scenario with id "nope" in this project.');
    expect(project()).toBe(before);
  });

  it('a switch keeps only the selection the new design has and asks the canvas to frame its nodes', () => {
    const { project: withLean, leanId } = sampleWithLean();
    loadDocument({ project: withLean, filePath: null, baseHash: null });
    selectionStore.setState({ nodeIds: ['svc-search', 'svc-catalog'], moduleIds: [], edgeId: null });
    expect(switchToScenario(leanId)).toBe(true);
    expect(selectionStore.getState().nodeIds).toEqual(['svc-catalog']);
    const framed = selectionStore.getState().focusRequest!.nodeIds;
    expect(framed).toEqual([MONOLITH_NODE_ID, ...project().services.map((s) => s.id)]);
    expect(framed).not.toContain('svc-search');
  });

  it('accepting a change as a new scenario keeps the old design under its name, in one undo step', () => {
    const start = project();
    expect(acceptAsNewScenario('Proposal', (p) => deleteService(p, { serviceId: 'svc-reviews' }))).toBe(true);
    expect(project().scenario.name).toBe('Proposal');
    expect(project().services.some((s) => s.id === 'svc-reviews')).toBe(false);
    expect(project().otherScenarios.map((s) => s.name)).toEqual(['Current design']);
    expect(project().otherScenarios[0]!.services).toBe(start.services);
    expect(steps()).toBe(1);
    undoEdit();
    expect(project()).toBe(start);
    // A name in use refuses the whole step.
    expect(acceptAsNewScenario('Current design', (p) => p)).toBe(false);
    expect(project()).toBe(start);
  });
});

describe('scenarioComparison', () => {
  it('gives the figures compareScenarios gives, the active scenario first', () => {
    const { project: withLean } = sampleWithLean();
    expect(scenarioComparison(withLean)).toEqual(compareScenarios(withLean).scenarios);
    const rows = scenarioComparison(withLean);
    expect(rows.map((r) => [r.name, r.active])).toEqual([
      ['Current design', true],
      ['Lean', false],
    ]);
    expect(rows[1]!.services).toBe(rows[0]!.services - 1);
  });

  it('is the same array for the same project, and a node move or a rename leaves the figures as they were', () => {
    const { project: withLean, leanId } = sampleWithLean();
    const rows = scenarioComparison(withLean);
    expect(scenarioComparison(withLean)).toBe(rows);
    loadDocument({ project: withLean, filePath: null, baseHash: null });
    expect(edit('Move', (p) => moveNodes(p, { positions: [{ id: 'svc-catalog', x: 999, y: 999 }] }))).toBe(true);
    const moved = scenarioComparison(project());
    expect(moved).not.toBe(rows);
    expect(moved).toEqual(rows);
    renameScenarioTo({ scenarioId: leanId, name: 'Leaner' });
    const renamed = scenarioComparison(project());
    expect(renamed[1]!.name).toBe('Leaner');
    expect({ ...renamed[1]!, name: 'Lean' }).toEqual(rows[1]);
    // After a switch the rows change places and `active`, the figures go with their design.
    switchToScenario(leanId);
    const switched = scenarioComparison(project());
    expect(switched.map((r) => [r.name, r.active, r.services])).toEqual([
      ['Leaner', true, rows[1]!.services],
      ['Current design', false, rows[0]!.services],
    ]);
  });
});

describe('the Scenarios dialog', () => {
  it('starts the backtest’s folder at the folder imported in this session, and keeps what the person typed', () => {
    importStore.setState({ historyDir: 'src/shop' });
    openScenarios('compare');
    expect(scenariosStore.getState()).toMatchObject({ open: true, tab: 'compare', history: { dir: 'src/shop' } });
    setHistory({ dir: 'elsewhere' });
    closeScenarios();
    importStore.setState({ historyDir: 'src/other' });
    openScenarios();
    expect(scenariosStore.getState().history.dir).toBe('elsewhere');
  });
});
