import type {
  ApplicationSummary,
  HealthStatus,
  RuntimeError,
  RuntimeHealth,
} from '@slipway/plugin-gitops-common';

export interface ProductRuntimeRow {
  runtime: string;
  title: string;
  uiUrl?: string;
  /** Unknown when the runtime's health could not be read. */
  reachable?: boolean;
  version?: string;
  /** The product's applications on this runtime; absent when the runtime did not answer. */
  applications?: {
    total: number;
    health: Partial<Record<HealthStatus, number>>;
    outOfSync: number;
  };
  error?: RuntimeError;
}

/**
 * One row per runtime that runs the product's applications, plus one per runtime that failed to answer
 * (its applications are unknown, so it may run some too).
 */
export function productRuntimeRows(
  apps: ApplicationSummary[],
  appErrors: RuntimeError[],
  runtimes: RuntimeHealth[],
): ProductRuntimeRow[] {
  const byName = new Map(runtimes.map(r => [r.name, r]));
  const rows = new Map<string, ProductRuntimeRow>();
  const rowFor = (name: string): ProductRuntimeRow => {
    let row = rows.get(name);
    if (!row) {
      const runtime = byName.get(name);
      row = {
        runtime: name,
        title: runtime?.title ?? name,
        uiUrl: runtime?.uiUrl,
        reachable: runtime?.reachable,
        version: runtime?.version,
      };
      rows.set(name, row);
    }
    return row;
  };
  for (const app of apps) {
    const row = rowFor(app.runtime);
    const counts = (row.applications ??= {
      total: 0,
      health: {},
      outOfSync: 0,
    });
    counts.total++;
    counts.health[app.health.status] =
      (counts.health[app.health.status] ?? 0) + 1;
    if (app.sync.status === 'OutOfSync') counts.outOfSync++;
  }
  for (const error of appErrors) {
    const row = rowFor(error.runtime);
    row.error = error;
    row.reachable = false;
  }
  return [...rows.values()].sort((a, b) => a.title.localeCompare(b.title));
}
