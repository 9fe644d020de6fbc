import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { duplicateScenario } from '../../shared/commands/scenarios';
import { MAX_OTHER_SCENARIOS, type Project } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { ScenarioList } from '../../renderer/features/scenarios/ScenarioList';

// The Scenarios list's buttons: Delete is off on the active row, Duplicate on every row once the project holds
// as many scenarios as a file may.

/** Each row's buttons as "label:on" or "label:off", in order. */
function buttonsByRow(project: Project): string[][] {
  const html = renderToStaticMarkup(<ScenarioList project={project} />);
  return html
    .split('<li')
    .slice(1)
    .map((row) =>
      [...row.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)].map(
        ([, attributes, label]) => `${label}:${/ disabled=""/.test(attributes!) ? 'off' : 'on'}`,
      ),
    );
}

describe('ScenarioList', () => {
  it('turns Delete and Switch off on the active row only', () => {
    const project = duplicateScenario(loadSampleProject(), { name: 'Other' });
    expect(buttonsByRow(project)).toEqual([
      ['Active:off', 'Duplicate:on', 'Rename…:on', 'Delete:off'],
      ['Switch:on', 'Duplicate:on', 'Rename…:on', 'Delete:on'],
    ]);
  });

  it(`turns Duplicate off on every row once ${MAX_OTHER_SCENARIOS} other scenarios are kept`, () => {
    let project = loadSampleProject();
    for (let k = 0; k < MAX_OTHER_SCENARIOS; k++) project = duplicateScenario(project);
    const rows = buttonsByRow(project);
    expect(rows).toHaveLength(MAX_OTHER_SCENARIOS + 1);
    for (const row of rows) expect(row[1]).toBe('Duplicate:off');
    expect(renderToStaticMarkup(<ScenarioList project={project} />)).toContain(
      `A project keeps at most ${MAX_OTHER_SCENARIOS + 1} scenarios: delete one first`,
    );
    // One fewer, and it is on again.
    const fewer = { ...project, otherScenarios: project.otherScenarios.slice(1) };
    for (const row of buttonsByRow(fewer)) expect(row[1]).toBe('Duplicate:on');
  });
});
