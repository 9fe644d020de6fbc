import { describe, expect, it } from 'vitest';
import { LoadError, type LoadErrorKind } from '../../shared/format/errors';
import {
  CURRENT_FORMAT_VERSION,
  FORMAT_NAME,
  MAX_FILE_BYTES,
  loadProject,
  parseProjectText,
  validateProject,
} from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { createProject } from '../../shared/model/create';
import { ProjectSchema, type ProjectInput } from '../../shared/model/project';

// Every kind of bad input a person might open, each with its named kind and a message that says what and where.

const encode = (text: string) => new TextEncoder().encode(text);
const envelope = (project: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: FORMAT_NAME, formatVersion: CURRENT_FORMAT_VERSION, savedBy: 'carve 0.1.0', project, ...extra });

const shop: ProjectInput = {
  id: 'shop',
  name: 'Shop',
  monolith: {
    modules: [
      { id: 'orders', name: 'shop.orders' },
      { id: 'cart', name: 'shop.cart' },
      { id: 'users', name: 'shop.users' },
    ],
    dependencies: [{ from: 'orders', to: 'cart' }],
  },
  services: [
    { id: 'ordering', name: 'Ordering', moduleIds: ['orders', 'cart'], pinnedPhaseId: 'p1' },
    { id: 'accounts', name: 'Accounts', moduleIds: ['users'] },
  ],
  links: [{ id: 'l1', from: 'ordering', to: 'accounts' }],
  phases: [{ id: 'p1', name: 'First' }],
  layout: {
    nodes: [
      { id: 'monolith', x: 0, y: 0 },
      { id: 'ordering', x: 10, y: 20 },
    ],
  },
};
const shopText = serializeProject(ProjectSchema.parse(shop));

/** The LoadError that `open` throws; fails the test when it throws anything else or nothing. */
function loadError(open: () => unknown): LoadError {
  try {
    open();
  } catch (error) {
    if (error instanceof LoadError) return error;
    throw error;
  }
  throw new Error('expected a LoadError, but the file opened');
}

function expectRefused(open: () => unknown, kind: LoadErrorKind, message: string | RegExp, where?: string): LoadError {
  const error = loadError(open);
  expect(error.kind).toBe(kind);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.message).not.toMatch(/[\n\r]/);
  if (where !== undefined) expect(error.where).toBe(where);
  return error;
}

/** Plain JSON a test may break in any way: typed loosely on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

/** A copy of the sound project with `edit` applied to its plain JSON. */
function edited(edit: (project: LooseJson) => void): string {
  const project = JSON.parse(JSON.stringify(ProjectSchema.parse(shop))) as LooseJson;
  edit(project);
  return envelope(project);
}

describe('loading a sound file', () => {
  it('opens what serializeProject wrote', () => {
    expect(parseProjectText(shopText)).toEqual(ProjectSchema.parse(shop));
  });

  it('fills in defaults for a hand-written file that gives only the required fields', () => {
    const project = parseProjectText(envelope({ id: 'p', name: 'P' }));
    expect(project).toEqual(createProject('P'));
    expect(project.monolith.framework).toBe('django');
  });

  it('accepts a UTF-8 byte order mark, in bytes and in text', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(shopText)]);
    expect(loadProject(withBom).name).toBe('Shop');
    expect(parseProjectText(`\ufeff${shopText}`).name).toBe('Shop');
  });

  it('accepts CRLF line ends and unknown envelope fields from other tools', () => {
    expect(parseProjectText(shopText.replace(/\n/g, '\r\n')).id).toBe('shop');
    expect(parseProjectText(envelope({ id: 'p', name: 'P', futureField: { a: 1 } }, { comment: 'hi' })).id).toBe('p');
  });

  it('exports the format constants others rely on', () => {
    expect(FORMAT_NAME).toBe('carve-project');
    expect(CURRENT_FORMAT_VERSION).toBe(2);
    expect(MAX_FILE_BYTES).toBe(32 * 1024 * 1024);
  });
});

