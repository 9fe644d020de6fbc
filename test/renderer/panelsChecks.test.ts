import { describe, expect, it } from 'vitest';
import { analyse, changeOf, focusNodesOf, percent, signed } from '../../renderer/derived/analysis';
import { applyMove, defaultServiceName, moveModulesTo, ownerOf } from '../../renderer/state/moduleActions';
import { selectionStore } from '../../renderer/state/selectionStore';
import { dismissError, uiStore } from '../../renderer/state/uiStore';
import { answerDialogs } from './fakeHost';
import { editProblem } from '../../renderer/state/edit';
import { documentStore, loadDocument, undoEdit } from '../../renderer/state/documentStore';
import { assignModules } from '../../shared/commands/assign';
import { createService } from '../../shared/commands/services';
import { MONOLITH_NODE_ID } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';

describe('design checks panel helpers', () => {
  it('analyses a project once: the same object gives the same answer object', () => {
    const project = loadSampleProject();
    expect(analyse(project)).toBe(analyse(project));
    expect(analyse(project).warnings.length).toBeGreaterThan(0);
  });

  it('the change of an edit is after minus before, and nothing without a previous project', () => {
    const before = loadSampleProject();
    const after = assignModules(before, { moduleIds: ['core'], serviceId: 'svc-search' });
    const diff = changeOf(before, after)!;
    expect(diff.structuralModularity).toBeCloseTo(
      analyse(after).metrics.structuralModularity - analyse(before).metrics.structuralModularity,
      12,
    );
    expect(diff.changed).toBe(true);
    expect(changeOf(before, after)).toBe(diff);
    expect(changeOf(null, after)).toBeNull();
  });

  it('writes signed deltas and shares as a person reads them', () => {
    expect(signed(0.0421, 3)).toBe('+0.042');
    expect(signed(-0.0131, 3)).toBe('−0.013');
    expect(signed(0.00004, 3)).toBe('');
    expect(percent(0.264)).toBe('26%');
    expect(percent(0.052)).toBe('5.2%');
    expect(percent(0)).toBe('0%');
  });

  it('a warning about modules focuses the nodes that own them, the monolith included', () => {
    const project = loadSampleProject();
    const { warnings } = analyse(project);
    const media = warnings.find((w) => w.id === 'shared-data:media')!;
    expect(focusNodesOf(project, media).sort()).toEqual(['svc-catalog', 'svc-reviews']);
    const unassigned = warnings.find((w) => w.kind === 'unassigned-modules')!;
    expect(focusNodesOf(project, unassigned)).toEqual([MONOLITH_NODE_ID]);
    const aboutOne = warnings.find((w) => w.target.type === 'service' && w.target.ids.length === 1)!;
    expect(focusNodesOf(project, aboutOne)).toEqual(aboutOne.target.ids);
  });
});

describe('Move to service…', () => {
  it('moves to an existing service, back to the monolith, or into a new service named as asked', () => {
    const project = loadSampleProject();
    const toSearch = applyMove(project, ['orders', 'payments'], { kind: 'service', serviceId: 'svc-search' });
    expect(ownerOf(toSearch, 'orders')).toBe('svc-search');
    expect(ownerOf(applyMove(toSearch, ['orders'], { kind: 'monolith' }), 'orders')).toBe(MONOLITH_NODE_ID);
    const fresh = applyMove(project, ['catalog', 'orders'], { kind: 'new', name: 'Order taking' });
    const created = fresh.services.find((s) => s.name === 'Order taking')!;
    expect(created.moduleIds).toEqual(['catalog', 'orders']);
    // Taken from the service that held it: never in two services.
    expect(fresh.services.find((s) => s.id === 'svc-catalog')!.moduleIds).toEqual(['media']);
  });

  it('offers a service name after the first module', () => {
    const project = loadSampleProject();
    expect(defaultServiceName(project, ['customer-support', 'orders'])).toBe('Customer support');
    expect(defaultServiceName(project, [])).toBe('New service');
  });

  it('an edit is one undo step, and a refused command says why and changes nothing', () => {
    loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
    const start = documentStore.getState().project!;
    expect(editProblem('Move to service', (p) => applyMove(p, ['orders', 'payments'], { kind: 'new', name: 'Orders' }))).toBeNull();
    expect(ownerOf(documentStore.getState().project!, 'payments')).not.toBe(MONOLITH_NODE_ID);
    undoEdit();
    expect(documentStore.getState().project).toBe(start);
    expect(editProblem('New service', (p) => createService(p, { name: '   ' }))).toMatch(/^New service: Service name: /);
    expect(editProblem('Return modules', (p) => assignModules(p, { moduleIds: ['nope'], serviceId: null }))).toBe(
      'Return modules: No module with id "nope" in this project.',
    );
    expect(documentStore.getState().project).toBe(start);
  });

  it('asks where through the dialog store, like every question, then moves as one undo step', async () => {
    loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
    dismissError();
    const start = documentStore.getState().project!;
    const dialogs = answerDialogs({ kind: 'move', answer: { kind: 'new', name: 'Order taking' } });
    await moveModulesTo(['orders', 'payments']);
    dialogs.stop();
    expect(dialogs.asked.map((d) => d.kind)).toEqual(['move']);
    expect(dialogs.asked[0]).toMatchObject({ moduleIds: ['orders', 'payments'] });
    const created = documentStore.getState().project!.services.find((s) => s.name === 'Order taking')!;
    expect(created.moduleIds).toEqual(['orders', 'payments']);
    expect(selectionStore.getState().nodeIds).toEqual([created.id]);
    expect(uiStore.getState().notice).toBe('Moved 2 modules to Order taking');
    undoEdit();
    expect(documentStore.getState().project).toBe(start);

    const cancelled = answerDialogs({ kind: 'move', answer: null });
    await moveModulesTo(['orders']);
    cancelled.stop();
    expect(documentStore.getState().project).toBe(start);
  });
});
