import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blocksByGroup,
  CHIP_LIMIT,
  chipNamesOf,
  estimateServiceSize,
  fallbackPosition,
  gridPositions,
  MONOLITH_NODE_WIDTH,
} from '../../shared/commands/arrange';
import { createService } from '../../shared/commands/services';
import { createProject } from '../../shared/model/create';
import { ModuleSchema, MONOLITH_NODE_ID, type Project } from '../../shared/model/project';
import { acceptServices } from '../../shared/commands/accept';

// Accepting a proposal places its services in a grid that overlaps nothing: not each other, not the Monolith,
// not services already drawn. Sizes are the canvas's estimate, which the e2e suite checks against the browser.

function withModules(names: readonly string[]): Project {
  const base = createProject('Grid');
  const modules = names.map((name, i) => ModuleSchema.parse({ id: `m${i}`, name, linesOfCode: 10 }));
  return { ...base, monolith: { ...base.monolith, modules } };
}

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Boxes as the canvas draws them: saved positions, else where it puts a node without one. */
function boxesOf(project: Project): Box[] {
  const saved = new Map(project.layout.nodes.map((node) => [node.id, node]));
  const monolith = saved.get(MONOLITH_NODE_ID) ?? fallbackPosition(-1);
  return [
    { id: MONOLITH_NODE_ID, x: monolith.x, y: monolith.y, width: MONOLITH_NODE_WIDTH, height: 160 },
    ...project.services.map((service, index) => {
      const at = saved.get(service.id) ?? fallbackPosition(index);
      return { id: service.id, x: at.x, y: at.y, ...estimateServiceSize(chipNamesOf(project, service.moduleIds)) };
    }),
  ];
}

function overlaps(boxes: readonly Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.id} ~ ${b.id}`);
    }
  }
  return found;
}

const proposal = (groups: readonly (readonly string[])[]) =>
  groups.map((moduleIds, k) => ({ id: `p${k}`, name: `group_${k}`, moduleIds: [...moduleIds], linesOfCode: 0 }));

describe('arrange: where accepted services go', () => {
  it('estimates taller nodes for more chips, and one height for a collapsed node', () => {
    const one = estimateServiceSize(['orders']);
    const many = estimateServiceSize(Array.from({ length: CHIP_LIMIT }, (_, i) => `a_long_module_name_${i}`));
    expect(many.height).toBeGreaterThan(one.height);
    expect(estimateServiceSize(null)).toEqual(estimateServiceSize([]));
    expect(chipNamesOf(withModules(['shop.orders.api']), ['m0'])).toEqual(['api']);
    expect(
      chipNamesOf(
        withModules([]),
        Array.from({ length: CHIP_LIMIT + 1 }, (_, i) => `m${i}`),
      ),
    ).toBeNull();
  });

  it('lays 400 accepted services out beside the Monolith with no overlap, about 1.6 times as wide as tall', () => {
    const names = Array.from({ length: 1200 }, (_, i) => `pkg${i % 40}.module_${i}`);
    const project = withModules(names);
    const groups = Array.from({ length: 400 }, (_, k) => [`m${k * 3}`, `m${k * 3 + 1}`, `m${k * 3 + 2}`]);
    const accepted = acceptServices(project, proposal(groups));
    expect(accepted.services).toHaveLength(400);
    const boxes = boxesOf(accepted);
    expect(overlaps(boxes)).toEqual([]);
    const monolith = boxes.find((b) => b.id === MONOLITH_NODE_ID)!;
    const services = boxes.filter((b) => b.id !== MONOLITH_NODE_ID);
    expect(Math.min(...services.map((b) => b.x))).toBeGreaterThanOrEqual(monolith.x + monolith.width);
    const width = Math.max(...services.map((b) => b.x + b.width)) - Math.min(...services.map((b) => b.x));
    const height = Math.max(...services.map((b) => b.y + b.height)) - Math.min(...services.map((b) => b.y));
    expect(width / height).toBeGreaterThan(1.1);
    expect(width / height).toBeLessThan(2.4);
  });

  it('never overlaps what is already drawn, whatever the chips and the services already placed (fast-check)', () => {
    const word = fc.stringMatching(/^[a-z][a-z_]{0,30}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 3 }),
        (words, sizes, placedBefore) => {
          const names = Array.from({ length: 400 }, (_, i) => `app.${words[i % words.length]}${i}`);
          let project = withModules(names);
          let next = 0;
          const take = (n: number) => Array.from({ length: n }, () => `m${next++ % 400}`);
          for (let k = 0; k < placedBefore; k++)
            project = createService(project, { name: `Before ${k}`, moduleIds: take(2), position: { x: k * 500, y: 300 } });
          const groups = sizes.map((n) => [...new Set(take(n))]);
          const accepted = acceptServices(project, proposal(groups));
          expect(overlaps(boxesOf(accepted))).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('places nothing when nothing is new', () => {
    expect(gridPositions(withModules([]), [])).toEqual([]);
  });
});

describe('arrange by roadmap phase', () => {
  const size = { width: 220, height: 110 };

  it('puts the Monolith first, then each phase in a block after the one before (reading order), unplanned last', () => {
    const nodes = [
      { id: 'late', group: 3, size },
      { id: MONOLITH_NODE_ID, group: null, size: { width: 240, height: 160 } },
      { id: 'early', group: 1, size },
      { id: 'unplanned', group: null, size },
      { id: 'early2', group: 1, size },
    ];
    const at = new Map(blocksByGroup(nodes, MONOLITH_NODE_ID).map((p) => [p.id, p]));
    expect(at.get(MONOLITH_NODE_ID)).toEqual({ id: MONOLITH_NODE_ID, x: 0, y: 0 });
    // Blocks start at the top of their band: reading order is band first, then left to right.
    const readingOrder = ['monolith', 'early', 'late', 'unplanned'].map((id) => at.get(id === 'monolith' ? MONOLITH_NODE_ID : id)!);
    const sorted = [...readingOrder].sort((a, b) => a.y - b.y || a.x - b.x);
    expect(sorted.map((p) => p.id)).toEqual([MONOLITH_NODE_ID, 'early', 'late', 'unplanned']);
    expect(at.get('early2')).toEqual({ id: 'early2', x: at.get('early')!.x, y: at.get('early')!.y + size.height + 48 });
  });

  it('wraps 43 phases of 328 services into bands, not a strip, with no overlap', () => {
    const nodes = Array.from({ length: 328 }, (_, i) => ({ id: `s${i}`, group: i % 43, size: { width: 220, height: 100 + (i % 3) * 40 } }));
    const placed = blocksByGroup(nodes, null);
    const boxes = placed.map((p) => ({ ...p, ...nodes.find((n) => n.id === p.id)!.size }));
    expect(overlaps(boxes)).toEqual([]);
    const width = Math.max(...boxes.map((b) => b.x + b.width));
    const height = Math.max(...boxes.map((b) => b.y + b.height));
    expect(width / height).toBeGreaterThan(0.8);
    expect(width / height).toBeLessThan(3);
  });
});
