import { z } from 'zod';
import { EnvelopeSchema } from './envelope';

// The published JSON Schema of a .carve file, generated from the zod schemas (schema/carve-project.schema.json,
// written by `npm run schema`). It describes what a file may contain (zod's input side: defaulted fields are
// optional); the loader also checks references between records, which JSON Schema cannot express.

export const JSON_SCHEMA_PATH = 'schema/carve-project.schema.json';

export function buildJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(EnvelopeSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Carve project',
    description:
      'A .carve file: a plan for breaking a Python monolith into services. Beyond this schema, Carve checks that ids are unique and that every referenced module, service and phase exists (see docs/file-format.md).',
    ...rest,
  };
}

/** The exact text of the checked-in schema file: stable key order, 2-space indent, LF, trailing newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
