import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deleteModules, splitList } from '../../renderer/state/moduleEdits';
import {
  allTags,
  buildTree,
  clickSelect,
  isFiltering,
  matchesFilter,
  NO_FILTER,
  ownersOf,
  rangeBetween,
  statusText,
  visibleRows,
  type TreeNode,
} from '../../renderer/features/monolith/tree';
import { moduleStats } from '../../renderer/derived/moduleStats';
import { DependencySchema, ModuleSchema, type Module, type Monolith } from '../../shared/model/project';
import { loadSampleProject as acmeShop } from '../../shared/samples/acmeShop';

const mod = (id: string, name: string, linesOfCode = 0, tags: string[] = [], entities: string[] = []): Module =>
  ModuleSchema.parse({ id, name, linesOfCode, tags, entities });

const monolith = (
  modules: Module[],
  dependencies: { from: string; to: string; kind: 'import' | 'data' | 'call'; weight: number }[] = [],
): Monolith => ({
  name: 'm',
  framework: 'django',
  pythonVersion: '3.12',
  modules,
  dependencies: dependencies.map((d) => DependencySchema.parse(d)),
});

const keys = (rows: { node: TreeNode }[]) => rows.map((row) => row.node.key);

describe('module tree by dotted name', () => {
  const modules = [mod('a', 'shop.orders', 100), mod('b', 'shop.orders.api', 50), mod('c', 'shop.cart', 300), mod('d', 'billing', 10)];
  const m = monolith(modules, [
    { from: 'a', to: 'c', kind: 'import', weight: 5 },
    { from: 'b', to: 'a', kind: 'call', weight: 2 },
    { from: 'd', to: 'c', kind: 'data', weight: 1 },
  ]);
  const stats = moduleStats(m);

  it('groups modules under their packages; a package that is also a module keeps both', () => {
    const tree = buildTree(modules, stats, 'name');
    expect(keys(visibleRows(tree, new Set()))).toEqual(['billing', 'shop', 'shop.cart', 'shop.orders', 'shop.orders.api']);
    const shop = tree.find((n) => n.key === 'shop')!;
    expect(shop.module).toBeNull();
    expect(shop.lines).toBe(450);
    expect(shop.moduleIds.sort()).toEqual(['a', 'b', 'c']);
    const orders = shop.children.find((n) => n.key === 'shop.orders')!;
    expect(orders.module?.id).toBe('a');
    expect(orders.children.map((n) => n.label)).toEqual(['api']);
  });

  it('counts each dependency once per module it touches, with its weight', () => {
    expect(stats.get('a')).toEqual({ count: 2, weight: 7 });
    expect(stats.get('c')).toEqual({ count: 2, weight: 6 });
    expect(stats.get('d')).toEqual({ count: 1, weight: 1 });
  });

  it('sorts siblings by size or coupling, largest first, names breaking ties', () => {
    const bySize = buildTree(modules, stats, 'size');
    expect(bySize.map((n) => n.key)).toEqual(['shop', 'billing']);
    expect(bySize[0]!.children.map((n) => n.key)).toEqual(['shop.cart', 'shop.orders']);
    const byCount = buildTree(modules, stats, 'coupling-count');
    // shop.orders (a: 2, b: 1 -> 3) before shop.cart (2)
    expect(byCount[0]!.children.map((n) => n.key)).toEqual(['shop.orders', 'shop.cart']);
    const byWeight = buildTree(modules, stats, 'coupling-weight');
    // shop.orders 7 + 2 = 9 before shop.cart 6
    expect(byWeight[0]!.children.map((n) => n.key)).toEqual(['shop.orders', 'shop.cart']);
  });

  it('a collapsed package hides what is under it, unless everything is expanded while filtering', () => {
    const tree = buildTree(modules, stats, 'name');
    expect(keys(visibleRows(tree, new Set(['shop'])))).toEqual(['billing', 'shop']);
    expect(keys(visibleRows(tree, new Set(['shop.orders'])))).toEqual(['billing', 'shop', 'shop.cart', 'shop.orders']);
    expect(keys(visibleRows(tree, new Set(['shop']), true))).toHaveLength(5);
  });

  it('every module appears exactly once in the expanded tree, whatever the names', () => {
    const segment = fc.stringMatching(/^[a-c]{1,2}$/);
    const names = fc.uniqueArray(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.')),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(names, fc.constantFrom('name', 'size', 'coupling-count', 'coupling-weight') as fc.Arbitrary<'name'>, (list, sort) => {
        const ms = list.map((name, i) => mod(`m${i}`, name, i * 7));
        const rows = visibleRows(buildTree(ms, moduleStats(monolith(ms)), sort), new Set());
        const shownIds = rows.flatMap((row) => (row.node.module ? [row.node.module.id] : []));
        expect(shownIds.sort()).toEqual(ms.map((m) => m.id).sort());
        // A child row always follows its parent, one level deeper.
        rows.forEach((row, i) => {
          if (row.node.depth === 0) return;
          const parent = rows
            .slice(0, i)
            .reverse()
            .find((r) => r.node.depth === row.node.depth - 1)!;
          expect(row.node.key.startsWith(`${parent.node.key}.`)).toBe(true);
        });
      }),
    );
  });
});

