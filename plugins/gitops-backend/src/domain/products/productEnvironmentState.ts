import {
  ApplicationSummary,
  DetectedVersion,
  HealthStatus,
  ProductApplicationState,
  ProductEnvironmentState,
  SyncStatus,
} from '@slipway/plugin-gitops-common';
import { componentOf } from '../mapping/mappableApplication';
import { sortVersionsDescending } from '../versions/compareVersions';

/** Argo CD's own ranking, least to most severe (`health.IsWorse`). */
const HEALTH_SEVERITY: readonly HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

export function worstHealth(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus | undefined;
  for (const status of statuses) {
    if (
      !worst ||
      HEALTH_SEVERITY.indexOf(status) > HEALTH_SEVERITY.indexOf(worst)
    ) {
      worst = status;
    }
  }
  return worst ?? 'Missing';
}

function combinedSync(statuses: readonly SyncStatus[]): SyncStatus {
  if (statuses.includes('OutOfSync')) return 'OutOfSync';
  return statuses.length > 0 && statuses.every(status => status === 'Synced')
    ? 'Synced'
    : 'Unknown';
}

export interface ApplicationWithVersion {
  app: ApplicationSummary;
  version: DetectedVersion;
  /** Commit the app's target revision points at now; differing from the synced revision is drift. */
  desiredRevision?: string;
}

/** A product in one environment: its applications with versions, and their combined state. */
export function productEnvironmentState(
  environment: string,
  applications: readonly ApplicationWithVersion[],
): ProductEnvironmentState {
  const states: ProductApplicationState[] = applications
    .map(({ app, version, desiredRevision }) => ({
      runtime: app.runtime,
      namespace: app.namespace,
      name: app.name,
      component: componentOf(app, environment),
      health: app.health.status,
      sync: app.sync.status,
      ...(app.sync.revision ? { revision: app.sync.revision } : {}),
      ...(desiredRevision ? { desiredRevision } : {}),
      version,
      drift:
        app.sync.status === 'OutOfSync' ||
        (desiredRevision !== undefined &&
          app.sync.revision !== undefined &&
          desiredRevision !== app.sync.revision),
    }))
    .sort(
      (a, b) =>
        a.component.localeCompare(b.component) || a.name.localeCompare(b.name),
    );
  const known = states.flatMap(state =>
    state.version.value ? [state.version.value] : [],
  );
  const versions = sortVersionsDescending(known);
  const allKnown = known.length === states.length;
  return {
    environment,
    applications: states,
    ...(allKnown && versions.length === 1 ? { version: versions[0] } : {}),
    versions,
    health: worstHealth(states.map(state => state.health)),
    sync: combinedSync(states.map(state => state.sync)),
    drift: states.some(state => state.drift),
  };
}
