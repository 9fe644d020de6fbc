import type { CarveApi } from '../../shared/api/client';
import { METHODS, type DraftInfo, type Method, type Request, type Values } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import { createProject } from '../../shared/model/create';
import type { Project } from '../../shared/model/project';
import { dialogStore, type DialogKind, type DialogRequest } from '../../renderer/state/dialogStore';
import { setBridge } from '../../renderer/platform/bridge';

// An in-memory host behind the CarveApi, for testing the renderer's flows without a server: files are strings
// in a map, hashes are their contents' simple digests, and every call is recorded.

const digest = (text: string) => {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h.toString(16).padStart(64, '0');
};

export interface FakeHost {
  api: CarveApi;
  files: Map<string, string>;
  drafts: Map<string, { filePath: string | null; project: Project }>;
  calls: { method: Method; request: unknown }[];
  nativeDialogs: { open: string | null; save: string | null };
  /** Hold the next project:save until `release()` is called. */
  holdNextSave(): { release(): void };
}

export function createFakeHost(): FakeHost {
  const files = new Map<string, string>();
  const drafts = new Map<string, { filePath: string | null; project: Project }>();
  const calls: FakeHost['calls'] = [];
  const nativeDialogs = { open: null as string | null, save: null as string | null };
  let hold: Promise<void> | null = null;

  // Methods the shell does not call answer `unsupported`.
  const handlers: { [M in Method]?: (request: Request<M>) => Promise<Result<Values[M]>> } = {
    'app:info': async () => ok({ version: '0.1.0', host: 'browser', workspace: '/ws', hasNativeDialogs: false, userDataDir: '/user' }),
    'project:open': async ({ path }) => {
      const text = files.get(path);
      if (text === undefined) return fail('not-found', `${path} does not exist`);
      try {
        return ok({ path, project: JSON.parse(text) as Project, hash: digest(text) });
      } catch {
        return fail('invalid-file', `${path}: not JSON (line 1)`);
      }
    },
    'project:sample': async () => ok({ project: createProject('Acme Shop') }),
    'project:save': async ({ path, project, baseHash, overwrite }) => {
      if (hold) await hold;
      const current = files.get(path);
      if (current !== undefined && !overwrite && (baseHash === null || digest(current) !== baseHash)) {
        return fail('conflict', `${path} changed on disk since you opened it`);
      }
      if (current === undefined && !overwrite && baseHash !== null)
        return fail('conflict', `${path} was deleted or moved since you opened it`);
      const text = JSON.stringify(project);
      files.set(path, text);
      return ok({ path, hash: digest(text) });
    },
    'recent:list': async () => ok({ files: [], dropped: [] }),
    'recent:clear': async () => ok({}),
    'draft:save': async ({ id, filePath, project }) => {
      drafts.set(id, { filePath: filePath ?? null, project: project as Project });
      return ok({});
    },
    'draft:list': async () =>
      ok({
        drafts: [...drafts].map(([id, d]): DraftInfo => ({
          id,
          filePath: d.filePath,
          projectName: d.project.name,
          savedAt: '2026-01-01T00:00:00Z',
        })),
      }),
    'draft:load': async ({ id }) => {
      const d = drafts.get(id);
      return d
        ? ok({ id, filePath: d.filePath, projectName: d.project.name, savedAt: '2026-01-01T00:00:00Z', project: d.project })
        : fail('not-found', 'no draft');
    },
    'draft:discard': async ({ id }) => {
      drafts.delete(id);
      return ok({});
    },
    'prefs:get': async () => ok({ theme: 'system' }),
    'prefs:set': async ({ theme }) => ok({ theme }),
    'dialog:open': async () => ok({ path: nativeDialogs.open }),
    'dialog:save': async () => ok({ path: nativeDialogs.save }),
    'fs:list': async () => ok({ dir: '/ws', parent: null, entries: [] }),
  };

  const api = Object.fromEntries(
    METHODS.map((method) => [
      method,
      (request: unknown) => {
        calls.push({ method, request });
        const handler = handlers[method] as ((r: unknown) => Promise<unknown>) | undefined;
        return handler ? handler(request) : Promise.resolve(fail('unsupported', `The fake host has no ${method}`));
      },
    ]),
  ) as CarveApi;

  return {
    api,
    files,
    drafts,
    calls,
    nativeDialogs,
    holdNextSave() {
      let release = () => {};
      hold = new Promise<void>((resolve) => (release = resolve));
      return {
        release: () => {
          hold = null;
          release();
        },
      };
    },
  };
}

/** Make `api` the page's bridge (renderer/platform/bridge), as a browser host with no menus; returns the undo. */
export function installBridge(api: CarveApi): () => void {
  setBridge({ api, host: { kind: 'browser', onHostEvent: () => () => {}, setDirty: () => {}, confirmClose: () => {} } });
  return () => setBridge(null);
}

type Answer = { kind: DialogKind; answer: unknown };

const CANCEL: Record<DialogKind, unknown> = {
  unsaved: 'cancel',
  conflict: 'cancel',
  'new-project': null,
  file: null,
  dependency: null,
  move: null,
};

/** Answer the questions the flows ask, in order; an unexpected question is cancelled (tests check `asked`). */
export function answerDialogs(...answers: Answer[]): { asked: DialogRequest[]; stop(): void } {
  const asked: DialogRequest[] = [];
  const queue = [...answers];
  const stop = dialogStore.subscribe(({ dialog }) => {
    if (!dialog || asked.includes(dialog)) return;
    asked.push(dialog);
    const next = queue[0]?.kind === dialog.kind ? queue.shift()!.answer : CANCEL[dialog.kind];
    queueMicrotask(() => (dialog.resolve as (a: unknown) => void)(next));
  });
  return { asked, stop };
}
