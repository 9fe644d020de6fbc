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
const SPELLINGS = new Map(['API', 'UI', 'DB', 'SSO', 'SMS', 'ML', 'AI', 'CMS', 'CRM', 'ERP', 'SEO', 'URL', 'HTTP', 'REST', 'RPC', 'gRPC', 'GraphQL', 'OAuth', 'PDF', 'CSV', 'JSON', 'XML'].map((word) => [word.toLowerCase(), word]));

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
  return Array.from(stem).length > MAX_PART ? `${Array.from(stem).slice(0, MAX_PART - 1).join('')}…` : stem;
}

/** A part of a sentence: capitalised words ("Search") in lower case but the name's first, acronyms and mixed
 * case ("API", "FastAPI") as written. */
function inSentence(stem: string, first: boolean): string {
  const lower = stem.replace(/\b([A-Z])([a-z]+)\b/g, (word: string, head: string, tail: string, at: number) => (first && at === 0 ? word : head.toLowerCase() + tail));
  return first ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
}

/** The name a phase gets from its services: the largest first, "A, B and C", or "A, B and 5 more". */
export function nameFromServices(services: readonly Pick<PlannedService, 'name' | 'effort'>[]): string {
  if (services.length === 0) return EMPTY_PHASE_NAME;
  const ordered = services.map((service, i) => ({ stem: nameStem(service.name), effort: service.effort.effort, i }));
  ordered.sort((a, b) => b.effort - a.effort || a.i - b.i);
  const stems: string[] = [];
  const seen = new Set<string>();
  for (const { stem } of ordered) {
    const key = stem.toLowerCase();
    if (!stem || seen.has(key)) continue;
    seen.add(key);
    stems.push(stem);
  }
  if (stems.length === 0) return EMPTY_PHASE_NAME;
  const shown = stems.length <= NAMED_IN_FULL ? stems : stems.slice(0, NAMED_IN_FULL - 1);
  const words = shown.map((stem, i) => inSentence(stem, i === 0));
  if (shown.length < stems.length) return `${words.join(', ')} and ${stems.length - shown.length} more`;
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "Phase 2: Catalog and search"; a name that already says which phase it is ("Phase 2 — Edge") and Foundations
 * stand alone, so no title reads "Phase 1: Phase 1". */
export function phaseTitle(phase: Pick<PlannedPhase, 'index' | 'name'>): string {
  if (phase.index === 0 || new RegExp(`^phase\\s*${phase.index}\\b`, 'i').test(phase.name.trim())) return phase.name;
  return `Phase ${phase.index}: ${phase.name}`;
}
