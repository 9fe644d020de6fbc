// Format migrations. Each one lives in shared/format/migrations/NNN-name.ts (NNN = the version it produces,
// e.g. 002-split-runtime.ts turns a version 1 project into version 2), is never edited once released, and is
// listed here in order. A test checks that the list leads from version 1 to CURRENT_FORMAT_VERSION with no gap.

import { scenariosMigration } from './migrations/002-scenarios';

/** A project as plain JSON, before validation. */
export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** The version this migration reads. */
  from: number;
  /** Always from + 1. */
  to: number;
  /** What it changes, for the docs and the log: "split runtime into language and version". */
  name: string;
  /** Pure: returns the project in the `to` format (it may reuse parts of its input). */
  up(project: JsonObject): JsonObject;
}

export const MIGRATIONS: readonly Migration[] = [scenariosMigration];

/**
 * Runs the migrations from `fromVersion` up to `toVersion` in order. Throws when the chain has a gap (a bug,
 * caught by tests before release), never for a user's file.
 */
export function runMigrations(
  project: JsonObject,
  fromVersion: number,
  toVersion: number,
  migrations: readonly Migration[] = MIGRATIONS,
): JsonObject {
  let current = project;
  for (let version = fromVersion; version < toVersion; version++) {
    const step = migrations.find((m) => m.from === version);
    if (!step || step.to !== version + 1) throw new Error(`no migration from format version ${version} to ${version + 1}`);
    current = step.up(current);
  }
  return current;
}

/** Problems with a migration list: gaps, duplicates, steps that skip a version. [] when sound. */
export function checkMigrationChain(migrations: readonly Migration[], currentVersion: number): string[] {
  const problems: string[] = [];
  migrations.forEach((m, index) => {
    const expectedFrom = index + 1;
    if (m.from !== expectedFrom) problems.push(`migration ${index} ("${m.name}") reads version ${m.from}, expected ${expectedFrom}`);
    if (m.to !== m.from + 1) problems.push(`migration "${m.name}" goes from ${m.from} to ${m.to}, not to ${m.from + 1}`);
  });
  if (migrations.length !== currentVersion - 1) {
    problems.push(`${migrations.length} migrations for format version ${currentVersion}: expected ${currentVersion - 1}`);
  }
  return problems;
}
