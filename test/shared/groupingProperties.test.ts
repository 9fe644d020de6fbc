import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../shared/importer/aggregate';
import type { Granularity } from '../../shared/importer/granularity';
import { supportKinds } from '../../shared/importer/roles';
import { emptyScan } from '../../shared/importer/scanSource';
import type { ScannedFile, ScanResult } from '../../shared/importer/types';

// Properties of the importer's grouping on generated trees: packages named like domains, layers (api/, models/,
// admin/ with v1/), tests, migrations, scripts and docs, with imports between random files and random
// blueprints. Whatever the tree, granularity and layer choice: no code is lost or counted twice, nothing left
// out becomes a module, every dependency joins two modules, and the granularity offered as chosen gives as many
// modules as the project has.

const SEGMENTS = [
  'shop',
  'orders',
  'order',
  'users',
  'catalog',
  'api',
  'v1',
  'models',
  'admin',
  'utils',
  'tests',
  'migrations',
  'scripts',
  'docs',
  'core',
  'reports',
];
const FILES = [
  '__init__',
  'views',
  'models',
  'routes',
  'helpers',
  'test_views',
  'conftest',
  'manage',
  'setup',
  'orders',
  'users',
  'reports',
];
const SUPPORT = new Set(['tests', 'migrations', 'scripts', 'docs']);

interface FileSpec {
  folders: string[];
  name: string;
  codeLines: number;
  blueprints: number;
  imports: number[];
}

const fileArb: fc.Arbitrary<FileSpec> = fc.record({
  folders: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 0, maxLength: 4 }),
  name: fc.constantFrom(...FILES),
  codeLines: fc.nat({ max: 400 }),
  blueprints: fc.constantFrom(0, 0, 0, 1),
  imports: fc.array(fc.nat({ max: 60 }), { maxLength: 4 }),
});

/** A tree where every folder is a package (so a file's dotted name is its path). */
function toScan(specs: FileSpec[]): ScanResult {
  const byPath = new Map<string, ScannedFile>();
  for (const spec of specs) {
    const path = [...spec.folders, `${spec.name}.py`].join('/');
    if (byPath.has(path)) continue;
    const isPackage = spec.name === '__init__';
    const module = [...spec.folders, ...(isPackage ? [] : [spec.name])].join('.');
    if (module === '') continue;
    byPath.set(path, {
      ...emptyScan(),
      path,
      module,
      isPackage,
      isMigration: spec.folders.includes('migrations'),
      codeLines: spec.codeLines,
      lines: spec.codeLines,
      blueprints: spec.blueprints,
    });
  }
  const files = [...byPath.values()];
  specs.forEach((spec, k) => {
    const file = files[k % Math.max(files.length, 1)];
    if (!file) return;
    spec.imports.forEach((target, stmt) => {
      const to = files[target % files.length]!;
      file.imports.push({ line: stmt + 1, stmt, level: 0, module: to.module, names: null, scope: 'module', kind: 'runtime' });
    });
  });
  return { root: '/tree', sourceRoots: [''], files, installedApps: [], problems: [], skipped: 0 };
}

/** A layered app: shop/<layer>/<domain>.py for some layers and domains, and some domains as packages of their own. */
const layeredArb = fc
  .record({
    domains: fc.subarray(['orders', 'users', 'catalog', 'reports', 'payments'], { minLength: 2 }),
    layers: fc.subarray([['api', 'v1'], ['models'], ['admin'], ['graphql']], { minLength: 1 }),
    real: fc.subarray(['orders', 'users', 'catalog', 'reports', 'payments']),
    codeLines: fc.nat({ max: 200 }),
  })
  .map(({ domains, layers, real, codeLines }) => [
    ...layers.flatMap((layer) =>
      domains.map((domain): FileSpec => ({ folders: ['shop', ...layer], name: domain, codeLines, blueprints: 0, imports: [] })),
    ),
    ...real.map((domain): FileSpec => ({ folders: ['shop', domain], name: '__init__', codeLines, blueprints: 1, imports: [] })),
  ]);

describe('grouping properties', () => {
  it('keeps every line of code in exactly one module, leaves support files out, and joins only modules', () => {
    // How often the generated trees met the cases that matter (checked below, so the property is not vacuous).
    const seen = { attributed: 0, leftOut: 0, dependencies: 0, made: 0 };
    fc.assert(
      fc.property(
        fc.tuple(layeredArb, fc.array(fileArb, { minLength: 1, maxLength: 30 })).map(([layered, random]) => [...layered, ...random]),
        fc.constantFrom<Granularity>('auto', 'package', 'depth:2', 'depth:3'),
        fc.boolean(),
        (specs, granularity, keepLayers) => {
          const scan = toScan(specs);
          const result = aggregate(scan, granularity, { keepLayers });
          const kinds = supportKinds(scan);
          const code = scan.files.filter((f) => !kinds.has(f.path));
          const moduleLines = result.modules.reduce((sum, m) => sum + m.linesOfCode, 0);
          expect(moduleLines).toBe(code.reduce((sum, f) => sum + f.codeLines, 0));
          const leftOut = result.grouping.leftOut.reduce((sum, l) => sum + l.files, 0);
          expect(leftOut).toBe(kinds.size);
          for (const module of result.modules) expect(module.name.split('.').some((part) => SUPPORT.has(part))).toBe(false);
          const names = result.modules.map((m) => m.name);
          expect(new Set(names).size).toBe(names.length);
          const ids = new Set(result.modules.map((m) => m.id));
          for (const dep of result.dependencies) {
            expect(ids.has(dep.from) && ids.has(dep.to) && dep.from !== dep.to).toBe(true);
            for (const place of dep.evidence) expect(kinds.has(place.file)).toBe(false);
          }
          const chosen = result.grouping.options.find((o) => o.granularity === result.grouping.granularity);
          expect(chosen?.modules).toBe(result.modules.length);
          for (const layer of result.grouping.layers) for (const file of layer.attributed) expect(names).toContain(file.module);
          if (keepLayers) expect(result.grouping.layers.every((l) => l.attributed.length === 0)).toBe(true);
          if (result.grouping.layers.some((l) => l.attributed.length > 0)) seen.attributed++;
          if (result.grouping.madeFromLayers.length > 0) seen.made++;
          if (kinds.size > 0) seen.leftOut++;
          if (result.dependencies.length > 0) seen.dependencies++;
        },
      ),
      { numRuns: 300, seed: 8 },
    );
    expect(Object.values(seen).every((n) => n >= 10)).toBe(true);
  });
});
