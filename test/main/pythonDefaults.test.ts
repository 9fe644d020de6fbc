import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/services/handlers';
import { ImportJobs } from '../../main/services/importJobs';
import { createConfPreferences } from '../../main/services/preferences';
import { Workspace } from '../../main/services/workspace';
import type { ImportSummary } from '../../shared/api/contract';
import { createRouter } from '../../shared/api/router';
import { openProjectFile } from '../../main/services/projectFiles';
import { importPythonProject } from '../../main/services/python/importPython';
import { aggregate, type Aggregate } from '../../shared/importer/aggregate';
import { supportKinds } from '../../shared/importer/roles';
import { projectNameForFolder } from '../../shared/importer/toProject';
import { runCarve } from './cliHarness';

// Defaults that fit the code (issue 8, item 2): the granularity chosen per project, tests/migrations/scripts
// read but never modules, layer packages attributed to their domains, and bad trees refused in one line.
// Fixtures: test/fixtures/python-defaults (Flask blueprints, a layered FastAPI tree, a Django project).

const FIXTURES = path.resolve(__dirname, '../fixtures/python-defaults');
const names = (result: Pick<Aggregate, 'modules'>) => result.modules.map((m) => m.name);
const attributed = (result: Aggregate) => result.grouping.layers.flatMap((l) => l.attributed.map((a) => `${a.path} -> ${a.module}`));
/** Real files in a real folder: path (with folders) -> text. */
async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
}
const edge = (result: Aggregate, from: string, to: string, kind = 'import') => {
  const id = (name: string) => result.modules.find((m) => m.name === name)!.id;
  return result.dependencies.find((d) => d.from === id(from) && d.to === id(to) && d.kind === kind);
};

