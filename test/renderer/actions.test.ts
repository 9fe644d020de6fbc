import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActions } from '../../renderer/state/actions';
import { startAutosave } from '../../renderer/state/autosave';
import { dialogStore } from '../../renderer/state/dialogStore';
import { closeDocument, documentStore, editProject } from '../../renderer/state/documentStore';
import { setProjectDetails } from '../../shared/commands/project';
import { uiStore } from '../../renderer/state/uiStore';
import { createProject } from '../../shared/model/create';
import { answerDialogs, createFakeHost, installBridge, type FakeHost } from './fakeHost';

let host: FakeHost;
let stops: (() => void)[] = [];
const initialUi = uiStore.getState();

beforeEach(() => {
  host = createFakeHost();
  stops.push(installBridge(host.api));
  closeDocument();
  uiStore.setState(initialUi, true);
  dialogStore.setState({ dialog: null });
});
afterEach(() => {
  stops.forEach((stop) => stop());
  stops = [];
  vi.useRealTimers();
});

const answer = (...args: Parameters<typeof answerDialogs>) => {
  const answered = answerDialogs(...args);
  stops.push(answered.stop);
  return answered;
};
const rename = (name: string) => editProject((p) => setProjectDetails(p, { name }));
const methods = () => host.calls.map((c) => c.method);

async function openedFile(path = '/ws/shop.carve') {
  host.files.set(path, JSON.stringify(createProject('Shop')));
  const actions = createActions();
  await actions.start();
  expect(await actions.open(path)).toBe(true);
  return actions;
}

describe('the unsaved-changes guard', () => {
  it('Cancel on New keeps the edited document and asks nothing more', async () => {
    const actions = await openedFile();
    rename('Edited');
    const { asked } = answer({ kind: 'unsaved', answer: 'cancel' });
    expect(await actions.newProject()).toBe(false);
    expect(asked.map((d) => d.kind)).toEqual(['unsaved']);
    expect(documentStore.getState().project?.name).toBe('Edited');
    expect(documentStore.getState().dirty).toBe(true);
  });

  it('Don’t save discards the draft and goes on to the new project', async () => {
    const actions = await openedFile();
    rename('Edited');
    const draftId = documentStore.getState().draftId!;
    answer({ kind: 'unsaved', answer: 'discard' }, { kind: 'new-project', answer: 'Fresh' });
    expect(await actions.newProject()).toBe(true);
    expect(host.calls).toContainEqual({ method: 'draft:discard', request: { id: draftId } });
    expect(documentStore.getState()).toMatchObject({ filePath: null, dirty: false });
    expect(documentStore.getState().project?.name).toBe('Fresh');
    expect(documentStore.getState().draftId).not.toBe(draftId);
  });

  it('Save writes the file first, and a failed save stops the flow', async () => {
    const actions = await openedFile();
    rename('Edited');
    answer({ kind: 'unsaved', answer: 'save' });
    expect(await actions.close()).toBe(true);
    expect(JSON.parse(host.files.get('/ws/shop.carve')!).name).toBe('Edited');
    expect(documentStore.getState().project).toBeNull();

    const again = await openedFile('/ws/other.carve');
    rename('Edited again');
    host.files.set('/ws/other.carve', 'changed elsewhere');
    answer({ kind: 'unsaved', answer: 'save' }, { kind: 'conflict', answer: 'cancel' });
    expect(await again.close()).toBe(false);
    expect(documentStore.getState().project?.name).toBe('Edited again');
  });

  it('a clean document is closed without a question', async () => {
    const actions = await openedFile();
    const { asked } = answer();
    expect(await actions.close()).toBe(true);
    expect(asked).toEqual([]);
  });
});

