// Writes schema/carve-project.schema.json from the zod schemas: `npm run schema`. A test fails when the
// checked-in file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_PATH, renderJsonSchema } from '../shared/format/jsonSchema';

const target = fileURLToPath(new URL(`../${JSON_SCHEMA_PATH}`, import.meta.url));
writeFileSync(target, renderJsonSchema());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
