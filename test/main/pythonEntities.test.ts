import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, type Aggregate } from '../../shared/importer/aggregate';
import type { Granularity } from '../../shared/importer/granularity';
import { djangoApps } from '../../shared/importer/granularity';
import { snakeCase } from '../../shared/importer/modelClasses';
import { findEntities, findNotTables, type Entities } from '../../shared/importer/models';
import type { ScanResult } from '../../shared/importer/types';
import { importPythonProject, scanPythonTree } from '../../main/services/python/importPython';
import { summarize } from '../../main/services/importJobs';
import { openProjectFile } from '../../main/services/projectFiles';
import { runCarve } from './cliHarness';

// Entities are tables: classes whose base chain reaches an ORM's model root, resolved through imports and the
// tree's own classes. Fixtures in test/fixtures/python-entities, each its own tree: a Django shop with oscar-style
// abstract models and same-named forms, serializers and GraphQL types; plain SQLAlchemy; Flask-SQLAlchemy with
// blueprints; SQLModel.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repo, 'test/fixtures/python-entities');

interface Imported {
  scan: ScanResult;
  result: Aggregate;
  entities: Entities;
}

async function importTree(dir: string, granularity: Granularity): Promise<Imported> {
  const scan = await scanPythonTree(dir, { workers: 0 });
  return { scan, result: aggregate(scan, granularity), entities: findEntities(scan, djangoApps(scan)) };
}

/** Module name -> its entities, for the modules that have any. */
function entitiesByModule(result: Aggregate): Record<string, string[]> {
  return Object.fromEntries(result.modules.filter((m) => m.entities.length > 0).map((m) => [m.name, m.entities]));
}

/** "from -> to: file:line detail, ..." for every data dependency, with its weight. */
function dataDependencies(result: Aggregate): string[] {
  const names = new Map(result.modules.map((m) => [m.id, m.name]));
  return result.dependencies
    .filter((d) => d.kind === 'data')
    .map(
      (d) =>
        `${names.get(d.from)} -> ${names.get(d.to)} (${d.weight}): ${d.evidence.map((e) => `${e.file}:${e.line} ${e.detail}`).join(', ')}`,
    );
}

/** The abstract bases, the proxy and the mixin of the Django shop, sorted by file and line. */
const SHOP_NOT_TABLES = [
  'abstract AbstractCategory shop/catalogue/abstract_models.py:11',
  'abstract AbstractProduct shop/catalogue/abstract_models.py:18',
  'proxy FeaturedProduct shop/catalogue/models.py:13',
  'mixin TimestampedMixin shop/core/models.py:4',
  'abstract AbstractTimestamped shop/core/models.py:11',
  'abstract OrderMixin shop/order/models.py:7',
];

const notTables = (entities: Entities) => entities.notTables.map((n) => `${n.kind} ${n.name} ${n.file.path}:${n.line}`);