describe('search and filters', () => {
  const modules = [
    mod('a', 'shop.orders', 1, ['API', 'admin'], ['Order']),
    mod('b', 'shop.cart', 1, ['api']),
    mod('c', 'billing', 1, [], []),
  ];
  const owners = new Map([['a', 'svc']]);

  it('searches names, tags and entities without regard to case', () => {
    const hits = (query: string) => modules.filter((m) => matchesFilter(m, { ...NO_FILTER, query }, owners)).map((m) => m.id);
    expect(hits('ORDERS')).toEqual(['a']);
    expect(hits('order')).toEqual(['a']);
    expect(hits('bill')).toEqual(['c']);
    expect(hits('  ')).toEqual(['a', 'b', 'c']);
  });

  it('unassigned only leaves out modules a service owns; a tag filter matches whole tags', () => {
    expect(modules.filter((m) => matchesFilter(m, { ...NO_FILTER, unassignedOnly: true }, owners)).map((m) => m.id)).toEqual(['b', 'c']);
    expect(modules.filter((m) => matchesFilter(m, { ...NO_FILTER, tag: 'api' }, owners)).map((m) => m.id)).toEqual(['a', 'b']);
    expect(modules.filter((m) => matchesFilter(m, { ...NO_FILTER, tag: 'ap' }, owners))).toEqual([]);
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, tag: 'api' })).toBe(true);
  });

  it('lists each tag once, sorted', () => {
    expect(allTags(modules)).toEqual(['admin', 'API']);
  });

  it('owners come from the services’ module lists', () => {
    const sample = acmeShop();
    expect(ownersOf(sample.services).get('catalog')).toBe('svc-catalog');
    expect(ownersOf(sample.services).has('orders')).toBe(false);
  });
});

describe('multi-select', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];

  it('a plain click selects one and sets the anchor', () => {
    expect(clickSelect(order, { selected: ['a', 'b'], anchor: 'a' }, 'd', { shift: false, toggle: false })).toEqual({
      selected: ['d'],
      anchor: 'd',
    });
  });

  it('Shift selects the range from the anchor in either direction', () => {
    expect(clickSelect(order, { selected: ['b'], anchor: 'b' }, 'd', { shift: true, toggle: false }).selected).toEqual(['b', 'c', 'd']);
    expect(clickSelect(order, { selected: ['d'], anchor: 'd' }, 'a', { shift: true, toggle: false }).selected).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(rangeBetween(order, 'gone', 'c')).toEqual(['c']);
    expect(rangeBetween(order, 'a', 'gone')).toEqual([]);
  });

  it('Ctrl/Cmd toggles one and moves the anchor; Ctrl+Shift adds a range', () => {
    const step = clickSelect(order, { selected: ['a'], anchor: 'a' }, 'c', { shift: false, toggle: true });
    expect(step).toEqual({ selected: ['a', 'c'], anchor: 'c' });
    expect(clickSelect(order, step, 'a', { shift: false, toggle: true }).selected).toEqual(['c']);
    expect(clickSelect(order, step, 'e', { shift: true, toggle: true }).selected).toEqual(['a', 'c', 'd', 'e']);
  });

  it('Shift after Ctrl ranges from the last toggled row (property: the range is contiguous and holds both ends)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...order), fc.constantFrom(...order), (anchor, target) => {
        const { selected } = clickSelect(order, { selected: [], anchor }, target, { shift: true, toggle: false });
        const indices = selected.map((id) => order.indexOf(id));
        expect(selected).toContain(anchor);
        expect(selected).toContain(target);
        indices.forEach((value, i) => i > 0 && expect(value).toBe(indices[i - 1]! + 1));
      }),
    );
  });
});

describe('panel status line', () => {
  it('says how many modules are shown and selected in a few words', () => {
    expect(statusText(25, null, 0)).toBe('25 modules');
    expect(statusText(25, null, 2)).toBe('2 of 25 selected');
    expect(statusText(25, 6, 0)).toBe('6 of 25 shown');
    expect(statusText(25, 6, 2)).toBe('6 shown · 2 selected');
  });
});

describe('hand edits', () => {
  it('splits comma lists, dropping blanks', () => {
    expect(splitList(' a, b,, c ,')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });

  it('deleting several modules removes them, their dependencies and their places in services', () => {
    const sample = acmeShop();
    const next = deleteModules(sample, ['catalog', 'orders']);
    expect(next.monolith.modules.some((m) => m.id === 'catalog' || m.id === 'orders')).toBe(false);
    expect(next.monolith.dependencies.some((d) => ['catalog', 'orders'].includes(d.from) || ['catalog', 'orders'].includes(d.to))).toBe(
      false,
    );
    expect(next.services.find((s) => s.id === 'svc-catalog')!.moduleIds).toEqual(['media']);
    expect(sample.monolith.modules.some((m) => m.id === 'catalog')).toBe(true);
  });
});
