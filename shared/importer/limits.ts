// What the import keeps when one odd module passes a limit of the model (LIMITS): it keeps what fits and says
// what it left out, one note per module and limit, instead of failing the whole import on a real monolith.
import { LIMITS, type Dependency, type Module } from '../model/project';
import type { ImportProblem } from './types';

const count = (n: number) => n.toLocaleString('en-US');
const short = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Notes about what was left out, at most one per subject and reason. */
export class LimitNotes {
  private readonly seen = new Set<string>();
  readonly list: ImportProblem[] = [];

  add(path: string, reason: string): void {
    const key = `${path}\n${reason}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ path, reason });
  }
}

/**
 * A group's dotted name that fits the model: a name over LIMITS.name characters (as `safeName` writes it) is
 * counted in its longest enclosing package that fits; a first part that alone is too long is cut.
 */
export function fitGroupName(group: string, safeName: (name: string) => string, notes: LimitNotes): string {
  if (safeName(group).length <= LIMITS.name) return group;
  const parts = group.split('.');
  while (parts.length > 1 && safeName(parts.join('.')).length > LIMITS.name) parts.pop();
  if (safeName(parts[0]!).length > LIMITS.name) parts[0] = parts[0]!.slice(0, LIMITS.name - 1);
  const fitted = parts.join('.');
  notes.add(short(group), `module name longer than ${LIMITS.name} characters: counted in ${short(fitted)}`);
  return fitted;
}

/**
 * A module within the model's limits. `thirdPartyCounts`: import statements per third-party name; beyond
 * LIMITS.thirdParty names, the most imported are kept.
 */
export function fitModule(module: Module, thirdPartyCounts: Readonly<Record<string, number>>, notes: LimitNotes): void {
  const where = module.name;
  if (module.path.length > LIMITS.path) {
    notes.add(where, `folder path longer than ${count(LIMITS.path)} characters: not kept`);
    module.path = '';
  }
  if (module.linesOfCode > LIMITS.linesOfCode) {
    notes.add(where, `${count(module.linesOfCode)} lines of code: counted as ${count(LIMITS.linesOfCode)}`);
    module.linesOfCode = LIMITS.linesOfCode;
  }
  const entities = module.entities.filter((e) => e.length <= LIMITS.entityName);
  if (entities.length < module.entities.length) {
    notes.add(where, `${count(module.entities.length - entities.length)} model names longer than ${LIMITS.entityName} characters left out`);
  }
  if (entities.length > LIMITS.entities) {
    notes.add(where, `${count(entities.length)} models: the first ${count(LIMITS.entities)} by name are kept`);
    entities.length = LIMITS.entities;
  }
  module.entities = entities;
  let names = module.thirdParty.filter((n) => n.length <= LIMITS.thirdPartyName);
  if (names.length < module.thirdParty.length) {
    notes.add(
      where,
      `${count(module.thirdParty.length - names.length)} third-party names longer than ${LIMITS.thirdPartyName} characters left out`,
    );
  }
  if (names.length > LIMITS.thirdParty) {
    notes.add(where, `imports ${count(names.length)} third-party packages: the ${count(LIMITS.thirdParty)} most imported are kept`);
    names = names
      .map((n) => ({ n, uses: thirdPartyCounts[n] ?? 0 }))
      .sort((a, b) => b.uses - a.uses || compareText(a.n, b.n))
      .slice(0, LIMITS.thirdParty)
      .map((x) => x.n)
      .sort(compareText);
  }
  module.thirdParty = names;
}

/** A dependency within the model's limits: weight capped, evidence whose file path is too long left out. */
export function fitDependency(dep: Dependency, names: { from: string; to: string }, notes: LimitNotes): void {
  const where = `${names.from} -> ${names.to}`;
  if (dep.weight > LIMITS.weight) {
    notes.add(where, `${count(dep.weight)} ${dep.kind} statements: weight counted as ${count(LIMITS.weight)}`);
    dep.weight = LIMITS.weight;
  }
  const evidence = dep.evidence.filter((e) => e.file.length <= LIMITS.evidenceFile);
  if (evidence.length < dep.evidence.length) {
    notes.add(
      where,
      `${count(dep.evidence.length - evidence.length)} places in files with paths longer than ${count(LIMITS.evidenceFile)} characters not kept`,
    );
  }
  for (const e of evidence) if (e.detail.length > LIMITS.evidenceDetail) e.detail = `${e.detail.slice(0, LIMITS.evidenceDetail - 1)}…`;
  dep.evidence = evidence;
}
