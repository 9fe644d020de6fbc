import type { ApiStyle, LinkStyle } from '../model/project';

// Runtimes, datastores and API styles as data: the choices the inspector offers for a service.
// Service.runtime holds a runtime id; Service.datastore is free text, so DATASTORES are suggestions only.

export const RUNTIME_IDS = ['cpython-3.10', 'cpython-3.11', 'cpython-3.12', 'cpython-3.13', 'cpython-3.14', 'pypy-3.10'] as const;
export type RuntimeId = (typeof RUNTIME_IDS)[number];

export interface Runtime {
  id: RuntimeId;
  name: string;
  implementation: 'cpython' | 'pypy';
  /** The Python language version, "3.12". */
  pythonVersion: string;
  /** End of security support upstream, "2028-10". */
  endOfLife: string;
  /** One line on support and caveats. */
  notes: string;
}

export const RUNTIMES: readonly Runtime[] = [
  {
    id: 'cpython-3.10',
    name: 'CPython 3.10',
    implementation: 'cpython',
    pythonVersion: '3.10',
    endOfLife: '2026-10',
    notes: 'Past end of life since October 2026: no more security fixes; choose a newer version for a new service.',
  },
  {
    id: 'cpython-3.11',
    name: 'CPython 3.11',
    implementation: 'cpython',
    pythonVersion: '3.11',
    endOfLife: '2027-10',
    notes: 'Security fixes only, until October 2027; noticeably faster than 3.10.',
  },
  {
    id: 'cpython-3.12',
    name: 'CPython 3.12',
    implementation: 'cpython',
    pythonVersion: '3.12',
    endOfLife: '2028-10',
    notes: 'Security fixes only, until October 2028; the safe default that every major framework supports.',
  },
  {
    id: 'cpython-3.13',
    name: 'CPython 3.13',
    implementation: 'cpython',
    pythonVersion: '3.13',
    endOfLife: '2029-10',
    notes: 'Supported until October 2029; experimental free-threaded build and JIT are opt-in.',
  },
  {
    id: 'cpython-3.14',
    name: 'CPython 3.14',
    implementation: 'cpython',
    pythonVersion: '3.14',
    endOfLife: '2030-10',
    notes: 'The newest release, supported until October 2030; check that every dependency ships wheels for it.',
  },
  {
    id: 'pypy-3.10',
    name: 'PyPy 3.10',
    implementation: 'pypy',
    pythonVersion: '3.10',
    endOfLife: 'unknown',
    notes: 'JIT-compiled: fast on pure-Python hot loops, slower with C extensions; check each dependency runs on it.',
  },
];

const runtimesById = new Map<string, Runtime>(RUNTIMES.map((runtime) => [runtime.id, runtime]));

export function isRuntimeId(id: string): id is RuntimeId {
  return runtimesById.has(id);
}

/** The runtime with this id, or undefined for an id Carve does not know (shown as written). */
export function getRuntime(id: string): Runtime | undefined {
  return runtimesById.get(id);
}

/** Datastores offered as suggestions for Service.datastore (free text). '' means none. */
export const DATASTORES: readonly { value: string; label: string }[] = [
  { value: 'PostgreSQL', label: 'PostgreSQL' },
  { value: 'MySQL', label: 'MySQL' },
  { value: 'MariaDB', label: 'MariaDB' },
  { value: 'SQLite', label: 'SQLite' },
  { value: 'Redis', label: 'Redis' },
  { value: 'MongoDB', label: 'MongoDB' },
  { value: 'Elasticsearch', label: 'Elasticsearch' },
  { value: 'OpenSearch', label: 'OpenSearch' },
  { value: 'Cassandra', label: 'Cassandra' },
  { value: 'DynamoDB', label: 'DynamoDB' },
  { value: 'S3', label: 'Object storage (S3)' },
  { value: '', label: 'None' },
];

export const API_STYLE_LABELS: Readonly<Record<ApiStyle, string>> = {
  rest: 'REST',
  graphql: 'GraphQL',
  grpc: 'gRPC',
  events: 'Events',
  none: 'None',
};

export const LINK_STYLE_LABELS: Readonly<Record<LinkStyle, string>> = {
  rest: 'REST',
  grpc: 'gRPC',
  events: 'Events',
  'shared-db': 'Shared database',
};
