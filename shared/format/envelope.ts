import { z } from 'zod';
import { ProjectSchema } from '../model/project';

// The wrapper around a project in a .carve file. The loader checks it by hand (for precise messages);
// this schema describes it for the JSON Schema and the docs.

export const FORMAT_NAME = 'carve-project';
/** The format version this Carve writes, and the newest it reads. Raise it only with a migration. */
export const CURRENT_FORMAT_VERSION = 2;

export const EnvelopeSchema = z.object({
  format: z.literal(FORMAT_NAME).describe('Always "carve-project": marks the file as a Carve project.'),
  formatVersion: z
    .literal(CURRENT_FORMAT_VERSION)
    .describe('The version of this file format. Carve refuses files of a newer version than it knows.'),
  savedBy: z.string().max(200).optional().describe('The Carve that wrote the file, e.g. "carve 0.1.0". Informational.'),
  project: ProjectSchema,
});
export type Envelope = z.infer<typeof EnvelopeSchema>;
