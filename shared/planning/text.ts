/** How many names a sentence lists before it says "and N more". */
export const MAX_NAMED = 6;

/** "A, B, C" or "A, B, C, D, E, F and 4 more": a sentence stays readable however many things it names. */
export function listNames(names: readonly string[], max = MAX_NAMED): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
