import { linkDependency } from '../../shared/planning/linkDependency';
import { describe, expect, it } from 'vitest';
import { recommendFramework } from '../../shared/analysis/recommend';
import { loadProject, validateProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { findIntegrityProblems } from '../../shared/model/integrity';
import { MONOLITH_NODE_ID, ProjectSchema, type Dependency, type Project } from '../../shared/model/project';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planMigration } from '../../shared/planning/planner';
import { ACME_SHOP, loadSampleProject, SAMPLE_FILE_PATH } from '../../shared/samples/acmeShop';

const FRAMEWORK_IDS = ['fastapi', 'django', 'flask', 'litestar', 'django-ninja', 'starlette', 'quart', 'sanic', 'celery', 'other'];
const RUNTIME_IDS = ['cpython-3.10', 'cpython-3.11', 'cpython-3.12', 'cpython-3.13', 'cpython-3.14', 'pypy-3.10'];

/** Strongly connected components (Tarjan, iterative), each sorted, in discovery order. */
function stronglyConnected(nodes: string[], edges: Array<Pick<Dependency, 'from' | 'to'>>): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; child: number }> = [{ node: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node)!;
      if (frame.child < targets.length) {
        const to = targets[frame.child++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, child: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }
  return components;
}

describe('stronglyConnected (the helper these tests rely on)', () => {
  it('finds a cycle and leaves acyclic nodes alone', () => {
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'c', to: 'd' },
    ];
    const components = stronglyConnected(['a', 'b', 'c', 'd'], edges).filter((c) => c.length > 1);
    expect(components).toEqual([['a', 'b', 'c']]);
    expect(stronglyConnected(['a', 'b'], [{ from: 'a', to: 'b' }]).every((c) => c.length === 1)).toBe(true);
  });
});

