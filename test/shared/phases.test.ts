import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../shared/commands/errors';
import {
  addPhase,
  addTeam,
  defaultPhaseName,
  ensurePhases,
  pinService,
  removePhase,
  removeTeam,
  updatePhase,
  updatePlanning,
  updateTeam,
} from '../../shared/commands/phases';
import { findIntegrityProblems } from '../../shared/model/integrity';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { planMigration } from '../../shared/planning/planner';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { arbProject } from './arbitraries';

const sample = (): Project => loadSampleProject();
const pinOf = (project: Project, id: string) => project.services.find((s) => s.id === id)!.pinnedPhaseId;

describe('ensurePhases', () => {
  it('materialises the phases the planner made up, with the names, ids and lengths the plan shows', () => {
    const project = updatePlanning(sample(), { maxServicesPerPhase: 1 });
    const plan = planMigration(project);
    expect(plan.phases.length).toBeGreaterThan(project.phases.length);
    const after = ensurePhases(project, plan.phases.length);
    expect(after.phases.slice(0, project.phases.length)).toEqual(project.phases);
    const replanned = planMigration(after);
    expect(replanned.phases.map((p) => [p.id, p.name, p.lengthWeeks, p.start])).toEqual(
      plan.phases.map((p) => [p.id, p.name, p.lengthWeeks, p.start]),
    );
    expect(findIntegrityProblems(after)).toEqual([]);
  });

  it('returns the same project when there are phases enough, and names phase 0 Foundations on an empty project', () => {
    const project = sample();
    expect(ensurePhases(project, 2)).toBe(project);
    const empty = ensurePhases({ ...project, phases: [] }, 2);
    expect(empty.phases.map((p) => p.name)).toEqual([defaultPhaseName(0), 'Phase 1']);
    expect(() => ensurePhases(project, -1)).toThrow(CommandError);
  });

  it('never reuses a phase id, whatever ids the project already has (property)', () => {
    fc.assert(
      fc.property(arbProject({ maxPhases: 5 }), fc.integer({ min: 0, max: 12 }), (project, count) => {
        const after = ensurePhases(project, count);
        expect(after.phases.length).toBe(Math.max(count, project.phases.length));
        expect(new Set(after.phases.map((p) => p.id)).size).toBe(after.phases.length);
        expect(ProjectSchema.safeParse(after).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('addPhase, updatePhase, removePhase', () => {
  it('adds a phase at the end with the default length, or where asked, with a fresh id', () => {
    const project = sample();
    const after = addPhase(project, { name: 'Cleanup' });
    expect(after.phases.at(-1)).toEqual({ id: 'cleanup', name: 'Cleanup', goal: '', lengthWeeks: 4 });
    const first = addPhase(after, { name: 'Cleanup', index: 1, lengthWeeks: 2 });
    expect(first.phases[1]).toMatchObject({ id: 'cleanup-2', name: 'Cleanup', lengthWeeks: 2 });
    expect(addPhase(project).phases.at(-1)!.name).toBe(`Phase ${project.phases.length}`);
    expect(() => addPhase(project, { name: '  ' })).toThrow(/name cannot be empty/);
    expect(() => addPhase(project, { index: 9 })).toThrow(CommandError);
  });

  it('edits the name, goal and length of a phase, and refuses what the file could not hold', () => {
    const project = sample();
    const after = updatePhase(project, { phaseId: 'phase-edge', changes: { name: ' Edge ', goal: 'Go', lengthWeeks: 10 } });
    expect(after.phases[2]).toEqual({ id: 'phase-edge', name: 'Edge', goal: 'Go', lengthWeeks: 10 });
    expect(after.phases[0]).toBe(project.phases[0]);
    expect(updatePhase(project, { phaseId: 'phase-edge', changes: { lengthWeeks: 6 } })).toBe(project);
    expect(() => updatePhase(project, { phaseId: 'phase-edge', changes: { lengthWeeks: 0 } })).toThrow(/Phase "Phase 2/);
    expect(() => updatePhase(project, { phaseId: 'phase-edge', changes: { name: '' } })).toThrow(CommandError);
    expect(() => updatePhase(project, { phaseId: 'nope', changes: { name: 'x' } })).toThrow(/No phase with id "nope"/);
  });

  it('a longer phase moves the dates of every later phase in the plan', () => {
    const project = sample();
    const before = planMigration(project);
    const after = planMigration(updatePhase(project, { phaseId: 'phase-catalog', changes: { lengthWeeks: 7 } }));
    expect(after.phases[1]!.start).toBe(before.phases[1]!.start);
    expect(after.phases[2]!.start > before.phases[2]!.start).toBe(true);
  });

  it('removing a phase unpins the services pinned to it and leaves the others pinned', () => {
    let project = pinService(sample(), { serviceId: 'svc-search', phaseId: 'phase-edge' });
    project = pinService(project, { serviceId: 'svc-reviews', phaseId: 'phase-catalog' });
    const after = removePhase(project, { phaseId: 'phase-edge' });
    expect(after.phases.map((p) => p.id)).toEqual(['phase-foundations', 'phase-catalog']);
    expect(pinOf(after, 'svc-search')).toBeNull();
    expect(pinOf(after, 'svc-reviews')).toBe('phase-catalog');
    expect(findIntegrityProblems(after)).toEqual([]);
    expect(() => removePhase(project, { phaseId: 'nope' })).toThrow(CommandError);
  });

  it('removing any phase of any project leaves no pin to a missing phase (property)', () => {
    fc.assert(
      fc.property(arbProject({ maxPhases: 4 }), fc.nat(), (project, pick) => {
        fc.pre(project.phases.length > 0);
        const phase = project.phases[pick % project.phases.length]!;
        const after = removePhase(project, { phaseId: phase.id });
        expect(findIntegrityProblems(after)).toEqual([]);
        expect(after.services.filter((s) => s.pinnedPhaseId === phase.id)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('pinService', () => {
  it('pins a service to a phase: the plan puts it there and marks it pinned; unpinning hands it back to the planner', () => {
    const project = sample();
    const plan = planMigration(project);
    const phaseOfSearch = plan.phases.findIndex((p) => p.services.some((s) => s.id === 'svc-search'));
    const target = project.phases.findIndex((_, i) => i > 0 && i !== phaseOfSearch);
    const pinned = pinService(project, { serviceId: 'svc-search', phaseId: project.phases[target]!.id });
    const replanned = planMigration(pinned);
    const placed = replanned.phases[target]!.services.find((s) => s.id === 'svc-search');
    expect(placed?.pinned).toBe(true);
    const unpinned = pinService(pinned, { serviceId: 'svc-search', phaseId: null });
    expect(pinOf(unpinned, 'svc-search')).toBeNull();
    expect(planMigration(unpinned)).toEqual(plan);
  });

  it('returns the same project when nothing changes and refuses unknown services and phases', () => {
    const project = sample();
    expect(pinService(project, { serviceId: 'svc-search', phaseId: null })).toBe(project);
    expect(() => pinService(project, { serviceId: 'nope', phaseId: null })).toThrow(/No service/);
    expect(() => pinService(project, { serviceId: 'svc-search', phaseId: 'phase-9' })).toThrow(/No phase/);
  });

  it('pinning into a phase only the plan had works once ensurePhases made it real', () => {
    const project = sample();
    const plan = planMigration(project);
    const last = plan.phases.length; // one past the plan's last phase
    const ready = ensurePhases(project, last + 1);
    const pinned = pinService(ready, { serviceId: 'svc-catalog', phaseId: ready.phases[last]!.id });
    const replanned = planMigration(pinned);
    expect(replanned.phases[last]!.services.map((s) => s.id)).toContain('svc-catalog');
  });
});

describe('planning settings and teams', () => {
  it('sets the start date, the default length and the service limit; refuses a malformed date', () => {
    const project = sample();
    const after = updatePlanning(project, { startDate: '2028-02-07', defaultPhaseWeeks: 3, maxServicesPerPhase: 2 });
    expect(after.planning).toMatchObject({ startDate: '2028-02-07', defaultPhaseWeeks: 3, maxServicesPerPhase: 2 });
    expect(after.planning.teams).toBe(project.planning.teams);
    expect(planMigration(after).start).toBe('2028-02-07');
    expect(updatePlanning(project, { startDate: '2027-01-04' })).toBe(project);
    expect(() => updatePlanning(project, { startDate: '7 Feb' })).toThrow(/Planning: a date such as/);
    expect(() => updatePlanning(project, { maxServicesPerPhase: 0 })).toThrow(CommandError);
  });

  it('adds, edits and removes teams; capacity changes what fits in a phase', () => {
    const project = sample();
    const added = addTeam(project, { name: 'Data', capacityPerPhase: 6 });
    expect(added.planning.teams.at(-1)).toEqual({ id: 'team-data', name: 'Data', capacityPerPhase: 6 });
    const edited = updateTeam(added, { teamId: 'team-data', changes: { capacityPerPhase: 2 } });
    expect(edited.planning.teams.at(-1)!.capacityPerPhase).toBe(2);
    expect(updateTeam(edited, { teamId: 'team-data', changes: { capacityPerPhase: 2 } })).toBe(edited);
    expect(removeTeam(edited, { teamId: 'team-data' }).planning.teams).toEqual(project.planning.teams);
    expect(() => addTeam(project, { name: '' })).toThrow(CommandError);
    expect(() => updateTeam(project, { teamId: 'team-platform', changes: { capacityPerPhase: -1 } })).toThrow(/Team "Platform"/);
    expect(() => removeTeam(project, { teamId: 'nope' })).toThrow(/No team/);

    const tiny = updateTeam(updateTeam(project, { teamId: 'team-storefront', changes: { capacityPerPhase: 1 } }), {
      teamId: 'team-platform',
      changes: { capacityPerPhase: 1 },
    });
    expect(planMigration(tiny).phases.length).toBeGreaterThan(planMigration(project).phases.length);
  });
});
