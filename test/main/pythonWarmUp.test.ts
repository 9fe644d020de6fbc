import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPythonSource } from '../../shared/importer/scanSource';
import { ALCHEMY, MODELS, warmUpScanner } from '../../shared/importer/warmUp';

// The lexer's warm-up texts (shared/importer/warmUp.ts) must be Python as CPython reads it, so that the
// feedback they record is the feedback of real code, and warming up must leave no trace in later scans.

const repo = path.resolve(__dirname, '../..');
const fixture = path.join(repo, 'test/fixtures/python');

type ImportRow = [file: string, line: number, kind: string, scope: string, module: string, name: string | null, target: string];

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-warmup-'));
  await fs.writeFile(path.join(dir, 'models.py'), MODELS);
  await fs.writeFile(path.join(dir, 'alchemy.py'), ALCHEMY);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the scanner warm-up', () => {
  it('scans texts that CPython parses, finding the imports and classes its ast finds', () => {
    const out = execFileSync('python3', [path.join(repo, 'scripts/py_ast_deps.py'), dir], { encoding: 'utf8' });
    const reference = JSON.parse(out) as {
      imports: ImportRow[];
      classes: Array<[file: string, name: string, line: number]>;
      errors: unknown[];
    };
    expect(reference.errors).toEqual([]);
    for (const [file, text] of [
      ['models.py', MODELS],
      ['alchemy.py', ALCHEMY],
    ] as const) {
      const scan = scanPythonSource(text);
      expect(scan.error).toBeNull();
      const ours = scan.imports.flatMap((i) =>
        (i.names ?? [null]).map((name) => `${i.line} ${i.kind} ${i.scope} ${i.level > 0 ? '(relative)' : i.module} ${name}`),
      );
      // The reference names a relative import's module from the tree ('' or null here, outside a package).
      const theirs = reference.imports
        .filter((row) => row[0] === file)
        .map(([, line, kind, scope, module, name]) => `${line} ${kind} ${scope} ${module ? module : '(relative)'} ${name}`);
      expect(ours).toEqual(theirs);
      expect(scan.classes.map((c) => `${c.line} ${c.name}`)).toEqual(
        reference.classes.filter((c) => c[0] === file).map((c) => `${c[2]} ${c[1]}`),
      );
    }
  });

  it('leaves no trace: every fixture file scans the same before and after it', async () => {
    const files = (await fs.readdir(path.join(fixture, 'lexer_cases'))).filter((f) => f.endsWith('.py'));
    const texts = await Promise.all(files.map((f) => fs.readFile(path.join(fixture, 'lexer_cases', f), 'latin1')));
    const before = texts.map((text) => JSON.stringify(scanPythonSource(text)));
    warmUpScanner();
    warmUpScanner();
    expect(texts.map((text) => JSON.stringify(scanPythonSource(text)))).toEqual(before);
    expect(before.length).toBeGreaterThan(10);
  });
});
