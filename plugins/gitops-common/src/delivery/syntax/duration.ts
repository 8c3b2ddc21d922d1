/** Units a gate duration may use, largest first, in milliseconds. */
const UNITS: Record<string, number> = {
  d: 24 * 60 * 60 * 1000,
  h: 60 * 60 * 1000,
  m: 60 * 1000,
  s: 1000,
};
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
/** A soak longer than this is almost certainly a typo (e.g. `30d` for `30m`). */
const MAX_DURATION_MS = 30 * UNITS.d;

export class DurationSyntaxError extends Error {
  constructor(readonly text: string, reason: string) {
    super(`"${text}" is not a valid duration: ${reason}`);
    this.name = 'DurationSyntaxError';
  }
}

/**
 * Parses a duration such as `45s`, `10m`, `1h30m` or `2d` into milliseconds. Units come in order
 * d, h, m, s, each at most once; the total must be above zero and at most 30 days.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (!trimmed || !match) {
    throw new DurationSyntaxError(
      text,
      'write whole numbers with units d, h, m, s in that order, e.g. 30s, 10m or 1h30m',
    );
  }
  const [, days, hours, minutes, seconds] = match;
  const ms =
    Number(days ?? 0) * UNITS.d +
    Number(hours ?? 0) * UNITS.h +
    Number(minutes ?? 0) * UNITS.m +
    Number(seconds ?? 0) * UNITS.s;
  if (ms <= 0) {
    throw new DurationSyntaxError(text, 'it must be longer than zero');
  }
  if (ms > MAX_DURATION_MS) {
    throw new DurationSyntaxError(text, 'it must be at most 30 days');
  }
  return ms;
}
