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

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "1 dependency", "2 dependencies", "1,200 services", "0.5 person-weeks": a count with its noun agreeing. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${COUNT.format(count)} ${count === 1 ? singular : plural}`;
}

/** "A", "A and B", "A, B and C"; past `max`, as listNames ("A, B, C, D, E, F and 4 more"). */
export function listWithAnd<T>(items: readonly T[], show: (item: T) => string = String, max = MAX_NAMED): string {
  if (items.length < 2 || items.length > max) return listNames(items, show, max);
  return `${items.slice(0, -1).map(show).join(', ')} and ${show(items[items.length - 1]!)}`;
}
