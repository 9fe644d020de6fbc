import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARVE_VERSION, SAVED_BY } from '../../shared/version';

describe('version', () => {
  it('matches package.json, so savedBy and --version tell the truth', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(CARVE_VERSION).toBe(pkg.version);
    expect(SAVED_BY).toBe(`carve ${pkg.version}`);
  });
});
