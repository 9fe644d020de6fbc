// Writes docs/shortcuts.md from the app's command table: `npm run shortcuts`. A test fails when the checked-in
// file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderShortcutsMarkdown, SHORTCUTS_DOC_PATH } from '../shared/commands/shortcutReference';

const target = fileURLToPath(new URL(`../${SHORTCUTS_DOC_PATH}`, import.meta.url));
writeFileSync(target, renderShortcutsMarkdown());
console.log(`wrote ${SHORTCUTS_DOC_PATH}`);
