const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago"; `undefined` for a missing or unparsable timestamp. */
export function formatAge(
  timestamp: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!timestamp) return undefined;
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return undefined;
  const diff = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') {
      return relative.format(Math.round(diff / ms), unit);
    }
  }
  return undefined;
}

/** Full local date and time, for tooltips next to a relative time. */
export function formatTimestamp(
  timestamp: string | undefined,
): string | undefined {
  if (!timestamp) return undefined;
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? undefined : new Date(at).toLocaleString();
}
