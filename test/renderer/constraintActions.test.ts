import { beforeEach, describe, expect, it } from 'vitest';
import {
  addConstraint,
  constraintCount,
  describeConstraints,
  findModule,
  pruneConstraints,
  removeConstraint,
} from '../../renderer/features/importer/constraintActions';
import { importStore, INITIAL } from '../../renderer/state/importStore';
import type { Module } from '../../shared/model/project';

// The suggest dialog's constraints: picked by name, added as groups or modules left, removed, pruned when a
// regroup takes modules away, and said in one line.

const modules = ['shop.orders', 'shop.catalog', 'shop.search', 'shop.reviews'].map(
  (name) => ({ id: name.split('.')[1]!, name }) as unknown as Module,
);
const constraints = () => importStore.getState().constraints;

beforeEach(() => importStore.setState(INITIAL));

describe('constraint actions', () => {
  it('finds a module by its dotted name in any case or by its id, and nothing for an unknown or empty name', () => {
    expect(findModule(modules, 'shop.orders')?.id).toBe('orders');
    expect(findModule(modules, ' SHOP.Catalog ')?.id).toBe('catalog');
    expect(findModule(modules, 'search')?.id).toBe('search');
    expect(findModule(modules, 'shop.nope')).toBeNull();
    expect(findModule(modules, '  ')).toBeNull();
  });

  it('adds groups of two or more once, modules left once, and removes them by place', () => {
    addConstraint('keepTogether', ['orders', 'catalog']);
    addConstraint('keepTogether', ['catalog', 'orders']); // the same group
    addConstraint('keepApart', ['search']); // one module is no group
    addConstraint('keepApart', ['search', 'reviews', 'search']);
    addConstraint('leave', ['reviews']);
    addConstraint('leave', ['reviews', 'search']);
    expect(constraints()).toEqual({
      keepTogether: [['orders', 'catalog']],
      keepApart: [['search', 'reviews']],
      leave: ['reviews', 'search'],
    });
    expect(constraintCount(constraints())).toBe(4);
    removeConstraint('leave', 0);
    removeConstraint('keepTogether', 0);
    expect(constraints()).toEqual({ keepTogether: [], keepApart: [['search', 'reviews']], leave: ['search'] });
  });

  it('prunes modules a regroup removed: a group left with one module goes', () => {
    addConstraint('keepTogether', ['orders', 'catalog', 'search']);
    addConstraint('keepApart', ['search', 'reviews']);
    addConstraint('leave', ['reviews', 'orders']);
    const before = constraints();
    pruneConstraints(new Set(['orders', 'catalog', 'search', 'reviews']));
    expect(constraints()).toBe(before);
    pruneConstraints(new Set(['orders', 'catalog', 'search']));
    expect(constraints()).toEqual({ keepTogether: [['orders', 'catalog', 'search']], keepApart: [], leave: ['orders'] });
  });

  it('says the constraints in one line with module names', () => {
    addConstraint('keepTogether', ['orders', 'catalog']);
    addConstraint('keepTogether', ['search', 'reviews']);
    addConstraint('keepApart', ['orders', 'search']);
    addConstraint('leave', ['reviews']);
    const name = (id: string) => modules.find((m) => m.id === id)!.name;
    expect(describeConstraints(constraints(), name)).toBe(
      'kept together: shop.orders + shop.catalog, shop.search + shop.reviews; kept apart: shop.orders / shop.search; left in the monolith: shop.reviews',
    );
    expect(describeConstraints(INITIAL.constraints, name)).toBe('');
  });
});
