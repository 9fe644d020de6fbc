// The framework catalogue: what Carve knows about the Python frameworks a service can be built on.
// Plain data, shown in the inspector next to the recommendation (shared/analysis/recommend.ts).
// Service.framework holds one of these ids; an id Carve does not know reads as "Other".

export const FRAMEWORK_IDS = [
  'fastapi',
  'django',
  'flask',
  'litestar',
  'django-ninja',
  'starlette',
  'quart',
  'sanic',
  'celery',
  'other',
] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** How the framework is served: an ASGI or WSGI server, a worker pulling from a queue, or something else. */
export type Protocol = 'asgi' | 'wsgi' | 'worker' | 'other';

export interface FrameworkTraits {
  /** async def views and an event loop are first-class, not an add-on. */
  asyncNative: boolean;
  /** Ships its own ORM (not counting an integration the user adds). */
  orm: boolean;
  /** Ships an admin interface over the data. */
  admin: boolean;
  /** Generates OpenAPI docs from the code without extra packages. */
  openApiDocs: boolean;
  /** Validates requests from declared types or schemas without extra packages. */
  validation: boolean;
  protocol: Protocol;
  /** What teams usually build with it, one sentence. */
  typicalUse: string;
}

export interface Framework {
  id: FrameworkId;
  name: string;
  /** One line for the catalogue list. */
  summary: string;
  traits: FrameworkTraits;
}

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'fastapi',
    name: 'FastAPI',
    summary: 'Typed async HTTP APIs with request validation and OpenAPI docs generated from type hints.',
    traits: {
      asyncNative: true,
      orm: false,
      admin: false,
      openApiDocs: true,
      validation: true,
      protocol: 'asgi',
      typicalUse: 'JSON APIs that spend their time waiting on databases and other services.',
    },
  },
  {
    id: 'django',
    name: 'Django',
    summary: 'The batteries-included web framework: ORM, migrations, admin, auth and templates.',
    traits: {
      asyncNative: false,
      orm: true,
      admin: true,
      openApiDocs: false,
      validation: true,
      protocol: 'wsgi',
      typicalUse: 'Data-centred applications that keep their Django models, migrations and admin.',
    },
  },
  {
    id: 'flask',
    name: 'Flask',
    summary: 'A small WSGI micro-framework: routing and little else, extended with packages as needed.',
    traits: {
      asyncNative: false,
      orm: false,
      admin: false,
      openApiDocs: false,
      validation: false,
      protocol: 'wsgi',
      typicalUse: 'Small, simple services and internal tools with a handful of endpoints.',
    },
  },
  {
    id: 'litestar',
    name: 'Litestar',
    summary: 'An async ASGI framework with typed handlers, validation, OpenAPI docs and dependency injection.',
    traits: {
      asyncNative: true,
      orm: false,
      admin: false,
      openApiDocs: true,
      validation: true,
      protocol: 'asgi',
      typicalUse: 'Typed async APIs where a team wants more structure than FastAPI gives by default.',
    },
  },
  {
    id: 'django-ninja',
    name: 'Django Ninja',
    summary: 'FastAPI-style typed endpoints with OpenAPI docs on top of Django, its ORM and admin.',
    traits: {
      asyncNative: false,
      orm: true,
      admin: true,
      openApiDocs: true,
      validation: true,
      protocol: 'asgi',
      typicalUse: 'APIs over existing Django models that want typed schemas and generated docs.',
    },
  },
  {
    id: 'starlette',
    name: 'Starlette',
    summary: 'The lightweight ASGI toolkit under FastAPI: routing, middleware, WebSockets.',
    traits: {
      asyncNative: true,
      orm: false,
      admin: false,
      openApiDocs: false,
      validation: false,
      protocol: 'asgi',
      typicalUse: 'Thin async gateways, proxies and WebSocket services.',
    },
  },
  {
    id: 'quart',
    name: 'Quart',
    summary: 'The Flask API reimplemented on asyncio: Flask code and extensions, served over ASGI.',
    traits: {
      asyncNative: true,
      orm: false,
      admin: false,
      openApiDocs: false,
      validation: false,
      protocol: 'asgi',
      typicalUse: 'Flask services that need async I/O or WebSockets without a rewrite.',
    },
  },
  {
    id: 'sanic',
    name: 'Sanic',
    summary: 'A fast async web server and framework with its own production server.',
    traits: {
      asyncNative: true,
      orm: false,
      admin: false,
      openApiDocs: false,
      validation: false,
      protocol: 'asgi',
      typicalUse: 'High-throughput async HTTP services that want to run their own server.',
    },
  },
  {
    id: 'celery',
    name: 'Celery worker',
    summary: 'A distributed task queue: workers that run background jobs from a broker such as Redis or RabbitMQ.',
    traits: {
      asyncNative: false,
      orm: false,
      admin: false,
      openApiDocs: false,
      validation: false,
      protocol: 'worker',
      typicalUse: 'Background jobs, scheduled tasks and anything sent by email, queue or batch.',
    },
  },
  {
    id: 'other',
    name: 'Other',
    summary: 'Another framework, or none: described in the service notes.',
    traits: {
      asyncNative: false,
      orm: false,
      admin: false,
      openApiDocs: false,
      validation: false,
      protocol: 'other',
      typicalUse: 'Anything the catalogue does not list.',
    },
  },
];

const byId = new Map<string, Framework>(FRAMEWORKS.map((framework) => [framework.id, framework]));

export function isFrameworkId(id: string): id is FrameworkId {
  return byId.has(id);
}

/** The framework with this id; Other for an id Carve does not know. */
export function getFramework(id: string): Framework {
  return byId.get(id) ?? byId.get('other')!;
}
