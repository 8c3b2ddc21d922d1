import {
  ApplicationCounts,
  ApplicationFilter,
  ApplicationSummary,
  HEALTH_STATUSES,
  HealthStatus,
  SYNC_STATUSES,
  SyncStatus,
} from '@slipway/plugin-gitops-common';

/** Annotation that ties an Argo CD application to a Slipway product. */
export const PRODUCT_ANNOTATION = 'slipway.dev/product';
/** Label (or annotation) that ties an Argo CD application to an environment, until environments are configured. */
export const ENVIRONMENT_LABEL = 'slipway.dev/environment';

export function toHealthStatus(value: string | undefined): HealthStatus {
  return HEALTH_STATUSES.includes(value as HealthStatus)
    ? (value as HealthStatus)
    : 'Unknown';
}

/** Argo CD reports `""` before the first comparison; that is `Unknown` to a user. */
export function toSyncStatus(value: string | undefined): SyncStatus {
  return SYNC_STATUSES.includes(value as SyncStatus)
    ? (value as SyncStatus)
    : 'Unknown';
}

/** Deep link to an application in the Argo CD UI (path form that works with apps in any namespace). */
export function argoCdAppLink(
  uiUrl: string,
  namespace: string,
  name: string,
): string {
  return `${uiUrl}/applications/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

/** A filter ready to test many applications quickly. */
export interface CompiledFilter {
  (app: ApplicationSummary): boolean;
}

export function compileFilter(filter: ApplicationFilter): CompiledFilter {
  const q = filter.q?.trim().toLocaleLowerCase();
  return app =>
    (!filter.runtime || app.runtime === filter.runtime) &&
    (!filter.name || app.name === filter.name) &&
    (!filter.product || app.product === filter.product) &&
    (!filter.environment || app.environment === filter.environment) &&
    (!filter.health || app.health.status === filter.health) &&
    (!filter.sync || app.sync.status === filter.sync) &&
    (!q ||
      app.name.toLocaleLowerCase().includes(q) ||
      (app.revisionMessage?.toLocaleLowerCase().includes(q) ?? false));
}

function emptyCounts(): ApplicationCounts {
  return {
    total: 0,
    health: {
      Healthy: 0,
      Progressing: 0,
      Degraded: 0,
      Suspended: 0,
      Missing: 0,
      Unknown: 0,
    },
    sync: { Synced: 0, OutOfSync: 0, Unknown: 0 },
  };
}

export function countApplications(
  apps: Iterable<ApplicationSummary>,
): ApplicationCounts {
  const counts = emptyCounts();
  for (const app of apps) {
    counts.total += 1;
    counts.health[app.health.status] += 1;
    counts.sync[app.sync.status] += 1;
  }
  return counts;
}

export function applicationKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Stable order for lists: runtime, namespace, name. */
export function compareApplications(
  a: ApplicationSummary,
  b: ApplicationSummary,
): number {
  if (a.runtime !== b.runtime) return a.runtime < b.runtime ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}
