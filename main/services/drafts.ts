import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Draft, DraftInfo } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { LoadError } from '../../shared/format/errors';
import { CURRENT_FORMAT_VERSION, FORMAT_NAME, loadProject, MAX_FILE_BYTES, parseProjectText } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import type { Project } from '../../shared/model/project';
import { SAVED_BY } from '../../shared/version';
import { writeTextSafely } from './atomicWrite';
import { errnoCode, plainReason } from './fsErrors';
import { projectBytes, validatePayload } from './projectFiles';

// Autosave drafts: `<dir>/<id>.json`, in the user-data folder, never beside the user's file.
// A draft keeps the format version it was written with, so that a draft left by an older Carve is migrated
// like a file rather than thrown away.

const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const DraftFileSchema = z.object({
  id: z.string().regex(DRAFT_ID),
  filePath: z.string().min(1).nullable(),
  projectName: z.string(),
  savedAt: z.string(),
  formatVersion: z.number().int().min(1).default(1),
  project: z.unknown(),
});

function checkId(id: string): void {
  if (!DRAFT_ID.test(id)) throw new CarveError('invalid-request', `"${id.slice(0, 80)}" is not a draft id`);
}

export class Drafts {
  /** `dir` is the folder the drafts are kept in (the hosts pass `<userDataDir>/drafts`). */
  constructor(readonly dir: string) {}

  private fileOf(id: string): string {
    checkId(id);
    return path.join(this.dir, `${id}.json`);
  }

  /** Write (or replace) the draft `id` of the project at `filePath` (null for a project never saved). */
  async save(id: string, filePath: string | null, project: unknown, now: Date = new Date()): Promise<void> {
    const file = this.fileOf(id);
    const valid = validatePayload(project, 'The draft');
    const fail = (reason: string) => new CarveError('save-failed', `Could not keep a draft of ${valid.name}: ${reason}`);
    projectBytes(valid, valid.name, fail); // a draft too large to open again is refused, as its file would be
    const draft = {
      id,
      filePath: filePath === null ? null : path.resolve(filePath),
      projectName: valid.name,
      savedAt: now.toISOString(),
      formatVersion: CURRENT_FORMAT_VERSION,
      project: valid,
    };
    try {
      await fs.promises.mkdir(this.dir, { recursive: true });
    } catch (error) {
      throw fail(plainReason(error));
    }
    await writeTextSafely({ path: file, text: `${JSON.stringify(draft)}\n`, fail });
  }

  /**
   * Drafts worth offering for recovery, newest first: those that differ from their file, those whose file is
   * gone or unreadable, and those of projects never saved. Damaged draft files are kept aside (renamed, see
   * keepAside); drafts equal to their file are removed (nothing would be recovered).
   */
  async list(): Promise<DraftInfo[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return [];
      throw new CarveError('internal', `Could not read the drafts folder ${this.dir}: ${plainReason(error)}`);
    }
    const offered: DraftInfo[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!DRAFT_ID.test(id)) continue;
      let draft: Draft;
      try {
        draft = await this.read(id);
      } catch (error) {
        if (isDamaged(error)) await this.keepAside(id).catch(() => {});
        continue;
      }
      if (await sameAsFile(draft)) {
        await this.discard(id).catch(() => {});
        continue;
      }
      offered.push({ id: draft.id, filePath: draft.filePath, projectName: draft.projectName, savedAt: draft.savedAt });
    }
    return offered.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : a.id.localeCompare(b.id)));
  }

  /** The draft `id` with its project; a damaged draft is kept aside and reported. */
  async load(id: string): Promise<Draft> {
    try {
      return await this.read(id);
    } catch (error) {
      if (error instanceof CarveError) throw error;
      if (!isDamaged(error)) throw new CarveError('internal', `Could not read the draft ${id}: ${plainReason(error)}`);
      const aside = await this.keepAside(id).catch(() => null);
      const where = aside === null ? '' : ` (kept aside as ${aside})`;
      throw new CarveError('invalid-file', `The draft ${id} is damaged and is no longer offered${where}: ${describeDamage(error)}`);
    }
  }

  /** Delete the draft `id`; deleting a draft that is not there is not an error. */
  async discard(id: string): Promise<void> {
    await fs.promises.rm(this.fileOf(id), { force: true });
  }

  /**
   * Moves a damaged draft out of the way, never deleting it: `<id>.json` becomes `<id>.json.damaged-<date>`,
   * which is no longer listed. Resolves to the new name.
   */
  private async keepAside(id: string, now: Date = new Date()): Promise<string> {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    for (let n = 1; ; n++) {
      const aside = `${id}.json.damaged-${stamp}${n === 1 ? '' : `-${n}`}`;
      // rename replaces silently: never over a draft kept aside before
      if (
        await fs.promises.lstat(path.join(this.dir, aside)).then(
          () => true,
          () => false,
        )
      )
        continue;
      await fs.promises.rename(this.fileOf(id), path.join(this.dir, aside));
      return aside;
    }
  }

  private async read(id: string): Promise<Draft> {
    const file = this.fileOf(id);
    let text: string;
    try {
      const stats = await fs.promises.stat(file);
      if (!stats.isFile() || stats.size > MAX_FILE_BYTES * 2) throw new Error('not a draft file');
      text = await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') throw new CarveError('not-found', `There is no draft ${id}`);
      throw error;
    }
    const stored = DraftFileSchema.parse(JSON.parse(text));
    if (stored.id !== id) throw new Error(`the draft names itself ${stored.id}`);
    // Through the file loader: the same migrations, checks and forbidden keys as a .carve file.
    const envelope = { format: FORMAT_NAME, formatVersion: stored.formatVersion, savedBy: SAVED_BY, project: stored.project };
    const project: Project = parseProjectText(JSON.stringify(envelope));
    return { id, filePath: stored.filePath, projectName: project.name, savedAt: stored.savedAt, project };
  }
}

/**
 * A draft that can never be read (not JSON, wrong shape, an invalid project) as opposed to one that could not
 * be read now (a disk error) or one written by a newer Carve: only the first kind is kept aside.
 */
function isDamaged(error: unknown): boolean {
  if (error instanceof LoadError) return error.kind !== 'newer-version';
  if (error instanceof CarveError) return false;
  return errnoCode(error) === undefined;
}

function describeDamage(error: unknown): string {
  if (error instanceof LoadError) return error.message;
  if (error instanceof z.ZodError) return 'it is not a Carve draft';
  if (error instanceof SyntaxError) return 'it is not JSON';
  return plainReason(error);
}

/** True when the draft's file exists, opens, and holds the same project (compared in canonical form). */
async function sameAsFile(draft: Draft): Promise<boolean> {
  if (draft.filePath === null) return false;
  try {
    const stats = await fs.promises.stat(draft.filePath);
    if (!stats.isFile() || stats.size > MAX_FILE_BYTES) return false;
    const onDisk = loadProject(await fs.promises.readFile(draft.filePath));
    return serializeProject(onDisk) === serializeProject(draft.project);
  } catch {
    return false;
  }
}
