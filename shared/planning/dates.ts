// Calendar arithmetic on ISO dates ("2027-01-04"), in UTC so that a plan never depends on the time zone.

const DAY_MS = 86_400_000;

export function parseIsoDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

export function formatIsoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date) + days * DAY_MS);
}
