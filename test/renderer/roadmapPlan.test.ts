import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { moveNodes } from '../../shared/commands/layout';
import { pinService } from '../../shared/commands/phases';
import { renameService } from '../../shared/commands/services';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { materialisePhase, renamePhaseAt } from '../../renderer/features/roadmap/roadmapEdits';
import { closeDocument, documentStore, loadDocument } from '../../renderer/state/documentStore';
import { phaseIndexByService, planFor } from '../../renderer/derived/plan';
import { phaseColor } from '../../renderer/derived/usePlan';

// The plan the roadmap and the canvas share: computed once per project object, service -> phase, phase colours.

describe('planFor and phaseIndexByService', () => {
  it('computes one plan per project object and a new one after an edit', () => {
    const project = loadSampleProject();
    const plan = planFor(project);
    expect(plan).not.toBeNull();
    expect(planFor(project)).toBe(plan);
    const edited = pinService(project, { serviceId: 'svc-reviews', phaseId: 'phase-catalog' });
    expect(planFor(edited)).not.toBe(plan);
    expect(phaseIndexByService(planFor(edited)).get('svc-reviews')).toBe(1);
  });

  it('maps every service of the project to the phase that extracts it, the same Map for the same plan', () => {
    const project = loadSampleProject();
    const plan = planFor(project)!;
    const phases = phaseIndexByService(plan);
    expect([...phases.keys()].sort()).toEqual(project.services.map((s) => s.id).sort());
    for (const phase of plan.phases) for (const s of phase.services) expect(phases.get(s.id)).toBe(phase.index);
    expect(phaseIndexByService(plan)).toBe(phases);
    expect(phaseIndexByService(null).size).toBe(0);
  });
});

describe('materialisePhase', () => {
  it('makes a phase the plan made up real, keeping the ones the project has', () => {
    const project = loadSampleProject();
    const { project: next, phaseId } = materialisePhase(project, 4);
    expect(next.phases).toHaveLength(5);
    expect(next.phases.slice(0, 3)).toEqual(project.phases);
    expect(phaseId).toBe(next.phases[4]!.id);
    expect(materialisePhase(project, 1)).toEqual({ project, phaseId: 'phase-catalog' });
  });
});

describe('phaseColor', () => {
  it('gives Foundations its own colour and ten distinct hues to the phases after it, then cycles', () => {
    const colours = Array.from({ length: 10 }, (_, i) => phaseColor(i + 1));
    expect(new Set(colours).size).toBe(10);
    expect(colours).not.toContain(phaseColor(0));
    expect(phaseColor(11)).toBe(phaseColor(1));
  });

  it('is a hex colour for any index, even a strange one (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (index) => {
        expect(phaseColor(index)).toMatch(/^#[0-9a-f]{6}$/);
      }),
    );
  });
});

describe('planFor across edits', () => {
  it('keeps the plan when an edit leaves what the planner reads untouched, and replans otherwise', () => {
    const project = loadSampleProject();
    const plan = planFor(project);
    const moved = moveNodes(project, { positions: [{ id: 'svc-search', x: 1, y: 2 }] });
    expect(moved).not.toBe(project);
    expect(planFor(moved)).toBe(plan);
    const renamed = renameService(moved, { serviceId: 'svc-search', name: 'Find' });
    const replanned = planFor(renamed);
    expect(replanned).not.toBe(plan);
    expect(replanned!.phases.flatMap((p) => p.services.map((s) => s.name))).toContain('Find');
  });
});

describe('renaming a phase in the roadmap', () => {
  afterEach(() => closeDocument());

  it('keeps a typed name; clearing it names the phase from its services again', () => {
    loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
    const phaseOne = () => planFor(documentStore.getState().project!)!.phases[1]!;
    expect([phaseOne().name, phaseOne().isNamedByContent]).toEqual(['Catalog and search', true]);
    // Clearing a name the plan gave changes nothing (no undo step).
    expect(renamePhaseAt(1, '  ', true)).toBe(false);
    expect(renamePhaseAt(1, 'Storefront core', true)).toBe(true);
    expect([phaseOne().name, phaseOne().isNamedByContent]).toEqual(['Storefront core', false]);
    expect(renamePhaseAt(1, '', false)).toBe(true);
    expect([phaseOne().name, phaseOne().isNamedByContent]).toEqual(['Catalog and search', true]);
    expect(documentStore.getState().project!.phases[1]!.name).toBe('Phase 1');
  });

  it("gives the roadmap's phase count, not the file's, to anyone who asks the plan (the inspector's figures)", () => {
    const project = { ...loadSampleProject(), phases: [] };
    expect(planFor(project)!.phases.map((p) => p.name)).toEqual(['Foundations', 'Catalog and search', 'Reviews and notifications']);
  });
});
