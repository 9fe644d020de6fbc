import tseslint from 'typescript-eslint';

// The layering of the house (see docs/architecture in README): imports flow into shared/ only.
const nodeBuiltins = { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node built-ins.' };
const noElectron = { name: 'electron', message: 'electron is imported only by main/electron/ and main/preload.ts.' };
const noElectronStore = { name: 'electron-store', message: 'electron-store imports electron: only main/electron/ may use it.' };
const noXyflow = { group: ['@xyflow/*'], message: '@xyflow/react is used only under renderer/features/canvas/.' };

// The renderer's layers (issue 11): arrows run down only, app -> features -> (widgets, derived, state, platform)
// -> shared, and a feature never imports another feature. Folders are one level deep (renderer/state/x.ts) and
// features two (renderer/features/canvas/x.ts), so an import that climbs out of a folder ('../', '../../') into
// a layer is recognised by its specifier. Each folder's block lists every pattern it needs: flat config replaces
// a rule's options, it does not merge them.
const toBackEnd = { group: ['**/main/**'], message: 'renderer/ reaches the back end only through renderer/platform/bridge.' };
const intoLayer = (layers, message) => ({ regex: `^(\\.\\./)+(${layers.join('|')})(/|$)`, message });
const rendererBlock = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { paths: [noElectron, noElectronStore], patterns: [nodeBuiltins, toBackEnd, ...patterns] }] },
});
const inRenderer = (folder) => [`renderer/${folder}/**/*.ts`, `renderer/${folder}/**/*.tsx`];
// One edit path (issue 11): the document changes only through renderer/state/edit.ts (edit, gestures, undo),
// which applies the command, records undo and says a refusal in one line. Outside renderer/state/, nothing
// imports documentStore's mutators or writes the store directly (the no-restricted-syntax block below).
const DOCUMENT_MUTATORS = ['editProject', 'beginGesture', 'commitGesture', 'cancelGesture', 'undoEdit', 'redoEdit'];
const noRawEdits = {
  regex: '(^|/)state/documentStore$',
  importNames: DOCUMENT_MUTATORS,
  message:
    'Edit the document through renderer/state/edit (edit, beginGesture, undoEdit ...): one path applies, records undo and reports a refusal.',
};
// One store design (issue 11): every zustand store lives in renderer/state/, in a file named for it, with its
// hook beside it (useDocument, useUi, useCanvas ...); the rest of the renderer reads stores through those hooks.
const noZustand = {
  group: ['zustand', 'zustand/*'],
  message: 'Stores live in renderer/state/ (one file per store, named for it): read one with its hook (useDocument, useUi, ...).',
};
const noStoreWrites = {
  files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
  ignores: ['renderer/state/**'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "MemberExpression[object.name='documentStore'][property.name='setState']",
        message: 'Edit the document through renderer/state/edit: only renderer/state/ writes documentStore.',
      },
    ],
  },
};
const noOtherFeature = {
  regex: '^\\.\\./[^./]',
  message: 'A feature never imports another feature: move what both need down to state/, derived/, widgets/ or platform/.',
};
function rendererLayers() {
  const noApp = intoLayer(['app'], 'Nothing below the app shell imports renderer/app/.');
  const noFeatures = intoLayer(['features'], 'Only the app shell imports renderer/features/.');
  return [
    // The entry (main.tsx) and the app shell may import every layer.
    rendererBlock(['renderer/*.ts', 'renderer/*.tsx', ...inRenderer('app')], [noXyflow, noRawEdits, noZustand]),
    // The canvas is the only folder that imports @xyflow/react.
    rendererBlock(inRenderer('features/canvas'), [noApp, noFeatures, noOtherFeature, noRawEdits, noZustand]),
    rendererBlock(
      inRenderer('features'),
      [noXyflow, noApp, noFeatures, noOtherFeature, noRawEdits, noZustand],
      ['renderer/features/canvas/**'],
    ),
    rendererBlock(inRenderer('widgets'), [
      noXyflow,
      noApp,
      noFeatures,
      noZustand,
      intoLayer(['state', 'derived'], 'A widget knows no store and no document: pass what it shows as props.'),
    ]),
    rendererBlock(inRenderer('derived'), [
      noXyflow,
      noApp,
      noFeatures,
      noRawEdits,
      noZustand,
      intoLayer(['widgets'], 'derived/ computes data: it renders no widget.'),
    ]),
    rendererBlock(inRenderer('state'), [
      noXyflow,
      noApp,
      noFeatures,
      intoLayer(['widgets', 'derived'], 'state/ is below widgets/ and derived/: it imports neither.'),
    ]),
    rendererBlock(inRenderer('platform'), [
      noXyflow,
      noApp,
      noFeatures,
      noZustand,
      intoLayer(
        ['widgets', 'derived', 'state'],
        'platform/ (bridge, labels, messages) is the bottom of the renderer: it imports only shared/.',
      ),
    ]),
    // A file elsewhere in renderer/ has no layer yet: give it one.
    rendererBlock(
      ['renderer/**/*.ts', 'renderer/**/*.tsx'],
      [
        noXyflow,
        { regex: '.', message: 'Put this file in a renderer layer: app/, features/<name>/, widgets/, derived/, state/ or platform/.' },
      ],
      [
        'renderer/*.ts',
        'renderer/*.tsx',
        ...['app', 'features', 'widgets', 'derived', 'state', 'platform'].map((folder) => `renderer/${folder}/**`),
      ],
    ),
    noStoreWrites,
  ];
}

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
  // Type-aware rules: a promise is awaited, returned or marked `void` on purpose, and never handed to a place that
  // expects a plain function (an event handler that swallows its rejection).
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
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
            {
              group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'],
              message: 'shared/ imports nothing from main/ or renderer/.',
            },
            {
              group: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'worker_threads'],
              message: 'shared/ is pure TypeScript: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  ...rendererLayers(),
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
