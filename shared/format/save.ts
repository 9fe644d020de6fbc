import { EnvelopeSchema, CURRENT_FORMAT_VERSION, FORMAT_NAME } from './envelope';
import { compileCanonical } from './canonical';
import { SAVED_BY } from '../version';
import type { Project } from '../model/project';

// Saving: the same project always gives the same bytes, whatever the key order in memory, so two saves are
// byte-identical and a git diff shows only what changed. Two-space indent, LF, a trailing newline, nothing
// volatile (no timestamps: savedBy changes only with Carve's version).

const canonicalEnvelope = compileCanonical(EnvelopeSchema);

/** The text of a .carve file for `project` (expects a valid project: validate payloads with validateProject). */
export function serializeProject(project: Project): string {
  const envelope = canonicalEnvelope({ format: FORMAT_NAME, formatVersion: CURRENT_FORMAT_VERSION, savedBy: SAVED_BY, project });
  return `${JSON.stringify(envelope, null, 2)}\n`;
}