describe('the default granularity and what becomes a module', () => {
  it('a Flask project: the blueprints give depth 2, api/v1/ and admin/ go to their domains, tests and scripts are left out', async () => {
    const result = await importPythonProject(path.join(FIXTURES, 'flask_shop'), { granularity: 'auto', workers: 0 });
    expect(result.grouping.asked).toBe('auto');
    expect(result.grouping.granularity).toBe('depth:2');
    expect(result.grouping.reason).toBe(
      'Flask blueprints found in shop/admin, shop/api, shop/catalog and 3 more: chose depth 2, the level of the domain packages, 11 modules',
    );
    expect(names(result)).toEqual([
      'shop',
      'shop.admin',
      'shop.api',
      'shop.catalog',
      'shop.config',
      'shop.extensions',
      'shop.orders',
      'shop.payments',
      'shop.reports',
      'shop.users',
      'shop.utils',
    ]);
    expect(attributed(result)).toEqual([
      'shop/admin/catalog.py -> shop.catalog',
      'shop/admin/orders.py -> shop.orders',
      'shop/admin/reports.py -> shop.reports',
      'shop/api/v1/orders.py -> shop.orders',
      'shop/api/v1/reports.py -> shop.reports',
      'shop/api/v1/users.py -> shop.users',
    ]);
    // "reports" is in two layers and in no domain package: a module of its own.
    expect(result.grouping.madeFromLayers).toEqual(['shop.reports']);
    // The layers keep what serves every domain: the blueprints' __init__ and api/v1/helpers.py.
    expect(result.modules.find((m) => m.name === 'shop.api')).toMatchObject({ files: 3, path: 'shop/api' });
    expect(edge(result, 'shop.reports', 'shop.orders')!.evidence.map((e) => e.file)).toEqual([
      'shop/admin/reports.py',
      'shop/api/v1/reports.py',
    ]);
    expect(result.grouping.leftOut).toEqual([
      {
        kind: 'tests',
        files: 4,
        lines: 12,
        places: ['tests', 'conftest.py'],
        imports: [
          { module: 'shop', statements: 1 },
          { module: 'shop.catalog', statements: 1 },
          { module: 'shop.orders', statements: 1 },
          { module: 'shop.users', statements: 1 },
        ],
      },
      { kind: 'migrations', files: 2, lines: 7, places: ['migrations'], imports: [{ module: 'shop.extensions', statements: 1 }] },
      { kind: 'scripts', files: 3, lines: 8, places: ['manage.py', 'serve.py', 'setup.py'], imports: [{ module: 'shop', statements: 2 }] },
    ]);
    // Left-out files are no dependency's source.
    expect(result.dependencies.flatMap((d) => d.evidence.map((e) => e.file)).filter((f) => !f.startsWith('shop/'))).toEqual([]);
    expect(result.grouping.options).toEqual([
      { granularity: 'package', modules: 1 },
      { granularity: 'depth:2', modules: 11 },
      { granularity: 'depth:3', modules: 17 },
      { granularity: 'depth:4', modules: 17 },
    ]);
  });

  it('keeps layers as modules when asked, and says which were kept', async () => {
    const result = await importPythonProject(path.join(FIXTURES, 'flask_shop'), { granularity: 'auto', keepLayers: true, workers: 0 });
    expect(names(result)).toEqual([
      'shop',
      'shop.admin',
      'shop.api',
      'shop.catalog',
      'shop.config',
      'shop.extensions',
      'shop.orders',
      'shop.payments',
      'shop.users',
      'shop.utils',
    ]);
    expect(result.grouping).toMatchObject({
      keepLayers: true,
      madeFromLayers: [],
      layers: [
        { layer: 'shop.admin', attributed: [] },
        { layer: 'shop.api', attributed: [] },
      ],
    });
    expect(result.modules.find((m) => m.name === 'shop.api')!.files).toBe(6);
    // Regrouping from the kept scan goes back to attributed layers without reading a file.
    expect(names(aggregate(result.scan, 'auto'))).toContain('shop.reports');
  });

  it('a FastAPI project layered as api/<domain>/ and models/<domain>.py: one module per domain, made from both layers', async () => {
    const result = await importPythonProject(path.join(FIXTURES, 'fastapi_layered'), { granularity: 'auto', workers: 0 });
    expect(result.grouping.granularity).toBe('depth:2');
    expect(result.grouping.reason).toMatch(
      /^FastAPI routers found in app\/api\/orders\/routes\.py, app\/api\/products\/routes\.py, app\/api\/users\/routes\.py: chose depth 2, the level of the domain packages, 8 modules \(fewer than the 10 to 80/,
    );
    // The empty app/__init__.py makes no module of its own.
    expect(names(result)).toEqual(['app.api', 'app.core', 'app.db', 'app.main', 'app.models', 'app.orders', 'app.products', 'app.users']);
    expect(result.grouping.madeFromLayers).toEqual(['app.orders', 'app.products', 'app.users']);
    expect(attributed(result).filter((a) => a.startsWith('app/models/'))).toEqual([
      'app/models/order.py -> app.orders',
      'app/models/product.py -> app.products',
      'app/models/user.py -> app.users',
    ]);
    expect(attributed(result).filter((a) => a.endsWith('routes.py -> app.orders'))).toEqual(['app/api/orders/routes.py -> app.orders']);
    // models/order.py imports models/user.py: now a dependency between the two domains.
    expect(edge(result, 'app.orders', 'app.users')!.evidence).toEqual([{ file: 'app/models/order.py', line: 5, detail: 'runtime' }]);
    expect(result.grouping.leftOut.map((l) => [l.kind, l.files, l.places])).toEqual([
      ['tests', 1, ['tests']],
      ['migrations', 2, ['alembic']],
      ['docs', 1, ['docs']],
    ]);
  });

  it('a Django project stays Django apps; api/ and graphql/ parts go to the apps, the dashboard app keeps its files', async () => {
    const result = await importPythonProject(path.join(FIXTURES, 'django_layers'), { granularity: 'auto', workers: 0 });
    expect(result.grouping.granularity).toBe('app');
    expect(result.grouping.reason).toMatch(/^Django project \(INSTALLED_APPS\): chose Django apps, 7 modules/);
    expect(names(result)).toEqual(['api', 'catalog', 'config', 'customers', 'dashboard', 'graphql', 'orders']);
    expect(attributed(result)).toEqual([
      'api/catalog.py -> catalog',
      'api/orders.py -> orders',
      'graphql/customers/__init__.py -> customers',
      'graphql/customers/types.py -> customers',
      'graphql/orders/__init__.py -> orders',
      'graphql/orders/types.py -> orders',
    ]);
    // dashboard is an app: its orders.py and catalog.py stay in it.
    expect(result.modules.find((m) => m.name === 'dashboard')!.files).toBe(5);
    expect(edge(result, 'dashboard', 'orders')!.evidence.map((e) => e.file)).toEqual(['dashboard/orders.py']);
    expect(edge(result, 'orders', 'catalog', 'data')).toBeDefined();
    // Tests and migrations inside the apps are read, never modules; migrations still count in their app's facts.
    expect(result.grouping.leftOut.map((l) => [l.kind, l.files])).toEqual([
      ['tests', 3],
      ['migrations', 6],
      ['scripts', 1],
    ]);
    expect(result.facts.find((f) => f.moduleId === 'orders')).toMatchObject({ migrationFiles: 2 });
    expect(result.grouping.options.map((o) => o.granularity)).toEqual(['app', 'package', 'depth:2', 'depth:3', 'depth:4']);
  });

  it('says when a granularity was asked for rather than chosen', async () => {
    const result = await importPythonProject(path.join(FIXTURES, 'flask_shop'), { granularity: 'depth:3', workers: 0 });
    expect(result.grouping).toMatchObject({ asked: 'depth:3', granularity: 'depth:3', reason: 'depth 3, as asked, 17 modules' });
    expect(aggregate(result.scan, 'app').grouping.reason).toMatch(
      /^Django apps, as asked \(no Django project found: packages holding models\.py or apps\.py, else top-level packages\), /,
    );
  });
});

describe('what is application code', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-defaults-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) => writeTree(dir, files);

  it('a loose file is a script unless packaged code imports it; setup.py inside a package is code', async () => {
    await write({
      'pkg/__init__.py': 'import helpers\n',
      'pkg/forms/__init__.py': '',
      'pkg/forms/setup.py': 'X = 1\n',
      'pkg/test_views.py': 'import pkg\n',
      'pkg/load_tests/run.py': 'import pkg\n',
      'unittests/test_scan.py': 'import pkg\n',
      'unittests/tools/parser_checks.py': 'import pkg\n',
      'helpers.py': 'Y = 2\n',
      'run.py': 'import pkg\n',
      'setup.py': 'import setuptools\n',
      'docs/conf.py': 'project = "x"\n',
      'examples/demo.py': 'import pkg\n',
      'sandbox/site.py': 'import pkg\n',
      'docker/settings.py': 'DEBUG = False\n',
    });
    const result = await importPythonProject(dir, { granularity: 'package', workers: 0 });
    expect(Object.fromEntries(supportKinds(result.scan))).toEqual({
      'docker/settings.py': 'scripts',
      'docs/conf.py': 'docs',
      'examples/demo.py': 'examples',
      'pkg/load_tests/run.py': 'tests',
      'pkg/test_views.py': 'tests',
      'run.py': 'scripts',
      'sandbox/site.py': 'examples',
      'setup.py': 'scripts',
      'unittests/test_scan.py': 'tests',
      'unittests/tools/parser_checks.py': 'tests',
    });
    expect(names(result)).toEqual(['helpers', 'pkg']);
  });

  // saleor: saleor.graphql is an installed app holding one sub-package per domain app.
  const djangoModel = (name: string) =>
    `from django.db import models\n\n\nclass ${name}(models.Model):\n    name = models.CharField(max_length=9)\n`;
  const layeredShop = {
    'manage.py': 'import os\n',
    'shop/__init__.py': '',
    'shop/settings.py': 'INSTALLED_APPS = ["shop.app", "shop.catalog", "shop.core", "shop.graphql", "shop.orders"]\n',
    'shop/app/__init__.py': '',
    'shop/app/models.py': djangoModel('App'),
    'shop/catalog/__init__.py': '',
    'shop/catalog/models.py': djangoModel('Product'),
    'shop/orders/__init__.py': '',
    'shop/orders/models.py': djangoModel('Order'),
    'shop/core/__init__.py': '',
    'shop/core/models.py': djangoModel('Event'),
    // pydantic models in an app's sub-package: the core app's code, no app of its own
    'shop/core/editorjs/__init__.py': '',
    'shop/core/editorjs/models.py': 'from pydantic import BaseModel\n\n\nclass Block(BaseModel):\n    text: str\n',
    // an AppConfig inside an app is an app all the same (apps registered by code Carve cannot read)
    'shop/core/audit/__init__.py': '',
    'shop/core/audit/apps.py': 'from django.apps import AppConfig\n\n\nclass AuditConfig(AppConfig):\n    name = "shop.core.audit"\n',
    'shop/core/audit/models.py': djangoModel('Entry'),
    'shop/graphql/__init__.py': '',
    'shop/graphql/api.py': 'from .catalog.schema import ProductQuery\nfrom .orders.schema import OrderQuery\n',
    'shop/graphql/views.py': 'from .api import ProductQuery\n',
    'shop/graphql/context.py': 'from .core.types import BaseType\n',
    'shop/graphql/core/__init__.py': '',
    'shop/graphql/core/types.py': 'class BaseType:\n    pass\n',
    'shop/graphql/meta/__init__.py': '',
    'shop/graphql/meta/mutations.py': 'from ..core.types import BaseType\n',
    'shop/graphql/catalog/__init__.py': '',
    'shop/graphql/catalog/schema.py':
      'from ...catalog.models import Product\nfrom ..core.types import BaseType\n\n\nclass ProductQuery(BaseType):\n    pass\n',
    'shop/graphql/orders/__init__.py': '',
    'shop/graphql/orders/schema.py':
      'from ...orders.models import Order\nfrom ..catalog.schema import ProductQuery\n\n\nclass OrderQuery:\n    pass\n',
    // data loaders in a models.py and an apps.py: graphql code, never apps
    'shop/graphql/orders/dataloaders/__init__.py': '',
    'shop/graphql/orders/dataloaders/models.py': 'from ....orders.models import Order\n\n\nclass OrderLoader:\n    pass\n',
    'shop/graphql/app/__init__.py': '',
    'shop/graphql/app/dataloaders/__init__.py': '',
    'shop/graphql/app/dataloaders/apps.py': 'from ....app.models import App\n\n\nclass AppsLoader:\n    pass\n',
    'shop/graphql/app/mutations.py': 'from .dataloaders.apps import AppsLoader\n',
  };

  it('a layer that is a Django app: its per-domain sub-packages go to their apps, its shared parts and files stay', async () => {
    await write(layeredShop);
    const result = await importPythonProject(dir, { granularity: 'auto', workers: 0 });
    expect(names(result)).toEqual(['shop', 'shop.app', 'shop.catalog', 'shop.core', 'shop.core.audit', 'shop.graphql', 'shop.orders']);
    expect(attributed(result)).toEqual([
      'shop/graphql/app/__init__.py -> shop.app',
      'shop/graphql/app/dataloaders/__init__.py -> shop.app',
      'shop/graphql/app/dataloaders/apps.py -> shop.app',
      'shop/graphql/app/mutations.py -> shop.app',
      'shop/graphql/catalog/__init__.py -> shop.catalog',
      'shop/graphql/catalog/schema.py -> shop.catalog',
      'shop/graphql/orders/__init__.py -> shop.orders',
      'shop/graphql/orders/dataloaders/__init__.py -> shop.orders',
      'shop/graphql/orders/dataloaders/models.py -> shop.orders',
      'shop/graphql/orders/schema.py -> shop.orders',
    ]);
    expect(result.grouping.madeFromLayers).toEqual([]);
    // api.py, views.py, context.py, core/ and meta/ (no app of that name) stay in the layer's module.
    expect(result.modules.find((m) => m.name === 'shop.graphql')!.files).toBe(8);
    expect(edge(result, 'shop.graphql', 'shop.catalog')!.evidence.map((e) => e.file)).toEqual(['shop/graphql/api.py']);
    expect(edge(result, 'shop.orders', 'shop.catalog')!.evidence).toEqual([
      { file: 'shop/graphql/orders/schema.py', line: 2, detail: 'runtime' },
    ]);
    expect(edge(result, 'shop.catalog', 'shop.graphql')!.evidence.map((e) => e.file)).toEqual(['shop/graphql/catalog/schema.py']);
    expect(result.modules.find((m) => m.name === 'shop.core')!.files).toBe(4);
    // Reversible: --keep-layers gives the whole graphql app back.
    const kept = aggregate(result.scan, 'auto', { keepLayers: true });
    expect(names(kept)).toEqual(['shop', 'shop.app', 'shop.catalog', 'shop.core', 'shop.core.audit', 'shop.graphql', 'shop.orders']);
    expect(kept.modules.find((m) => m.name === 'shop.graphql')!.files).toBe(18);
    expect(kept.grouping.layers).toEqual([{ layer: 'shop.graphql', attributed: [] }]);
  });

  it('without INSTALLED_APPS: a models.py of Django models or of no class makes an app, one of other classes does not', async () => {
    const { 'shop/settings.py': _settings, ...noSettings } = layeredShop;
    await write({
      ...noSettings,
      'shop/billing/__init__.py': '',
      'shop/billing/models.py': '# Create your models here.\n',
      'shop/billing/views.py': 'def index(request):\n    return None\n',
    });
    const result = await importPythonProject(dir, { granularity: 'auto', workers: 0 });
    expect(result.grouping.reason).toMatch(/^Django project \(an AppConfig in apps\.py\): chose Django apps, 7 modules/);
    // graphql/ holds no models: it is no app, and its files are in the top-level package's module.
    expect(names(result)).toEqual(['shop', 'shop.app', 'shop.billing', 'shop.catalog', 'shop.core', 'shop.core.audit', 'shop.orders']);
  });
});

