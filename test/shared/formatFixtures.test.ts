import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';

// One never-edited file per released format version: Carve must open every one of them, for ever.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/format/${name}`, import.meta.url));

describe('format fixtures', () => {
  it('still opens the version 1 file', () => {
    const project = loadProject(fixture('v1.carve'));
    expect(project.name).toBe('Bookshop');
    expect(project.monolith.modules.map((m) => m.id)).toEqual(['catalog', 'orders', 'payments', 'accounts']);
    expect(project.services[0]!.pinnedPhaseId).toBe('phase-1');
    expect(project.services[0]!.effortOverride).toBe(6.5);
    expect(project.layout.viewport.zoom).toBe(0.8);
    expect(project.description).toContain('日本');
  });

  it('saves the version 1 file back byte for byte (the canonical form has not drifted)', () => {
    const bytes = fixture('v1.carve');
    expect(serializeProject(loadProject(bytes))).toBe(bytes.toString('utf8'));
  });
});
