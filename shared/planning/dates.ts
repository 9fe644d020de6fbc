// Calendar arithmetic on ISO dates ("2027-01-04"), in UTC so that a plan never depends on the time zone.

const DAY_MS = 86_400_000;
/** The last day a JavaScript date can hold; a plan that runs past it (absurd lengths) stops there. */
const LAST_DAY_MS = 8.64e15 - DAY_MS;

export function parseIsoDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

/** "2027-01-04"; years past 9999 keep their digits ("12027-01-04") rather than ISO's "+012027". */
export function formatIsoDate(time: number): string {
  const date = new Date(Math.min(time, LAST_DAY_MS));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date) + days * DAY_MS);
}
