import { describe, expect, it } from 'vitest';
import { lintProbe } from './lintProbe';

// One edit path and one store design (issue 11) are lint rules (eslint.config.js: noRawEdits, noStoreWrites,
// noZustand): these run the project's own configuration over a few lines placed in a renderer folder and check
// what it refuses.
async function refusals(file: string, code: string): Promise<string[]> {
  return lintProbe(file, code, ['no-restricted-imports', 'no-restricted-syntax']);
}

const importing = (names: string, specifier: string) => `import { ${names} } from '${specifier}';\n\nexport const used = [${names}];\n`;

describe('one edit path (lint)', () => {
  it('refuses documentStore mutators outside renderer/state, in every layer that may import state/', async () => {
    const cases: Array<[string, string]> = [
      ['renderer/features/inspector/Probe.tsx', '../../state/documentStore'],
      ['renderer/features/canvas/Probe.tsx', '../../state/documentStore'],
      ['renderer/app/Probe.tsx', '../state/documentStore'],
      ['renderer/derived/probe.ts', '../state/documentStore'],
      ['renderer/probe.tsx', './state/documentStore'],
    ];
    for (const [file, specifier] of cases) {
      for (const name of ['editProject', 'beginGesture', 'commitGesture', 'cancelGesture', 'undoEdit', 'redoEdit']) {
        expect(await refusals(file, importing(name, specifier)), `${file} ${name}`).toEqual([
          expect.stringContaining('renderer/state/edit'),
        ]);
      }
    }
  });

  it('refuses writing documentStore outside renderer/state', async () => {
    const code = `import { documentStore } from '../../state/documentStore';\n\ndocumentStore.setState({ dirty: true });\n`;
    expect(await refusals('renderer/features/roadmap/Probe.tsx', code)).toEqual([
      expect.stringContaining('only renderer/state/ writes documentStore'),
    ]);
  });

  it('lets a component read the document and edit through state/edit', async () => {
    const code = [
      `import { documentStore, useDocument } from '../../state/documentStore';`,
      `import { beginGesture, cancelGesture, commitGesture, edit, editProblem, redoEdit, undoEdit } from '../../state/edit';`,
      ``,
      `export const used = [documentStore.getState(), useDocument, beginGesture, cancelGesture, commitGesture, edit, editProblem, redoEdit, undoEdit];`,
      ``,
    ].join('\n');
    expect(await refusals('renderer/features/inspector/Probe.tsx', code)).toEqual([]);
  });

  it('lets renderer/state itself use the mutators (edit.ts is built on them)', async () => {
    const code = `import { documentStore, editProject } from './documentStore';\n\nexport const used = editProject;\ndocumentStore.setState({ dirty: false });\n`;
    expect(await refusals('renderer/state/probe.ts', code)).toEqual([]);
  });
});

describe('one store design (lint)', () => {
  it('refuses zustand outside renderer/state: no store hidden in a feature, no store read but through its hook', async () => {
    for (const file of [
      'renderer/features/importer/importActions.ts',
      'renderer/features/canvas/Probe.tsx',
      'renderer/app/Probe.tsx',
      'renderer/derived/probe.ts',
      'renderer/widgets/Probe.tsx',
    ]) {
      expect(await refusals(file, importing('createStore', 'zustand/vanilla')), file).toEqual([
        expect.stringContaining('Stores live in renderer/state/'),
      ]);
      expect(await refusals(file, importing('useStore', 'zustand')), file).toEqual([
        expect.stringContaining('Stores live in renderer/state/'),
      ]);
    }
  });

  it('lets renderer/state define a store and its hook', async () => {
    const code = [
      `import { useStore } from 'zustand';`,
      `import { createStore } from 'zustand/vanilla';`,
      ``,
      `export const probeStore = createStore(() => ({ open: false }));`,
      `export const useProbe = <T>(selector: (state: { open: boolean }) => T): T => useStore(probeStore, selector);`,
      ``,
    ].join('\n');
    expect(await refusals('renderer/state/probeStore.ts', code)).toEqual([]);
  });
});
