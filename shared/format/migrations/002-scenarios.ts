import type { JsonObject, Migration } from '../migrate';

// Version 2 keeps several designs of one project (scenarios). The design at the top level (services, links,
// phases, planning, layout) stays where every reader finds it and becomes the active scenario, "Current design";
// the other scenarios go in `otherScenarios`. A version 1 file has one design and no other scenario.
// Why a new version rather than an optional field: a Carve that reads only version 1 would drop the other
// scenarios when it saves the file; it now refuses the file as "made by a newer Carve" instead.
// Released with format version 2: never edit.

export const scenariosMigration: Migration = {
  from: 1,
  to: 2,
  name: 'name the design "Current design" and add the other scenarios (none)',
  up(project: JsonObject): JsonObject {
    const { scenario: _scenario, otherScenarios: _others, ...rest } = project;
    return { ...rest, scenario: { id: 'current', name: 'Current design', description: '' }, otherScenarios: [] };
  },
};
