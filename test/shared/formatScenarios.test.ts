import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LoadError, type LoadErrorKind } from '../../shared/format/errors';
import { FORMAT_NAME, parseProjectText } from '../../shared/format/load';
import { runMigrations } from '../../shared/format/migrate';
import { serializeProject } from '../../shared/format/save';
import { MAX_OTHER_SCENARIOS } from '../../shared/model/project';

// Format version 2: scenarios. Version 1 files migrate (their design becomes "Current design"); a scenario's
// payload is held to the same rules as the active design, and every bad one is refused in one line.

const v2 = readFileSync(new URL('../fixtures/format/v2.carve', import.meta.url), 'utf8');

/** Plain JSON a test may break in any way: typed loosely on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

/** The version 2 fixture's text with `edit` applied to its project. */
function edited(edit: (project: LooseJson) => void): string {
  const file = JSON.parse(v2) as LooseJson;
  edit(file.project);
  return JSON.stringify(file, null, 2);
}

function refusal(text: string): LoadError {
  try {
    parseProjectText(text);
  } catch (error) {
    if (error instanceof LoadError) return error;
    throw error;
  }
  throw new Error('expected a LoadError, but the file opened');
}

function expectRefused(text: string, kind: LoadErrorKind, message: string | RegExp, where?: string): void {
  const error = refusal(text);
  expect(error.kind).toBe(kind);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.message).not.toMatch(/[\n\r]|^\[/);
  if (where !== undefined) expect(error.where).toBe(where);
}

