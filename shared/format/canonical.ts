import type { z } from 'zod';
import { defOf } from './zodDef';

// Canonical form for saving: every object rebuilt with the keys in the schema's field order (whatever order
// the in-memory object has), unknown keys dropped, missing defaulted fields filled in. The walk follows the
// schema, not the data, so its depth is the schema's depth. Compiled once per schema into plain closures:
// this runs on every save of projects with tens of thousands of records.

export type Canonicalize = (value: unknown) => unknown;

const identity: Canonicalize = (value) => value;

export function compileCanonical(schema: z.core.$ZodType): Canonicalize {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const keys = Object.keys(def.shape!);
      const fields = keys.map((key) => compileCanonical(def.shape![key]!));
      const count = keys.length;
      return (value) => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
        const source = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (let k = 0; k < count; k++) {
          const key = keys[k]!;
          const field = fields[k]!;
          out[key] = field === identity ? source[key] : field(source[key]);
        }
        return out;
      };
    }
    case 'array': {
      const element = compileCanonical(def.element!);
      if (element === identity) return (value) => (Array.isArray(value) ? value.slice() : value);
      return (value) => (Array.isArray(value) ? value.map((item) => element(item)) : value);
    }
    case 'default':
    case 'prefault': {
      const inner = compileCanonical(def.innerType!);
      return (value) => (value === undefined ? inner(def.defaultValue) : inner === identity ? value : inner(value));
    }
    case 'nullable':
    case 'optional':
    case 'readonly':
    case 'nonoptional':
    case 'catch': {
      const inner = compileCanonical(def.innerType!);
      if (inner === identity) return identity;
      return (value) => (value === null || value === undefined ? value : inner(value));
    }
    case 'pipe':
      return compileCanonical(def.out!);
    default:
      return identity;
  }
}
