import type { z } from 'zod';
import { defOf, type ZodDef } from './zodDef';

// A fast path for validating large, sound files. zod's parse of a 10,000-module project costs several times
// JSON.parse; this walk, compiled once from the same zod schema, accepts exactly what zod accepts (a property
// test holds it to that) and builds the same output: schema key order, defaults filled in, unknown keys dropped.
// It only answers yes or no: when it says no, the loader runs zod for the precise message.
// It supports the schema features the model uses; compileFastParse throws on anything else (a test checks the
// project schema compiles, so a new kind of field cannot slip past it silently).

/** Returned by a compiled parser when the value does not match. */
export const NO_MATCH: unique symbol = Symbol('no match');
type Out = unknown | typeof NO_MATCH;

/** Objects that had keys the schema does not know, with the keys it does: their extra values go unchecked. */
export interface Extras {
  objects: { value: Record<string, unknown>; known: readonly string[] }[];
}

export type FastParse = (value: unknown, extras: Extras) => Out;

type Test = (value: never) => boolean;

function compileChecks(def: ZodDef): Test[] {
  return (def.checks ?? []).map(({ _zod }) => {
    const check = _zod.def;
    switch (check.check) {
      case 'min_length': {
        const min = check.minimum!;
        return (v: { length: number }) => v.length >= min;
      }
      case 'max_length': {
        const max = check.maximum!;
        return (v: { length: number }) => v.length <= max;
      }
      case 'string_format': {
        if (check.format !== 'regex' || !check.pattern) break;
        const pattern = new RegExp(check.pattern.source, check.pattern.flags.replace(/[gy]/g, ''));
        return (v: string) => pattern.test(v);
      }
      case 'greater_than': {
        const bound = check.value!;
        return check.inclusive ? (v: number) => v >= bound : (v: number) => v > bound;
      }
      case 'less_than': {
        const bound = check.value!;
        return check.inclusive ? (v: number) => v <= bound : (v: number) => v < bound;
      }
      case 'number_format':
        if (check.format === 'safeint') return (v: number) => Number.isSafeInteger(v);
        break;
    }
    throw new Error(`fastParse: unsupported check ${check.check}${check.format ? ` (${check.format})` : ''}`);
  });
}

function passes(tests: readonly Test[], value: unknown): boolean {
  for (let k = 0; k < tests.length; k++) if (!(tests[k] as (v: unknown) => boolean)(value)) return false;
  return true;
}

export function compileFastParse(schema: z.core.$ZodType): FastParse {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (def.checks?.length) break;
      const keys = Object.keys(def.shape!);
      const fields = keys.map((key) => compileFastParse(def.shape![key]!));
      const count = keys.length;
      return (value, extras) => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return NO_MATCH;
        const source = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        let present = 0;
        for (let k = 0; k < count; k++) {
          const key = keys[k]!;
          const field = source[key];
          if (field !== undefined) present++;
          const parsed = fields[k]!(field, extras);
          if (parsed === NO_MATCH) return NO_MATCH;
          out[key] = parsed;
        }
        if (Object.keys(source).length > present) extras.objects.push({ value: source, known: keys });
        return out;
      };
    }
    case 'array': {
      const element = compileFastParse(def.element!);
      const tests = compileChecks(def);
      return (value, extras) => {
        if (!Array.isArray(value) || !passes(tests, value)) return NO_MATCH;
        const n = value.length;
        const out = new Array<unknown>(n);
        for (let k = 0; k < n; k++) {
          const parsed = element(value[k], extras);
          if (parsed === NO_MATCH) return NO_MATCH;
          out[k] = parsed;
        }
        return out;
      };
    }
    case 'default': {
      const inner = compileFastParse(def.innerType!);
      return (value, extras) => (value === undefined ? def.defaultValue : inner(value, extras));
    }
    case 'nullable': {
      const inner = compileFastParse(def.innerType!);
      return (value, extras) => (value === null ? null : inner(value, extras));
    }
    case 'string': {
      const tests = compileChecks(def);
      return (value) => (typeof value === 'string' && passes(tests, value) ? value : NO_MATCH);
    }
    case 'number': {
      const tests = compileChecks(def);
      return (value) => (typeof value === 'number' && Number.isFinite(value) && passes(tests, value) ? value : NO_MATCH);
    }
    case 'enum': {
      if (def.checks?.length) break;
      const allowed = new Set(Object.values(def.entries!));
      return (value) => (allowed.has(value) ? value : NO_MATCH);
    }
    case 'literal': {
      if (def.checks?.length) break;
      const allowed = new Set(def.values);
      return (value) => (allowed.has(value) ? value : NO_MATCH);
    }
  }
  throw new Error(`fastParse: unsupported schema type ${def.type}`);
}

/**
 * Does any value under an unknown key nest deeper than `limit` levels, or hold a forbidden key? Iterative, so
 * any depth is safe. Only values under unknown keys need this: the schema bounds the depth of the rest.
 */
export function extrasAreHostile(extras: Extras, limit: number, forbidden: ReadonlySet<string>): boolean {
  for (const { value, known } of extras.objects) {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      if (forbidden.has(key)) return true;
      const stack: { value: unknown; depth: number }[] = [{ value: value[key], depth: 1 }];
      while (stack.length) {
        const { value: item, depth } = stack.pop()!;
        if (item === null || typeof item !== 'object') continue;
        if (depth > limit) return true;
        if (Array.isArray(item)) for (const child of item) stack.push({ value: child, depth: depth + 1 });
        else {
          for (const [childKey, child] of Object.entries(item)) {
            if (forbidden.has(childKey)) return true;
            stack.push({ value: child, depth: depth + 1 });
          }
        }
      }
    }
  }
  return false;
}
