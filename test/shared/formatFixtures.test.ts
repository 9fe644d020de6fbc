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

  it('migrates the version 1 file: its design becomes the active scenario, "Current design", with no other', () => {
    const project = loadProject(fixture('v1.carve'));
    expect(project.scenario).toEqual({ id: 'current', name: 'Current design', description: '' });
    expect(project.otherScenarios).toEqual([]);
    // Saved, it is the version 1 text with the new version and the two new fields at the end of the project.
    const v1 = fixture('v1.carve').toString('utf8');
    const scenarioBlock =
      '    },\n    "scenario": {\n      "id": "current",\n      "name": "Current design",\n      "description": ""\n    },\n    "otherScenarios": []\n  }\n}\n';
    const expected = v1.replace('"formatVersion": 1,', '"formatVersion": 2,').replace(/    }\n  }\n}\n$/, scenarioBlock);
    expect(serializeProject(project)).toBe(expected);
  });

  it('still opens the version 2 file, with its scenarios', () => {
    const project = loadProject(fixture('v2.carve'));
    expect(project.scenario.name).toBe('Payments first');
    expect(project.services.map((s) => s.id)).toEqual(['payments-svc', 'accounts-svc']);
    expect(project.otherScenarios.map((s) => s.name)).toEqual(['One store service']);
    expect(project.otherScenarios[0]!.services[0]!.moduleIds).toEqual(['catalog', 'orders']);
    expect(project.otherScenarios[0]!.planning.startDate).toBe('2027-03-01');
  });

  it('saves the version 2 file back byte for byte (the canonical form has not drifted)', () => {
    const bytes = fixture('v2.carve');
    expect(serializeProject(loadProject(bytes))).toBe(bytes.toString('utf8'));
  });
});
