import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { hashBytes, openProjectFile } from '../../main/services/projectFiles';
import { loadProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The commands that write (export, import-python, new) through the one write path: special files refused in
// one line, `--out -` and /dev/stdout written as streams. The first two cases run the real carve process.

const FIXTURE = path.resolve(__dirname, '../fixtures/python');
const run = promisify(execFile);

let dir: string;
beforeEach(async () => {
  dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-cli-write-')));
  await fs.writeFile(path.join(dir, 'acme.carve'), serializeProject(loadSampleProject()));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** carve as a real process (through tsx, from the checkout); never rejects: the exit code is in the result. */
async function carveProcess(...argv: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const child = run(process.execPath, ['--import', 'tsx', path.resolve('main/cli/index.ts'), ...argv], {
    cwd: path.resolve('.'),
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return child.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr: stderr.toString('utf8') }),
    (error: { code: number; stdout: Buffer; stderr: Buffer }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr.toString('utf8'),
    }),
  );
}

/** carve in this process with its own streams, standard output as bytes. */
async function carve(...argv: string[]): Promise<{ code: number; out: string[]; err: string[]; bytes: Buffer }> {
  const out: string[] = [];
  const err: string[] = [];
  const chunks: Buffer[] = [];
  const code = await runCli(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    outBytes: async (bytes) => void chunks.push(Buffer.from(bytes)),
    cwd: dir,
  });
  return { code, out, err, bytes: Buffer.concat(chunks) };
}

describe('carve export, as a process', () => {
  it('--out /dev/null --force: exit 1, one line, and /dev/null is still a device', async () => {
    const result = await carveProcess('export', path.join(dir, 'acme.carve'), '--format', 'md', '--out', '/dev/null', '--force');
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toBe('/dev/null: it is a device, not a regular file\n');
    expect((await fs.stat('/dev/null')).isCharacterDevice()).toBe(true);
  });

  it('--out -: the export on stdout, byte for byte the file it would write; steps and summary on stderr', async () => {
    const result = await carveProcess('export', path.join(dir, 'acme.carve'), '--format', 'md', '--out', '-');
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      '[1/3] Planning the migration…',
      '[2/3] Rendering the Markdown…',
      '[3/3] Writing standard output…',
      expect.stringMatching(/^standard output: \d+ KB$/),
      '',
    ]);
    expect((await carve('export', 'acme.carve', '--format', 'md', '--out', 'roadmap.md')).code).toBe(0);
    expect(Buffer.compare(result.stdout, await fs.readFile(path.join(dir, 'roadmap.md')))).toBe(0);
  });
});

describe('the writing commands in this process', () => {
  it('export --out /dev/stdout is a stream too, and nothing is written to the folder', async () => {
    const result = await carve('export', 'acme.carve', '--format', 'json', '--out', '/dev/stdout');
    expect(result.code).toBe(0);
    expect(result.out).toEqual([]);
    expect(JSON.parse(result.bytes.toString('utf8'))).toHaveProperty('phases');
    expect(await fs.readdir(dir)).toEqual(['acme.carve']);
  });

  it('import-python --out -: the project on stdout (it opens), the summary on stderr', async () => {
    const result = await carve('import-python', FIXTURE, '--out', '-', '--name', 'Shop');
    expect(result.code).toBe(0);
    expect(result.out).toEqual([]);
    expect(result.err.at(-1)).toMatch(/^Wrote standard output: \d+ modules/);
    expect(loadProject(result.bytes).name).toBe('Shop');
    expect(await fs.readdir(dir)).toEqual(['acme.carve']);
  });

  it('refuses a FIFO, /dev/null and an over-long name in one line before any work, leaving them as they were', async () => {
    const fifo = path.join(dir, 'pipe.carve');
    await run('mkfifo', [fifo]);
    const long = `${'n'.repeat(294)}.carve`;
    const cases: Array<[string[], string]> = [
      [['import-python', FIXTURE, '--out', 'pipe.carve', '--force'], 'pipe.carve: it is a named pipe (FIFO), not a regular file'],
      [['import-python', FIXTURE, '--out', '/dev/null', '--force'], '/dev/null: it is a device, not a regular file'],
      [['new', 'X', '--out', '/dev/null'], '/dev/null: it is a device, not a regular file'],
      [['new', 'X', '--out', 'pipe.carve'], 'pipe.carve: it is a named pipe (FIFO), not a regular file'],
      [['export', 'acme.carve', '-f', 'csv', '-o', 'pipe.carve', '--force'], 'pipe.carve: it is a named pipe (FIFO), not a regular file'],
      [['new', 'X', '--out', long], `${long}: the file name is 300 bytes long; this file system allows 255`],
      [['export', 'acme.carve', '-f', 'csv', '-o', long], `${long}: the file name is 300 bytes long; this file system allows 255`],
    ];
    for (const [argv, line] of cases) {
      const result = await carve(...argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(
        result.err.filter((text) => !text.startsWith('scanned ')),
        argv.join(' '),
      ).toEqual([line]);
    }
    expect((await fs.lstat(fifo)).isFIFO()).toBe(true);
    expect((await fs.stat('/dev/null')).isCharacterDevice()).toBe(true);
    expect((await fs.readdir(dir)).sort()).toEqual(['acme.carve', 'pipe.carve']);
  });

  it('import-python --force over a project writes through the one path: the new project opens, no temp file left', async () => {
    const before = hashBytes(await fs.readFile(path.join(dir, 'acme.carve')));
    const result = await carve('import-python', FIXTURE, '--out', 'acme.carve', '--force', '--name', 'Shop');
    expect(result.code).toBe(0);
    const opened = await openProjectFile(path.join(dir, 'acme.carve'));
    expect(opened.project.name).toBe('Shop');
    expect(opened.hash).not.toBe(before);
    expect(await fs.readdir(dir)).toEqual(['acme.carve']);
  });
});
