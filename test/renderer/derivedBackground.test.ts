import { afterEach, describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate';
import { checkGraph } from '../../shared/analysis/checks';
import { metricsOfGraph } from '../../shared/analysis/metrics';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { assignModules } from '../../shared/commands/assign';
import type { Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { derivedIfReady } from '../../renderer/derived/background';
import { createAnswerer, isLarge } from '../../renderer/derived/derivedData';
import { planFor } from '../../renderer/derived/plan';
import { closeDocument, documentStore, editProject, loadDocument } from '../../renderer/state/documentStore';
import { derivedStore, type DerivedState } from '../../renderer/state/derivedStore';

// The plan and the analysis off the first paint (renderer/derived/background.ts): a small project's at once, a
// large project's after the document is shown, never another document's figures for a newer document. Here
// (Node, no Worker) the large path computes on the page after a task; the worker's side is createAnswerer.

/** Resolves with the first state of the derived store that passes `test` (now or on a later change). */
function until(test: (state: DerivedState) => boolean): Promise<DerivedState> {
  return new Promise((resolve) => {
    if (test(derivedStore.getState())) return resolve(derivedStore.getState());
    const stop = derivedStore.subscribe((state) => {
      if (!test(state)) return;
      stop();
      resolve(state);
    });
  });
}

/** A fresh copy, so that no cache of the page's computation can answer for it. */
const copyOf = (project: Project): Project => structuredClone(project);

/** What the planner, the checks and the metrics say of a project, computed directly. */
function expected(project: Project) {
  const graph = buildServiceGraph(project);
  return { plan: planMigration(project), analysis: { warnings: checkGraph(project, graph), metrics: metricsOfGraph(graph) } };
}

const large = (seed: number) => generateProject({ services: 60, modules: 900, dependencies: 3_000, seed });

afterEach(() => closeDocument());

describe('derived data off the first paint', () => {
  it('gives a small project its plan and checks at once', () => {
    const project = loadSampleProject();
    expect(isLarge(project)).toBe(false);
    loadDocument({ project, filePath: null, baseHash: null });
    const state = derivedStore.getState();
    expect(state.fresh).toBe(true);
    expect(state.derived?.plan).toBe(planFor(project));
    expect(state.derived).toEqual(expected(copyOf(project)));
  });

  it('shows a large project with no figures, then its own figures, the same as computed directly', async () => {
    const project = large(11);
    expect(isLarge(project)).toBe(true);
    loadDocument({ project, filePath: null, baseHash: null });
    expect(derivedStore.getState()).toMatchObject({ derived: null, fresh: false });
    const ready = await until((state) => state.fresh);
    expect(ready.documentKey).toBe(documentStore.getState().draftId);
    expect(ready.derived).toEqual(expected(copyOf(project)));
  });

  it('never shows a document the figures of the one opened before it', async () => {
    const first = large(21);
    const second = large(22);
    const seen: DerivedState[] = [];
    const stop = derivedStore.subscribe((state) => seen.push(state));
    loadDocument({ project: first, filePath: null, baseHash: null });
    loadDocument({ project: second, filePath: null, baseHash: null });
    const secondKey = documentStore.getState().draftId;
    const ready = await until((state) => state.fresh && state.documentKey === secondKey);
    stop();
    expect(ready.derived).toEqual(expected(copyOf(second)));
    const ofSecond = seen.filter((state) => state.documentKey === secondKey && state.derived !== null);
    expect(ofSecond.length).toBeGreaterThan(0);
    expect(ofSecond.every((state) => state.derived === ready.derived)).toBe(true);
  });

  it('keeps the last figures of the same document while an edit is computed, then the new ones and the one before', async () => {
    const project = large(31);
    loadDocument({ project, filePath: null, baseHash: null });
    const before = (await until((state) => state.fresh)).derived;
    const service = project.services[0]!;
    const moduleId = project.services[1]!.moduleIds[0]!;
    editProject((current) => assignModules(current, { moduleIds: [moduleId], serviceId: service.id }));
    const edited = documentStore.getState().project!;
    expect(derivedStore.getState()).toMatchObject({ derived: before, fresh: false });
    const after = await until((state) => state.fresh);
    expect(after.derived).not.toBe(before);
    expect(after.derived).toEqual(expected(copyOf(edited)));
    expect(derivedIfReady(project)).toBe(before);
  });
});

describe('the worker side', () => {
  it('answers with the figures computed directly, keeps the monolith it was sent, and says when none was', () => {
    const answer = createAnswerer();
    const project = large(41);
    const { monolith, ...rest } = copyOf(project);
    expect(answer({ id: 1, monolith: null, project: rest })).toEqual({ id: 1, ok: false, message: 'no monolith was sent' });
    const first = answer({ id: 2, monolith: JSON.stringify(monolith), project: rest });
    expect(first).toEqual({ id: 2, ok: true, derived: expected(copyOf(project)) });
    const edited = assignModules(project, { moduleIds: [project.services[1]!.moduleIds[0]!], serviceId: project.services[0]!.id });
    const { monolith: same, ...editedRest } = copyOf(edited);
    expect(same).toEqual(monolith);
    expect(answer({ id: 3, monolith: null, project: editedRest })).toEqual({ id: 3, ok: true, derived: expected(copyOf(edited)) });
  });
});
