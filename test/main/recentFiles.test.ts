import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfPreferences, type PreferenceStore } from '../../main/services/preferences';
import { RecentFiles } from '../../main/services/recentFiles';

let dir: string;
let prefs: PreferenceStore;
let recent: RecentFiles;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-recent-'));
  prefs = createConfPreferences(path.join(dir, 'user-data'), () => {});
  recent = new RecentFiles(prefs);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function touch(name: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, '{}');
  return file;
}

describe('RecentFiles', () => {
  it('lists the most recent first', async () => {
    const a = await touch('a.carve');
    const b = await touch('b.carve');
    recent.add(a, 'A');
    recent.add(b, 'B');
    expect((await recent.list()).files).toEqual([
      { path: b, name: 'B' },
      { path: a, name: 'A' },
    ]);
  });

  it('keeps each file once, by resolved path, with its latest name, moved to the front', async () => {
    const a = await touch('a.carve');
    const b = await touch('b.carve');
    recent.add(a, 'A');
    recent.add(b, 'B');
    recent.add(path.join(dir, 'sub', '..', 'a.carve'), 'A renamed');
    expect((await recent.list()).files).toEqual([
      { path: a, name: 'A renamed' },
      { path: b, name: 'B' },
    ]);
  });

  it('a file reached through a symbolic link is the same file: one entry, named by the path last used', async () => {
    const real = await touch('real.carve');
    await fs.mkdir(path.join(dir, 'links'));
    const link = path.join(dir, 'links', 'alias.carve');
    await fs.symlink(real, link);
    recent.add(real, 'Real');
    recent.add(link, 'Through the link');
    expect((await recent.list()).files).toEqual([{ path: link, name: 'Through the link' }]);
    recent.remove(real);
    expect((await recent.list()).files).toEqual([]);
  });

  it('keeps at most ten, dropping the oldest', async () => {
    const files: string[] = [];
    for (let i = 0; i < 12; i++) {
      files.push(await touch(`f${i}.carve`));
      recent.add(files[i]!, `F${i}`);
    }
    const listed = (await recent.list()).files.map((file) => file.path);
    expect(listed).toEqual(files.slice(2).reverse());
  });

  it('drops files that no longer exist, names them, and forgets them', async () => {
    const a = await touch('a.carve');
    const b = await touch('b.carve');
    const c = await touch('c.carve');
    recent.add(a, 'A');
    recent.add(b, 'B');
    recent.add(c, 'C');
    await fs.rm(b);
    await fs.rm(a);
    await fs.mkdir(a); // now a folder: not a file to open either
    const first = await recent.list();
    expect(first.files.map((file) => file.path)).toEqual([c]);
    expect(first.dropped).toEqual([b, a]);
    const second = await new RecentFiles(createConfPreferences(path.join(dir, 'user-data'), () => {})).list();
    expect(second).toEqual({ files: [{ path: c, name: 'C' }], dropped: [] });
  });

  it('clears the list', async () => {
    recent.add(await touch('a.carve'), 'A');
    recent.clear();
    expect(await recent.list()).toEqual({ files: [], dropped: [] });
  });
});
