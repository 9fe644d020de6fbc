// Writes shared/samples/acme-shop.carve, the bundled sample as a file, from the code (shared/samples/acmeShop.ts):
// `npm run sample`. A test fails when the checked-in file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeProject } from '../shared/format/save';
import { loadSampleProject, SAMPLE_FILE_PATH } from '../shared/samples/acmeShop';

const target = fileURLToPath(new URL(`../${SAMPLE_FILE_PATH}`, import.meta.url));
writeFileSync(target, serializeProject(loadSampleProject()));
console.log(`wrote ${SAMPLE_FILE_PATH}`);
