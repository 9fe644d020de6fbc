import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { scanFile, type FileOutcome } from './scanFile';
import type { ScanBatch } from './scanWorker';

// The scan pool: files are read, decoded and scanned by worker threads (two by default: the machines have two
// cores), in batches handed out as workers become free, with progress and cancel. Small trees, and builds
// where the worker file cannot be found, are scanned in this thread instead.
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
}

const BATCH = 48;

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

/** Scan every file; the outcomes come back in the order of `files`. Rejects with the signal's reason on cancel. */
export async function scanFiles(root: string, files: readonly string[], options: ScanOptions = {}): Promise<FileOutcome[]> {
  const wanted = options.workers ?? (files.length < (options.inThreadBelow ?? 200) ? 0 : 2);
  if (wanted === 0) return scanFilesInThread(root, files, options);
  const workers: Worker[] = [];
  for (let k = 0; k < wanted; k++) {
    const worker = startWorker(options.workerFile);
    if (!worker) break;
    workers.push(worker);
  }
  if (workers.length === 0) return scanFilesInThread(root, files, options);

  const outcomes: FileOutcome[] = new Array(files.length);
  const batches = Math.ceil(files.length / BATCH);
  let next = 0;
  let finished = 0;
  let done = 0;
  let ready = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const signal = options.signal;
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
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
      const feed = (worker: Worker) => {
        if (next >= batches || settled) return;
        const message: ScanBatch = { root, batch: next, files: files.slice(next * BATCH, (next + 1) * BATCH) };
        next++;
        worker.postMessage(message);
      };
      for (const worker of workers) {
        worker.on('message', (reply: { ready: true } | { batch: number; outcomes: FileOutcome[] }) => {
          if ('ready' in reply) {
            ready++;
            feed(worker);
            feed(worker);
            return;
          }
          store(reply.batch, reply.outcomes);
          feed(worker);
        });
        worker.on('error', (error) => settle(new Error(`the Python scan worker failed: ${error.message.split('\n', 1)[0]}`)));
      }
      if (batches === 0) return settle();
      // Until a worker has started (loading it takes a moment), this thread scans batches itself, yielding
      // between them; from then on it only collects results.
      const help = () => {
        if (settled || ready > 0 || next >= batches) return;
        const batch = next++;
        store(batch, files.slice(batch * BATCH, (batch + 1) * BATCH).map((rel) => scanFile(root, rel)));
        setImmediate(help);
      };
      if (options.helpUntilReady !== false) setImmediate(help);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
