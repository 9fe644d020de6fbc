import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, FRAMEWORK_IDS, getFramework, isFrameworkId } from '../../shared/catalog/frameworks';
import { API_STYLE_LABELS, DATASTORES, LINK_STYLE_LABELS, RUNTIMES, getRuntime, isRuntimeId } from '../../shared/catalog/runtimes';
import { API_STYLES, LINK_STYLES, PythonVersionSchema } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';

describe('framework catalogue', () => {
  it('lists the ten frameworks of the issue, each once, with a name, a one-line summary and its traits', () => {
    expect(FRAMEWORKS.map((framework) => framework.id)).toEqual([...FRAMEWORK_IDS]);
    expect(FRAMEWORKS.map((framework) => framework.name)).toEqual([
      'FastAPI',
      'Django',
      'Flask',
      'Litestar',
      'Django Ninja',
      'Starlette',
      'Quart',
      'Sanic',
      'Celery worker',
      'Other',
    ]);
    for (const framework of FRAMEWORKS) {
      expect(framework.summary).toMatch(/^[^\n]{10,160}$/);
      expect(framework.traits.typicalUse).toMatch(/^[^\n]{10,160}$/);
    }
  });

  it('records the traits the recommendation relies on', () => {
    expect(getFramework('django').traits).toMatchObject({ orm: true, admin: true, protocol: 'wsgi' });
    expect(getFramework('fastapi').traits).toMatchObject({ asyncNative: true, openApiDocs: true, validation: true, protocol: 'asgi' });
    expect(getFramework('celery').traits.protocol).toBe('worker');
    expect(getFramework('flask').traits.asyncNative).toBe(false);
  });

  it('reads an unknown framework id as Other', () => {
    expect(getFramework('bottle').id).toBe('other');
    expect(isFrameworkId('bottle')).toBe(false);
    expect(isFrameworkId('django-ninja')).toBe(true);
  });
});

describe('runtimes and choices', () => {
  it('offers CPython 3.10 to 3.14 and PyPy 3.10 with Python versions the model accepts', () => {
    expect(RUNTIMES.map((runtime) => runtime.id)).toEqual([
      'cpython-3.10',
      'cpython-3.11',
      'cpython-3.12',
      'cpython-3.13',
      'cpython-3.14',
      'pypy-3.10',
    ]);
    for (const runtime of RUNTIMES) expect(PythonVersionSchema.safeParse(runtime.pythonVersion).success).toBe(true);
    expect(getRuntime('cpython-3.12')!.pythonVersion).toBe('3.12');
    expect(getRuntime('jython-2.7')).toBeUndefined();
  });

  it('labels every API style and link style of the model, and suggests datastores including none', () => {
    expect(Object.keys(API_STYLE_LABELS).sort()).toEqual([...API_STYLES].sort());
    expect(Object.keys(LINK_STYLE_LABELS).sort()).toEqual([...LINK_STYLES].sort());
    expect(DATASTORES.map((store) => store.value)).toEqual(
      expect.arrayContaining(['PostgreSQL', 'MySQL', 'SQLite', 'Redis', 'MongoDB', 'Elasticsearch', '']),
    );
  });

  it("knows every framework and runtime the sample's services use", () => {
    for (const service of loadSampleProject().services) {
      expect(isFrameworkId(service.framework)).toBe(true);
      expect(isRuntimeId(service.runtime)).toBe(true);
    }
  });
});
