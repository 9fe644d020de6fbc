import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CarveError } from '../shared/api/result';
import { writeFileSafely } from '../main/services/atomicWrite';
import { FORBIDDEN_KEY_HINT, findDeepNesting } from '../shared/format/jsonText';
import { MAX_NESTING, loadProject } from '../shared/format/load';
import { serializeProject } from '../shared/format/save';
import { findIntegrityProblems } from '../shared/model/integrity';
import { ProjectSchema } from '../shared/model/project';
import { generateProject } from './generate';
import { compare, envInt, time, type Benchmark, type BenchRow } from './harness';

// Issue 2, section 9: open and save a 2,000-service / 10,000-module / 50,000-dependency project, each
// against the plain operation on the same bytes in the same run. Target: each at most 3x its baseline.
// Then the parts, so that a miss says where the time goes.

export const SIZE = { services: 2_000, modules: 10_000, dependencies: 50_000, seed: 20270104 };
const TARGET_RATIO = 3;

/** Text through Carve's one write path (main/services/atomicWrite.ts), as every save goes. */
const writeSafely = (file: string, text: string) =>
  writeFileSafely({ path: file, bytes: Buffer.from(text, 'utf8'), fail: (reason) => new CarveError('save-failed', reason) });

const benchmark: Benchmark = {
  name: 'file format',
  describe: `open and save a generated project of ${SIZE.services} services, ${SIZE.modules} modules, ${SIZE.dependencies} dependencies`,
  async run(): Promise<BenchRow[]> {
    const options = { warmup: envInt('BENCH_WARMUP', 3), runs: envInt('BENCH_RUNS', 21) };
    const parts = { warmup: envInt('BENCH_WARMUP', 2), runs: envInt('BENCH_RUNS', 11) };
    const project = generateProject(SIZE);
    const text = serializeProject(project);
    const bytes = new TextEncoder().encode(text);
    const mb = `${(bytes.length / 1e6).toFixed(1)} MB`;
    // The generated project must be one Carve opens, or the figures mean nothing.
    const reopened = loadProject(bytes);
    if (serializeProject(reopened) !== text) throw new Error('the generated project does not round-trip through the file format');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carve-bench-'));
    const target = path.join(dir, 'project.carve');
    const plainTarget = path.join(dir, 'plain.json');
    try {
      const open = await compare(
        () => loadProject(bytes),
        () => JSON.parse(new TextDecoder().decode(bytes)),
        options,
      );
      const save = await compare(
        () => writeSafely(target, serializeProject(project)),
        () => fs.writeFileSync(plainTarget, JSON.stringify(project, null, 2)),
        options,
      );
      const rows: BenchRow[] = [
        {
          case: 'open: loadProject(bytes)',
          timing: open.timing,
          baseline: { case: 'JSON.parse(decode(bytes))', timing: open.baseline },
          maxRatio: TARGET_RATIO,
          note: `${mb}; decode, parse, envelope, migrate, zod, integrity`,
        },
        {
          case: 'save: serializeProject + atomic write',
          timing: save.timing,
          baseline: { case: 'JSON.stringify(p, null, 2) + writeFileSync', timing: save.baseline },
          maxRatio: TARGET_RATIO,
          note: `${mb}; the one write path: temp file, fsync, lock, rename, folder fsync`,
        },
      ];

      // Where the time goes. Each part is timed on its own (so they do not add up exactly to the whole).
      const value = JSON.parse(text) as { project: unknown };
      const decoded = await time(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), parts);
      const parsed = await time(() => JSON.parse(text), parts);
      const nesting = await time(() => findDeepNesting(text, MAX_NESTING), parts);
      const keyCheck = await time(() => FORBIDDEN_KEY_HINT.test(text), parts);
      const zod = await time(() => ProjectSchema.safeParse(value.project, { reportInput: true }), parts);
      const integrity = await time(() => findIntegrityProblems(project), parts);
      const serialized = await time(() => serializeProject(project), parts);
      const stringified = await time(() => JSON.stringify(project, null, 2), parts);
      const atomic = await time(() => writeSafely(target, text), parts);
      const plainWrite = await time(() => fs.writeFileSync(plainTarget, text), parts);
      const fsynced = await time(() => {
        const fd = fs.openSync(plainTarget, 'w');
        try {
          fs.writeFileSync(fd, text);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      }, parts);
      rows.push(
        { case: '  part: TextDecoder fatal', timing: decoded },
        { case: '  part: JSON.parse(text)', timing: parsed },
        { case: '  part: findDeepNesting(text)', timing: nesting },
        { case: '  part: FORBIDDEN_KEY_HINT.test', timing: keyCheck },
        { case: '  part: ProjectSchema.safeParse', timing: zod },
        { case: '  part: findIntegrityProblems', timing: integrity },
        { case: '  part: serializeProject', timing: serialized, baseline: { case: 'JSON.stringify(p, null, 2)', timing: stringified } },
        { case: '  part: writeFileSafely', timing: atomic, baseline: { case: 'fs.writeFileSync', timing: plainWrite } },
        { case: '  part: writeFileSync + fsync', timing: fsynced, baseline: { case: 'fs.writeFileSync', timing: plainWrite } },
      );
      return rows;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