describe('Django models are classes whose base chain reaches django.db.models.Model', () => {
  let shop: Imported;
  beforeAll(async () => {
    shop = await importTree(path.join(fixtures, 'django_shop'), 'app');
  });

  it('finds exactly the tables: not forms, serializers or GraphQL types named like models, not abstract bases, proxies or mixins', () => {
    expect(entitiesByModule(shop.result)).toEqual({
      'shop.catalogue': ['Category', 'Product'],
      'shop.customer': ['Address', 'User'],
      'shop.loyalty': ['LoyalCustomer'],
      'shop.order': ['GiftOrder', 'Line', 'Order'],
      'shop.review': ['Review', 'Vote'],
    });
    const all = shop.result.modules.flatMap((m) => m.entities);
    for (const fake of [
      'OrderForm',
      'OrderBulkEditForm',
      'OrderSerializer',
      'LineSerializer',
      'OrderType',
      'ProductForm',
      'ProductQuerySet',
      'Status',
    ]) {
      expect(all).not.toContain(fake);
    }
  });

  it('lists abstract bases (also those in another module), the proxy and the mixin as not tables', () => {
    expect(notTables(shop.entities)).toEqual(SHOP_NOT_TABLES);
    // The form mixin named like the abstract model is on no table's chain.
    expect(shop.entities.notTables.filter((n) => n.file.path === 'shop/order/forms.py')).toEqual([]);
  });

  it('gives data dependencies for fields inherited from abstract bases, multi-table inheritance, get_model and AUTH_USER_MODEL', () => {
    expect(dataDependencies(shop.result)).toEqual([
      // Product inherits created_by from AbstractProduct: the evidence is where the field is written.
      'shop.catalogue -> shop.customer (1): shop/catalogue/abstract_models.py:20 ForeignKey created_by',
      'shop.loyalty -> shop.customer (1): shop/loyalty/models.py:4 OneToOneField user_ptr',
      'shop.order -> shop.catalogue (1): shop/order/models.py:24 ForeignKey product',
      // Order inherits customer from its abstract OrderMixin; GiftOrder's table holds only a pointer to Order.
      'shop.order -> shop.customer (1): shop/order/models.py:8 ForeignKey customer',
      // Product = get_model("catalogue", "Product"); settings.AUTH_USER_MODEL = "customer.User".
      'shop.review -> shop.catalogue (1): shop/review/models.py:12 ForeignKey product',
      'shop.review -> shop.customer (1): shop/review/models.py:13 ForeignKey author',
    ]);
  });

  it('resolves every relation of the fixture to a table of the tree', () => {
    expect(shop.entities.relations.filter((r) => r.target === null)).toEqual([]);
  });
});

describe('SQLAlchemy and SQLModel tables', () => {
  it('plain SQLAlchemy: declarative_base(), DeclarativeBase with Mapped[], ForeignKey("table.col") and relationship("Class")', async () => {
    const store = await importTree(path.join(fixtures, 'sqla_shop'), 'depth:2');
    expect(entitiesByModule(store.result)).toEqual({
      'store.catalog': ['Product'],
      'store.customers': ['Customer'],
      'store.orders': ['Order', 'OrderLine'],
      'store.suppliers': ['Supplier'],
    });
    expect(notTables(store.entities)).toEqual([
      'abstract CatalogBase store/catalog/base.py:6',
      'mixin TimestampMixin store/catalog/base.py:10',
      'abstract SoftDeletable store/catalog/base.py:14',
    ]);
    expect(dataDependencies(store.result)).toEqual([
      'store.catalog -> store.suppliers (2): store/catalog/models.py:17 ForeignKey suppliers.id, store/catalog/models.py:18 relationship Supplier',
      'store.customers -> store.orders (1): store/customers/models.py:12 relationship Order',
      // A schema-qualified "catalog.products.id" reaches the table named products.
      'store.orders -> store.catalog (1): store/orders/models.py:24 ForeignKey catalog.products.id',
      'store.orders -> store.customers (2): store/orders/models.py:12 ForeignKey customers.id, store/orders/models.py:13 relationship Customer',
      // relationship() without a class: the class of Mapped[List["Product"]].
      'store.suppliers -> store.catalog (1): store/suppliers/models.py:13 relationship Product',
    ]);
  });

  it('Flask-SQLAlchemy: db.Model through the import of db, an alias of it, default table names, a mixin with a ForeignKey, single-table and joined inheritance', async () => {
    const ctf = await importTree(path.join(fixtures, 'flask_ctf'), 'depth:2');
    expect(entitiesByModule(ctf.result)).toEqual({
      'ctf.challenges': ['Challenge', 'ChallengeFile', 'DynamicChallenge'],
      'ctf.models': ['Teams', 'Users'],
      'ctf.scoreboard': ['Award', 'Solve'],
    });
    // HTTPChallenge and Admins are rows of their parents' tables; DynamicChallenge's key is a ForeignKey to challenge.
    expect(notTables(ctf.entities)).toEqual([
      'single-table HTTPChallenge ctf/challenges/models.py:19',
      'single-table Admins ctf/models/__init__.py:11',
      'mixin ScoreMixin ctf/scoreboard/models.py:6',
    ]);
    expect(dataDependencies(ctf.result)).toEqual([
      // "users.id" is the default table name of class Users; "challenge.id" that of Challenge.
      'ctf.challenges -> ctf.models (2): ctf/challenges/models.py:12 ForeignKey users.id, ctf/challenges/models.py:13 relationship Users',
      'ctf.scoreboard -> ctf.challenges (1): ctf/scoreboard/models.py:17 ForeignKey challenge.id',
      // Solve inherits team_id from ScoreMixin; Award's ForeignKey(Users.id) names the class.
      'ctf.scoreboard -> ctf.models (2): ctf/scoreboard/models.py:7 ForeignKey teams.id, ctf/scoreboard/models.py:12 ForeignKey Users.id',
    ]);
    expect(ctf.entities.relations.filter((r) => r.target === null)).toEqual([]);
  });

  it('SQLModel: a table only with table=True; Field(foreign_key=...) and Relationship() from the annotation', async () => {
    const heroes = await importTree(path.join(fixtures, 'sqlmodel_app'), 'depth:2');
    expect(entitiesByModule(heroes.result)).toEqual({ 'heroes.heroes': ['Hero'], 'heroes.teams': ['Team'] });
    expect(notTables(heroes.entities)).toEqual(['abstract TeamBase heroes/teams.py:9']);
    expect(dataDependencies(heroes.result)).toEqual([
      'heroes.heroes -> heroes.teams (2): heroes/heroes.py:10 ForeignKey team.id, heroes/heroes.py:11 relationship Team',
      'heroes.teams -> heroes.heroes (1): heroes/teams.py:15 relationship Hero',
    ]);
  });

  it('names tables as Flask-SQLAlchemy does by default', () => {
    expect(['Users', 'OrderLine', 'HTTPChallenge', 'ChallengeFile', 'APIKey2'].map(snakeCase)).toEqual([
      'users',
      'order_line',
      'http_challenge',
      'challenge_file',
      'api_key2',
    ]);
  });
});