describe('refusing bad files', () => {
  it('refuses an empty file and one of white space only', () => {
    expectRefused(() => loadProject(new Uint8Array()), 'empty', 'the file is empty');
    expectRefused(() => parseProjectText(''), 'empty', 'the file is empty');
    expectRefused(() => parseProjectText(' \n\t\r\n '), 'empty', 'the file is empty (only white space)');
    expectRefused(() => loadProject(new Uint8Array([0xef, 0xbb, 0xbf])), 'empty', 'the file is empty');
  });

  it('refuses a file larger than 32 MB by its size, before reading it as text', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0xff); // not even UTF-8: the size is checked first
    const started = performance.now();
    expectRefused(() => loadProject(big), 'too-large', 'the file is too large: 50.0 MB, Carve opens files up to 32.0 MB');
    expect(performance.now() - started).toBeLessThan(1000);
    expectRefused(() => parseProjectText(' '.repeat(MAX_FILE_BYTES + 1)), 'too-large', /too large/);
  });

  it('refuses invalid UTF-8 and names the byte and where it is', () => {
    const bytes = encode(shopText);
    bytes[20] = 0xff;
    expectRefused(() => loadProject(bytes), 'not-utf8', 'not UTF-8 text: the byte 0xFF at offset 20 (line 2) is not valid UTF-8');
    expectRefused(() => loadProject(new Uint8Array([0x7b, 0xc3])), 'not-utf8', /offset 1/); // cut inside a character
    expectRefused(() => loadProject(new Uint8Array([0xed, 0xa0, 0x80])), 'not-utf8', /offset 0/); // an encoded surrogate
    expectRefused(() => loadProject(new Uint8Array([0xc0, 0x80])), 'not-utf8', /0xC0/); // an overlong form
  });

  it('refuses text that is not JSON, with the line and column', () => {
    expectRefused(() => parseProjectText('hello'), 'not-json', "not JSON: unexpected character 'h' (line 1, column 1)");
    expectRefused(
      () => parseProjectText('{\n  "a": 1,\n}'),
      'not-json',
      'not JSON: a comma before a closing bracket (JSON allows no trailing comma) (line 2, column 9)',
    );
    expectRefused(
      () => parseProjectText("{'a': 1}"),
      'not-json',
      /expected a property name in double quotes, found "'" \(line 1, column 2\)/,
    );
    expectRefused(() => parseProjectText('{"a": "x\ty"}'), 'not-json', /control character \(U\+0009\).*line 1, column 9/);
    expectRefused(() => parseProjectText('{"a": 01}'), 'not-json', /a number cannot start with 0/);
    expectRefused(() => parseProjectText('{} {}'), 'not-json', "not JSON: unexpected '{' after the end of the data (line 1, column 4)");
    expectRefused(() => parseProjectText('{"a": tru}'), 'not-json', "not JSON: unexpected character 't' (line 1, column 7)");
  });

  it('refuses a truncated file, pointing at its end', () => {
    const cut = shopText.slice(0, Math.floor(shopText.length / 2));
    const lines = cut.split('\n');
    const error = expectRefused(
      () => parseProjectText(cut),
      'not-json',
      /^not JSON: (unexpected end of the file|a text value has no closing double quote) \(line \d+, column \d+\)$/,
    );
    if (error.message.includes('end of the file'))
      expect(error.message).toContain(`(line ${lines.length}, column ${lines.at(-1)!.length + 1})`);
  });

  it('refuses JSON of another program, and JSON that is not an object', () => {
    const packageJson = JSON.stringify({ name: 'left-pad', version: '1.3.0', scripts: { test: 'node test' } }, null, 2);
    expectRefused(() => parseProjectText(packageJson), 'not-carve', 'not a Carve project: "format" should be "carve-project"');
    expectRefused(
      () => parseProjectText('{"format": "excalidraw"}'),
      'not-carve',
      'not a Carve project: "format" should be "carve-project", not the text "excalidraw"',
    );
    expectRefused(() => parseProjectText('[1, 2]'), 'not-carve', /not a Carve project: the file holds a list/);
    expectRefused(() => parseProjectText('42'), 'not-carve', /the file holds the number 42/);
    expectRefused(() => parseProjectText('null'), 'not-carve', /the file holds null/);
    expectRefused(() => parseProjectText('"carve-project"'), 'not-carve', /the file holds a text value/);
  });

  it('refuses a file made by a newer Carve', () => {
    const newer = shopText.replace('"formatVersion": 2', '"formatVersion": 3');
    expectRefused(() => parseProjectText(newer), 'newer-version', 'made by a newer Carve: format version 3, this Carve reads up to 2');
  });

  it('refuses a formatVersion that is not a whole number of 1 or more', () => {
    const withVersion = (v: string) => shopText.replace('"formatVersion": 2', `"formatVersion": ${v}`);
    expectRefused(
      () => parseProjectText(withVersion('"1"')),
      'invalid',
      '"formatVersion" should be a whole number such as 2, not the text "1" (at formatVersion)',
      'formatVersion',
    );
    expectRefused(() => parseProjectText(withVersion('1.5')), 'invalid', /not the number 1.5 \(at formatVersion\)$/);
    expectRefused(() => parseProjectText(withVersion('0')), 'invalid', '"formatVersion" should be 1 or more, not 0 (at formatVersion)');
    expectRefused(() => parseProjectText(withVersion('null')), 'invalid', /not null/);
    expectRefused(
      () => parseProjectText('{"format": "carve-project", "project": {}}'),
      'invalid',
      '"formatVersion" is missing (at formatVersion)',
    );
    expectRefused(
      () => parseProjectText('{"format": "carve-project", "formatVersion": 1}'),
      'invalid',
      '"project" is missing (at project)',
    );
  });

  it('names the field and the problem when the project does not match the model', () => {
    expectRefused(() => parseProjectText(edited((p) => delete p.name)), 'invalid', '"name" is missing (at project.name)', 'project.name');
    expectRefused(() => parseProjectText(edited((p) => (p.name = ''))), 'invalid', '"name" cannot be empty (at project.name)');
    expectRefused(
      () => parseProjectText(edited((p) => (p.monolith.modules[1].linesOfCode = 'many'))),
      'invalid',
      '"linesOfCode" should be a number, not the text "many" (at project.monolith.modules[1].linesOfCode)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.monolith.dependencies[0].weight = 1.5))),
      'invalid',
      /"weight" should be a whole number, not the number 1.5/,
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.monolith.framework = 'rails'))),
      'invalid',
      '"framework" should be one of "django", "flask", "fastapi", "other", not the text "rails" (at project.monolith.framework)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.services[0].id = 'has space'))),
      'invalid',
      '"id" is not valid: an id uses letters, digits and _ . : - only (at project.services[0].id)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.monolith.modules[0].tags = ['x'.repeat(61)]))),
      'invalid',
      'an entry of "tags" is too long: at most 60 characters (at project.monolith.modules[0].tags[0])',
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.layout.viewport.zoom = 0))),
      'invalid',
      '"zoom" is too small: at least 0.01 (at project.layout.viewport.zoom)',
    );
    expectRefused(() => parseProjectText(envelope([])), 'invalid', '"project" should be an object, not a list (at project)');
  });

  it('names the first problem and counts the others', () => {
    const text = edited((p) => {
      p.name = '';
      p.monolith.modules[0].id = '';
      p.services[1].apiStyle = 'soap';
    });
    expectRefused(() => parseProjectText(text), 'invalid', '"name" cannot be empty (at project.name), and 2 more problems');
  });

  it('refuses duplicate ids and names', () => {
    expectRefused(
      () => parseProjectText(edited((p) => (p.monolith.modules[2].id = 'orders'))),
      'integrity',
      /^two modules have the id "orders" \(at project\.monolith\.modules\[2\]\.id\)/,
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.monolith.modules[2].name = 'shop.cart'))),
      'integrity',
      'two modules are named "shop.cart" (at project.monolith.modules[2].name)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => p.services.push({ ...p.services[1], moduleIds: [] }))),
      'integrity',
      /^two services have the id "accounts" \(at project\.services\[2\]\.id\)/,
    );
    expectRefused(
      () => parseProjectText(edited((p) => p.phases.push(p.phases[0]))),
      'integrity',
      'two phases have the id "p1" (at project.phases[1].id)',
    );
  });

  it('refuses dangling references, naming the record, the missing id and the field', () => {
    expectRefused(
      () => parseProjectText(edited((p) => (p.services[1].moduleIds = ['shop.x']))),
      'integrity',
      'service "accounts" lists module "shop.x" that does not exist (at project.services[1].moduleIds[0])',
      'project.services[1].moduleIds[0]',
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.monolith.dependencies[0].to = 'gone'))),
      'integrity',
      'a dependency leads to module "gone" that does not exist (at project.monolith.dependencies[0].to)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.links[0].from = 'gone'))),
      'integrity',
      'link "l1" starts at service "gone" that does not exist (at project.links[0].from)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => (p.services[0].pinnedPhaseId = 'p9'))),
      'integrity',
      'service "ordering" is pinned to phase "p9" that does not exist (at project.services[0].pinnedPhaseId)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => p.layout.nodes.push({ id: 'gone', x: 1, y: 2 }))),
      'integrity',
      'the layout places "gone", which is neither a service nor the Monolith (at project.layout.nodes[2].id)',
    );
    expectRefused(
      () => parseProjectText(edited((p) => p.services[1].moduleIds.push('cart'))),
      'integrity',
      'module "cart" is in two services, "ordering" and "accounts" (at project.services[1].moduleIds[1])',
    );
  });

  it('refuses prototype keys anywhere, naming the path, even when spelled with escapes', () => {
    const where = (text: string) =>
      expectRefused(
        () => parseProjectText(text),
        'forbidden-key',
        /^the key "(__proto__|constructor|prototype)" is not allowed in a Carve file \(at .+\)$/,
      ).where;
    expect(where(shopText.replace('"format"', '"__proto__": {"polluted": true}, "format"'))).toBe('__proto__');
    expect(where(shopText.replace('"id": "orders"', '"id": "orders", "__proto__": {}'))).toBe('project.monolith.modules[0].__proto__');
    expect(where(shopText.replace('"id": "cart"', '"id": "cart", "constructor": 1'))).toBe('project.monolith.modules[1].constructor');
    expect(where(shopText.replace('"author"', '"extra": {"a": [{"prototype": 1}]}, "author"'))).toBe('project.extra.a[0].prototype');
    expect(where(shopText.replace('"author"', '"\\u005f_proto__": {}, "author"'))).toBe('project.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives 100,000-deep nesting at the top and inside the project, without recursion', () => {
    const depth = 100_000;
    const arrays = '['.repeat(depth) + ']'.repeat(depth);
    const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    expectRefused(() => parseProjectText(arrays), 'not-carve', /the file holds a list/);
    expectRefused(() => parseProjectText(objects), 'not-carve', /"format" should be "carve-project"/);
    const deepMessage = /^values are nested more than 64 levels deep \(line 1, column \d+\)$/;
    expectRefused(() => parseProjectText(envelope({ id: 'p', name: 'P', junk: 0 }).replace('0}', `${objects}}`)), 'invalid', deepMessage);
    expectRefused(
      () => parseProjectText(envelope({ id: 'p', name: 'P', services: 0 }).replace('0}', `${arrays}}`)),
      'invalid',
      deepMessage,
    );
    expectRefused(
      () => parseProjectText(envelope({ id: 'p', name: 'P' }, { junk: 0 }).replace('0}', `${arrays}}`)),
      'invalid',
      deepMessage,
    );
    expectRefused(() => parseProjectText('{"format":"carve-project","formatVersion":2,"project":' + arrays + '}'), 'invalid', deepMessage);
    const truncated = '['.repeat(depth);
    expectRefused(() => parseProjectText(truncated), 'not-json', /unexpected end of the file/);
  });

  it('keeps moderate nesting under unknown keys (a newer Carve may add nested fields)', () => {
    const nested = '{"a":'.repeat(30) + '1' + '}'.repeat(30);
    expect(parseProjectText(envelope({ id: 'p', name: 'P', junk: 0 }).replace('0}', `${nested}}`)).id).toBe('p');
  });
});

describe('validateProject (save and draft payloads)', () => {
  it('returns the project with defaults filled in', () => {
    expect(validateProject({ id: 'p', name: 'P' })).toEqual(createProject('P'));
  });

  it('throws a LoadError naming the problem for a bad payload', () => {
    expectRefused(() => validateProject({ id: 'p' }), 'invalid', '"name" is missing (at project.name)');
    expectRefused(() => validateProject(null), 'invalid', '"project" should be an object, not null (at project)');
    expectRefused(
      () => validateProject({ id: 'p', name: 'P', services: [{ id: 's', name: 'S', moduleIds: ['m'] }] }),
      'integrity',
      /lists module "m" that does not exist/,
    );
  });
});
