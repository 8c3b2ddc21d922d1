import type {
  DoraBucketSize,
  DoraFilter,
  DoraKey,
} from '@slipway/plugin-gitops-common';
import { DORA_KEYS } from './doraFormat';

export const BUCKET_SIZES: DoraBucketSize[] = ['day', 'week', 'month'];

/** The Insights filters, each kept as a URL query parameter of the same name. */
export type InsightsFilterKey =
  | 'product'
  | 'owner'
  | 'environment'
  | 'from'
  | 'to'
  | 'bucket';

export const INSIGHTS_FILTER_KEYS: InsightsFilterKey[] = [
  'product',
  'owner',
  'environment',
  'from',
  'to',
  'bucket',
];

export type InsightsFilter = Partial<Record<InsightsFilterKey, string>> & {
  bucket?: DoraBucketSize;
};

/** A clicked point of a chart: one key in one bucket (`?point=<key>:<label>`). */
export interface ChartPoint {
  key: DoraKey;
  label: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters from the URL query; unknown buckets and dates that are no `YYYY-MM-DD` are ignored. */
export function insightsFilterFromParams(
  params: URLSearchParams,
): InsightsFilter {
  const filter: InsightsFilter = {};
  for (const key of ['product', 'owner', 'environment'] as const) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key)?.trim();
    if (value && DATE.test(value)) filter[key] = value;
  }
  const bucket = params.get('bucket');
  if (bucket && (BUCKET_SIZES as string[]).includes(bucket)) {
    filter.bucket = bucket as DoraBucketSize;
  }
  return filter;
}

export function pointFromParams(
  params: URLSearchParams,
): ChartPoint | undefined {
  const [key, label] = (params.get('point') ?? '').split(':');
  if (!(DORA_KEYS as string[]).includes(key) || !DATE.test(label ?? '')) {
    return undefined;
  }
  return { key: key as DoraKey, label };
}

export const pointParam = (point: ChartPoint | undefined) =>
  point ? `${point.key}:${point.label}` : undefined;

/** The query the backend is asked, in the browser's time zone so buckets start at local midnight. */
export function doraQuery(
  filter: InsightsFilter,
  timeZone: string,
): DoraFilter {
  return { ...filter, bucket: filter.bucket ?? 'week', timeZone };
}

/** The Insights page below the Slipway page, filtered (e.g. on a product). */
export function insightsPath(
  rootPath: string,
  filter: InsightsFilter = {},
): string {
  const params = new URLSearchParams();
  for (const key of INSIGHTS_FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return `${rootPath.replace(/\/+$/, '')}/insights${
    search ? `?${search}` : ''
  }`;
}

/** The browser's IANA time zone, UTC when it names none. */
export function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
