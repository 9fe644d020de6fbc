import type { z } from 'zod';

// What the format's schema walkers (canonical.ts, fastParse.ts) read of a zod 4 schema's internal definition:
// the fields of the kinds the model uses. zod does not type `_zod.def` per kind, so this is the one view both
// walkers share.

export interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

export interface ZodDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  defaultValue?: unknown;
  out?: z.core.$ZodType;
  entries?: Record<string, unknown>;
  values?: readonly unknown[];
  checks?: readonly { _zod: { def: CheckDef } }[];
}

/** A schema's definition, as the walkers read it. */
export function defOf(schema: z.core.$ZodType): ZodDef {
  return schema._zod.def as unknown as ZodDef;
}