describe('trees that make no project', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-defaults-cli-')));
  });
  afterEach(async () => {
    await fs.rm(cwd, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) => writeTree(cwd, files);
  const code = (lines: number) => Array.from({ length: lines }, (_, k) => `value_${k} = ${k}\n`).join('');

  it('no Python: exit 1 with one line, nothing written', async () => {
    await write({ 'site/README.md': '# not Python\n', 'site/venv/lib/x.py': 'import os\n' });
    const run = await runCarve(cwd, ['import-python', 'site', '--out', 'site.carve']);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err.filter((line) => !line.startsWith('scanned '))).toEqual([
      "site: no Python files found (1 ignored, hidden or virtualenv/build folders and files left out); choose the folder that holds the monolith's Python source",
    ]);
    await expect(fs.stat(path.join(cwd, 'site.carve'))).rejects.toThrow();
  });

  it('only tests: exit 1 with one line, and an existing --out file is left as it was even with --force', async () => {
    await write({
      'suite/tests/test_a.py': 'import app\n',
      'suite/tests/test_b.py': 'import app\n',
      'suite/conftest.py': 'import pytest\n',
      'suite.carve': 'precious\n',
    });
    const run = await runCarve(cwd, ['import-python', 'suite', '--out', 'suite.carve', '--force']);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err.filter((line) => !line.startsWith('scanned '))).toEqual([
      "suite: only tests (3 files) found, no application code (tests, migrations and scripts never become modules); choose the folder that holds the application's packages",
    ]);
    expect(await fs.readFile(path.join(cwd, 'suite.carve'), 'utf8')).toBe('precious\n');
  });

  it('all the code in one enormous file (or one file at all): exit 1 with one line', async () => {
    await write({ 'big/app.py': code(3_000), 'big/util.py': code(20), 'big/tests/test_app.py': 'import app\n', 'one/main.py': code(10) });
    const big = await runCarve(cwd, ['import-python', 'big', '--out', 'big.carve']);
    expect(big.code).toBe(1);
    expect(big.err.filter((line) => !line.startsWith('scanned '))).toEqual([
      'big: the application code is all in one file, app.py (3,000 lines of 3,020); Carve makes modules of packages and files, so split that file into modules first, or import the folder of a project with several',
    ]);
    const one = await runCarve(cwd, ['import-python', 'one', '--out', 'one.carve']);
    expect(one.err.at(-1)).toBe(
      'one: the application code is all in one file, main.py (10 lines); Carve makes modules of packages and files, so split that file into modules first, or import the folder of a project with several',
    );
    await expect(fs.stat(path.join(cwd, 'big.carve'))).rejects.toThrow();
  });

  it('the dialog gets the same line: the import job fails with it', async () => {
    await write({ 'suite/tests/test_a.py': 'import app\n' });
    const jobs = new ImportJobs({ workers: 0 });
    const { jobId } = await jobs.start(path.join(cwd, 'suite'), 'auto');
    const status = await jobs.settled(jobId);
    expect(status.state).toBe('failed');
    expect(status.error?.message).toBe(
      `${path.join(cwd, 'suite')}: only tests (1 file) found, no application code (tests, migrations and scripts never become modules); choose the folder that holds the application's packages`,
    );
    jobs.disposeAll();
  });
});

