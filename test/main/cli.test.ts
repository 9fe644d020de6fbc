import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadCommands } from '../../main/cli/run';
import { runCarve } from './cliHarness';
import { LoadError } from '../../shared/format/errors';
import { loadProject, MAX_FILE_BYTES } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { createProject } from '../../shared/model/create';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { CARVE_VERSION } from '../../shared/version';

// The carve command run in-process (no build needed): exit codes and the exact lines a person reads.

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carve-cli-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const carve = (...argv: string[]) => runCarve(dir, argv);

function loadErrorOf(text: string): string {
  try {
    loadProject(new TextEncoder().encode(text));
  } catch (error) {
    if (error instanceof LoadError) return error.message;
    throw error;
  }
  throw new Error('expected a LoadError');
}

const noStackTrace = (lines: string[]) => expect(lines.join('\n')).not.toMatch(/\n\s+at |Error:|\.ts:\d+/);

describe('carve validate', () => {
  it('accepts valid files: exit 0, one "FILE: ok" line each, nothing on stderr', async () => {
    await writeFile(join(dir, 'a.carve'), serializeProject(createProject('Alpha')));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'b.carve'), serializeProject(createProject('Beta')));
    const result = await carve('validate', 'a.carve', 'sub/b.carve');
    expect(result).toEqual({ code: 0, out: ['a.carve: ok', 'sub/b.carve: ok'], err: [] });
  });

  it('accepts the bundled sample once saved', async () => {
    await writeFile(join(dir, 'acme.carve'), serializeProject(loadSampleProject()));
    expect(await carve('validate', 'acme.carve')).toEqual({ code: 0, out: ['acme.carve: ok'], err: [] });
  });

  it('refuses a 50 MB file by its size, without reading it', async () => {
    await writeFile(join(dir, 'huge.carve'), '');
    await truncate(join(dir, 'huge.carve'), 50 * 1024 * 1024);
    const result = await carve('validate', 'huge.carve');
    expect(result.code).toBe(1);
    expect(result.err).toEqual([`huge.carve: the file is too large (50 MB; Carve opens files up to 32 MB)`]);
    expect(MAX_FILE_BYTES).toBe(32 * 1024 * 1024);
  });

  it('--quiet prints nothing for valid files', async () => {
    await writeFile(join(dir, 'a.carve'), serializeProject(createProject('Alpha')));
    expect(await carve('validate', '--quiet', 'a.carve')).toEqual({ code: 0, out: [], err: [] });
  });

  it('names each bad file on stderr in one line, in the words the app uses, and exits 1', async () => {
    const broken = '{"format": "carve-project", "formatVersion": 1, "project": ';
    await writeFile(join(dir, 'broken.carve'), broken);
    await writeFile(join(dir, 'empty.carve'), '');
    const result = await carve('validate', 'broken.carve', 'empty.carve', 'missing.carve', '.');
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([
      `broken.carve: ${loadErrorOf(broken)}`,
      `empty.carve: ${loadErrorOf('')}`,
      'missing.carve was not found',
      '. is a folder, not a file',
    ]);
    noStackTrace(result.err);
  });

  it('reports a mix: ok lines for the good, error lines for the bad, exit 1', async () => {
    const newer = JSON.stringify({ format: 'carve-project', formatVersion: 99, savedBy: 'carve 9', project: {} });
    await writeFile(join(dir, 'good.carve'), serializeProject(createProject('Good')));
    await writeFile(join(dir, 'newer.carve'), newer);
    const result = await carve('validate', 'good.carve', 'newer.carve');
    expect(result).toEqual({ code: 1, out: ['good.carve: ok'], err: [`newer.carve: ${loadErrorOf(newer)}`] });
  });

  it('is a usage error (exit 2) without files', async () => {
    const result = await carve('validate');
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['carve: validate needs at least one FILE (see carve --help)']);
  });
});

describe('carve new', () => {
  it('writes an empty project that validates, with the bytes the format writes', async () => {
    const result = await carve('new', 'Order Platform', '--out', 'plan.carve');
    expect(result).toEqual({ code: 0, out: ['Created plan.carve (project "Order Platform")'], err: [] });
    expect(await readFile(join(dir, 'plan.carve'), 'utf8')).toBe(serializeProject(createProject('Order Platform')));
    expect((await carve('validate', 'plan.carve')).code).toBe(0);
  });

  it('refuses to overwrite an existing file: exit 1, the file untouched', async () => {
    await writeFile(join(dir, 'plan.carve'), 'precious');
    const result = await carve('new', 'Other', '-o', 'plan.carve');
    expect(result.code).toBe(1);
    expect(result.err).toEqual(['plan.carve: already exists; Carve does not replace it (choose another --out)']);
    expect(await readFile(join(dir, 'plan.carve'), 'utf8')).toBe('precious');
  });

  it('fails in one line when the folder does not exist', async () => {
    const result = await carve('new', 'X', '--out', 'no/such/folder/x.carve');
    expect(result.code).toBe(1);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^no\/such\/folder\/x\.carve: the folder .* does not exist$/);
    noStackTrace(result.err);
  });

  it('is a usage error without --out, without a NAME, or with two names', async () => {
    for (const argv of [
      ['new', 'X'],
      ['new', '--out', 'x.carve'],
      ['new', 'A', 'B', '--out', 'x.carve'],
      ['new', 'X', '--out'],
    ]) {
      const result = await carve(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toHaveLength(1);
      expect(result.err[0]).toMatch(/^carve: .+ \(see carve --help\)$/);
    }
  });
});

describe('help, version and usage errors', () => {
  it('--help lists every command with its usage, exit 0', async () => {
    const result = await carve('--help');
    expect(result.code).toBe(0);
    for (const command of await loadCommands()) {
      expect(result.out).toContain(`  carve ${command.name} ${command.synopsis}`);
    }
    expect(result.out.join('\n')).toContain('carve --version');
  });

  it('COMMAND --help shows that command and runs nothing', async () => {
    const result = await carve('new', 'X', '--out', 'x.carve', '--help');
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe('Usage: carve new NAME --out FILE');
    expect((await carve('validate', 'x.carve')).code).toBe(1);
  });

  it('--version prints the version', async () => {
    expect(await carve('--version')).toEqual({ code: 0, out: [CARVE_VERSION], err: [] });
  });

  it('an unknown command or option is exit 2 with one line pointing at --help', async () => {
    expect(await carve('frobnicate')).toEqual({ code: 2, out: [], err: ['carve: unknown command "frobnicate" (see carve --help)'] });
    expect(await carve('--frob')).toEqual({ code: 2, out: [], err: ['carve: unknown option --frob (see carve --help)'] });
    expect(await carve('validate', '--frob=1', 'x.carve')).toEqual({
      code: 2,
      out: [],
      err: ['carve: unknown option --frob (see carve --help)'],
    });
    expect(await carve('validate', '--quiet=yes', 'x.carve')).toEqual({
      code: 2,
      out: [],
      err: ['carve: --quiet takes no value (see carve --help)'],
    });
  });

  it('no arguments at all: the usage on stderr, exit 2', async () => {
    const result = await carve();
    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toContain('carve validate FILE...');
  });

  it('any call that is not a command is exit 2 with exactly one line, never a throw', async () => {
    const names = new Set([...(await loadCommands()).map((command) => command.name), 'help', '--help', '-h', '--version', '-v', '-V']);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 5 }).filter((argv) => !names.has(argv[0]!)),
        async (argv) => {
          const result = await carve(...argv);
          expect(result.code).toBe(2);
          expect(result.out).toEqual([]);
          expect(result.err).toHaveLength(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});
