import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, depKey } from '../../shared/importer/aggregate';
import { resolveImports } from '../../shared/importer/resolve';
import type { ScanResult } from '../../shared/importer/types';
import { importPythonProject, scanPythonTree } from '../../main/services/python/importPython';

// The importer against CPython's own `ast` on a varied fixture tree (test/fixtures/python), copied to a temp
// folder where a symlink loop is added at runtime.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(repo, 'test/fixtures/python');

/** Files whose syntax error only a parser sees: the lexer reads them (docs/python-import.md). */
const PARSER_ONLY_ERRORS = ['lexer_cases/parser_only_error.py'];

interface Reference {
  files: string[];
  imports: Array<[string, number, string, string, string | null, string | null, string | null]>;
  classes: Array<[string, string, number, string[], Array<[string, number, string, string | null]>]>;
  calls: Array<[string, number, number]>;
  installedApps: Array<[string, string[]]>;
  authUserModel: Array<[string, string]>;
  errors: Array<[string, number | null, string]>;
}

let dir: string;
let reference: Reference;
let scan: ScanResult;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-py-'));
  await fs.cp(fixture, dir, { recursive: true });
  // A symlink loop: a folder that links back to its own parent.
  await fs.symlink('..', path.join(dir, 'lexer_cases/deep/loop'));
  const out = execFileSync('python3', [path.join(repo, 'scripts/py_ast_deps.py'), dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  reference = JSON.parse(out) as Reference;
  scan = await scanPythonTree(dir, { workers: 0 });
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const byPath = () => new Map(scan.files.map((f) => [f.path, f]));

describe('the Python importer against CPython ast on the fixture', () => {
  it('reads the same files: .gitignore, virtualenvs and the symlink loop left out', () => {
    const read = [...scan.files.map((f) => f.path), ...scan.problems.map((p) => p.path)];
    expect([...new Set(read)].sort()).toEqual(reference.files);
    expect(read.some((f) => f.includes('generated/') || f.includes('venv/') || f.includes('scratch') || f.includes('/loop/'))).toBe(false);
    expect(scan.skipped).toBeGreaterThanOrEqual(4);
  });

  it('flags the files CPython cannot parse, except those whose error only a parser sees', () => {
    const ours = scan.problems.map((p) => p.path).sort();
    const theirs = reference.errors
      .map((e) => e[0])
      .filter((f) => !PARSER_ONLY_ERRORS.includes(f))
      .sort();
    expect(ours).toEqual(theirs);
    const lines = new Map(scan.files.filter((f) => f.error).map((f) => [f.path, f.error!.line]));
    for (const [file, line] of reference.errors) if (lines.has(file)) expect([file, lines.get(file)]).toEqual([file, line]);
  });

  it('finds every import with the same line, kind, scope, absolute module and resolved target', () => {
    const modules = new Set(scan.files.map((f) => f.module));
    const skip = new Set([...reference.errors.map((e) => e[0])]);
    const ours: Reference['imports'] = [];
    for (const file of scan.files) {
      if (skip.has(file.path)) continue;
      for (const r of resolveImports(file, modules)) {
        const target = r.target ?? (r.external ? `ext:${r.external.top}:${r.external.stdlib ? 'stdlib' : 'third-party'}` : null);
        ours.push([file.path, r.record.line, r.record.kind, r.record.scope, r.base, r.name, target]);
      }
    }
    const key = (row: Reference['imports'][number]) => JSON.stringify(row);
    expect(ours.map(key).sort()).toEqual(reference.imports.map(key).sort());
    expect(reference.imports.length).toBeGreaterThan(100);
  });

  it('finds the same classes, bases and relation fields', () => {
    const skip = new Set(reference.errors.map((e) => e[0]));
    const ours = scan.files
      .filter((f) => !skip.has(f.path))
      .flatMap((f) => f.classes.map((c) => [f.path, c.name, c.line, c.bases, c.fields.map((x) => [x.name, x.line, x.field, x.target])]));
    const key = (row: unknown) => JSON.stringify(row);
    expect(ours.map(key).sort()).toEqual(reference.classes.map(key).sort());
  });

  it('counts the same Blueprint( and APIRouter( calls and reads the same INSTALLED_APPS and AUTH_USER_MODEL', () => {
    const ours = scan.files.filter((f) => f.blueprints || f.routers).map((f) => [f.path, f.blueprints, f.routers]);
    expect(ours).toEqual(reference.calls);
    const apps = scan.files.filter((f) => f.installedApps).map((f) => [f.path, f.installedApps]);
    expect(apps).toEqual(reference.installedApps);
    const userModels = scan.files.filter((f) => f.authUserModel).map((f) => [f.path, f.authUserModel]);
    expect(userModels).toEqual(reference.authUserModel);
    expect(userModels).toHaveLength(1);
  });

  it('still counts the imports of a file whose error only a parser sees', () => {
    const file = byPath().get('lexer_cases/parser_only_error.py')!;
    expect(file.error).toBeNull();
    expect(file.imports.map((i) => i.module)).toEqual(['counted_anyway']);
  });
});

describe('the import report', () => {
  it('lists each unreadable or broken file as path: reason with its line', () => {
    const report = Object.fromEntries(scan.problems.map((p) => [p.path, p.reason]));
    expect(report['lexer_cases/bad_bytes.py']).toBe('not valid UTF-8 (line 2) and no coding declaration');
    expect(report['lexer_cases/broken_string.py']).toBe('unterminated triple-quoted string literal (line 2)');
    expect(report['lexer_cases/broken_indent.py']).toBe('unindent does not match any outer indentation level (line 6)');
    expect(report['lexer_cases/broken_bracket.py']).toBe("closing parenthesis ']' does not match opening parenthesis '(' (line 2)");
  });

  it('keeps the imports found before a syntax error', () => {
    expect(
      byPath()
        .get('lexer_cases/broken_string.py')!
        .imports.map((i) => i.module),
    ).toEqual(['before_error']);
  });

  it('decodes Latin-1 and cp1252 files that declare their coding', () => {
    const files = byPath();
    expect(files.get('lexer_cases/latin1.py')!.imports.map((i) => i.module)).toEqual(['latin_dep']);
    expect(files.get('lexer_cases/cp1252.py')!.imports.map((i) => i.module)).toEqual(['cp1252_dep']);
  });

  it('names modules from the source roots: the Django project folder and src/', () => {
    expect(scan.sourceRoots).toEqual(['', 'django_site', 'src']);
    const files = byPath();
    expect(files.get('django_site/orders/models.py')!.module).toBe('orders.models');
    expect(files.get('src/toolkit/helpers.py')!.module).toBe('toolkit.helpers');
    expect(files.get('django_site/orders/migrations/0001_initial.py')!.isMigration).toBe(true);
  });
});

describe('aggregation of the fixture', () => {
  it('groups by Django app and finds cross-app data dependencies by class and by "app.Model" string', () => {
    const result = aggregate(scan, 'app');
    const names = result.modules.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['accounts', 'catalog', 'orders', 'core', 'config', 'lexer_cases', 'toolkit']));
    const data = result.dependencies.filter((d) => d.kind === 'data').map((d) => `${d.from}->${d.to}:${d.weight}`);
    // catalog -> accounts: supplier "accounts.Customer" and owner settings.AUTH_USER_MODEL (= accounts.Customer).
    expect(data.sort()).toEqual(['catalog->accounts:2', 'orders->accounts:2', 'orders->catalog:2']);
    const orders = result.modules.find((m) => m.name === 'orders')!;
    expect(orders.entities).toEqual(['Order', 'OrderLine']);
    expect(result.modules.find((m) => m.name === 'accounts')!.entities).toEqual(['Address', 'Customer']);
    // TimeStampedModel is abstract (class Meta: abstract = True): no table, no entity.
    expect(result.modules.find((m) => m.name === 'core')!.entities).toEqual([]);
    const evidence = result.evidence.get(depKey({ from: 'orders', to: 'catalog', kind: 'data' }))!;
    expect(evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['django_site/orders/models.py:9', 'django_site/orders/models.py:19']);
  });

  it('weighs import dependencies by statements and keeps file:line evidence; migrations count apart', () => {
    const result = aggregate(scan, 'app');
    const dep = result.dependencies.find((d) => d.from === 'orders' && d.to === 'catalog' && d.kind === 'import')!;
    // orders/models.py:4, orders/services.py:5 and :11 (migrations/0001_initial.py is not counted).
    expect(dep.weight).toBe(3);
    expect(result.evidence.get(depKey(dep))!.map((e) => `${e.file}:${e.line}`)).toEqual([
      'django_site/orders/models.py:4',
      'django_site/orders/services.py:5',
      'django_site/orders/services.py:11',
    ]);
    const cycle = result.dependencies.find((d) => d.from === 'catalog' && d.to === 'orders' && d.kind === 'import')!;
    expect(cycle.weight).toBe(2);
    const facts = result.facts.find((f) => f.moduleId === 'orders')!;
    expect(facts).toMatchObject({ files: 4, migrationFiles: 2, thirdParty: { celery: 1, django: 2, requests: 1 } });
    const lexer = result.facts.find((f) => f.moduleId === 'lexer-cases')!;
    expect(lexer).toMatchObject({ blueprints: 2, routers: 2 });
    expect(result.modules.find((m) => m.name === 'orders')!.path).toBe('django_site/orders');
  });

  it('changes granularity without reading the files again', async () => {
    const copy = structuredClone(scan);
    const gone = path.join(os.tmpdir(), `carve-py-gone-${process.pid}`);
    copy.root = gone;
    const byPackage = aggregate(copy, 'package');
    expect(byPackage.modules.map((m) => m.name)).toContain('lexer_cases');
    const byDepth = aggregate(copy, 'depth:3');
    expect(byDepth.modules.map((m) => m.name)).toEqual(expect.arrayContaining(['lexer_cases.deep.deeper', 'orders.models']));
    // manage.py is a script at every granularity: read and reported, never a module.
    expect(byDepth.modules.map((m) => m.name)).not.toContain('manage');
    expect(byDepth.grouping.leftOut.find((l) => l.kind === 'scripts')!.places).toContain('django_site/manage.py');
    const deeper = byDepth.modules.find((m) => m.name === 'lexer_cases.deep.deeper')!;
    expect(deeper.path).toBe('lexer_cases/deep/deeper');
    expect(byDepth.dependencies.some((d) => d.from === 'lexer-cases-deep-deeper' && d.to === 'lexer-cases-forms')).toBe(true);
  });
});

describe('importPythonProject', () => {
  it('gives the same result from two worker threads as in this thread, with progress to the total', async () => {
    const progress: Array<[number, number]> = [];
    const pooled = await importPythonProject(dir, {
      granularity: 'app',
      workers: 2,
      helpUntilReady: false,
      onProgress: (d, t) => progress.push([d, t]),
    });
    const inline = await importPythonProject(dir, { granularity: 'app', workers: 0 });
    expect(pooled.scan.files).toEqual(inline.scan.files);
    expect(pooled.dependencies).toEqual(inline.dependencies);
    expect(progress.at(-1)).toEqual([pooled.scan.files.length + 1, pooled.scan.files.length + 1]);
    expect(pooled.report.files).toBe(pooled.scan.files.length);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(importPythonProject(dir, { granularity: 'app', signal: controller.signal })).rejects.toThrow('cancelled by the user');
  });

  it('names a missing folder in one line', async () => {
    await expect(importPythonProject(path.join(dir, 'nope'), { granularity: 'app' })).rejects.toThrow(/nope: no such folder$/);
  });
});
