import { parentPort } from 'node:worker_threads';
import { warmUpScanner } from '../../../shared/importer/warmUp';
import { scanFile } from './scanFile';

// A scan worker: receives batches of files, answers with their outcomes. Started by the pool in scanPool.ts.

export interface ScanBatch {
  root: string;
  batch: number;
  files: string[];
}

parentPort?.on('message', (message: ScanBatch) => {
  const outcomes = message.files.map((rel) => scanFile(message.root, rel));
  parentPort!.postMessage({ batch: message.batch, outcomes });
});
// Loaded, warmed (shared/importer/warmUp.ts) and listening: the pool hands out batches from now on.
if (parentPort) {
  warmUpScanner();
  parentPort.postMessage({ ready: true });
}
