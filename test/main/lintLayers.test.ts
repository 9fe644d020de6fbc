import { describe, expect, it } from 'vitest';
import { lintProbe } from './lintProbe';

// The renderer's layering is a lint rule (eslint.config.js, rendererLayers): these run the project's own
// configuration over a line of code placed in a renderer folder, and check which imports it refuses.
async function refusals(file: string, specifier: string): Promise<string[]> {
  const code = `import { thing } from '${specifier}';\n\nexport const used = thing;\n`;
  return lintProbe(file, code, ['no-restricted-imports']);
}

describe('renderer layers (lint)', () => {
  it('refuses a feature importing another feature', async () => {
    expect(await refusals('renderer/features/canvas/Probe.tsx', '../roadmap/RoadmapView')).toEqual([
      expect.stringContaining('A feature never imports another feature'),
    ]);
    expect(await refusals('renderer/features/inspector/Probe.tsx', '../../features/monolith/DependencyFormDialog')).toEqual([
      expect.stringContaining('Only the app shell imports renderer/features/'),
    ]);
  });

  it('lets a feature import the layers below it, and its own files', async () => {
    for (const specifier of [
      '../../state/documentStore',
      '../../derived/usePlan',
      '../../widgets/Modal',
      '../../platform/labels',
      '../../../shared/model/project',
      './toFlow',
    ]) {
      expect(await refusals('renderer/features/canvas/Probe.tsx', specifier), specifier).toEqual([]);
    }
  });

  it('refuses arrows that run back up', async () => {
    expect(await refusals('renderer/state/probe.ts', '../features/canvas/canvasActions')).toEqual([
      expect.stringContaining('Only the app shell imports'),
    ]);
    expect(await refusals('renderer/derived/probe.ts', '../app/commands')).toEqual([
      expect.stringContaining('Nothing below the app shell imports renderer/app/'),
    ]);
    expect(await refusals('renderer/widgets/Probe.tsx', '../state/documentStore')).toEqual([
      expect.stringContaining('A widget knows no store'),
    ]);
    expect(await refusals('renderer/platform/probe.ts', '../state/uiStore')).toEqual([expect.stringContaining('platform/')]);
    expect(await refusals('renderer/state/probe.ts', '../derived/analysis')).toEqual([expect.stringContaining('state/ is below')]);
  });

  it('lets the app shell import features and the layers below', async () => {
    for (const specifier of ['../features/canvas/Canvas', '../state/documentStore', '../widgets/Modal', '../platform/bridge']) {
      expect(await refusals('renderer/app/Probe.tsx', specifier), specifier).toEqual([]);
    }
  });

  it('keeps @xyflow/react inside the canvas feature', async () => {
    expect(await refusals('renderer/features/canvas/Probe.tsx', '@xyflow/react')).toEqual([]);
    expect(await refusals('renderer/features/roadmap/Probe.tsx', '@xyflow/react')).toEqual([
      expect.stringContaining('@xyflow/react is used only under renderer/features/canvas/'),
    ]);
    expect(await refusals('renderer/app/Probe.tsx', '@xyflow/react')).toEqual([expect.stringContaining('@xyflow/react')]);
  });

  it('refuses a renderer file outside the layers', async () => {
    expect(await refusals('renderer/hooks/useProbe.ts', '../state/documentStore')).toEqual([
      expect.stringContaining('Put this file in a renderer layer'),
    ]);
  });
});
