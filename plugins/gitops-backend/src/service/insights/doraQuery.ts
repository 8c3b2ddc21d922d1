import { InputError } from '@backstage/errors';
import { BUCKETS, Bucket, isTimeZone } from '../../domain/insights/buckets';
import type { DoraQuery } from '../../insights/DoraService';

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_MS = 90 * DAY_MS;
/** Two years, leap day included. */
const MAX_RANGE_MS = 731 * DAY_MS;

// RFC 3339 date-time, or a plain date (midnight UTC) as a date picker sends it.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2}))?$/;

function parseTime(name: 'from' | 'to', value: string): Date {
  const time = TIMESTAMP.test(value) ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) {
    throw new InputError(
      `Invalid '${name}' time '${value.slice(
        0,
        100,
      )}'; use RFC 3339, e.g. 2026-01-31T12:00:00Z or 2026-01-31`,
    );
  }
  return time;
}

/** The request's query as `DoraService` takes it; every bad value is a 400 naming its parameter. */
export function parseDoraQuery(
  query: {
    product?: string;
    owner?: string;
    environment?: string;
    from?: string;
    to?: string;
    bucket?: string;
    timeZone?: string;
    deployments?: string;
  },
  now: Date,
): DoraQuery {
  const to = query.to ? parseTime('to', query.to) : now;
  const from = query.from
    ? parseTime('from', query.from)
    : new Date(to.getTime() - DEFAULT_RANGE_MS);
  if (from.getTime() >= to.getTime()) {
    throw new InputError(
      `Invalid 'from': ${from.toISOString()} is not before 'to' (${to.toISOString()})`,
    );
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
    throw new InputError(
      `Invalid 'from': the range from ${from.toISOString()} to ${to.toISOString()} is longer than 2 years`,
    );
  }
  const bucket = (query.bucket ?? 'week') as Bucket;
  if (!BUCKETS.includes(bucket)) {
    throw new InputError(
      `Invalid 'bucket' '${query.bucket}'; use one of ${BUCKETS.join(', ')}`,
    );
  }
  const timeZone = query.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw new InputError(
      `Invalid 'timeZone' '${timeZone}'; use an IANA time zone such as Europe/Berlin`,
    );
  }
  if (
    query.deployments !== undefined &&
    !/^\d{4}-\d{2}-\d{2}$/.test(query.deployments)
  ) {
    throw new InputError(
      `Invalid 'deployments' '${query.deployments.slice(
        0,
        100,
      )}'; give a bucket's label, YYYY-MM-DD`,
    );
  }
  return {
    ...(query.deployments ? { deploymentsOf: query.deployments } : {}),
    ...(query.product ? { product: query.product } : {}),
    ...(query.owner ? { owner: query.owner } : {}),
    ...(query.environment ? { environment: query.environment } : {}),
    from,
    to,
    bucket,
    timeZone,
  };
}
