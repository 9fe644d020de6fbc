import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCarve } from './cliHarness';
import { serializeProject } from '../../shared/format/save';
import { fileURLToPath } from 'node:url';
import { loadSampleProject, SAMPLE_FILE_PATH } from '../../shared/samples/acmeShop';

// carve plan, run in-process on real files.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carve-plan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const carve = (...argv: string[]) => runCarve(dir, argv);

describe('carve plan', () => {
  it('prints the plan of the sample as JSON in the documented shape', async () => {
    await writeFile(join(dir, 'acme.carve'), serializeProject(loadSampleProject()));
    const { code, out, err } = await carve('plan', 'acme.carve', '--json');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const plan = JSON.parse(out.join('\n')) as {
      phases: {
        index: number;
        name: string;
        start: string;
        end: string;
        weeks: number;
        services: string[];
        effortPersonWeeks: number;
        capacityPersonWeeks: number | null;
        facadeRoutes: unknown[];
        dataMigrations: unknown[];
        risks: string[];
      }[];
      cycles: string[][];
      warnings: string[];
    };
    expect(Object.keys(plan)).toEqual(['phases', 'cycles', 'warnings']);
    expect(Object.keys(plan.phases[0]!)).toEqual([
      'index',
      'name',
      'start',
      'end',
      'weeks',
      'services',
      'effortPersonWeeks',
      'capacityPersonWeeks',
      'teams',
      'facadeRoutes',
      'dataMigrations',
      'risks',
    ]);
    expect(plan.phases[0]).toMatchObject({ index: 0, name: 'Foundations', start: '2027-01-04', services: [] });
    const planned = plan.phases.flatMap((p) => p.services).sort();
    expect(planned).toEqual(
      loadSampleProject()
        .services.map((s) => s.name)
        .sort(),
    );
    expect(plan.cycles.length).toBeGreaterThan(0);
    // Phase 1 holds Catalog and Search, 19.6 person-weeks, within the 34 its teams can do in its 4 weeks.
    expect(plan.phases[1]).toMatchObject({ name: 'Catalog and search', weeks: 4, effortPersonWeeks: 19.6, capacityPersonWeeks: 34 });
    for (const phase of plan.phases) expect(phase.effortPersonWeeks).toBeLessThanOrEqual(phase.capacityPersonWeeks!);
  });

  it('validates and plans the sample as it ships, shared/samples/acme-shop.carve', async () => {
    const file = fileURLToPath(new URL(`../../${SAMPLE_FILE_PATH}`, import.meta.url));
    expect(await carve('validate', file)).toMatchObject({ code: 0, err: [] });
    const { code, out } = await carve('plan', file);
    expect(code).toBe(0);
    expect(out).toContain('Phase 1: Catalog and search (2027-02-01 to 2027-02-28, 4 weeks, 19.6 of 34 person-weeks)');
    expect(out).toContain('Phase 2: Reviews and notifications (2027-03-01 to 2027-04-11, 6 weeks, 7.9 of 51 person-weeks)');
  });

  it('prints a readable plan without --json', async () => {
    await writeFile(join(dir, 'acme.carve'), serializeProject(loadSampleProject()));
    const { code, out } = await carve('plan', 'acme.carve');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^\d+ phases, 2027-01-04 to \d{4}-\d{2}-\d{2}, [\d.]+ person-weeks$/);
    expect(out).toContain('Phase 0: Foundations (2027-01-04 to 2027-01-31, 4 weeks)');
  });

  it('exits 1 with one line naming a bad file, and 2 for a usage error', async () => {
    await writeFile(join(dir, 'bad.carve'), '{"format": "carve-project"');
    const bad = await carve('plan', 'bad.carve');
    expect(bad.code).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/^bad\.carve: not JSON/);
    const usage = await carve('plan');
    expect(usage.code).toBe(2);
    expect(usage.err).toEqual(['carve: plan needs exactly one FILE (see carve --help)']);
  });
});
