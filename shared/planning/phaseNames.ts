import { countOf } from '../words';
import type { PlannedPhase, PlannedService } from './types';

// Phase names. A phase the user has not named is named after what it extracts ("Catalog and search"), and the
// name follows its services when they change. A phase counts as unnamed while it has no name in the project or
// keeps the name Carve gave it when it was added ("Phase 3": shared/commands/phases.ts, defaultPhaseName); a
// name the user typed is kept as typed. Phase 0 is always Foundations unless the user renamed it.

export const FOUNDATIONS_NAME = 'Foundations';
/** The name of a phase, other than Foundations, that extracts nothing. */
export const EMPTY_PHASE_NAME = 'No services';
/** How many services a name lists before it says "and N more". */
const NAMED_IN_FULL = 3;
const MAX_PART = 40;
/** Words a module name spells in lower case that a title writes otherwise ("api" -> "API"). */
const SPELLINGS = new Map(
  [
    'API',
    'UI',
    'DB',
    'SSO',
    'SMS',
    'ML',
    'AI',
    'CMS',
    'CRM',
    'ERP',
    'SEO',
    'URL',
    'HTTP',
    'REST',
    'RPC',
    'gRPC',
    'GraphQL',
    'OAuth',
    'PDF',
    'CSV',
    'JSON',
    'XML',
  ].map((word) => [word.toLowerCase(), word]),
);

/** Whether a phase's name in the project is one Carve gave it (so the planner names it from its content). */
export function isPlaceholderPhaseName(name: string | undefined, index: number): boolean {
  if (name === undefined || name.trim() === '') return true;
  return index > 0 && /^phase \d+$/i.test(name.trim());
}

/** A service's name as a part of a phase name: "Catalog Service" -> "Catalog", "oscar.apps.order" -> "order",
 * "catalogue +8" (a proposal's name) -> "catalogue", "customer_support" -> "customer support". */
export function nameStem(name: string): string {
  let stem = name.trim().replace(/\s*\+\d+$/, '');
  if (!/\s/.test(stem) && stem.includes('.')) stem = stem.slice(stem.lastIndexOf('.') + 1);
  stem = stem.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  const shorter = stem.replace(/\s+(services?|svc)$/i, '');
  if (shorter) stem = shorter;
  stem = stem.replace(/[A-Za-z]+/g, (word) => SPELLINGS.get(word.toLowerCase()) ?? word);
  return Array.from(stem).length > MAX_PART
    ? `${Array.from(stem)
        .slice(0, MAX_PART - 1)
        .join('')}…`
    : stem;
}

/** A part of a sentence: capitalised words ("Search") in lower case but the name's first, acronyms and mixed
 * case ("API", "FastAPI") as written. */
function inSentence(stem: string, first: boolean): string {
  const lower = stem.replace(/\b([A-Z])([a-z]+)\b/g, (word: string, head: string, tail: string, at: number) =>
    first && at === 0 ? word : head.toLowerCase() + tail,
  );
  return first ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
}

/** The name a phase gets from its services: the largest first, "A, B and C", or "A, B and 5 more". Only the
 * first few names are read (a phase of 10,000 services is named as fast as one of three). */
export function nameFromServices(services: readonly Pick<PlannedService, 'name' | 'effort'>[]): string {
  const order = largestFirst(services, FEW);
  // Distinct stems in that order, one more than a name lists in full (to know whether it must say "and N more").
  const stems: string[] = [];
  const seen = new Set<string>();
  let read = 0;
  for (; read < order.length && stems.length <= NAMED_IN_FULL; read++) {
    const stem = nameStem(services[order[read]!]!.name);
    const key = stem.toLowerCase();
    if (!stem || seen.has(key)) continue;
    seen.add(key);
    stems.push(stem);
  }
  if (stems.length === 0) return services.length === 0 ? EMPTY_PHASE_NAME : upperFirst(countOf(services.length, 'service'));
  if (stems.length <= NAMED_IN_FULL && read === services.length) {
    const words = stems.map((stem, i) => inSentence(stem, i === 0));
    return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  }
  const shown = stems.slice(0, NAMED_IN_FULL - 1).map((stem, i) => inSentence(stem, i === 0));
  return `${shown.join(', ')} and ${countOf(services.length - shown.length, 'more', 'more')}`;
}

/** How many of a large phase's services the name looks at first (the largest ones). */
const FEW = 32;

/** Indices of the services, largest effort first (ties in plan order): all of them when there are few, else
 * the `few` largest, found in one pass (the name counts the rest as "more"). */
function largestFirst(services: readonly Pick<PlannedService, 'effort'>[], few: number): number[] {
  const byEffort = (a: number, b: number) => services[b]!.effort.effort - services[a]!.effort.effort || a - b;
  if (services.length <= few * 4) return services.map((_, i) => i).sort(byEffort);
  const top: number[] = [];
  for (let i = 0; i < services.length; i++) {
    if (top.length === few && byEffort(i, top[few - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && byEffort(i, top[at - 1]!) < 0) at--;
    top.splice(at, 0, i);
    if (top.length > few) top.pop();
  }
  return top;
}

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "Phase 2: Catalog and search"; a name that already says which phase it is ("Phase 2 — Edge") and Foundations
 * stand alone, so no title reads "Phase 1: Phase 1". */
export function phaseTitle(phase: Pick<PlannedPhase, 'index' | 'name'>): string {
  if (phase.index === 0 || new RegExp(`^phase\\s*${phase.index}\\b`, 'i').test(phase.name.trim())) return phase.name;
  return `Phase ${phase.index}: ${phase.name}`;
}
