import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { warmUpScanner } from '../../../shared/importer/warmUp';
import { scanFile, type FileOutcome } from './scanFile';
import type { ScanBatch } from './scanWorker';

// The scan pool (the worker threads' side is scanWorker.ts): files are read, decoded and scanned by worker threads (two by default: the machines have two
// cores), in batches handed out as workers become free, with progress and cancel. Small trees, and builds
// where the worker file cannot be found, are scanned in this thread instead.
//
// The workers stay up between imports for 30 s (unref'd while idle, so they never keep a process alive):
// code in a fresh worker runs cold, so a re-import, or a change of folder, runs faster in warm ones. A cancel
// or a failure terminates them. Two imports at once: the second gets workers of its own.
//
// Where the worker code comes from:
// - from sources (tsx, vitest): scanWorker.ts, loaded through tsx's ESM API in an eval worker;
// - from the electron-vite build: out/main/pythonScanWorker.js, which needs the build entry
//   `pythonScanWorker: 'main/services/python/scanWorker.ts'` in electron.vite.config.ts (main input).

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Worker threads; 0 scans in this thread. Default: 2 when there are more than `inThreadBelow` files. */
  workers?: number;
  /** Trees with fewer files than this are scanned in this thread (starting workers costs more). Default 200. */
  inThreadBelow?: number;
  /** Whether this thread scans batches itself until a worker is ready. Default true. */
  helpUntilReady?: boolean;
  /** A built worker script (scanWorker.ts bundled to JavaScript) to use instead of finding one. */
  workerFile?: string;
  /** How long idle workers stay up for the next import. Default 30 s. */
  keepWarmMs?: number;
}

const BATCH = 48;
/** Batches each worker has in hand (one being scanned, the others waiting in its queue). */
const QUEUED = 4;
/** Trees with fewer files are scanned in the calling thread: starting and warming a worker costs more. */
export const IN_THREAD_BELOW = 200;

/** How many worker threads scan a tree of `files` files: `workers` when given, else 0 for a small tree, else 2. */
export function chooseWorkers(files: number, options: Pick<ScanOptions, 'workers' | 'inThreadBelow'> = {}): number {
  if (options.workers !== undefined) return options.workers;
  return files < (options.inThreadBelow ?? IN_THREAD_BELOW) ? 0 : DEFAULT_WORKERS;
}

