// The limits, apart from the schemas that enforce them, so that a caller that only names a limit (the CLI's
// argument checks) does not load zod.

/**
 * The limits of what a module and a dependency hold, named for the importer (which fits what it reads into them
 * and says what it left out) and for messages.
 */
export const LIMITS = {
  name: 200,
  path: 1000,
  linesOfCode: 100_000_000,
  entities: 10_000,
  entityName: 200,
  thirdParty: 1_000,
  thirdPartyName: 100,
  weight: 1_000_000,
  evidence: 1_000,
  evidenceFile: 1000,
  evidenceDetail: 200,
} as const;
