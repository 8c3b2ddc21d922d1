import type { AuditFilter, AuditOutcome } from '@slipway/plugin-gitops-common';

export const AUDIT_OUTCOMES: AuditOutcome[] = ['succeeded', 'denied', 'failed'];

/** The filters of the audit view, each kept as a URL query parameter of the same name. */
export type AuditFilterKey = keyof Pick<
  AuditFilter,
  'actor' | 'product' | 'environment' | 'action' | 'outcome' | 'from' | 'to'
>;

export const AUDIT_FILTER_KEYS: AuditFilterKey[] = [
  'actor',
  'product',
  'environment',
  'action',
  'outcome',
  'from',
  'to',
];

/** RFC 3339 in UTC, or undefined for text that is no time. */
function normalizeTime(value: string | null): string | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/**
 * The audit view's filters from the URL query (`?actor=&product=&environment=&action=&outcome=&from=&to=`),
 * so a filtered log can be shared as a link. Unknown outcomes and unparsable times are ignored.
 */
export function auditFilterFromParams(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of ['actor', 'product', 'environment', 'action'] as const) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const outcome = params.get('outcome');
  if (outcome && (AUDIT_OUTCOMES as string[]).includes(outcome)) {
    filter.outcome = outcome as AuditOutcome;
  }
  const from = normalizeTime(params.get('from'));
  const to = normalizeTime(params.get('to'));
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

/** The audit view's path below the Slipway page, filtered (e.g. by a product). */
export function auditViewPath(
  rootPath: string,
  filter: Partial<Record<AuditFilterKey, string>> = {},
): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return `${rootPath.replace(/\/+$/, '')}/audit${search ? `?${search}` : ''}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An RFC 3339 time as the local `YYYY-MM-DDTHH:mm` a `datetime-local` input shows. */
export function toLocalInput(value: string | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` input's local time as RFC 3339 in UTC; undefined when empty or incomplete. */
export function fromLocalInput(value: string): string | undefined {
  return normalizeTime(value || null);
}
