/** How many names a sentence lists before it says "and N more". */
export const MAX_NAMED = 6;

/**
 * "A, B, C" or "A, B, C, D, E, F and 4 more": a sentence stays readable however many things it names. `show`
 * turns an item into text, and only for the items listed (a cycle of 10,000 services names six).
 */
export function listNames<T>(items: readonly T[], show: (item: T) => string = String, max = MAX_NAMED): string {
  const shown = items.slice(0, max).map(show).join(', ');
  return items.length <= max ? shown : `${shown} and ${items.length - max} more`;
}