/** A temp folder for the trees the tests write and the files the CLI writes. */
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-entities-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Write a tree of files into a fresh folder of the temp folder and scan it. */
async function writeTree(name: string, files: Record<string, string>): Promise<ScanResult> {
  const root = path.join(dir, name);
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return scanPythonTree(root, { workers: 0 });
}

describe('resolving a base name to the class it really names', () => {
  async function tree(name: string, files: Record<string, string>): Promise<Entities> {
    const scan = await writeTree(name, files);
    return findEntities(scan, djangoApps(scan));
  }
  const names = (entities: Entities) => entities.models.map((m) => `${m.file.path}:${m.name}`).sort();

  it('follows import aliases, module aliases and re-exports through a package __init__', async () => {
    const found = await tree('aliases', {
      'app/__init__.py': '',
      'app/base.py':
        'from django.db.models import Model as DjangoModel\n\nclass Base(DjangoModel):\n    class Meta:\n        abstract = True\n',
      'app/models/__init__.py': 'from .things import Thing\nfrom .people import *\n',
      'app/models/things.py': 'import django.db.models as m\n\nclass Thing(m.Model):\n    pass\n',
      'app/models/people.py': 'from app import base\n\nclass Person(base.Base):\n    pass\n',
      'app/views.py': 'from app.models import Thing, Person\n\nclass SpecialThing(Thing):\n    pass\n\nclass Staff(Person):\n    pass\n',
    });
    expect(names(found)).toEqual([
      'app/models/people.py:Person',
      'app/models/things.py:Thing',
      'app/views.py:SpecialThing',
      'app/views.py:Staff',
    ]);
    expect(found.notTables.map((n) => `${n.kind} ${n.name}`)).toEqual(['abstract Base']);
  });

  it('never takes a class for a model by its name: a local Model, peewee, pydantic, SQLModel without table=True', async () => {
    const found = await tree('lookalikes', {
      'lib/__init__.py': '',
      'lib/orm.py': 'class Model:\n    pass\n\nclass Order(Model):\n    pass\n',
      'lib/peewee_models.py': 'from peewee import Model\n\nclass Order(Model):\n    pass\n',
      'lib/schemas.py':
        'from pydantic import BaseModel\nfrom sqlmodel import SQLModel\n\nclass Order(BaseModel):\n    pass\n\nclass OrderRead(SQLModel):\n    pass\n',
      'lib/models.py': 'from django.db import models\n\nclass Order(models.Model):\n    pass\n',
      'lib/forms.py':
        'from django import forms\nfrom .models import Order\n\nclass OrderForm(forms.ModelForm):\n    class Meta:\n        model = Order\n',
    });
    expect(names(found)).toEqual(['lib/models.py:Order']);
    expect(found.notTables).toEqual([]);
  });

  it('ends on import cycles and self-referencing star imports', async () => {
    const found = await tree('cycles', {
      'loop/__init__.py': 'from loop.a import *\n',
      'loop/a.py': 'from loop.b import *\nfrom loop import *\n\nclass A(B):\n    pass\n',
      'loop/b.py': 'from loop.a import *\n\nclass B(A):\n    pass\n\nclass C(Missing):\n    pass\n',
    });
    expect(found.models).toEqual([]);
  });

  it('links a model to its parent table through an abstract base (multi-table inheritance)', async () => {
    const found = await tree('parents', {
      'flow/__init__.py': '',
      'flow/tasks.py': 'from django.db import models\n\nclass Task(models.Model):\n    pass\n',
      'flow/approvals.py':
        'from flow.tasks import Task\n\nclass AbstractApproval(Task):\n    class Meta:\n        abstract = True\n\nclass GroupApproval(AbstractApproval):\n    pass\n',
    });
    expect(names(found)).toEqual(['flow/approvals.py:GroupApproval', 'flow/tasks.py:Task']);
    expect(found.relations.map((r) => `${r.file.path}:${r.line} ${r.detail} -> ${r.target?.path}`)).toEqual([
      'flow/approvals.py:7 OneToOneField task_ptr -> flow/tasks.py',
    ]);
  });

  it('reads app labels set by AppConfig classes for "label.Model" targets', async () => {
    const image = 'from django.db import models\n\nclass Image(models.Model):\n    pass\n';
    const config = (name: string, label: string) =>
      `from django.apps import AppConfig\n\nclass Config(AppConfig):\n    name = "${name}"\n    label = "${label}"\n`;
    const found = await tree('labels', {
      'site/__init__.py': '',
      'site/media/__init__.py': '',
      'site/media/apps.py': config('site.media', 'mediaimages'),
      'site/media/models.py': image,
      'site/gallery/__init__.py': '',
      'site/gallery/apps.py': config('site.gallery', 'photos'),
      'site/gallery/models.py': image,
      'site/blog/__init__.py': '',
      'site/blog/models.py':
        'from django.db import models\n\nclass Post(models.Model):\n    cover = models.ForeignKey("photos.Image", on_delete=models.CASCADE)\n    icon = models.ForeignKey("mediaimages.Image", on_delete=models.CASCADE)\n',
    });
    expect(found.relations.map((r) => `${r.detail} -> ${r.target?.path}`)).toEqual([
      'ForeignKey cover -> site/gallery/models.py',
      'ForeignKey icon -> site/media/models.py',
    ]);
  });

  it("takes AUTH_USER_MODEL from the project's settings, not from a test site's", async () => {
    const models =
      'from django.conf import settings\nfrom django.db import models\n\nclass Note(models.Model):\n    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n';
    const files = {
      'shop/__init__.py': '',
      'shop/notes/__init__.py': '',
      'shop/notes/models.py': models,
      'tests/__init__.py': '',
      'tests/settings.py': 'AUTH_USER_MODEL = "myauth.User"\n',
      'tests/myauth/__init__.py': '',
      'tests/myauth/models.py': 'from django.contrib.auth.models import AbstractUser\n\nclass User(AbstractUser):\n    pass\n',
    };
    const library = await tree('library', files);
    expect(library.relations.map((r) => `${r.detail} -> ${r.target?.path ?? 'outside the tree'}`)).toEqual([
      'ForeignKey author -> outside the tree',
    ]);
    const site = await tree('site', {
      ...files,
      'shop/settings.py': 'AUTH_USER_MODEL = "accounts.Account"\n',
      'shop/accounts/__init__.py': '',
      'shop/accounts/models.py': 'from django.contrib.auth.models import AbstractUser\n\nclass Account(AbstractUser):\n    pass\n',
    });
    expect(site.relations.map((r) => `${r.detail} -> ${r.target?.path}`)).toEqual(['ForeignKey author -> shop/accounts/models.py']);
  });

  it('reads the declarative base from registry().generate_base() and sqlalchemy.ext.declarative, and __abstract__', async () => {
    const found = await tree('registry', {
      'db/__init__.py': '',
      'db/base.py':
        'from sqlalchemy.orm import registry\nfrom sqlalchemy.ext.declarative import declarative_base as make_base\n\nmapper_registry = registry()\nBase = mapper_registry.generate_base()\nOldBase = make_base()\n',
      'db/models.py':
        'from sqlalchemy import Column, ForeignKey, Integer\nfrom db.base import Base, OldBase\n\nclass Common(Base):\n    __abstract__ = True\n\nclass Account(Common):\n    __tablename__ = "accounts"\n\nclass Legacy(OldBase):\n    __tablename__ = "legacy"\n    account_id = Column(Integer, ForeignKey("accounts.id"))\n',
    });
    expect(names(found)).toEqual(['db/models.py:Account', 'db/models.py:Legacy']);
    expect(found.notTables.map((n) => `${n.kind} ${n.name}`)).toEqual(['abstract Common']);
    expect(found.relations.map((r) => `${r.detail} -> ${r.target?.path}`)).toEqual(['ForeignKey accounts.id -> db/models.py']);
  });
});

