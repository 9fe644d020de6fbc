import type { Module } from '../../../shared/model/project';
import { importStore, type SuggestConstraints } from '../../state/importStore';

// The architect's constraints on boundaries from evidence (issue 9), edited in the suggest dialog
// (ConstraintsEditor.tsx): modules picked by name, then kept together, kept apart or left in the monolith. Kept
// in importStore while the dialog is open; sent with the next suggestion (importActions.ts). Whether a set of
// constraints holds together is the API's to say (boundaries:suggest answers one line naming the conflict).

export type ConstraintKind = 'keepTogether' | 'keepApart' | 'leave';

const constraints = () => importStore.getState().constraints;
const setConstraints = (next: SuggestConstraints) => importStore.setState({ constraints: next, error: null });

/** The module a person typed: its dotted name (any case) or its id; null when none matches. */
export function findModule(modules: readonly Module[], text: string): Module | null {
  const wanted = text.trim();
  if (wanted === '') return null;
  const lower = wanted.toLowerCase();
  return modules.find((m) => m.name === wanted || m.id === wanted) ?? modules.find((m) => m.name.toLowerCase() === lower) ?? null;
}

/** Add a constraint over these module ids: a group (two or more) to keep together or apart, or modules to leave. */
export function addConstraint(kind: ConstraintKind, ids: readonly string[]): void {
  const unique = [...new Set(ids)];
  const current = constraints();
  if (kind === 'leave') {
    setConstraints({ ...current, leave: [...current.leave, ...unique.filter((id) => !current.leave.includes(id))] });
    return;
  }
  if (unique.length < 2) return;
  const key = [...unique].sort().join('\u0000');
  if (current[kind].some((group) => [...group].sort().join('\u0000') === key)) return;
  setConstraints({ ...current, [kind]: [...current[kind], unique] });
}

/** Remove the k-th group kept together or apart, or the module left in the monolith at index k. */
export function removeConstraint(kind: ConstraintKind, k: number): void {
  const current = constraints();
  if (kind === 'leave') setConstraints({ ...current, leave: current.leave.filter((_, i) => i !== k) });
  else setConstraints({ ...current, [kind]: current[kind].filter((_, i) => i !== k) });
}

/** Drop the modules the project no longer has (a regroup at another granularity makes other modules). */
export function pruneConstraints(known: ReadonlySet<string>): void {
  const current = constraints();
  const groups = (list: string[][]) => list.map((g) => g.filter((id) => known.has(id))).filter((g) => g.length >= 2);
  const next = {
    keepTogether: groups(current.keepTogether),
    keepApart: groups(current.keepApart),
    leave: current.leave.filter((id) => known.has(id)),
  };
  if (JSON.stringify(next) !== JSON.stringify(current)) importStore.setState({ constraints: next });
}

/** How many constraints there are: groups kept together and apart, and modules left. */
export const constraintCount = (c: SuggestConstraints): number => c.keepTogether.length + c.keepApart.length + c.leave.length;

/** The constraints in one line, with module names: "kept together: a + b, c + d; kept apart: e / f; left in the monolith: g". */
export function describeConstraints(c: SuggestConstraints, nameOf: (id: string) => string): string {
  const parts: string[] = [];
  if (c.keepTogether.length) parts.push(`kept together: ${c.keepTogether.map((g) => g.map(nameOf).join(' + ')).join(', ')}`);
  if (c.keepApart.length) parts.push(`kept apart: ${c.keepApart.map((g) => g.map(nameOf).join(' / ')).join(', ')}`);
  if (c.leave.length) parts.push(`left in the monolith: ${c.leave.map(nameOf).join(', ')}`);
  return parts.join('; ');
}
