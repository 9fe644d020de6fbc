import type { FrameworkId } from '../catalog/frameworks';
import { getFramework } from '../catalog/frameworks';
import type { Module, Project } from '../model/project';
import { moduleIndexOf } from './serviceGraph';

// Which framework Carve recommends for a service, and why. Deterministic rules over the service's modules
// (their tags, entities, lines of code and dependencies), tried in this order; the first that holds decides:
//
// 1. empty     no modules yet                                     -> FastAPI, the default for a new API service
// 2. worker    modules that are background jobs hold at least half of the service's lines (half of its modules
//              when it has no lines): tagged celery, worker, tasks, jobs, background, queue, scheduler or cron,
//              or named ...tasks / ...workers / ...jobs, or importing celery, rq or dramatiq (Module.thirdParty)
//              while owning no models and no API surface             -> Celery worker
// 3. admin     a module is tagged admin or django-admin             -> Django (keeps the Django admin)
// 4. async     modules tagged async-io, async, asyncio, io-bound, websocket(s) or streaming, or importing httpx,
//              aiohttp, websockets, anyio or trio, hold at least half of its lines  -> FastAPI
//              (asyncio itself is standard library: imports never list it among third-party packages)
// 5. small     at most 3 modules, at most 2,500 lines, at most 3 entities and at most 10 dependencies across
//              its boundary                                          -> Flask (a few tables do not need Django)
// 6. models    the service owns entities and the monolith is Django -> Django (keeps models and migrations)
// 7. api       anything else                                         -> FastAPI (typed endpoints, OpenAPI docs)
//
// Tags compare case-insensitively. The reason is one sentence naming the evidence (modules, tags, entities).

export type RecommendationRule = 'empty' | 'worker' | 'admin' | 'models' | 'async' | 'small' | 'api';

export interface Recommendation {
  frameworkId: FrameworkId;
  rule: RecommendationRule;
  /** One sentence naming the evidence. */
  reason: string;
  /** The service's chosen framework is not the recommended one. */
  differs: boolean;
}

const WORKER_TAGS = new Set(['celery', 'worker', 'workers', 'tasks', 'jobs', 'background', 'queue', 'scheduler', 'cron']);
const WORKER_NAMES = new Set(['tasks', 'workers', 'worker', 'jobs']);
const ADMIN_TAGS = new Set(['admin', 'django-admin']);
const ASYNC_TAGS = new Set(['async-io', 'async', 'asyncio', 'io-bound', 'websocket', 'websockets', 'streaming']);
/** Third-party imports that are evidence of background jobs, and of async I/O. */
const WORKER_IMPORTS = new Set(['celery', 'rq', 'dramatiq']);
const ASYNC_IMPORTS = new Set(['asyncio', 'httpx', 'aiohttp', 'websockets', 'anyio', 'trio']);
const SMALL_MODULES = 3;
const SMALL_LINES = 2_500;
const SMALL_ENTITIES = 3;
const SMALL_BOUNDARY = 10;

/** "12,400": fixed separator, whatever the machine's locale. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function listOf(items: readonly string[], limit = 3): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

const tagsOf = (module: Module): string[] => module.tags.map((tag) => tag.toLowerCase());
const matchingTags = (module: Module, set: ReadonlySet<string>): string[] => tagsOf(module).filter((tag) => set.has(tag));

const matchingImports = (module: Module, set: ReadonlySet<string>): string[] =>
  (module.thirdParty ?? []).filter((name) => set.has(name.toLowerCase()));

function isWorker(module: Module): boolean {
  const last = module.name.slice(module.name.lastIndexOf('.') + 1).toLowerCase();
  return matchingTags(module, WORKER_TAGS).length > 0 || WORKER_NAMES.has(last) || importsAQueue(module);
}

/**
 * Importing celery, rq or dramatiq makes a module a worker only when it owns no models and declares no API:
 * a Django app with a tasks.py beside its models stays an app that happens to queue jobs.
 */
function importsAQueue(module: Module): boolean {
  return matchingImports(module, WORKER_IMPORTS).length > 0 && module.entities.length === 0 && (module.apiSurface ?? 0) === 0;
}

/** "orders (celery, imports rq)": the tags and imports that make a module count. */
function evidenceOf(module: Module, tags: ReadonlySet<string>, imports: ReadonlySet<string>, byImports = true): string {
  const found = [...matchingTags(module, tags), ...(byImports ? matchingImports(module, imports).map((name) => `imports ${name}`) : [])];
  return found.length > 0 ? `${module.name} (${found.join(', ')})` : module.name;
}