describe('migration 002: scenarios', () => {
  it('names the design "Current design" and adds no other scenario, dropping stray fields of those names', () => {
    const v1 = { id: 'p', name: 'P', services: [], scenario: 'junk', otherScenarios: 5 };
    expect(runMigrations(v1, 1, 2)).toEqual({
      id: 'p',
      name: 'P',
      services: [],
      scenario: { id: 'current', name: 'Current design', description: '' },
      otherScenarios: [],
    });
    expect(v1.scenario).toBe('junk'); // the input is not mutated
  });

  it('runs when a version 1 file is opened, and the result saves as version 2', () => {
    const text = JSON.stringify({
      format: FORMAT_NAME,
      formatVersion: 1,
      project: { id: 'p', name: 'P', otherScenarios: 'ignored in version 1' },
    });
    const project = parseProjectText(text);
    expect(project.scenario.name).toBe('Current design');
    expect(project.otherScenarios).toEqual([]);
    expect(serializeProject(project)).toMatch(/^\{\n {2}"format": "carve-project",\n {2}"formatVersion": 2,/);
  });

  it('opens the example of docs/file-format.md', () => {
    const docs = readFileSync(new URL('../../docs/file-format.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('### project.otherScenarios[]'));
    const example = /```json\n([\s\S]*?)\n```/.exec(section)![1]!;
    const project = parseProjectText(example);
    expect(project.scenario.name).toBe('Payments first');
    expect(project.services.map((s) => s.id)).toEqual(['payments-svc']);
    expect(project.otherScenarios[0]!.services[0]!.moduleIds).toEqual(['catalog', 'orders']);
    expect(project.otherScenarios[0]!.planning.defaultPhaseWeeks).toBe(4); // defaults filled in a scenario too
  });
});

describe('hostile scenario payloads', () => {
  it('refuses scenarios of the wrong shape, naming the field', () => {
    expectRefused(
      edited((p) => (p.otherScenarios = 'all of them')),
      'invalid',
      /^"otherScenarios" should be a list, not the text "all of them" \(at project\.otherScenarios\)$/,
    );
    expectRefused(
      edited((p) => (p.otherScenarios = [null])),
      'invalid',
      /\(at project\.otherScenarios\[0\]\)$/,
    );
    expectRefused(
      edited((p) => (p.scenario = null)),
      'invalid',
      /\(at project\.scenario\)$/,
    );
    expectRefused(
      edited((p) => delete p.otherScenarios[0].name),
      'invalid',
      '"name" is missing (at project.otherScenarios[0].name)',
    );
    expectRefused(
      edited((p) => (p.scenario.name = '')),
      'invalid',
      '"name" cannot be empty (at project.scenario.name)',
    );
    expectRefused(
      edited((p) => (p.otherScenarios[0].name = 'x'.repeat(10_000))),
      'invalid',
      /^"name" is too long: at most 200 characters \(at project\.otherScenarios\[0\]\.name\)$/,
    );
    expectRefused(
      edited((p) => (p.otherScenarios[0].services[0].moduleIds = 'catalog')),
      'invalid',
      /\(at project\.otherScenarios\[0\]\.services\[0\]\.moduleIds\)$/,
    );
    expectRefused(
      edited((p) => (p.otherScenarios[0].planning.startDate = 'soon')),
      'invalid',
      /\(at project\.otherScenarios\[0\]\.planning\.startDate\)$/,
    );
  });

  it(`refuses more than ${MAX_OTHER_SCENARIOS} other scenarios`, () => {
    const text = edited((p) => {
      const [first] = p.otherScenarios;
      p.otherScenarios = Array.from({ length: MAX_OTHER_SCENARIOS + 1 }, (_, k) => ({ ...first, id: `s${k}`, name: `S${k}` }));
    });
    expectRefused(text, 'invalid', '"otherScenarios" has too many entries: at most 50 (at project.otherScenarios)');
  });

  it('holds each scenario to the rules of a design, against the shared modules, naming the scenario', () => {
    expectRefused(
      edited((p) => (p.otherScenarios[0].services[0].moduleIds = ['catalog', 'shop.x'])),
      'integrity',
      'scenario "One store service": service "store" lists module "shop.x" that does not exist (at project.otherScenarios[0].services[0].moduleIds[1])',
      'project.otherScenarios[0].services[0].moduleIds[1]',
    );
    expectRefused(
      edited((p) => p.otherScenarios[0].services.push({ id: 'other', name: 'Other', moduleIds: ['orders'] })),
      'integrity',
      'scenario "One store service": module "orders" is in two services, "store" and "other" (at project.otherScenarios[0].services[1].moduleIds[0])',
    );
    // References stay inside their design: the active design's services and phases are not the scenario's.
    expectRefused(
      edited((p) => p.otherScenarios[0].links.push({ id: 'l', from: 'store', to: 'payments-svc' })),
      'integrity',
      'scenario "One store service": link "l" leads to service "payments-svc" that does not exist (at project.otherScenarios[0].links[0].to)',
    );
    expectRefused(
      edited((p) => (p.otherScenarios[0].services[0].pinnedPhaseId = 'phase-1')),
      'integrity',
      /^scenario "One store service": service "store" is pinned to phase "phase-1" that does not exist/,
    );
    expectRefused(
      edited((p) => p.otherScenarios[0].layout.nodes.push({ id: 'payments-svc', x: 0, y: 0 })),
      'integrity',
      /^scenario "One store service": the layout places "payments-svc", which is neither a service nor the Monolith/,
    );
    expectRefused(
      edited((p) => (p.otherScenarios[0].services[0].id = 'monolith')),
      'integrity',
      /^scenario "One store service": a service cannot have the id "monolith"/,
    );
    expectRefused(
      edited((p) => p.otherScenarios[0].phases.push(p.otherScenarios[0].phases[0])),
      'integrity',
      /^scenario "One store service": two phases have the id "store-phase"/,
    );
    expectRefused(
      edited((p) => (p.otherScenarios[0].planning.startDate = '2027-02-30')),
      'integrity',
      /^scenario "One store service": the plan's start date "2027-02-30" is not a real day/,
    );
  });

  it('refuses two scenarios with one id or one name, the active one included', () => {
    expectRefused(
      edited((p) => (p.otherScenarios[0].id = 'payments-first')),
      'integrity',
      'two scenarios have the id "payments-first" (at project.otherScenarios[0].id)',
    );
    expectRefused(
      edited((p) => (p.otherScenarios[0].name = 'Payments first')),
      'integrity',
      'two scenarios are named "Payments first" (at project.otherScenarios[0].name)',
    );
    expectRefused(
      edited((p) => p.otherScenarios.push({ ...p.otherScenarios[0], name: 'Again' })),
      'integrity',
      'two scenarios have the id "big-store" (at project.otherScenarios[1].id)',
    );
  });

  it('refuses prototype keys inside a scenario', () => {
    const text = v2.replace('"id": "big-store",', '"id": "big-store", "__proto__": {"polluted": true},');
    expectRefused(text, 'forbidden-key', 'the key "__proto__" is not allowed in a Carve file (at project.otherScenarios[0].__proto__)');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('allows a module in a service of the active design and in one of another scenario', () => {
    const project = parseProjectText(edited((p) => (p.otherScenarios[0].services[0].moduleIds = ['catalog', 'orders', 'payments'])));
    expect(project.services[0]!.moduleIds).toEqual(['payments']);
    expect(project.otherScenarios[0]!.services[0]!.moduleIds).toContain('payments');
  });
});