describe('saving', () => {
  it('a file changed on disk is a conflict; Overwrite saves with overwrite set', async () => {
    const actions = await openedFile();
    rename('Ours');
    host.files.set('/ws/shop.carve', '{"name":"Theirs"}');
    const { asked } = answer({ kind: 'conflict', answer: 'overwrite' });
    expect(await actions.save()).toBe(true);
    expect(asked.map((d) => d.kind)).toEqual(['conflict']);
    expect(JSON.parse(host.files.get('/ws/shop.carve')!).name).toBe('Ours');
    const saves = host.calls.filter((c) => c.method === 'project:save').map((c) => (c.request as { overwrite: boolean }).overwrite);
    expect(saves).toEqual([false, true]);
    expect(documentStore.getState().dirty).toBe(false);
  });

  it('Reload from disk drops our edit and takes the file as it is', async () => {
    const actions = await openedFile();
    rename('Ours');
    host.files.set('/ws/shop.carve', JSON.stringify(createProject('Theirs')));
    answer({ kind: 'conflict', answer: 'reload' });
    await actions.save();
    expect(documentStore.getState().project?.name).toBe('Theirs');
    expect(documentStore.getState().dirty).toBe(false);
    expect(host.files.get('/ws/shop.carve')).toBe(JSON.stringify(createProject('Theirs')));
  });

  it('a file deleted since it was opened is a conflict; Reload keeps our edits and their draft when it cannot open', async () => {
    const actions = await openedFile();
    rename('Ours');
    const draftId = documentStore.getState().draftId;
    expect(draftId).not.toBeNull();
    host.files.delete('/ws/shop.carve');
    const { asked } = answer({ kind: 'conflict', answer: 'reload' });
    expect(await actions.save()).toBe(false);
    expect(asked[0]).toMatchObject({
      kind: 'conflict',
      fileName: 'shop.carve',
      reason: '/ws/shop.carve was deleted or moved since you opened it',
    });
    expect(documentStore.getState().project?.name).toBe('Ours');
    expect(documentStore.getState().dirty).toBe(true);
    expect(host.calls.filter((c) => c.method === 'draft:discard').map((c) => c.request)).not.toContainEqual({ id: draftId });
    expect(uiStore.getState().lastError).toMatch(/does not exist/);
  });

  it('a never-saved project goes through Save As with the in-app dialog, without overwriting', async () => {
    const actions = createActions();
    await actions.start();
    await actions.openSample();
    const { asked } = answer({ kind: 'file', answer: { path: '/ws/acme.carve', overwrite: false } });
    expect(await actions.save()).toBe(true);
    expect(asked[0]).toMatchObject({ kind: 'file', mode: 'save', defaultName: 'acme-shop.carve' });
    expect(host.calls.find((c) => c.method === 'project:save')?.request).toMatchObject({
      path: '/ws/acme.carve',
      baseHash: null,
      overwrite: false,
    });
    expect(documentStore.getState().filePath).toBe('/ws/acme.carve');
  });

  it('with native dialogs, Save As asks the host and lets its dialog confirm replacing', async () => {
    const actions = createActions();
    await actions.start();
    uiStore.setState({ info: { ...uiStore.getState().info!, hasNativeDialogs: true } });
    await actions.openSample();
    host.nativeDialogs.save = '/home/a/acme.carve';
    const { asked } = answer();
    expect(await actions.saveAs()).toBe(true);
    expect(asked).toEqual([]);
    expect(host.calls.find((c) => c.method === 'project:save')?.request).toMatchObject({ path: '/home/a/acme.carve', overwrite: true });
  });

  it('a second save while one runs joins it rather than racing it into a false conflict', async () => {
    const actions = await openedFile();
    rename('Twice');
    const held = host.holdNextSave();
    const { asked } = answer();
    const first = actions.save();
    const second = actions.save();
    held.release();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(asked).toEqual([]);
    expect(methods().filter((m) => m === 'project:save')).toHaveLength(1);
    expect(await actions.save()).toBe(true);
    expect(asked).toEqual([]);
  });

  it('a save asked for after an edit made while a save ran writes that edit once the first is done', async () => {
    const actions = await openedFile();
    rename('First');
    const held = host.holdNextSave();
    const first = actions.save();
    rename('Second');
    const second = actions.save();
    held.release();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(methods().filter((m) => m === 'project:save')).toHaveLength(2);
    expect(JSON.parse(host.files.get('/ws/shop.carve')!).name).toBe('Second');
    expect(documentStore.getState().dirty).toBe(false);
  });

  it('a save asked for while another waits on its conflict question is not asked again after Cancel', async () => {
    const actions = await openedFile();
    rename('Ours');
    host.files.set('/ws/shop.carve', JSON.stringify(createProject('Theirs')));
    const { asked } = answer({ kind: 'conflict', answer: 'cancel' });
    const first = actions.save();
    const second = actions.save();
    expect(await Promise.all([first, second])).toEqual([false, false]);
    expect(asked.map((d) => d.kind)).toEqual(['conflict']);
    expect(JSON.parse(host.files.get('/ws/shop.carve')!).name).toBe('Theirs');
  });

  it('an edit made while a save runs keeps the document dirty', async () => {
    const actions = await openedFile();
    rename('First');
    const held = host.holdNextSave();
    const saving = actions.save();
    rename('Second');
    held.release();
    expect(await saving).toBe(true);
    expect(JSON.parse(host.files.get('/ws/shop.carve')!).name).toBe('First');
    expect(documentStore.getState().dirty).toBe(true);
  });
});

