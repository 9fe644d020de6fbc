import { describe, expect, it } from 'vitest';
import { renameService } from '../../shared/commands/services';
import { moveNodes } from '../../shared/commands/layout';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { analyse, changeOf } from '../../renderer/derived/analysis';
import { memoByObject, memoByPair } from '../../renderer/derived/memo';
import { moduleStats } from '../../renderer/derived/moduleStats';
import { phaseIndexByService, planFor } from '../../renderer/derived/plan';

// renderer/derived/ caches one way: once per immutable object (memo.ts).

describe('memoByObject', () => {
  it('computes once per key object, again for another object, even when the answer is null', () => {
    const calls: object[] = [];
    const size = memoByObject((key: { items: number[] }) => {
      calls.push(key);
      return key.items.length === 0 ? null : key.items.length;
    });
    const a = { items: [1, 2] };
    const empty = { items: [] };
    expect(size(a)).toBe(2);
    expect(size(a)).toBe(2);
    expect(size(empty)).toBeNull();
    expect(size(empty)).toBeNull();
    expect(size({ items: [1, 2] })).toBe(2);
    expect(calls).toHaveLength(3);
  });

  it('memoByPair computes once per pair, in order', () => {
    let calls = 0;
    const diff = memoByPair((a: { n: number }, b: { n: number }) => ({ d: a.n - b.n, call: ++calls }));
    const x = { n: 5 };
    const y = { n: 2 };
    expect(diff(x, y)).toBe(diff(x, y));
    expect(diff(y, x).d).toBe(-3);
    expect(calls).toBe(2);
  });
});

describe('derived data of the document', () => {
  it('is computed once per project, and anew after an edit that changes what it reads', () => {
    const project = loadSampleProject();
    expect(analyse(project)).toBe(analyse(project));
    expect(planFor(project)).toBe(planFor(project));
    expect(phaseIndexByService(planFor(project))).toBe(phaseIndexByService(planFor(project)));
    expect(moduleStats(project.monolith)).toBe(moduleStats(project.monolith));

    const renamed = renameService(project, { serviceId: 'svc-search', name: 'Search API' });
    expect(analyse(renamed)).not.toBe(analyse(project));
    expect(changeOf(project, renamed)).toBe(changeOf(project, renamed));
    expect(changeOf(null, renamed)).toBeNull();
    // A node move leaves everything the planner reads as it was: the plan is carried over.
    const moved = moveNodes(project, { positions: [{ id: 'svc-search', x: 9, y: 9 }] });
    planFor(project);
    expect(planFor(moved)).toBe(planFor(project));
    expect(moduleStats(renamed.monolith)).toBe(moduleStats(project.monolith));
  });
});
