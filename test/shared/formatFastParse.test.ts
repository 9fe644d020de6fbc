import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFastParse, NO_MATCH } from '../../shared/format/fastParse';
import { ProjectSchema } from '../../shared/model/project';

// The loader's fast path must accept exactly what zod accepts. Random values rarely land on a limit, so this
// tries values at and around every limit of the model in every place of a project that uses each collection.

const fixture = JSON.parse(readFileSync(new URL('../fixtures/format/v1.carve', import.meta.url), 'utf8')).project as unknown;

const lengths = [0, 1, 59, 60, 61, 127, 128, 129, 199, 200, 201, 999, 1000, 1001, 9999, 10_000, 10_001, 100_000, 100_001];
const numbers = [
  -1,
  -0,
  0,
  0.005,
  0.01,
  0.5,
  1,
  1.5,
  4,
  99.5,
  100,
  100.5,
  520,
  521,
  10_000,
  10_001,
  100_000,
  100_001,
  1e6,
  1e6 + 1,
  1e8,
  1e8 + 1,
  2 ** 53,
  1e300,
];
const candidates: unknown[] = [
  ...lengths.map((n) => 'x'.repeat(n)),
  ...numbers,
  ...[0, 1, 100, 101, 10_000, 10_001].map((n) => Array.from({ length: n }, () => 'a')),
  null,
  true,
  {},
  [],
  [1],
  'a b',
  '-a',
  'a.b',
  'shop..x',
  '3.12',
  'pypy3.10',
  '3.123',
  '2027-01-04',
  '2027-1-4',
  'django',
  'grpc',
  'shared-db',
  'graphql',
  'monolith',
];

/** Every place in a JSON value, as a path of keys; one per place in the schema (the first module stands for all). */
function places(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const seen = new Set<string>();
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    const shape = path.map((key) => (typeof key === 'number' ? '#' : key)).join('.');
    if (path.length && !seen.has(shape)) {
      seen.add(shape);
      out.push(path);
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value))
        stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return out;
}

/** Runs `check` on `root` with the value at `path` replaced, then puts the original back. */
function withValue(root: unknown, path: (string | number)[], value: unknown, check: () => void): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const original = node[last];
  node[last] = value;
  try {
    check();
  } finally {
    node[last] = original;
  }
}

describe('the fast path of the loader', () => {
  it('compiles from the project schema (no field kind it does not know)', () => {
    expect(() => compileFastParse(ProjectSchema)).not.toThrow();
  });

  it('agrees with zod on values at and around every limit, in every place', () => {
    const fast = compileFastParse(ProjectSchema);
    const disagreements: string[] = [];
    const doc = structuredClone(fixture);
    for (const path of places(doc)) {
      for (const value of candidates) {
        withValue(doc, path, value, () => {
          const viaZod = ProjectSchema.safeParse(doc);
          const viaFast = fast(doc, { objects: [] });
          if ((viaFast !== NO_MATCH) !== viaZod.success) {
            disagreements.push(`${path.join('.')} = ${JSON.stringify(value).slice(0, 30)}: zod ${viaZod.success ? 'accepts' : 'refuses'}`);
          } else if (viaZod.success) expect(viaFast).toEqual(viaZod.data);
        });
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees with zod when fields are left out (defaults) or unknown fields are added', () => {
    const fast = compileFastParse(ProjectSchema);
    for (const path of places(fixture)) {
      const doc = structuredClone(fixture) as Record<string | number, unknown>;
      let node = doc;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      const last = path.at(-1)!;
      if (Array.isArray(node)) continue;
      delete node[last];
      node.unknownField = { nested: [1, 2] };
      const viaZod = ProjectSchema.safeParse(doc);
      const viaFast = fast(doc, { objects: [] });
      expect(viaFast !== NO_MATCH, path.join('.')).toBe(viaZod.success);
      if (viaZod.success) expect(viaFast).toEqual(viaZod.data);
    }
  });
});