function startWorker(workerFile?: string): Worker | null {
  if (workerFile !== undefined) return new Worker(workerFile);
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const api = import.meta.resolve('tsx/esm/api');
    const target = new URL('./scanWorker.ts', here).href;
    const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}))`;
    return new Worker(code, { eval: true });
  }
  for (const candidate of ['./pythonScanWorker.js', '../pythonScanWorker.js']) {
    const url = new URL(candidate, here);
    if (fs.existsSync(fileURLToPath(url))) return new Worker(url);
  }
  return null;
}

export async function scanFilesInThread(root: string, files: readonly string[], options: ScanOptions = {}): Promise<FileOutcome[]> {
  warmUpScanner();
  const out: FileOutcome[] = [];
  for (let k = 0; k < files.length; k++) {
    if (k % BATCH === 0) {
      options.signal?.throwIfAborted();
      if (k > 0) {
        options.onProgress?.(k, files.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    out.push(scanFile(root, files[k]!));
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(files.length, files.length);
  return out;
}

type Reply = { ready: true } | { batch: number; outcomes: FileOutcome[] };

/** A worker of the pool, with the handlers of the scan it is serving (null while idle). */
interface Member {
  worker: Worker;
  ready: boolean;
  onReady: (() => void) | null;
  onReply: ((reply: { batch: number; outcomes: FileOutcome[] }) => void) | null;
  onError: ((error: Error) => void) | null;
}

/** Workers stay up between imports (their compiled code stays warm) until idle this long. */
const IDLE_MS = 30_000;
/** The machines have two cores. */
const DEFAULT_WORKERS = 2;
const poolKey = (count: number, workerFile: string | undefined) => `${count}:${workerFile ?? ''}`;

let pool: { key: string; members: Member[]; busy: boolean; idle: ReturnType<typeof setTimeout> | null } | null = null;

function startMembers(count: number, workerFile: string | undefined): Member[] {
  const members: Member[] = [];
  for (let k = 0; k < count; k++) {
    const worker = startWorker(workerFile);
    if (!worker) break;
    const member: Member = { worker, ready: false, onReady: null, onReply: null, onError: null };
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        member.ready = true;
        member.onReady?.();
      } else member.onReply?.(reply);
    });
    worker.on('error', (error) => {
      if (pool?.members.includes(member)) void disposeScanPool();
      member.onError?.(error);
    });
    members.push(member);
  }
  return members;
}

/** Stop the pooled workers now (they also stop by themselves after 30 s idle). */
export async function disposeScanPool(): Promise<void> {
  const current = pool;
  pool = null;
  if (!current) return;
  if (current.idle) clearTimeout(current.idle);
  await Promise.all(current.members.map((m) => m.worker.terminate()));
}

/**
 * Start the pool's workers now, without waiting for them, so that they load and warm up while the caller walks the
 * folder (importPythonProject calls it during the walk, once the folder holds enough files to need them). Does nothing when a pool
 * is up. Idle, the workers never keep the process alive, and they stop after `keepWarmMs` unless a scan takes them.
 */
export function prestartScanPool(options: Pick<ScanOptions, 'workers' | 'workerFile' | 'keepWarmMs'> = {}): void {
  const count = options.workers ?? DEFAULT_WORKERS;
  if (pool || count === 0) return;
  const members = startMembers(count, options.workerFile);
  if (members.length === 0) return;
  pool = { key: poolKey(count, options.workerFile), members, busy: false, idle: null };
  for (const m of members) m.worker.unref();
  pool.idle = setTimeout(() => void disposeScanPool(), options.keepWarmMs ?? IDLE_MS);
  pool.idle.unref();
}

/** The warm pool when it is free, else workers of this scan only (`shared: false`). */
function acquire(count: number, workerFile: string | undefined): { members: Member[]; shared: boolean } {
  const key = poolKey(count, workerFile);
  if (pool && !pool.busy && pool.key !== key) void disposeScanPool();
  if (pool && pool.busy) return { members: startMembers(count, workerFile), shared: false };
  if (!pool) pool = { key, members: startMembers(count, workerFile), busy: false, idle: null };
  if (pool.idle) clearTimeout(pool.idle);
  pool.idle = null;
  pool.busy = true;
  for (const m of pool.members) m.worker.ref();
  return { members: pool.members, shared: true };
}

async function release(members: Member[], shared: boolean, healthy: boolean, keepWarmMs = IDLE_MS): Promise<void> {
  for (const m of members) {
    m.onReady = null;
    m.onReply = null;
    m.onError = null;
  }
  if (!shared || !healthy || pool?.members !== members) {
    if (shared && pool?.members === members) await disposeScanPool();
    else await Promise.all(members.map((m) => m.worker.terminate()));
    return;
  }
  pool.busy = false;
  for (const m of members) m.worker.unref();
  pool.idle = setTimeout(() => void disposeScanPool(), keepWarmMs);
  pool.idle.unref();
}

/** Scan every file; the outcomes come back in the order of `files`. Rejects with the signal's reason on cancel. */
export async function scanFiles(root: string, files: readonly string[], options: ScanOptions = {}): Promise<FileOutcome[]> {
  const wanted = chooseWorkers(files.length, options);
  if (wanted === 0) return scanFilesInThread(root, files, options);
  const { members, shared } = acquire(wanted, options.workerFile);
  if (members.length === 0) {
    await release(members, shared, false);
    return scanFilesInThread(root, files, options);
  }

  const outcomes: FileOutcome[] = new Array(files.length);
  const batches = Math.ceil(files.length / BATCH);
  let next = 0;
  let finished = 0;
  let done = 0;
  let ready = 0;
  let healthy = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const signal = options.signal;
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) {
          healthy = true;
          resolve();
        } else reject(error);
      };
      const onAbort = () => settle(signal!.reason);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const store = (batch: number, results: FileOutcome[]) => {
        results.forEach((outcome, k) => (outcomes[batch * BATCH + k] = outcome));
        done += results.length;
        finished++;
        options.onProgress?.(done, files.length);
        if (finished === batches) settle();
      };
      const feed = (member: Member) => {
        if (next >= batches || settled) return;
        const message: ScanBatch = { root, batch: next, files: files.slice(next * BATCH, (next + 1) * BATCH) };
        next++;
        member.worker.postMessage(message);
      };
      if (batches === 0) return settle();
      for (const member of members) {
        member.onReply = (reply) => {
          store(reply.batch, reply.outcomes);
          feed(member);
        };
        member.onError = (error) => settle(new Error(`the Python scan worker failed: ${error.message.split('\n', 1)[0]}`));
        member.onReady = () => {
          ready++;
          // Batches queued ahead: a worker never waits while this thread is busy taking in results.
          for (let k = 0; k < QUEUED; k++) feed(member);
        };
        if (member.ready) member.onReady();
      }
      // Until a worker has started (loading it takes a moment), this thread scans batches itself, yielding
      // between them; from then on it only collects results.
      const help = () => {
        if (settled || ready > 0 || next >= batches) return;
        warmUpScanner();
        const batch = next++;
        store(
          batch,
          files.slice(batch * BATCH, (batch + 1) * BATCH).map((rel) => scanFile(root, rel)),
        );
        setImmediate(help);
      };
      if (options.helpUntilReady !== false) setImmediate(help);
    });
  } finally {
    await release(members, shared, healthy, options.keepWarmMs);
  }
  return outcomes;
}
