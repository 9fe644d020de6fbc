import path from 'node:path';
import { ESLint } from 'eslint';

// The project's own ESLint configuration, run over a few lines placed at a path of the tree (a probe file that
// does not exist on disk). The type-aware rules need a file the TypeScript project knows, so for probes they are
// off; every other rule, the layering and edit-path rules among them, runs as in `npm run lint`.
const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: path.join(root, 'eslint.config.js'),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** The messages of the named rules for `code` placed at `file` (relative to the project's root). */
export async function lintProbe(file: string, code: string, rules: readonly string[]): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result!.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`the probe did not parse: ${fatal.message}`);
  return result!.messages.filter((m) => m.ruleId !== null && rules.includes(m.ruleId)).map((m) => m.message);
}
