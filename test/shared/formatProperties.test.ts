import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../shared/format/errors';
import { compileFastParse, NO_MATCH } from '../../shared/format/fastParse';
import { loadProject, parseProjectText, validateProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { findIntegrityProblems } from '../../shared/model/integrity';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { arbProject } from './arbitraries';

const encode = (text: string) => new TextEncoder().encode(text);

/** Opens text or bytes; anything thrown that is not a LoadError fails the property. */
function openOrLoadError(open: () => Project): Project | LoadError {
  try {
    return open();
  } catch (error) {
    if (error instanceof LoadError) return error;
    throw new Error(`the loader threw something other than a LoadError: ${String(error)}`);
  }
}

/** A loaded project must be one that passes every rule: the loader never lets a bad one through. */
function expectSound(result: Project | LoadError) {
  if (result instanceof LoadError) {
    expect(result.message).not.toContain('\n');
    expect(result.message.length).toBeGreaterThan(0);
    return;
  }
  expect(ProjectSchema.safeParse(result).success).toBe(true);
  expect(findIntegrityProblems(result)).toEqual([]);
}

/** A copy with every object's keys in a random order and unknown keys sprinkled in. */
function reorderDeep(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderDeep(item, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, item]) => [key, reorderDeep(item, random)] as const);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  if (random() < 0.3) entries.splice(Math.floor(random() * entries.length), 0, ['zzUnknown', { note: 'dropped on save' }]);
  return Object.fromEntries(entries);
}

describe('format properties', () => {
  it('gives back the same project after a save and a load (text and bytes)', () => {
    fc.assert(
      fc.property(arbProject(), (project) => {
        const text = serializeProject(project);
        expect(parseProjectText(text)).toEqual(project);
        expect(loadProject(encode(text))).toEqual(project);
      }),
      { numRuns: 200 },
    );
  });

  it('saves byte-identical text twice, and again after a load (idempotent)', () => {
    fc.assert(
      fc.property(arbProject(), (project) => {
        const text = serializeProject(project);
        expect(serializeProject(project)).toBe(text);
        expect(serializeProject(parseProjectText(text))).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('saves the same bytes whatever the key order in memory and whatever unknown keys it holds', () => {
    fc.assert(
      fc.property(arbProject(), fc.integer(), (project, seed) => {
        let state = seed >>> 0;
        const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        const shuffled = reorderDeep(project, random) as Project;
        expect(serializeProject(shuffled)).toBe(serializeProject(project));
      }),
      { numRuns: 100 },
    );
  });

  it('never throws anything but a LoadError for corrupted bytes (flips, cuts, insertions, deletions)', () => {
    const corruption = fc.oneof(
      fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 8 }) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(arbProject({ maxModules: 4, maxServices: 3 }), fc.array(corruption, { minLength: 1, maxLength: 4 }), (project, ops) => {
        let bytes = encode(serializeProject(project));
        for (const op of ops) {
          const at = bytes.length ? op.at % bytes.length : 0;
          if (op.op === 'flip') bytes[at] = op.byte;
          else if (op.op === 'truncate') bytes = bytes.slice(0, at);
          else if (op.op === 'insert') bytes = new Uint8Array([...bytes.slice(0, at), ...encode(op.text), ...bytes.slice(at)]);
          else bytes = new Uint8Array([...bytes.slice(0, at), ...bytes.slice(at + op.length)]);
        }
        expectSound(openOrLoadError(() => loadProject(bytes)));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a LoadError when JSON values are replaced, removed or duplicated', () => {
    fc.assert(
      fc.property(
        arbProject({ maxModules: 5, maxServices: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 3 }),
        (project, edits) => {
          const doc = JSON.parse(serializeProject(project)) as unknown;
          for (const [pickNode, pickAction, replacement] of edits) {
            // Every container in the document, with its keys, found iteratively.
            const containers: (Record<string, unknown> | unknown[])[] = [];
            const stack: unknown[] = [doc];
            while (stack.length) {
              const node = stack.pop();
              if (node !== null && typeof node === 'object') {
                containers.push(node as Record<string, unknown>);
                stack.push(...Object.values(node));
              }
            }
            const target = containers[pickNode % containers.length]!;
            const keys = Object.keys(target);
            if (keys.length === 0) continue;
            const key = keys[pickAction % keys.length]!;
            const action = pickAction % 3;
            if (Array.isArray(target)) {
              const index = Number(key);
              if (action === 0) target[index] = replacement;
              else if (action === 1) target.splice(index, 1);
              else target.push(structuredClone(target[index]));
            } else if (action === 2) delete target[key];
            else target[key] = replacement;
          }
          expectSound(openOrLoadError(() => parseProjectText(JSON.stringify(doc))));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has a fast path that accepts exactly what zod accepts and gives the same project', () => {
    const fast = compileFastParse(ProjectSchema);
    fc.assert(
      fc.property(
        arbProject({ maxModules: 4, maxServices: 3 }),
        fc.nat(),
        fc.nat(),
        fc.jsonValue({ maxDepth: 2 }),
        (project, pickNode, pickKey, replacement) => {
          const doc = JSON.parse(JSON.stringify(project)) as Record<string, unknown>;
          const containers: Record<string, unknown>[] = [];
          const stack: unknown[] = [doc];
          while (stack.length) {
            const node = stack.pop();
            if (node !== null && typeof node === 'object') {
              containers.push(node as Record<string, unknown>);
              stack.push(...Object.values(node));
            }
          }
          const target = containers[pickNode % containers.length]!;
          const keys = Object.keys(target);
          if (keys.length) target[keys[pickKey % keys.length]!] = replacement;
          const viaZod = ProjectSchema.safeParse(doc);
          const viaFast = fast(doc, { objects: [] });
          expect(viaFast !== NO_MATCH).toBe(viaZod.success);
          if (viaZod.success) expect(viaFast).toEqual(viaZod.data);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('validates in-memory payloads like files: a sound project passes, a broken one is a LoadError', () => {
    fc.assert(
      fc.property(arbProject(), (project) => {
        expect(validateProject(structuredClone(project))).toEqual(project);
      }),
      { numRuns: 50 },
    );
  });
});