describe('the API with the defaults', () => {
  it('import:start and import:project group with auto when no granularity is given', async () => {
    const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-defaults-api-')));
    const jobs = new ImportJobs({ workers: 0 });
    try {
      await fs.cp(path.join(FIXTURES, 'fastapi_layered'), path.join(base, 'ws', 'shop'), { recursive: true });
      const userData = path.join(base, 'user');
      const router = createRouter(
        createHandlers({
          host: 'browser',
          userDataDir: userData,
          preferences: createConfPreferences(userData, () => {}),
          workspace: new Workspace(path.join(base, 'ws')),
          importJobs: jobs,
        }),
      );
      const started = await router('import:start', { dir: 'shop' });
      if (!started.ok) throw new Error(started.error.message);
      const { jobId } = started.value as { jobId: string };
      expect((await jobs.settled(jobId)).state).toBe('done');
      const made = await router('import:project', { jobId, name: 'Shop' });
      if (!made.ok) throw new Error(made.error.message);
      const { report } = made.value as { report: ImportSummary };
      expect(report).toMatchObject({ granularity: 'auto', modules: 8, grouping: { asked: 'auto', granularity: 'depth:2' } });
      const bad = await router('import:project', { jobId, name: 'Shop', granularity: 'module' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    } finally {
      jobs.disposeAll();
      await fs.rm(base, { recursive: true, force: true });
    }
  });
});

describe('carve import-python with the defaults', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-defaults-run-')));
  });
  afterEach(async () => {
    await fs.rm(cwd, { recursive: true, force: true });
  });

  it('chooses the granularity, says why, offers the others and lists what was left out; --keep-layers keeps the layers', async () => {
    const run = await runCarve(cwd, ['import-python', path.join(FIXTURES, 'flask_shop'), '--out', 'shop.carve']);
    expect(run.code).toBe(0);
    const report = run.err.filter((line) => /^(modules|other granularities|layers|left out)\b/.test(line));
    expect(report).toEqual([
      'modules: Flask blueprints found in shop/admin, shop/api, shop/catalog and 3 more: chose depth 2, the level of the domain packages, 11 modules',
      'other granularities (--granularity): package (1 module), depth:3 (17), depth:4 (17)',
      'layers attributed to their domains (--keep-layers keeps them as modules): shop.admin (3 files), shop.api (3 files); new modules from names the layers share: shop.reports',
      'left out, tests: 4 files (12 lines) in tests, conftest.py, importing shop, shop.catalog, shop.orders, shop.users',
      'left out, migrations: 2 files (7 lines) in migrations, importing shop.extensions',
      'left out, scripts: 3 files (8 lines) in manage.py, serve.py, setup.py, importing shop',
    ]);
    const { project } = await openProjectFile(path.join(cwd, 'shop.carve'));
    expect(project.monolith.framework).toBe('flask');
    expect(project.monolith.modules.map((m) => m.name)).toContain('shop.reports');
    expect(project.monolith.modules.map((m) => m.name)).not.toContain('manage');

    const kept = await runCarve(cwd, [
      'import-python',
      path.join(FIXTURES, 'flask_shop'),
      '--out',
      'kept.carve',
      '--keep-layers',
      '--granularity',
      'auto',
    ]);
    expect(kept.err).toContain('layers kept as modules (--keep-layers): shop.admin, shop.api');
    const { project: layered } = await openProjectFile(path.join(cwd, 'kept.carve'));
    expect(layered.monolith.modules.map((m) => m.name)).not.toContain('shop.reports');
  });
});

describe('the name a new project takes from its folder', () => {
  it('is the folder, or its parent when the folder is named for its place in the repository', () => {
    expect(projectNameForFolder('/work/corpus/CTFd')).toBe('CTFd');
    expect(projectNameForFolder('.corpus/polar/server')).toBe('polar');
    expect(projectNameForFolder('C:\\code\\shop\\src\\')).toBe('shop');
    expect(projectNameForFolder('backend')).toBe('backend');
    expect(projectNameForFolder('C:\\src')).toBe('src');
    expect(projectNameForFolder('./')).toBe('monolith');
  });

  it('names the project written by carve import-python', async () => {
    const cwd = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-defaults-name-')));
    try {
      const tree = path.join(cwd, 'shop', 'server');
      await fs.cp(path.join(FIXTURES, 'flask_shop'), tree, { recursive: true });
      const run = await runCarve(cwd, ['import-python', tree, '--out', 'named.carve']);
      expect(run.code).toBe(0);
      const { project } = await openProjectFile(path.join(cwd, 'named.carve'));
      expect(project.name).toBe('shop');
    } finally {
      await fs.rm(cwd, { recursive: true, force: true });
    }
  });
});
