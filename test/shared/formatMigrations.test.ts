import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRENT_FORMAT_VERSION } from '../../shared/format/load';
import { MIGRATIONS, checkMigrationChain, runMigrations, type Migration } from '../../shared/format/migrate';

const step = (from: number, name: string, up: Migration['up']): Migration => ({ from, to: from + 1, name, up });

describe('format migrations', () => {
  it('lead from version 1 to the current version with no gap', () => {
    expect(checkMigrationChain(MIGRATIONS, CURRENT_FORMAT_VERSION)).toEqual([]);
  });

  it('each live in a numbered file named after the version it produces', () => {
    const folder = new URL('../../shared/format/migrations/', import.meta.url);
    let files: string[] = [];
    try {
      files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
    } catch {
      files = []; // no folder until the first migration is written
    }
    for (const file of files) expect(file).toMatch(/^\d{3}-[a-z0-9-]+\.ts$/);
    expect(files.map((file) => Number(file.slice(0, 3))).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.to));
  });

  it('finds gaps, skips and duplicates in a chain', () => {
    const id: Migration['up'] = (p) => p;
    expect(checkMigrationChain([step(1, 'a', id), step(2, 'b', id)], 3)).toEqual([]);
    expect(checkMigrationChain([step(1, 'a', id), step(3, 'c', id)], 4)).toHaveLength(2);
    expect(checkMigrationChain([step(1, 'a', id)], 3)).toEqual(['1 migrations for format version 3: expected 2']);
    expect(checkMigrationChain([{ from: 1, to: 3, name: 'skip', up: id }], 2)).toEqual(['migration "skip" goes from 1 to 3, not to 2']);
  });

  it('run in order from the file version to the current one, and not at all for a current file', () => {
    const chain = [
      step(1, 'rename title to name', ({ title, ...rest }) => ({ ...rest, name: title })),
      step(2, 'add tags', (p) => ({ ...p, tags: [String(p.name)] })),
    ];
    expect(runMigrations({ title: 'Shop' }, 1, 3, chain)).toEqual({ name: 'Shop', tags: ['Shop'] });
    expect(runMigrations({ name: 'Shop' }, 2, 3, chain)).toEqual({ name: 'Shop', tags: ['Shop'] });
    const current = { name: 'Shop' };
    expect(runMigrations(current, 3, 3, chain)).toBe(current);
    expect(() => runMigrations({}, 1, 3, [chain[1]!])).toThrow('no migration from format version 1 to 2');
  });
});
