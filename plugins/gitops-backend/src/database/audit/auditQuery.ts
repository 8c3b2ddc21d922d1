import { InputError } from '@backstage/errors';
import { AUDIT_OUTCOMES } from '@slipway/plugin-gitops-common';
import type { AuditFilter, AuditOutcome } from '@slipway/plugin-gitops-common';
import { AuditPosition, decodeAuditCursor } from './auditCursor';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 500;

/** A validated filter: exact-match columns, a time range and where the previous page stopped. */
export interface AuditQuery {
  equals: Partial<
    Record<'actor' | 'product' | 'environment' | 'action' | 'outcome', string>
  >;
  from?: Date;
  to?: Date;
  after?: AuditPosition;
  limit: number;
}

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
      )}'; use RFC 3339, e.g. 2025-01-31T12:00:00Z or 2025-01-31`,
    );
  }
  return time;
}

function parseLimit(limit: unknown): number {
  if (limit === undefined || limit === '') return DEFAULT_AUDIT_PAGE_SIZE;
  const n = typeof limit === 'number' ? limit : Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_PAGE_SIZE) {
    throw new InputError(
      `Invalid limit '${String(
        limit,
      )}'; use a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}`,
    );
  }
  return n;
}

/** Checks a filter as it comes from a client; every bad value is an InputError (400). */
export function parseAuditFilter(filter: AuditFilter = {}): AuditQuery {
  const equals: AuditQuery['equals'] = {};
  for (const key of [
    'actor',
    'product',
    'environment',
    'action',
    'outcome',
  ] as const) {
    const value = filter[key];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || value.length > 512) {
      throw new InputError(`Invalid '${key}' filter`);
    }
    equals[key] = value;
  }
  if (
    equals.outcome &&
    !AUDIT_OUTCOMES.includes(equals.outcome as AuditOutcome)
  ) {
    throw new InputError(
      `Unknown outcome '${equals.outcome.slice(
        0,
        100,
      )}'; use one of ${AUDIT_OUTCOMES.join(', ')}`,
    );
  }
  const from = filter.from ? parseTime('from', filter.from) : undefined;
  const to = filter.to ? parseTime('to', filter.to) : undefined;
  if (from && to && from.getTime() > to.getTime()) {
    throw new InputError(
      `'from' (${filter.from}) is after 'to' (${filter.to})`,
    );
  }
  return {
    equals,
    from,
    to,
    after: filter.cursor ? decodeAuditCursor(filter.cursor) : undefined,
    limit: parseLimit(filter.limit),
  };
}
