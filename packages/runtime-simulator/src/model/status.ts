import type {
  Application,
  HealthStatus,
  ResourceStatus,
} from '../argocd/types';
import { groupVersion, KubeObject, RenderedRevision } from '../manifests/types';
import type { AppRecord, HealthOverride } from './AppRecord';

function resourceKey(o: KubeObject): string {
  return `${groupVersion(o.apiVersion).group}/${o.kind}/${
    o.metadata.namespace ?? ''
  }/${o.metadata.name}`;
}

// Rendered objects are never mutated, so their serialisation can be kept for comparisons.
const serialised = new WeakMap<KubeObject, string>();

function serialise(o: KubeObject): string {
  let json = serialised.get(o);
  if (json === undefined) {
    json = JSON.stringify(o);
    serialised.set(o, json);
  }
  return json;
}

export function sameManifest(
  a: KubeObject | undefined,
  b: KubeObject | undefined,
): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    (a === b || serialise(a) === serialise(b))
  );
}

/** Pairs the desired and live objects of an app by group/kind/namespace/name, desired order first. */
export function pairResources(
  target: RenderedRevision | undefined,
  live: RenderedRevision | undefined,
): { target?: KubeObject; live?: KubeObject }[] {
  const pairs = new Map<string, { target?: KubeObject; live?: KubeObject }>();
  for (const o of target?.manifests ?? [])
    pairs.set(resourceKey(o), { target: o });
  for (const o of live?.manifests ?? []) {
    const key = resourceKey(o);
    pairs.set(key, { ...pairs.get(key), live: o });
  }
  return [...pairs.values()];
}

/** Health of the app as a whole: a forced fault wins, then a running rollout, then what is deployed. */
export function effectiveHealth(record: AppRecord): HealthOverride {
  if (record.healthOverride) return record.healthOverride;
  if (record.rollout) return { status: 'Progressing' };
  if (!record.live) return { status: 'Missing' };
  return record.baseHealth;
}

/** Health of one workload or service object, consistent with the app's health. */
export function resourceHealth(
  record: AppRecord,
  object: KubeObject,
  isLive: boolean,
): HealthStatus {
  if (!isLive) return { status: 'Missing' };
  if (object.kind !== 'Deployment') return { status: 'Healthy' };
  const health = effectiveHealth(record);
  const name = object.metadata.name;
  switch (health.status) {
    case 'Progressing':
      return {
        status: 'Progressing',
        message: `Waiting for rollout to finish: 0 of ${
          record.rollout?.replicas ?? 1
        } updated replicas are available...`,
      };
    case 'Degraded':
      return {
        status: 'Degraded',
        message:
          health.message ??
          `Deployment "${name}" exceeded its progress deadline`,
      };
    default:
      return {
        status: health.status,
        ...(health.message ? { message: health.message } : {}),
      };
  }
}

/**
 * Recomputes the parts of `status` that follow from the record (sync comparison, resources, health,
 * images, conditions), the way the application controller's reconcile would.
 */
export function deriveStatus(record: AppRecord, now: string): void {
  const { app } = record;
  const status = app.status;
  status.sync.comparedTo = {
    source: app.spec.source ?? { repoURL: '' },
    destination: app.spec.destination,
  };
  const otherConditions = (status.conditions ?? []).filter(
    c => c.type !== 'ComparisonError',
  );
  if (record.comparisonError) {
    const previous = status.conditions?.find(c => c.type === 'ComparisonError');
    status.sync.status = 'Unknown';
    status.conditions = [
      ...otherConditions,
      {
        type: 'ComparisonError',
        message: record.comparisonError,
        lastTransitionTime:
          previous?.message === record.comparisonError
            ? previous.lastTransitionTime
            : now,
      },
    ];
  } else {
    if (otherConditions.length > 0) status.conditions = otherConditions;
    else delete status.conditions;
    if (record.target) {
      const pairs = pairResources(record.target, record.live);
      status.sync.status = pairs.every(p => sameManifest(p.target, p.live))
        ? 'Synced'
        : 'OutOfSync';
      status.sync.revision = record.target.revision;
    }
  }

  const pairs = pairResources(record.target, record.live);
  const resources: ResourceStatus[] = pairs.map(p => {
    const object = (p.target ?? p.live)!;
    const { group, version } = groupVersion(object.apiVersion);
    return {
      ...(group ? { group } : {}),
      version,
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      status: sameManifest(p.target, p.live) ? 'Synced' : 'OutOfSync',
      health: resourceHealth(record, object, p.live !== undefined),
    };
  });
  if (resources.length > 0) status.resources = resources;
  else delete status.resources;

  const health = effectiveHealth(record);
  if (
    health.status !== status.health.status ||
    (health.message ?? undefined) !== (status.health.message ?? undefined)
  ) {
    status.health = {
      status: health.status,
      ...(health.message ? { message: health.message } : {}),
      lastTransitionTime: now,
    };
  }

  const images = [...new Set(record.live?.images ?? [])].sort();
  status.summary = images.length > 0 ? { images } : {};
  if (record.target) status.sourceType = record.target.sourceType;
}

/**
 * The form list and watch return: in Argo CD 3.x per-resource health lives in the resource tree
 * (`resourceHealthSource: appTree`), so list items carry none; GET by name fills it in.
 */
export function listForm(app: Application): Application {
  if (!app.status.resources) return app;
  return {
    ...app,
    status: {
      ...app.status,
      resources: app.status.resources.map(
        ({ health: _health, ...rest }) => rest,
      ),
    },
  };
}
