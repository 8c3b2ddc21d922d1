import {
  ApplicationFilter,
  ApplicationRef,
  HEALTH_STATUSES,
  HealthStatus,
  SYNC_STATUSES,
  SyncStatus,
} from '@slipway/plugin-gitops-common';

/**
 * The applications view keeps its state in the URL query
 * (`?runtime=&product=&environment=&health=&sync=&q=&app=`)
 * so a filtered list or an open drawer can be shared as a link. Unknown values are ignored.
 */
export function filterFromParams(params: URLSearchParams): ApplicationFilter {
  const filter: ApplicationFilter = {};
  const runtime = params.get('runtime');
  const product = params.get('product');
  const environment = params.get('environment');
  const health = params.get('health');
  const sync = params.get('sync');
  const q = params.get('q')?.trim();
  if (runtime) filter.runtime = runtime;
  if (product) filter.product = product;
  if (environment) filter.environment = environment;
  if (health && (HEALTH_STATUSES as string[]).includes(health)) {
    filter.health = health as HealthStatus;
  }
  if (sync && (SYNC_STATUSES as string[]).includes(sync)) {
    filter.sync = sync as SyncStatus;
  }
  if (q) filter.q = q;
  return filter;
}

/** `runtime/namespace/name`, the form of the `app` query parameter. */
export function formatAppParam(ref: ApplicationRef): string {
  return [ref.runtime, ref.namespace, ref.name].join('/');
}

export function parseAppParam(
  value: string | null,
): ApplicationRef | undefined {
  if (!value) return undefined;
  const parts = value.split('/');
  if (parts.length !== 3 || parts.some(p => !p)) return undefined;
  const [runtime, namespace, name] = parts;
  return { runtime, namespace, name };
}