describe('the name of a class never makes it a model (property)', () => {
  const NAMES = ['Order', 'OrderMixin', 'Line', 'Product', 'Model', 'Base', 'Customer', 'OrderType', 'OrderForm'];
  const LIBRARY_BASES = ['forms.ModelForm', 'forms.Form', 'serializers.ModelSerializer', 'DjangoObjectType', 'object'];
  /** Class statements: each class's base is an earlier class of the same file (by index) or a library base. */
  const classes = (bases: readonly string[]) =>
    fc
      .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length })
      .chain((names) =>
        fc.tuple(
          fc.constant(names),
          fc.array(fc.oneof(fc.constantFrom(...bases), fc.nat()), { minLength: names.length, maxLength: names.length }),
        ),
      );
  const source = (header: string, [names, picks]: [string[], Array<string | number>], bases: readonly string[]) =>
    header +
    names
      .map((name, k) => {
        const pick = picks[k]!;
        const base = typeof pick === 'number' ? (k > 0 ? names[pick % k]! : bases[0]!) : pick;
        return `\n\nclass ${name}(${base}):\n    pass\n`;
      })
      .join('');

  it('models.py holds exactly the entities, whatever forms, serializers and GraphQL types are called and based on', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(classes(['models.Model']), classes(LIBRARY_BASES), classes(LIBRARY_BASES), async (models, forms, types) => {
        const root = path.join(dir, `names-${run++}`);
        await fs.mkdir(path.join(root, 'shop'), { recursive: true });
        await fs.writeFile(path.join(root, 'shop/__init__.py'), '');
        await fs.writeFile(path.join(root, 'shop/models.py'), source('from django.db import models', models, ['models.Model']));
        await fs.writeFile(
          path.join(root, 'shop/forms.py'),
          source('from django import forms\nfrom rest_framework import serializers', forms, LIBRARY_BASES),
        );
        await fs.writeFile(path.join(root, 'shop/schema.py'), source('from graphene_django import DjangoObjectType', types, LIBRARY_BASES));
        const scan = await scanPythonTree(root, { workers: 0 });
        const found = findEntities(scan, djangoApps(scan));
        expect(found.models.map((m) => `${m.file.path}:${m.name}`).sort()).toEqual(
          models[0].map((name) => `shop/models.py:${name}`).sort(),
        );
        expect(found.notTables).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('against CPython ast (scripts/py_ast_models.py, written apart)', () => {
  it('finds the same tables in every fixture tree', async () => {
    for (const name of ['django_shop', 'sqla_shop', 'flask_ctf', 'sqlmodel_app']) {
      const root = path.join(fixtures, name);
      const reference = JSON.parse(execFileSync('python3', [path.join(repo, 'scripts/py_ast_models.py'), root], { encoding: 'utf8' })) as {
        tables: string[][];
      };
      const theirs = reference.tables.map(([file, cls]) => `${file}:${cls}`).sort();
      const { entities } = await importTree(root, 'app');
      const ours = entities.models.map((m) => `${m.file.path}:${m.name}`).sort();
      // The reference follows django-oscar's own get_class (oscar.apps.<label>); the fixture's loader is its own.
      const loadedByGetClass = name === 'django_shop' ? ['shop/review/models.py:Vote'] : [];
      expect([name, ours]).toEqual([name, [...theirs, ...loadedByGetClass].sort()]);
    }
  });
});

describe('the import report names what is not a table', () => {
  it('in the summary the app shows: the entity count and each abstract base, proxy and mixin with file:line', async () => {
    const result = await importPythonProject(path.join(fixtures, 'django_shop'), { granularity: 'app', workers: 0 });
    const summary = summarize(result);
    expect(summary.entities).toBe(10);
    expect(summary.notTableCount).toBe(6);
    expect(summary.notTables.map((c) => `${c.kind} ${c.name} ${c.path}:${c.line}`)).toEqual(SHOP_NOT_TABLES);
  });

  it('leaves out the abstract bases of tests, as their tables are no entities either', async () => {
    const abstract =
      'from django.db import models\n\nclass Stamped(models.Model):\n    class Meta:\n        abstract = True\n\nclass Thing(Stamped):\n    pass\n';
    const scan = await writeTree('with-tests', {
      'app/__init__.py': '',
      'app/models.py': abstract,
      'app/tests/__init__.py': '',
      'app/tests/models.py': abstract,
    });
    expect(findEntities(scan, djangoApps(scan)).notTables.map((c) => c.file.path)).toEqual(['app/models.py', 'app/tests/models.py']);
    expect(findNotTables(scan).map((c) => `${c.name} ${c.file.path}:${c.line}`)).toEqual(['Stamped app/models.py:3']);
  });

  it('on the CLI: one stderr line, and the written project holds the tables and their data dependencies only', async () => {
    const run = await runCarve(dir, ['import-python', path.join(fixtures, 'flask_ctf'), '--out', 'ctf.carve', '--granularity', 'depth:2']);
    expect(run.code).toBe(0);
    expect(run.err).toContain('entities: 7 tables; not tables (never entities): 2 single-table subclasses, 1 mixin');
    const { project } = await openProjectFile(path.join(dir, 'ctf.carve'));
    expect(project.monolith.framework).toBe('flask');
    const byName = Object.fromEntries(project.monolith.modules.map((m) => [m.name, m.entities]));
    expect(byName['ctf.scoreboard']).toEqual(['Award', 'Solve']);
    const data = project.monolith.dependencies.filter((d) => d.kind === 'data');
    expect(data.flatMap((d) => d.evidence.map((e) => e.file))).not.toContain('ctf/scoreboard/forms.py');
    expect(data.map((d) => `${d.from}->${d.to}:${d.weight}`).sort()).toEqual([
      'ctf-challenges->ctf-models:2',
      'ctf-scoreboard->ctf-challenges:1',
      'ctf-scoreboard->ctf-models:2',
    ]);
  });
});
