import { describe, expect, it } from 'vitest';
import type { ModuleFacts } from '../../shared/importer/aggregate';
import { detectFramework, reimport, toProject } from '../../shared/importer/toProject';
import { ProjectSchema, type Dependency, type Module } from '../../shared/model/project';

// From an import to a project, and a re-import that keeps what the architect did with modules that still exist.

const mod = (id: string, name: string, entities: string[] = []): Module => ({
  id,
  name,
  path: name.replace(/\./g, '/'),
  linesOfCode: 100,
  tags: [],
  entities,
  files: 1,
  apiSurface: 0,
  thirdParty: [],
});
const dep = (from: string, to: string, kind: Dependency['kind'] = 'import', weight = 1): Dependency => ({
  from,
  to,
  kind,
  weight,
  evidence: [],
});
const facts = (ids: string[], extra: Partial<ModuleFacts> = {}): ModuleFacts[] =>
  ids.map((moduleId) => ({
    moduleId,
    files: 1,
    migrationFiles: 0,
    migrationLines: 0,
    blueprints: 0,
    routers: 0,
    thirdParty: {},
    stdlib: {},
    ...extra,
  }));

const first = {
  modules: [mod('orders', 'orders', ['Order']), mod('catalog', 'catalog', ['Product']), mod('accounts', 'accounts')],
  dependencies: [dep('orders', 'catalog'), dep('orders', 'catalog', 'data', 2), dep('catalog', 'accounts')],
  facts: facts(['orders', 'catalog', 'accounts']),
  scan: { installedApps: ['orders', 'catalog', 'accounts'] },
};

describe('toProject', () => {
  it('makes a valid project holding the modules and dependencies, framework detected', () => {
    const project = toProject(first, 'Acme monolith');
    expect(ProjectSchema.parse(project)).toEqual(project);
    expect(project.monolith.modules.map((m) => m.id)).toEqual(['orders', 'catalog', 'accounts']);
    expect(project.monolith.dependencies).toHaveLength(3);
    expect(project.monolith.framework).toBe('django');
    expect(project.name).toBe('Acme monolith');
  });

  it('tells FastAPI, Flask and other code apart', () => {
    const plain = { modules: [mod('api', 'api')], dependencies: [], scan: { installedApps: [] } };
    expect(detectFramework({ ...plain, facts: facts(['api'], { routers: 2 }) })).toBe('fastapi');
    expect(detectFramework({ ...plain, facts: facts(['api'], { blueprints: 1 }) })).toBe('flask');
    expect(detectFramework({ ...plain, facts: facts(['api'], { thirdParty: { flask: 3 } }) })).toBe('flask');
    expect(detectFramework({ ...plain, facts: facts(['api']) })).toBe('other');
  });
});

describe('reimport', () => {
  const project = (() => {
    const p = toProject(first, 'Acme');
    return ProjectSchema.parse({
      ...p,
      monolith: {
        ...p.monolith,
        modules: p.monolith.modules.map((m) => (m.id === 'orders' ? { ...m, tags: ['core'] } : m)),
        dependencies: [...p.monolith.dependencies, dep('orders', 'accounts', 'call', 5), dep('catalog', 'accounts', 'call', 1)],
      },
      services: [{ id: 'shop', name: 'Shop', moduleIds: ['orders', 'catalog'] }],
      layout: {
        nodes: [
          { id: 'catalog', x: 1, y: 2 },
          { id: 'orders', x: 3, y: 4 },
          { id: 'shop', x: 0, y: 0 },
        ],
      },
    });
  })();
  // The second import: catalog is gone, payments is new; its ids differ from the project's ("orders-2").
  const second = {
    modules: [
      mod('orders-2', 'orders', ['Order', 'Refund']),
      mod('accounts', 'accounts'),
      mod('payments', 'payments'),
      mod('shop', 'shop'),
    ],
    dependencies: [dep('orders-2', 'payments'), dep('payments', 'accounts', 'data', 1)],
    facts: facts(['orders-2', 'accounts', 'payments', 'shop']),
    scan: { installedApps: [] },
    evidence: new Map([['orders-2->payments:import', [{ file: 'orders/pay.py', line: 3, detail: 'runtime' }]]]),
  };

  it('keeps ids, tags and assignments of modules that still exist and reports added and removed', () => {
    const { project: next, report, evidence } = reimport(project, second);
    expect(report.added).toEqual(['payments', 'shop']);
    expect(report.removed).toEqual(['catalog']);
    const orders = next.monolith.modules.find((m) => m.name === 'orders')!;
    expect(orders).toMatchObject({ id: 'orders', tags: ['core'], entities: ['Order', 'Refund'] });
    expect(next.services[0]!.moduleIds).toEqual(['orders']);
    expect(next.monolith.dependencies).toContainEqual(dep('orders', 'payments'));
    expect(evidence.get('orders->payments:import')).toHaveLength(1);
    expect(ProjectSchema.parse(next)).toEqual(next);
  });

  it('keeps hand-entered call dependencies only between modules that still exist, and drops layout of removed ones', () => {
    const { project: next } = reimport(project, second);
    const calls = next.monolith.dependencies.filter((d) => d.kind === 'call');
    expect(calls).toEqual([dep('orders', 'accounts', 'call', 5)]);
    expect(next.layout.nodes.map((n) => n.id)).toEqual(['orders', 'shop']);
  });

  it('never gives a new module the id of a service', () => {
    const { project: next } = reimport(project, second);
    const shopModule = next.monolith.modules.find((m) => m.name === 'shop')!;
    expect(shopModule.id).toBe('shop-2');
    expect(next.monolith.dependencies.every((d) => next.monolith.modules.some((m) => m.id === d.from))).toBe(true);
  });
});
