import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LoadErrorKind } from '../../shared/format/errors';
import { JSON_SCHEMA_PATH, buildJsonSchema, renderJsonSchema } from '../../shared/format/jsonSchema';

const repoFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

/** Every property name in the schema, with its dotted place: "project.monolith.modules[].name". */
function fieldsOf(schema: JsonSchema, at = ''): string[] {
  const fields: string[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    fields.push(`${at}${key}`);
    const inner = child.items ?? child.anyOf?.find((option) => option.properties) ?? child;
    fields.push(...fieldsOf(inner, `${at}${key}${child.items ? '[]' : ''}.`));
  }
  return fields;
}

describe('the published JSON Schema', () => {
  it('is up to date with the zod schemas (run `npm run schema` after changing the model)', () => {
    expect(repoFile(JSON_SCHEMA_PATH)).toBe(renderJsonSchema());
  });

  it('describes the envelope and the whole project', () => {
    const fields = fieldsOf(buildJsonSchema() as JsonSchema);
    expect(fields).toEqual(
      expect.arrayContaining([
        'format',
        'formatVersion',
        'savedBy',
        'project.monolith.modules[].entities',
        'project.services[].pinnedPhaseId',
        'project.layout.viewport.zoom',
      ]),
    );
  });
});

describe('docs/file-format.md', () => {
  const docs = repoFile('docs/file-format.md');

  it('documents every field of the format', () => {
    const names = new Set(fieldsOf(buildJsonSchema() as JsonSchema).map((field) => field.split('.').at(-1)!.replace('[]', '')));
    const missing = [...names].filter((name) => !docs.includes(`\`${name}\``) && !docs.includes(`.${name}\``));
    expect(missing).toEqual([]);
  });

  it('documents every kind of load error', () => {
    const kinds: Record<LoadErrorKind, true> = {
      empty: true,
      'too-large': true,
      'not-utf8': true,
      'not-json': true,
      'not-carve': true,
      'newer-version': true,
      'forbidden-key': true,
      invalid: true,
      integrity: true,
    };
    expect(Object.keys(kinds).filter((kind) => !docs.includes(`| \`${kind}\` |`))).toEqual([]);
  });
});
