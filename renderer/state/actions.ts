import type { Theme } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import { createProject, slugify } from '../../shared/model/create';
import type { Project } from '../../shared/model/project';
import { api } from '../platform/bridge';
import { errorHeading, errorText } from '../platform/messages';
import { flushViewport } from './canvasStore';
import { ask, type PickedPath } from './dialogStore';
import { closeDocument, documentStore, fileNameOf, loadDocument, markSaved } from './documentStore';
import { dismissError, showError, showNotice, uiStore } from './uiStore';

// The document flows: new, open, save, save as, close, drafts. Each asks about unsaved changes first where
// work could be lost, and reports failures as the host's one-line message. None of them throws. The host is
// reached through platform/bridge's api() at each call.

export type Actions = ReturnType<typeof createActions>;

export function createActions() {
  const report = (error: ApiError) => showError(errorText(error), errorHeading(error.code));

  // Refreshes overlap (a save starts one, a close another) and may answer out of order: the lists of the
  // latest are shown. Files an older one found gone are still named: the host forgets them once it has said so.
  let refreshes = 0;
  let shown = 0;
  let droppedMeanwhile: string[] = [];
  async function refreshStartLists(): Promise<void> {
    const mine = ++refreshes;
    const [recent, drafts] = await Promise.all([api()['recent:list']({}), api()['draft:list']({})]);
    if (recent.ok) {
      const { files, dropped } = recent.value;
      if (mine === refreshes) {
        uiStore.setState({ recent: files, droppedRecent: [...new Set([...droppedMeanwhile, ...dropped])] });
        droppedMeanwhile = [];
        shown = mine;
      } else if (dropped.length > 0) {
        if (shown > mine) uiStore.setState(({ droppedRecent }) => ({ droppedRecent: [...new Set([...droppedRecent, ...dropped])] }));
        else droppedMeanwhile.push(...dropped);
      }
    } else report(recent.error);
    if (drafts.ok) {
      if (mine === refreshes) uiStore.setState({ drafts: drafts.value.drafts });
    } else report(drafts.error);
  }

  // A theme picked while the stored preferences are still on their way is the newer choice: it must win.
  let themePicked = false;

  async function start(): Promise<void> {
    const [info, prefs] = await Promise.all([api()['app:info']({}), api()['prefs:get']({})]);
    if (info.ok) uiStore.setState({ info: info.value });
    else report(info.error);
    if (prefs.ok && !themePicked) uiStore.setState({ theme: prefs.value.theme });
    await refreshStartLists();
  }

  async function discardDraftOf(id: string | null): Promise<void> {
    if (id) await api()['draft:discard']({ id });
  }

  /** Deal with unsaved changes before they could be lost: true when it is safe to go on. */
  async function guard(): Promise<boolean> {
    const { dirty, project, draftId } = documentStore.getState();
    if (!dirty || !project) return true;
    const choice = await ask('unsaved', { projectName: project.name });
    if (choice === 'cancel') return false;
    if (choice === 'save') return save();
    await discardDraftOf(draftId);
    return true;
  }

  const hasNativeDialogs = () => uiStore.getState().info?.hasNativeDialogs ?? false;

  async function pickOpenPath(): Promise<string | null> {
    if (hasNativeDialogs()) {
      const picked = await api()['dialog:open']({});
      if (!picked.ok) {
        report(picked.error);
        return null;
      }
      return picked.value.path;
    }
    return (await ask('file', { mode: 'open', defaultName: '' }))?.path ?? null;
  }

  async function pickSavePath(defaultName: string): Promise<PickedPath | null> {
    if (hasNativeDialogs()) {
      const picked = await api()['dialog:save']({ defaultName });
      if (!picked.ok) {
        report(picked.error);
        return null;
      }
      // The native dialog has already asked before replacing a file.
      return picked.value.path ? { path: picked.value.path, overwrite: true } : null;
    }
    return ask('file', { mode: 'save', defaultName });
  }

  async function openPath(path: string): Promise<boolean> {
    uiStore.setState({ busy: true });
    const opened = await api()['project:open']({ path });
    uiStore.setState({ busy: false });
    if (!opened.ok) {
      report(opened.error);
      return false;
    }
    const previousDraft = documentStore.getState().draftId;
    loadDocument({ project: opened.value.project, filePath: opened.value.path, baseHash: opened.value.hash });
    if (previousDraft) void api()['draft:discard']({ id: previousDraft });
    dismissError();
    showNotice(`Opened ${fileNameOf(opened.value.path)}`);
    void refreshStartLists();
    return true;
  }

  async function open(path?: string): Promise<boolean> {
    if (!(await guard())) return false;
    const target = path ?? (await pickOpenPath());
    if (!target) return false;
    return openPath(target);
  }

  async function openSample(): Promise<boolean> {
    if (!(await guard())) return false;
    const sample = await api()['project:sample']({});
    if (!sample.ok) {
      report(sample.error);
      return false;
    }
    await discardDraftOf(documentStore.getState().draftId);
    loadDocument({ project: sample.value.project, filePath: null, baseHash: null });
    showNotice('Opened the sample project; Save As keeps your own copy');
    return true;
  }

  async function newProject(): Promise<boolean> {
    if (!(await guard())) return false;
    const name = await ask('new-project', {});
    if (name === null) return false;
    await discardDraftOf(documentStore.getState().draftId);
    loadDocument({ project: createProject(name), filePath: null, baseHash: null });
    showNotice(null);
    return true;
  }

  async function writeTo(path: string, baseHash: string | null, overwrite: boolean): Promise<boolean> {
    flushViewport();
    const { project, draftId } = documentStore.getState();
    if (!project) return false;
    uiStore.setState({ busy: true });
    const saved = await api()['project:save']({ path, project, baseHash, overwrite });
    uiStore.setState({ busy: false });
    if (saved.ok) {
      // Only what was written is saved: an edit made while the save ran keeps the document dirty.
      const stillSame = documentStore.getState().project === project;
      markSaved(saved.value.path, saved.value.hash);
      if (stillSame) await discardDraftOf(draftId);
      else documentStore.setState({ dirty: true });
      dismissError();
      showNotice(`Saved at ${new Date().toLocaleTimeString()}`);
      void refreshStartLists();
      return true;
    }
    if (saved.error.code !== 'conflict') {
      report(saved.error);
      return false;
    }
    const choice = await ask('conflict', { fileName: fileNameOf(path) ?? path, reason: saved.error.message });
    switch (choice) {
      case 'overwrite':
        return writeTo(path, baseHash, true);
      case 'save-as':
        return saveAsNow();
      case 'reload':
        // The draft goes only once the file is open (openPath discards it then): a file deleted since it was
        // opened fails to open, and the edits stay in the document and its draft.
        await openPath(path);
        return false;
      case 'cancel':
        return false;
    }
  }

  // One save at a time. A save asked for while another runs (or waits on a question) waits for it rather than
  // racing it with a stale base hash, which would report a conflict with our own write. Then it is done if the
  // document is clean, or if the running save failed or was cancelled (its question was just answered); an edit
  // made while that save ran is saved by this one. Save As always goes on: it asks for a new place anyway.
  let saving: Promise<boolean> | null = null;
  const exclusive = (run: () => Promise<boolean>, afterAnother: 'when-dirty' | 'always'): Promise<boolean> => {
    const previous = saving;
    const next = (async () => {
      if (previous) {
        const result = await previous;
        if (afterAnother === 'when-dirty' && (!result || !documentStore.getState().dirty)) return result;
      }
      return run();
    })();
    saving = next;
    void next.finally(() => {
      if (saving === next) saving = null;
    });
    return next;
  };
  const save = () => exclusive(saveNow, 'when-dirty');
  const saveAs = () => exclusive(saveAsNow, 'always');

  async function saveNow(): Promise<boolean> {
    const { project, filePath, baseHash } = documentStore.getState();
    if (!project) return false;
    if (!filePath) return saveAsNow();
    return writeTo(filePath, baseHash, false);
  }

  async function saveAsNow(): Promise<boolean> {
    const { project, filePath, baseHash } = documentStore.getState();
    if (!project) return false;
    const picked = await pickSavePath(fileNameOf(filePath) ?? `${slugify(project.name)}.carve`);
    if (!picked) return false;
    const sameFile = picked.path === filePath;
    return writeTo(picked.path, sameFile ? baseHash : null, picked.overwrite);
  }

  async function close(): Promise<boolean> {
    if (!(await guard())) return false;
    await discardDraftOf(documentStore.getState().draftId);
    closeDocument();
    showNotice(null);
    await refreshStartLists();
    return true;
  }

  async function recoverDraft(id: string): Promise<boolean> {
    if (!(await guard())) return false;
    const draft = await api()['draft:load']({ id });
    if (!draft.ok) {
      report(draft.error);
      return false;
    }
    let baseHash: string | null = null;
    if (draft.value.filePath) {
      // The hash of the file as it is now: saving the recovered work over it is then a plain save.
      const current = await api()['project:open']({ path: draft.value.filePath });
      if (current.ok) baseHash = current.value.hash;
    }
    const recovered: Project = draft.value.project;
    loadDocument({ project: recovered, filePath: draft.value.filePath, baseHash, dirty: true, draftId: id });
    uiStore.setState({ drafts: uiStore.getState().drafts.filter((d) => d.id !== id) });
    showNotice(`Recovered unsaved work on ${recovered.name}`);
    return true;
  }

  async function discardDraft(id: string): Promise<void> {
    const result = await api()['draft:discard']({ id });
    if (!result.ok) report(result.error);
    uiStore.setState({ drafts: uiStore.getState().drafts.filter((d) => d.id !== id) });
  }

  async function clearRecent(): Promise<void> {
    const result = await api()['recent:clear']({});
    if (!result.ok) return report(result.error);
    uiStore.setState({ recent: [], droppedRecent: [] });
  }

  async function setTheme(theme: Theme): Promise<void> {
    themePicked = true;
    uiStore.setState({ theme });
    const result = await api()['prefs:set']({ theme });
    if (!result.ok) report(result.error);
  }

  return {
    start,
    guard,
    open,
    openSample,
    newProject,
    save,
    saveAs,
    close,
    recoverDraft,
    discardDraft,
    clearRecent,
    setTheme,
    refreshStartLists,
  };
}