describe('the Acme Shop sample', () => {
  const project: Project = loadSampleProject();
  const moduleIds = new Set(project.monolith.modules.map((m) => m.id));
  const serviceIds = new Set(project.services.map((s) => s.id));

  it('is valid input for ProjectSchema as written, without relying on defaults', () => {
    const result = ProjectSchema.safeParse(ACME_SHOP);
    expect(result.success, result.error?.message).toBe(true);
    // Every field is spelt out, so the file the sample saves to reads the same as the data here.
    expect(ProjectSchema.parse(ACME_SHOP)).toEqual(ACME_SHOP);
  });

  it('gives a fresh copy each time, and its data cannot be changed by accident', () => {
    const first = loadSampleProject();
    first.name = 'Changed';
    first.monolith.modules[0]!.tags.push('edited');
    first.services.pop();
    const second = loadSampleProject();
    expect(second.name).toBe('Acme Shop');
    expect(second.monolith.modules[0]!.tags).not.toContain('edited');
    expect(second.services).toHaveLength(4);
    expect(Object.isFrozen(ACME_SHOP.monolith?.modules?.[0]?.tags)).toBe(true);
  });

  it('is a Django 3.11 monolith of about 25 apps with believable names, paths and sizes', () => {
    expect(project.monolith.framework).toBe('django');
    expect(project.monolith.pythonVersion).toBe('3.11');
    const modules = project.monolith.modules;
    expect(modules.length).toBeGreaterThanOrEqual(22);
    expect(modules.length).toBeLessThanOrEqual(30);
    for (const m of modules) {
      expect(m.name).toMatch(/^acme\.[a-z_]+$/);
      expect(m.path).toBe(m.name.replaceAll('.', '/'));
      expect(m.linesOfCode).toBeGreaterThanOrEqual(300);
      expect(m.linesOfCode).toBeLessThanOrEqual(16_000);
      expect(m.tags.length).toBeGreaterThan(0);
    }
    const bySize = [...modules].sort((a, b) => b.linesOfCode - a.linesOfCode).map((m) => m.id);
    expect(bySize.slice(0, 2).sort()).toEqual(['core', 'orders']);
    const entities = modules.flatMap((m) => m.entities);
    expect(new Set(entities).size).toBe(entities.length);
    for (const model of [
      'Order',
      'OrderLine',
      'Product',
      'Category',
      'StockItem',
      'Warehouse',
      'Payment',
      'Refund',
      'Shipment',
      'Customer',
      'Address',
      'Review',
      'Coupon',
    ]) {
      expect(entities).toContain(model);
    }
  });

  it('has 80 to 120 weighted dependencies of every kind between existing modules', () => {
    const deps = project.monolith.dependencies;
    expect(deps.length).toBeGreaterThanOrEqual(80);
    expect(deps.length).toBeLessThanOrEqual(120);
    expect(new Set(deps.map((d) => d.kind))).toEqual(new Set(['import', 'data', 'call']));
    const keys = new Set<string>();
    for (const d of deps) {
      expect(moduleIds.has(d.from), d.from).toBe(true);
      expect(moduleIds.has(d.to), d.to).toBe(true);
      expect(d.from).not.toBe(d.to);
      expect(d.weight).toBeGreaterThanOrEqual(1);
      expect(d.weight).toBeLessThanOrEqual(40);
      keys.add(`${d.from}>${d.to}>${d.kind}`);
    }
    expect(keys.size, 'no dependency is listed twice').toBe(deps.length);
  });

  it('has exactly one dependency cycle among its modules: orders <-> payments', () => {
    const cycles = stronglyConnected([...moduleIds], project.monolith.dependencies).filter((c) => c.length > 1);
    expect(cycles).toEqual([['orders', 'payments']]);
  });

  it('has one cycle between its services, through a synchronous planned link (Catalog calls Search to reindex)', () => {
    const owner = new Map(project.services.flatMap((s) => s.moduleIds.map((id) => [id, s.id] as const)));
    const moduleEdges = project.monolith.dependencies
      .map((d) => ({ from: owner.get(d.from), to: owner.get(d.to) }))
      .filter((e): e is { from: string; to: string } => e.from !== undefined && e.to !== undefined && e.from !== e.to);
    expect(moduleEdges.length).toBeGreaterThan(0);
    expect(stronglyConnected([...serviceIds], moduleEdges).filter((c) => c.length > 1)).toEqual([]);
    const cycles = stronglyConnected([...serviceIds], [...moduleEdges, ...project.links.map(linkDependency)]).filter((c) => c.length > 1);
    expect(cycles).toEqual([['svc-catalog', 'svc-search']]);
  });

  it('has foreign keys across apps, as data dependencies between modules that own models', () => {
    const data = project.monolith.dependencies.filter((d) => d.kind === 'data');
    expect(data.length).toBeGreaterThanOrEqual(15);
    const owners = new Map(project.monolith.modules.map((m) => [m.id, m.entities.length]));
    for (const d of data) {
      expect(owners.get(d.from), `${d.from} owns models`).toBeGreaterThan(0);
      expect(owners.get(d.to), `${d.to} owns models`).toBeGreaterThan(0);
    }
    const has = (from: string, to: string) => data.some((d) => d.from === from && d.to === to);
    expect(has('orders', 'catalog'), 'OrderLine -> Product').toBe(true);
    expect(has('reviews', 'accounts'), 'Review -> Customer').toBe(true);
    expect(has('inventory', 'catalog'), 'StockItem -> ProductVariant').toBe(true);
  });

  it('has three or four carved services with catalog frameworks, runtimes, datastores and teams', () => {
    expect(project.services.length).toBeGreaterThanOrEqual(3);
    expect(project.services.length).toBeLessThanOrEqual(4);
    const teams = new Set(project.planning.teams.map((t) => t.name));
    for (const s of project.services) {
      expect(FRAMEWORK_IDS).toContain(s.framework);
      expect(RUNTIME_IDS).toContain(s.runtime);
      expect(s.id).toMatch(/^svc-[a-z-]+$/);
      expect(s.datastore).not.toBe('');
      expect(s.description).not.toBe('');
      expect(s.moduleIds.length).toBeGreaterThan(0);
      expect(teams.has(s.team), `team of ${s.id}`).toBe(true);
    }
    // The recommendations later work demonstrates: Django for models and admin, FastAPI for async I/O,
    // a Celery worker for background jobs.
    expect(new Set(project.services.map((s) => s.framework))).toEqual(new Set(['django', 'fastapi', 'flask', 'celery']));
    expect(project.monolith.modules.some((m) => !project.services.some((s) => s.moduleIds.includes(m.id)))).toBe(true);
  });

  it('is sound: unique ids, every reference exists, a module in at most one service', () => {
    const unique = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length);
    unique(project.monolith.modules.map((m) => m.id));
    unique(project.monolith.modules.map((m) => m.name));
    unique(project.services.map((s) => s.id));
    unique(project.links.map((l) => l.id));
    unique(project.phases.map((p) => p.id));
    unique(project.planning.teams.map((t) => t.id));
    unique(project.layout.nodes.map((n) => n.id));
    unique(project.services.flatMap((s) => s.moduleIds));
    for (const s of project.services) {
      for (const id of s.moduleIds) expect(moduleIds.has(id), id).toBe(true);
      if (s.pinnedPhaseId !== null) expect(project.phases.map((p) => p.id)).toContain(s.pinnedPhaseId);
    }
    for (const l of project.links) {
      expect(serviceIds.has(l.from), l.from).toBe(true);
      expect(serviceIds.has(l.to), l.to).toBe(true);
    }
  });

  it('passes the file format: validateProject accepts it, and it saves and reopens unchanged', () => {
    expect(findIntegrityProblems(project)).toEqual([]);
    expect(validateProject(ACME_SHOP)).toEqual(project);
    const text = serializeProject(project);
    const reopened = loadProject(new TextEncoder().encode(text));
    expect(reopened).toEqual(project);
    expect(serializeProject(reopened)).toBe(text);
  });

  it('demonstrates each framework recommendation: every carved service already uses the one Carve recommends', () => {
    const rules = project.services.map((s) => {
      const recommendation = recommendFramework(project, s.id);
      expect(recommendation.frameworkId, `${s.id}: ${recommendation.reason}`).toBe(s.framework);
      expect(recommendation.differs).toBe(false);
      return recommendation.rule;
    });
    expect(new Set(rules)).toEqual(new Set(['admin', 'async', 'small', 'worker']));
  });

  it('has links, phases, planning settings and a tidy layout with one position per service', () => {
    expect(project.links.length).toBeGreaterThanOrEqual(2);
    expect(new Set(project.links.map((l) => l.style))).toEqual(new Set(['rest', 'events']));
    expect(project.phases.length).toBeGreaterThanOrEqual(2);
    expect(project.phases.length).toBeLessThanOrEqual(3);
    expect(project.phases[0]!.name).toBe('Foundations');
    expect(project.phases[0]!.goal).not.toBe('');
    expect(project.planning.startDate).toBe('2027-01-04');
    expect(project.planning.teams).toHaveLength(2);
    const positioned = project.layout.nodes.map((n) => n.id).sort();
    expect(positioned).toEqual([MONOLITH_NODE_ID, ...serviceIds].sort());
    const spots = new Set(project.layout.nodes.map((n) => `${n.x},${n.y}`));
    expect(spots.size, 'no two nodes on the same spot').toBe(project.layout.nodes.length);
  });

  it("tells the planner's story: Catalog and Search together, then Reviews with Notifications, each phase named and described by what it extracts", () => {
    const plan = planMigration(project);
    expect(plan.phases.map((phase) => [phase.name, phase.services.map((s) => s.name)])).toEqual([
      ['Foundations', []],
      ['Catalog and search', ['Catalog Service', 'Search']],
      ['Reviews and notifications', ['Reviews', 'Notifications']],
    ]);
    // The goals are the plan's: each names the phase's services and none of another phase's.
    for (const phase of plan.phases.slice(1)) {
      const others = plan.phases.filter((p) => p !== phase).flatMap((p) => p.services.map((s) => s.name));
      for (const service of phase.services) expect(phase.goal).toContain(service.name);
      for (const name of others) expect(phase.goal).not.toContain(name);
    }
    expect(plan.phases[1]!.goal).toContain('Catalog Service and Search depend on each other and leave together');
    // Nothing is stretched or empty: every phase lasts its set length and its work fits its teams.
    for (const phase of plan.phases) {
      expect(phase.lengthWeeks).toBe(phase.setWeeks);
      for (const load of phase.teamLoads) expect(load.effort).toBeLessThanOrEqual(load.capacity);
    }
    expect(plan.warnings).toEqual([]);
    // The Foundations goal the sample writes agrees with the tasks the planner derives.
    expect(plan.phases[0]!.goal).toMatch(/CI\/CD.*tracing.*routing facade/);
    expect(plan.phases[0]!.tasks.join(' ')).toMatch(/CI\/CD.*Observability.*Routing facade/);
  });
});

describe('shared/samples/acme-shop.carve', () => {
  const file = fileURLToPath(new URL(`../../${SAMPLE_FILE_PATH}`, import.meta.url));

  it('is exactly what `npm run sample` writes from the code (run it after changing the sample)', () => {
    expect(readFileSync(file, 'utf8')).toBe(serializeProject(loadSampleProject()));
  });

  it('opens as the sample', () => {
    expect(loadProject(readFileSync(file))).toEqual(loadSampleProject());
  });
});
