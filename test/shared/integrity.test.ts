import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findIntegrityProblems } from '../../shared/model/integrity';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { arbProject } from './arbitraries';

const base = (): Project =>
  ProjectSchema.parse({
    id: 'p',
    name: 'P',
    monolith: {
      modules: [
        { id: 'a', name: 'x.a' },
        { id: 'b', name: 'x.b' },
      ],
      dependencies: [{ from: 'a', to: 'b' }],
    },
    services: [{ id: 's', name: 'S', moduleIds: ['a'] }],
    phases: [{ id: 'ph', name: 'Phase' }],
    planning: { teams: [{ id: 't', name: 'T' }] },
    layout: {
      nodes: [
        { id: 'monolith', x: 0, y: 0 },
        { id: 's', x: 1, y: 1 },
      ],
    },
  });

function problemsAfter(edit: (p: Project) => void) {
  const project = base();
  edit(project);
  return findIntegrityProblems(project);
}

describe('findIntegrityProblems', () => {
  it('finds nothing wrong in a sound project', () => {
    expect(findIntegrityProblems(base())).toEqual([]);
    fc.assert(
      fc.property(arbProject(), (project) => {
        expect(findIntegrityProblems(project)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a plan start date that is no real day, because every phase is dated from it', () => {
    expect(problemsAfter((p) => (p.planning.startDate = '2027-02-30'))).toEqual([
      { message: 'the plan\'s start date "2027-02-30" is not a real day between 1970 and 2999', where: 'project.planning.startDate' },
    ]);
    expect(problemsAfter((p) => (p.planning.startDate = '1969-12-31'))).toHaveLength(1);
    expect(problemsAfter((p) => (p.planning.startDate = '2028-02-29'))).toEqual([]);
  });

  it('finds duplicate ids in every collection', () => {
    const where = problemsAfter((p) => {
      p.monolith.modules.push({ ...p.monolith.modules[0]!, name: 'x.c' });
      p.services.push({ ...p.services[0]!, moduleIds: [] });
      p.phases.push(p.phases[0]!);
      p.planning.teams.push(p.planning.teams[0]!);
      p.links.push({ id: 'l', from: 's', to: 's', style: 'rest', label: '' }, { id: 'l', from: 's', to: 's', style: 'rest', label: '' });
      p.layout.nodes.push({ id: 's', x: 2, y: 2 });
    }).map((problem) => problem.where);
    expect(where).toEqual([
      'project.monolith.modules[2].id',
      'project.phases[1].id',
      'project.planning.teams[1].id',
      'project.services[1].id',
      'project.links[1].id',
      'project.layout.nodes[2].id',
    ]);
  });

  it('finds a module listed twice by one service, or by two services', () => {
    expect(problemsAfter((p) => p.services[0]!.moduleIds.push('a'))).toEqual([
      { message: 'service "s" lists module "a" twice', where: 'project.services[0].moduleIds[1]' },
    ]);
    expect(problemsAfter((p) => p.services.push({ ...p.services[0]!, id: 't2' }))).toEqual([
      { message: 'module "a" is in two services, "s" and "t2"', where: 'project.services[1].moduleIds[0]' },
    ]);
  });

  it('reserves the Monolith node id: a service called "monolith" would be ambiguous on the canvas', () => {
    const problems = problemsAfter((p) => (p.services[0]!.id = 'monolith'));
    expect(problems[0]).toEqual({
      message: 'a service cannot have the id "monolith": it names the Monolith on the canvas',
      where: 'project.services[0].id',
    });
  });

  it('finds dependencies from and to missing modules', () => {
    expect(
      problemsAfter((p) => (p.monolith.dependencies[0] = { from: 'zz', to: 'yy', kind: 'import', weight: 1, evidence: [] })).map(
        (x) => x.where,
      ),
    ).toEqual(['project.monolith.dependencies[0].from', 'project.monolith.dependencies[0].to']);
  });

  it('takes linear time: 10,000 modules and 50,000 dependencies in well under a second', () => {
    const modules = Array.from({ length: 10_000 }, (_, i) => ({ id: `m${i}`, name: `pkg.m${i}` }));
    const dependencies = Array.from({ length: 50_000 }, (_, i) => ({ from: `m${i % 10_000}`, to: `m${(i * 7 + 1) % 10_000}` }));
    const services = Array.from({ length: 2_000 }, (_, s) => ({
      id: `s${s}`,
      name: `S${s}`,
      moduleIds: [0, 1, 2, 3, 4].map((k) => `m${s * 5 + k}`),
    }));
    const links = Array.from({ length: 5_000 }, (_, i) => ({ id: `l${i}`, from: `s${i % 2000}`, to: `s${(i * 3) % 2000}` }));
    const project = ProjectSchema.parse({ id: 'big', name: 'Big', monolith: { modules, dependencies }, services, links });
    const started = performance.now();
    expect(findIntegrityProblems(project)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
