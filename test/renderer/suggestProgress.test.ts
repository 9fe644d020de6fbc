import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createProject } from '../../shared/model/create';
import { ProjectSchema } from '../../shared/model/project';
import { cancelSuggest, closeImportDialog, setSuggestInputs, suggestBoundaries } from '../../renderer/features/importer/importActions';
import { closeDocument, loadDocument } from '../../renderer/state/documentStore';
import { importStore } from '../../renderer/state/importStore';
import { uiStore } from '../../renderer/state/uiStore';
import { apiOverJson, browserRouter } from '../main/browserHost';
import { installBlockingGit, stopWaitingGit, type BlockingGit } from '../main/blockingGit';
import { makeRepo, plantedCommits, PLANTED_GROUPS } from '../main/historyRepo';
import { installBridge } from './fakeHost';

// The import dialog's suggestion is a job of the host: its step shows under a progress bar while it runs, and
// Cancel stops it (git included). Real handlers of a browser host over a real git repository; the `git log` waits
// on a FIFO (blockingGit), so the test sees the read mid-way without waiting on time.

let base: string;
let git: BlockingGit;
let uninstall: () => void;

beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-suggest-progress-')));
  makeRepo(path.join(base, 'workspace', 'shop'), plantedCommits('src/'));
  git = await installBlockingGit(base);
  uninstall = installBridge(apiOverJson(browserRouter(path.join(base, 'workspace'), path.join(base, 'user-data'))));
  const modules = PLANTED_GROUPS.flat().map((name) => ({ id: name, name: `shop.${name}`, path: name, linesOfCode: 500 }));
  const empty = createProject('Shop');
  loadDocument({
    project: ProjectSchema.parse({ ...empty, monolith: { ...empty.monolith, modules } }),
    filePath: null,
    baseHash: null,
    dirty: false,
  });
});
afterEach(async () => {
  closeImportDialog();
  closeDocument();
  uninstall();
  git.restore();
  await stopWaitingGit(git.mark);
  await fs.rm(base, { recursive: true, force: true });
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const shownText = () => importStore.getState().suggesting?.text ?? '';

it("shows the job's step under a progress bar, then the suggestion", async () => {
  setSuggestInputs({ historyDir: 'shop/src', until: '2024-01-01', services: 2 });
  const asking = suggestBoundaries();
  expect(importStore.getState()).toMatchObject({ busy: true, suggesting: { text: 'Starting…', cancelling: false } });
  while (!/^Reading the history: [1-9]\d* commits?$/.test(shownText())) await nextTurn();
  expect(importStore.getState().suggesting).toMatchObject({ done: 0, total: 2, cancelling: false });
  while (!existsSync(git.mark)) await nextTurn();
  await fs.writeFile(git.fifo, 'go\n');
  await asking;
  expect(importStore.getState()).toMatchObject({ busy: false, suggesting: null, error: null, shown: 2 });
  expect(importStore.getState().suggestion).toMatchObject({ accepted: 2, commitsBefore: 30, commitsAfter: 11 });
});

it('Cancel stops git, shows no error and says the suggestion was cancelled', async () => {
  setSuggestInputs({ historyDir: 'shop/src', until: '2024-01-01', services: 2 });
  const asking = suggestBoundaries();
  while (!existsSync(git.mark)) await nextTurn();
  const pid = Number((await fs.readFile(git.mark, 'utf8')).trim());
  cancelSuggest();
  expect(importStore.getState().suggesting).toMatchObject({ cancelling: true });
  await asking;
  expect(importStore.getState()).toMatchObject({ busy: false, suggesting: null, suggestion: null, error: null });
  expect(uiStore.getState().notice).toBe('Suggestion cancelled');
  expect(() => process.kill(pid, 0)).toThrow();
});
