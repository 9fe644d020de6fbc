import { beforeEach, describe, expect, it } from 'vitest';
import { assignModules } from '../../shared/commands/assign';
import { moveNodes } from '../../shared/commands/layout';
import { setProjectDetails } from '../../shared/commands/project';
import { createService, renameService } from '../../shared/commands/services';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { documentStore, loadDocument } from '../../renderer/state/documentStore';
import { beginGesture, cancelGesture, commitGesture, edit, editProblem, redoEdit, undoEdit } from '../../renderer/state/edit';
import { dismissError, uiStore } from '../../renderer/state/uiStore';

// The renderer's one edit path (renderer/state/edit.ts): applies, records undo, says a refusal in one line.

const project = () => documentStore.getState().project!;
const steps = () => documentStore.getState().history!.past.length;
const shownError = () => uiStore.getState().lastError;

beforeEach(() => {
  loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
  dismissError();
});

describe('edit', () => {
  it('applies a command as one undo step and marks the document dirty', () => {
    const start = project();
    expect(edit('Rename service', (p) => renameService(p, { serviceId: 'svc-search', name: 'Search API' }))).toBe(true);
    expect(project().services.find((s) => s.id === 'svc-search')!.name).toBe('Search API');
    expect(steps()).toBe(1);
    expect(documentStore.getState().dirty).toBe(true);
    undoEdit();
    expect(project()).toBe(start);
    redoEdit();
    expect(project().services.find((s) => s.id === 'svc-search')!.name).toBe('Search API');
    expect(shownError()).toBeNull();
  });

  it('a refused command changes nothing, records nothing and shows "<what>: <message>"', () => {
    const start = project();
    expect(edit('Return modules', (p) => assignModules(p, { moduleIds: ['nope'], serviceId: null }))).toBe(false);
    expect(project()).toBe(start);
    expect(steps()).toBe(0);
    expect(documentStore.getState().dirty).toBe(false);
    expect(shownError()).toBe('Return modules: No module with id "nope" in this project.');
  });

  it('a form gets the same line back instead of the status bar', () => {
    expect(editProblem('New service', (p) => createService(p, { name: '   ' }))).toMatch(/^New service: Service name: /);
    expect(shownError()).toBeNull();
    expect(editProblem('New service', (p) => createService(p, { name: 'Ledger' }))).toBeNull();
    expect(project().services.some((s) => s.name === 'Ledger')).toBe(true);
  });

  it('an unexpected error is one line naming the edit, never a stack trace, and changes nothing', () => {
    const start = project();
    const failing = (): never => {
      throw new Error('broken index\n    at somewhere (file.ts:1:1)');
    };
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(edit('Move', failing)).toBe(false);
    } finally {
      console.error = quiet;
    }
    expect(shownError()).toBe('Move failed: broken index');
    expect(project()).toBe(start);
  });

  it('an update that returns the same project records no step', () => {
    expect(edit('Nothing', (p) => p)).toBe(true);
    expect(steps()).toBe(0);
    expect(documentStore.getState().dirty).toBe(false);
  });

  it('edits inside a gesture are one undo step; cancel returns to where it began', () => {
    const start = project();
    beginGesture();
    for (const name of ['S', 'Sh', 'Sho', 'Shop']) expect(edit('Project name', (p) => setProjectDetails(p, { name }))).toBe(true);
    commitGesture();
    expect(project().name).toBe('Shop');
    expect(steps()).toBe(1);
    undoEdit();
    expect(project()).toBe(start);

    beginGesture();
    edit('Move', (p) => moveNodes(p, { positions: [{ id: 'svc-search', x: 999, y: 999 }] }));
    cancelGesture();
    expect(project()).toBe(start);
    expect(steps()).toBe(0);
  });
});
