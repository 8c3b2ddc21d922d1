import type { DoraBucket, DoraBucketSize } from '@slipway/plugin-gitops-common';

/** How DORA series are grouped: calendar days, ISO weeks (Monday first) or calendar months. */
export type Bucket = DoraBucketSize;

export const BUCKETS: readonly Bucket[] = ['day', 'week', 'month'];

export type BucketSpan = DoraBucket;

const DAY_MS = 86_400_000;

/** Whether the runtime knows the IANA time zone (e.g. `Europe/Berlin`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone,
    );
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date and time of an instant, as if it were UTC (a "wall clock" epoch). */
function wallClock(ms: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
}

/** The instant of local midnight of a wall-clock date; twice, so a DST change that day is honoured. */
function localMidnight(wallDate: number, timeZone: string): number {
  let instant = wallDate;
  for (let i = 0; i < 2; i++) {
    const offset =
      wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000;
    instant = wallDate - offset;
  }
  return instant;
}

/** The wall-clock midnight starting the bucket that holds a wall-clock time. */
function wallBucketStart(wall: number, bucket: Bucket): number {
  const date = new Date(Math.floor(wall / DAY_MS) * DAY_MS);
  if (bucket === 'day') return date.getTime();
  if (bucket === 'week') {
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    return date.getTime() - sinceMonday * DAY_MS;
  }
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function wallNext(wallStart: number, bucket: Bucket): number {
  if (bucket === 'day') return wallStart + DAY_MS;
  if (bucket === 'week') return wallStart + 7 * DAY_MS;
  const date = new Date(wallStart);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The start (epoch ms) of the bucket an instant falls in. */
export function bucketStart(
  ms: number,
  bucket: Bucket,
  timeZone: string,
): number {
  return localMidnight(
    wallBucketStart(wallClock(ms, timeZone), bucket),
    timeZone,
  );
}

/** Every bucket that overlaps [from, to), in order; the first may start before `from`. */
export function bucketsBetween(
  from: number,
  to: number,
  bucket: Bucket,
  timeZone: string,
): BucketSpan[] {
  const spans: BucketSpan[] = [];
  let wall = wallBucketStart(wallClock(from, timeZone), bucket);
  for (;;) {
    const start = localMidnight(wall, timeZone);
    if (start >= to) break;
    spans.push({
      start: new Date(start).toISOString(),
      label: new Date(wall).toISOString().slice(0, 10),
    });
    wall = wallNext(wall, bucket);
  }
  return spans;
}