describe('opening', () => {
  it('a file that cannot be opened shows the host’s message and keeps the current document', async () => {
    const actions = await openedFile();
    host.files.set('/ws/broken.carve', '{ nope');
    expect(await actions.open('/ws/broken.carve')).toBe(false);
    expect(uiStore.getState().lastError).toBe('/ws/broken.carve: not JSON (line 1)');
    expect(uiStore.getState().lastErrorHeading).toBe('Cannot open this file');
    expect(documentStore.getState().filePath).toBe('/ws/shop.carve');
    expect(host.files.get('/ws/broken.carve')).toBe('{ nope');
  });

  it('a recovered draft is dirty, keeps its draft id and its file’s current hash', async () => {
    host.files.set('/ws/shop.carve', JSON.stringify(createProject('Shop')));
    host.drafts.set('d1', { filePath: '/ws/shop.carve', project: createProject('Recovered') });
    const actions = createActions();
    await actions.start();
    expect(uiStore.getState().drafts.map((d) => d.id)).toEqual(['d1']);
    expect(await actions.recoverDraft('d1')).toBe(true);
    expect(documentStore.getState()).toMatchObject({ filePath: '/ws/shop.carve', dirty: true, draftId: 'd1' });
    expect(uiStore.getState().drafts).toEqual([]);
    // Saving is a plain save over the file (no conflict), and it deletes the draft.
    const { asked } = answer();
    expect(await actions.save()).toBe(true);
    expect(asked).toEqual([]);
    expect(host.drafts.has('d1')).toBe(false);
  });
});

describe('autosave', () => {
  it('writes one draft about two seconds after the last edit, and none once saved', async () => {
    vi.useFakeTimers();
    const actions = await openedFile();
    stops.push(startAutosave(2000));
    rename('A');
    await vi.advanceTimersByTimeAsync(1500);
    rename('AB');
    await vi.advanceTimersByTimeAsync(1500);
    expect(methods().filter((m) => m === 'draft:save')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(methods().filter((m) => m === 'draft:save')).toHaveLength(1);
    expect(host.drafts.get(documentStore.getState().draftId!)?.project.name).toBe('AB');

    rename('ABC');
    await actions.save();
    await vi.advanceTimersByTimeAsync(5000);
    expect(methods().filter((m) => m === 'draft:save')).toHaveLength(1);
    expect(host.drafts.size).toBe(0);
  });
});

describe('the theme preference', () => {
  it('is taken from the host at start', async () => {
    host.api['prefs:get'] = async () => ({ ok: true, value: { theme: 'dark' } });
    await createActions().start();
    expect(uiStore.getState().theme).toBe('dark');
  });

  it('a theme picked while the stored one is still loading wins, and is saved', async () => {
    let answer = (_: { ok: true; value: { theme: 'light' } }) => {};
    host.api['prefs:get'] = () => new Promise((resolve) => (answer = resolve));
    const actions = createActions();
    const started = actions.start();
    await actions.setTheme('dark');
    answer({ ok: true, value: { theme: 'light' } });
    await started;
    expect(uiStore.getState().theme).toBe('dark');
    expect(host.calls).toContainEqual({ method: 'prefs:set', request: { theme: 'dark' } });
  });
});

describe('the start screen’s lists', () => {
  /** recent:list answers held until the test answers them, in any order. */
  function heldLists() {
    const answers: ((value: { files: { path: string; name: string }[]; dropped: string[] }) => void)[] = [];
    host.api['recent:list'] = () => new Promise((resolve) => answers.push((value) => resolve({ ok: true, value })));
    return answers;
  }
  const file = { path: '/ws/kept.carve', name: 'Kept' };

  it('show the latest refresh’s files, and still name a file an older refresh found gone (answered last)', async () => {
    const answers = heldLists();
    const actions = createActions();
    const older = actions.refreshStartLists();
    const newer = actions.refreshStartLists();
    answers[1]!({ files: [file], dropped: [] });
    await newer;
    answers[0]!({ files: [file, { path: '/ws/gone.carve', name: 'Gone' }], dropped: ['/ws/gone.carve'] });
    await older;
    expect(uiStore.getState()).toMatchObject({ recent: [file], droppedRecent: ['/ws/gone.carve'] });
  });

  it('the same when the older refresh answers first', async () => {
    const answers = heldLists();
    const actions = createActions();
    const older = actions.refreshStartLists();
    const newer = actions.refreshStartLists();
    answers[0]!({ files: [], dropped: ['/ws/gone.carve'] });
    await older;
    answers[1]!({ files: [file], dropped: [] });
    await newer;
    expect(uiStore.getState()).toMatchObject({ recent: [file], droppedRecent: ['/ws/gone.carve'] });
    // The notice is said once: the next refresh that finds nothing gone clears it.
    answers.length = 0;
    const again = actions.refreshStartLists();
    answers[0]!({ files: [file], dropped: [] });
    await again;
    expect(uiStore.getState().droppedRecent).toEqual([]);
  });
});