/** Share of the lines (of the modules when there are no lines) held by the modules that pass `test`. */
function shareOf(modules: readonly Module[], test: (module: Module) => boolean): number {
  const lines = modules.reduce((sum, module) => sum + module.linesOfCode, 0);
  const matching = modules.filter(test);
  if (lines === 0) return matching.length / modules.length;
  return matching.reduce((sum, module) => sum + module.linesOfCode, 0) / lines;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** The recommendation for a service of the project. Throws for an unknown service id (a caller's bug). */
export function recommendFramework(project: Project, serviceId: string): Recommendation {
  const service = project.services.find((candidate) => candidate.id === serviceId);
  if (!service) throw new Error(`No service "${serviceId}" in this project.`);
  return recommendForModules(project, service.moduleIds, service.framework);
}

/** The recommendation for a set of modules (a service being created), compared with `currentFramework`. */
export function recommendForModules(project: Project, moduleIds: readonly string[], currentFramework?: string): Recommendation {
  const index = moduleIndexOf(project.monolith.modules);
  const members = new Set<string>();
  const modules: Module[] = [];
  for (const id of moduleIds) {
    const i = index.get(id);
    if (i === undefined || members.has(id)) continue;
    members.add(id);
    modules.push(project.monolith.modules[i]!);
  }
  const { frameworkId, rule, reason } = decide(project, modules, members);
  return { frameworkId, rule, reason, differs: currentFramework !== undefined && getFramework(currentFramework).id !== frameworkId };
}

function decide(
  project: Project,
  modules: readonly Module[],
  members: ReadonlySet<string>,
): { frameworkId: FrameworkId; rule: RecommendationRule; reason: string } {
  if (modules.length === 0) {
    return { frameworkId: 'fastapi', rule: 'empty', reason: 'No modules yet: FastAPI is the default for a new API service.' };
  }

  const workerShare = shareOf(modules, isWorker);
  if (workerShare >= 0.5) {
    const workers = modules.filter(isWorker).map((module) => evidenceOf(module, WORKER_TAGS, WORKER_IMPORTS, importsAQueue(module)));
    return {
      frameworkId: 'celery',
      rule: 'worker',
      reason: `Background jobs: ${listOf(workers)} ${workers.length === 1 ? 'holds' : 'hold'} ${percent(workerShare)} of its code; a Celery worker runs such jobs off a queue.`,
    };
  }

  const admin = modules.filter((module) => matchingTags(module, ADMIN_TAGS).length > 0);
  if (admin.length > 0) {
    return {
      frameworkId: 'django',
      rule: 'admin',
      reason: `Uses the Django admin: ${listOf(admin.map((module) => module.name))} ${admin.length === 1 ? 'is' : 'are'} tagged admin, which only Django keeps for free.`,
    };
  }

  const isAsync = (module: Module): boolean =>
    matchingTags(module, ASYNC_TAGS).length > 0 || matchingImports(module, ASYNC_IMPORTS).length > 0;
  const asyncShare = shareOf(modules, isAsync);
  if (asyncShare >= 0.5) {
    const tagged = modules.filter(isAsync).map((module) => evidenceOf(module, ASYNC_TAGS, ASYNC_IMPORTS));
    return {
      frameworkId: 'fastapi',
      rule: 'async',
      reason: `Async, I/O-bound API: ${listOf(tagged)} ${tagged.length === 1 ? 'holds' : 'hold'} ${percent(asyncShare)} of its code; FastAPI is async-native.`,
    };
  }

  const entities = modules.flatMap((module) => module.entities);
  const lines = modules.reduce((sum, module) => sum + module.linesOfCode, 0);
  const boundary = countBoundaryDependencies(project, members);
  if (modules.length <= SMALL_MODULES && lines <= SMALL_LINES && entities.length <= SMALL_ENTITIES && boundary <= SMALL_BOUNDARY) {
    const models =
      entities.length === 0 ? 'no models' : `${entities.length === 1 ? '1 model' : `${entities.length} models`} (${listOf(entities)})`;
    return {
      frameworkId: 'flask',
      rule: 'small',
      reason:
        `Small and simple: ${modules.length === 1 ? '1 module' : `${modules.length} modules`}, ${formatCount(lines)} lines, ` +
        `${models} and ${boundary === 1 ? '1 dependency' : `${boundary} dependencies`} across its boundary; Flask is enough.`,
    };
  }

  if (entities.length > 0 && project.monolith.framework === 'django') {
    const owners = modules.filter((module) => module.entities.length > 0).map((module) => module.name);
    return {
      frameworkId: 'django',
      rule: 'models',
      reason: `Owns Django models ${listOf(entities)} (in ${listOf(owners)}): staying on Django keeps the ORM and the migrations.`,
    };
  }

  return {
    frameworkId: 'fastapi',
    rule: 'api',
    reason:
      `An API service of ${modules.length === 1 ? '1 module' : `${modules.length} modules`} and ${formatCount(lines)} lines with no admin, background jobs or ` +
      `Django models to keep: FastAPI gives typed endpoints and OpenAPI docs.`,
  };
}

/** Module dependencies with exactly one end inside `members`. */
function countBoundaryDependencies(project: Project, members: ReadonlySet<string>): number {
  let count = 0;
  for (const dependency of project.monolith.dependencies) {
    if (members.has(dependency.from) !== members.has(dependency.to)) count++;
  }
  return count;
}
