import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Drafts } from '../../main/services/drafts';
import { saveProjectFile } from '../../main/services/projectFiles';
import { CarveError } from '../../shared/api/result';
import { serializeProject } from '../../shared/format/save';
import { createProject } from '../../shared/model/create';
import { loadSampleProject } from '../../shared/samples/acmeShop';

let dir: string;
let draftsDir: string;
let drafts: Drafts;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-drafts-'));
  draftsDir = path.join(dir, 'user-data', 'drafts');
  drafts = new Drafts(draftsDir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sample = loadSampleProject();
const edited = { ...sample, description: 'Edited but not saved' };

async function saveFile(name: string, project = sample): Promise<string> {
  const file = path.join(dir, name);
  await saveProjectFile({ path: file, project, baseHash: null, overwrite: true });
  return file;
}

describe('Drafts', () => {
  it('keeps a draft in its folder and loads it back', async () => {
    const file = await saveFile('shop.carve');
    await drafts.save('d1', file, edited, new Date('2026-01-02T03:04:05Z'));
    expect(await fs.readdir(draftsDir)).toEqual(['d1.json']);
    const stored = JSON.parse(await fs.readFile(path.join(draftsDir, 'd1.json'), 'utf8'));
    expect(stored).toMatchObject({ id: 'd1', filePath: file, projectName: 'Acme Shop', savedAt: '2026-01-02T03:04:05.000Z' });
    const draft = await drafts.load('d1');
    expect(draft.project).toEqual(edited);
    expect(draft).toMatchObject({ id: 'd1', filePath: file, projectName: sample.name, savedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('offers a draft that differs from its file, not one equal to it (which it removes)', async () => {
    const file = await saveFile('shop.carve');
    await drafts.save('changed', file, edited);
    await drafts.save('same', file, structuredClone(sample));
    expect((await drafts.list()).map((draft) => draft.id)).toEqual(['changed']);
    expect(await fs.readdir(draftsDir)).toEqual(['changed.json']);
  });

  it('compares in canonical form: a draft saved with defaults left out equals its full file', async () => {
    const project = createProject('Orders split');
    const file = await saveFile('orders.carve', project);
    await drafts.save('d', file, { id: project.id, name: project.name });
    expect(await drafts.list()).toEqual([]);
  });

  it('offers a draft whose file is gone or unreadable, and one of a project never saved', async () => {
    const gone = await saveFile('gone.carve');
    const broken = await saveFile('broken.carve');
    await drafts.save('gone', gone, sample, new Date('2026-01-01T00:00:01Z'));
    await drafts.save('broken', broken, sample, new Date('2026-01-01T00:00:02Z'));
    await drafts.save('new', null, createProject('Fresh'), new Date('2026-01-01T00:00:03Z'));
    await fs.rm(gone);
    await fs.writeFile(broken, 'not json');
    const listed = await drafts.list();
    expect(listed.map((draft) => draft.id)).toEqual(['new', 'broken', 'gone']); // newest first
    expect(listed[0]).toEqual({ id: 'new', filePath: null, projectName: 'Fresh', savedAt: '2026-01-01T00:00:03.000Z' });
  });

  it('skips damaged drafts instead of failing, and keeps them aside (renamed, never deleted)', async () => {
    await drafts.save('good', null, sample);
    await fs.writeFile(path.join(draftsDir, 'notjson.json'), '{"id": ');
    await fs.writeFile(path.join(draftsDir, 'shape.json'), JSON.stringify({ hello: 'world' }));
    await fs.writeFile(
      path.join(draftsDir, 'badproject.json'),
      JSON.stringify({ id: 'badproject', filePath: null, projectName: 'x', savedAt: 'x', project: { id: 'p' } }),
    );
    await fs.writeFile(
      path.join(draftsDir, 'proto.json'),
      `{"id":"proto","filePath":null,"projectName":"x","savedAt":"x","project":{"id":"p","name":"P","__proto__":{"polluted":true}}}`,
    );
    await fs.writeFile(path.join(draftsDir, 'other.txt'), 'not a draft');
    const damaged = { notjson: '{"id": ', shape: JSON.stringify({ hello: 'world' }) };
    expect((await drafts.list()).map((draft) => draft.id)).toEqual(['good']);
    const names = (await fs.readdir(draftsDir)).sort();
    expect(names.filter((name) => !name.includes('.damaged-'))).toEqual(['good.json', 'other.txt']);
    const aside = names.filter((name) => /^\w+\.json\.damaged-\d{8}T\d{6}Z$/.test(name));
    expect(aside.map((name) => name.split('.')[0]).sort()).toEqual(['badproject', 'notjson', 'proto', 'shape']);
    for (const [id, text] of Object.entries(damaged)) {
      expect(
        await fs.readFile(
          path.join(
            draftsDir,
            aside.find((name) => name.startsWith(`${id}.`))!,
          ),
          'utf8',
        ),
      ).toBe(text);
    }
    expect((await drafts.list()).map((draft) => draft.id)).toEqual(['good']); // kept aside: no longer offered
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a draft written by a newer Carve (not offered, not deleted)', async () => {
    const newer = { id: 'newer', filePath: null, projectName: 'x', savedAt: 'x', formatVersion: 99, project: { id: 'p', name: 'P' } };
    await fs.mkdir(draftsDir, { recursive: true });
    await fs.writeFile(path.join(draftsDir, 'newer.json'), JSON.stringify(newer));
    expect(await drafts.list()).toEqual([]);
    expect(await fs.readdir(draftsDir)).toEqual(['newer.json']);
  });

  it('reports a damaged draft on load, keeps it aside, and says not-found for a missing one', async () => {
    await fs.mkdir(draftsDir, { recursive: true });
    await fs.writeFile(path.join(draftsDir, 'bad.json'), 'garbage');
    const error = await drafts.load('bad').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-file' });
    expect((error as Error).message).toMatch(
      /^The draft bad is damaged and is no longer offered \(kept aside as bad\.json\.damaged-\d{8}T\d{6}Z\): it is not JSON$/,
    );
    await expect(drafts.load('bad')).rejects.toMatchObject({ code: 'not-found' });
    const [aside] = await fs.readdir(draftsDir);
    expect(await fs.readFile(path.join(draftsDir, aside!), 'utf8')).toBe('garbage');
  });

  it('discards a draft, and discarding twice is fine', async () => {
    await drafts.save('d', null, sample);
    await drafts.discard('d');
    await drafts.discard('d');
    expect(await drafts.list()).toEqual([]);
  });

  it('lists nothing when the drafts folder does not exist yet', async () => {
    expect(await drafts.list()).toEqual([]);
  });

  it('refuses ids that could name a file elsewhere, and invalid projects', async () => {
    for (const id of ['../escape', 'a/b', '', '.hidden']) {
      await expect(drafts.save(id, null, sample)).rejects.toBeInstanceOf(CarveError);
    }
    await expect(drafts.save('d', null, { name: 'no id' })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(fs.readdir(draftsDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a draft that cannot be written as save-failed, in one line', async () => {
    await fs.writeFile(path.join(dir, 'user-data'), 'a file where the folder should be');
    const error = await drafts.save('d', null, sample).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'save-failed' });
    expect((error as Error).message).toContain('Acme Shop');
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps the file it belongs to untouched (drafts live only in the user-data folder)', async () => {
    const file = await saveFile('shop.carve');
    const before = await fs.readFile(file);
    await drafts.save('d', file, edited);
    expect(Buffer.compare(before, await fs.readFile(file))).toBe(0);
    expect(await fs.readdir(dir)).toEqual(['shop.carve', 'user-data']);
    expect(serializeProject((await drafts.load('d')).project)).toBe(serializeProject(edited));
  });
});
