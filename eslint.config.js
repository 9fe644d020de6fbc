import tseslint from 'typescript-eslint';

// The layering of the house (see docs/architecture in README): imports flow into shared/ only.
const nodeBuiltins = { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node built-ins.' };
const noElectron = { name: 'electron', message: 'electron is imported only by main/electron/ and main/preload.ts.' };
const noElectronStore = { name: 'electron-store', message: 'electron-store imports electron: only main/electron/ may use it.' };
const noXyflow = { group: ['@xyflow/*'], message: '@xyflow/react is used only under renderer/features/canvas/.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', '.corpus/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore, { name: 'react', message: 'shared/ has no React.' }],
          patterns: [
            nodeBuiltins,
            noXyflow,
            { group: ['react-dom', 'react-dom/*', 'react/*'], message: 'shared/ has no React.' },
            { group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'], message: 'shared/ imports nothing from main/ or renderer/.' },
            { group: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'worker_threads'], message: 'shared/ is pure TypeScript: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/features/canvas/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [noXyflow, nodeBuiltins, { group: ['**/main/**'], message: 'renderer/ reaches the back end only through renderer/platform/bridge.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/features/canvas/**/*.ts', 'renderer/features/canvas/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [nodeBuiltins, { group: ['**/main/**'], message: 'renderer/ reaches the back end only through renderer/platform/bridge.' }],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/electron/**', 'main/preload.ts', 'test/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [noXyflow, { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noXyflow, { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' }] },
      ],
    },
  },
);
