import { beforeEach, describe, expect, it } from 'vitest';
import { renameService } from '../../shared/commands/services';
import { moveNodes } from '../../shared/commands/layout';
import { serializeProject } from '../../shared/format/save';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import {
  beginGesture,
  cancelGesture,
  commitGesture,
  documentStore,
  editProject,
  loadDocument,
  redoEdit,
  undoEdit,
} from '../../renderer/state/documentStore';

const current = () => documentStore.getState().project!;
const bytes = () => serializeProject(current());

beforeEach(() => loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null }));

describe('document history', () => {
  it('undoes and redoes each edit, back to byte-identical projects', () => {
    const original = bytes();
    editProject((p) => renameService(p, { serviceId: 'svc-search', name: 'Search API' }));
    const renamed = bytes();
    editProject((p) => renameService(p, { serviceId: 'svc-reviews', name: 'Ratings' }));
    undoEdit();
    expect(bytes()).toBe(renamed);
    undoEdit();
    expect(bytes()).toBe(original);
    undoEdit(); // nothing left: stays put
    expect(bytes()).toBe(original);
    redoEdit();
    expect(bytes()).toBe(renamed);
    expect(documentStore.getState().dirty).toBe(true);
  });

  it('records a drag as one step, however many moves it made', () => {
    const original = bytes();
    beginGesture();
    for (let x = 0; x < 5; x++) editProject((p) => moveNodes(p, { positions: [{ id: 'svc-search', x: x * 10, y: 0 }] }));
    commitGesture();
    const moved = bytes();
    expect(moved).not.toBe(original);
    undoEdit();
    expect(bytes()).toBe(original);
    redoEdit();
    expect(bytes()).toBe(moved);
  });

  it('returns to where a drag began on Escape and records nothing', () => {
    editProject((p) => renameService(p, { serviceId: 'svc-search', name: 'Search API' }));
    const before = bytes();
    beginGesture();
    editProject((p) => moveNodes(p, { positions: [{ id: 'svc-search', x: 999, y: 999 }] }));
    cancelGesture();
    expect(bytes()).toBe(before);
    undoEdit(); // undoes the rename, not a phantom drag
    expect(current().services.find((s) => s.id === 'svc-search')!.name).toBe('Search');
  });

  it('clears redo after a new edit', () => {
    editProject((p) => renameService(p, { serviceId: 'svc-search', name: 'A' }));
    undoEdit();
    editProject((p) => renameService(p, { serviceId: 'svc-search', name: 'B' }));
    redoEdit();
    expect(current().services.find((s) => s.id === 'svc-search')!.name).toBe('B');
  });
});
