import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ImportJobs } from '../../main/services/importJobs';
import { closeImportDialog } from '../../renderer/features/importer/importActions';
import { apiOverJson, browserRouter } from '../main/browserHost';
import { installBridge } from './fakeHost';
import { closeDocument } from '../../renderer/state/documentStore';

// The import flow's host for renderer tests: the real handlers of a browser host over a temp workspace holding a
// copy of a fixture, every answer through JSON (as over IPC or HTTP), wired into importActions.

export interface ImportHost {
  /** The temp folder: `ws/` is the workspace, `ws/<folder>` the fixture's copy. */
  base: string;
  jobs: ImportJobs;
  dispose(): Promise<void>;
}

export async function startImportHost(prefix: string, fixture: string, folder: string): Promise<ImportHost> {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
  await fs.mkdir(path.join(base, 'ws'));
  await fs.cp(fixture, path.join(base, 'ws', folder), { recursive: true });
  const jobs = new ImportJobs();
  const api = apiOverJson(browserRouter(path.join(base, 'ws'), path.join(base, 'user'), { importJobs: jobs }));
  const uninstall = installBridge(api);
  closeDocument();
  return {
    base,
    jobs,
    async dispose() {
      closeImportDialog();
      uninstall();
      jobs.disposeAll();
      await fs.rm(base, { recursive: true, force: true });
    },
  };
}
