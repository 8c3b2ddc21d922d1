import type { HealthStatus, ResourceRef } from '../argocd/types';
import { podTemplateHash, safeSuffix, stableUid } from '../manifests/hash';
import { imagesOf } from '../manifests/images';
import { groupVersion, KubeObject } from '../manifests/types';
import type { AppRecord } from './AppRecord';
import {
  effectiveHealth,
  pairResources,
  resourceHealth,
  sameManifest,
} from './status';

/** swagger `v1alpha1ResourceNode`, with the inline ResourceRef fields at the top level as the real JSON has. */
export interface ResourceNode extends ResourceRef {
  version: string;
  namespace: string;
  uid: string;
  parentRefs?: ResourceRef[];
  info?: { name: string; value: string }[];
  networkingInfo?: {
    targetLabels?: Record<string, string>;
    labels?: Record<string, string>;
  };
  resourceVersion: string;
  images?: string[];
  health?: HealthStatus;
  createdAt: string;
}

export interface ApplicationTree {
  nodes?: ResourceNode[];
}

function ref(
  record: AppRecord,
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
): ResourceRef & {
  version: string;
  namespace: string;
  uid: string;
} {
  const { group, version } = groupVersion(apiVersion);
  return {
    ...(group ? { group } : {}),
    version,
    kind,
    namespace,
    name,
    uid: stableUid(`${record.app.metadata.uid}/${kind}/${namespace}/${name}`),
  };
}

function resourceVersionOf(seed: string): string {
  return String(100000 + (parseInt(stableUid(seed).slice(0, 6), 16) % 900000));
}

function podState(
  record: AppRecord,
  rolling: boolean,
): { reason: string; ready: boolean; health: HealthStatus } {
  if (rolling)
    return {
      reason: 'ContainerCreating',
      ready: false,
      health: { status: 'Progressing' },
    };
  const health = effectiveHealth(record);
  if (health.status === 'Degraded') {
    return {
      reason: 'CrashLoopBackOff',
      ready: false,
      health: {
        status: 'Degraded',
        message: health.message ?? 'back-off 5m0s restarting failed container',
      },
    };
  }
  return { reason: 'Running', ready: true, health: { status: 'Healthy' } };
}

/**
 * GET .../resource-tree: each managed object, and under a Deployment its ReplicaSet(s) and Pods. While a
 * sync rolls out, the new ReplicaSet's pods are ContainerCreating next to the old ReplicaSet's.
 */
export function resourceTree(record: AppRecord): ApplicationTree {
  const current = record.rollout ?? record.live;
  if (!current) return {};
  const createdAt =
    record.app.status.operationState?.startedAt ??
    record.app.metadata.creationTimestamp!;
  const nodes: ResourceNode[] = [];
  for (const object of current.manifests) {
    const namespace = object.metadata.namespace ?? '';
    const self = ref(
      record,
      object.apiVersion,
      object.kind,
      namespace,
      object.metadata.name,
    );
    const images = imagesOf([object]);
    nodes.push({
      ...self,
      resourceVersion: resourceVersionOf(
        `${self.uid}/${JSON.stringify(object)}`,
      ),
      health: resourceHealth(record, object, true),
      ...(images.length ? { images } : {}),
      ...(object.kind === 'Service'
        ? {
            networkingInfo: {
              targetLabels: (
                object.spec as { selector?: Record<string, string> }
              ).selector,
            },
          }
        : {}),
      createdAt,
    });
    if (object.kind === 'Deployment')
      nodes.push(...replicaSets(record, object, self, createdAt));
  }
  return { nodes };
}

function replicaSets(
  record: AppRecord,
  deployment: KubeObject,
  parent: ResourceRef,
  createdAt: string,
): ResourceNode[] {
  const namespace = deployment.metadata.namespace ?? '';
  const rolling = record.rollout !== undefined;
  const previous = record.live?.manifests.find(
    o =>
      o.kind === 'Deployment' && o.metadata.name === deployment.metadata.name,
  );
  const sets: {
    object: KubeObject;
    revision: number;
    rolling: boolean;
    replicas: number;
  }[] = [];
  const changed =
    rolling && previous !== undefined && !sameManifest(previous, deployment);
  if (changed) {
    sets.push({
      object: previous!,
      revision: record.rolloutNumber,
      rolling: false,
      replicas: replicasOf(previous!),
    });
  }
  sets.push({
    object: deployment,
    revision: changed ? record.rolloutNumber + 1 : record.rolloutNumber,
    rolling,
    replicas: replicasOf(deployment),
  });
  const nodes: ResourceNode[] = [];
  for (const set of sets) {
    const rsName = `${deployment.metadata.name}-${podTemplateHash(set.object)}`;
    const rs = ref(record, 'apps/v1', 'ReplicaSet', namespace, rsName);
    const images = imagesOf([set.object]);
    const pod = podState(record, set.rolling);
    nodes.push({
      ...rs,
      parentRefs: [parent],
      info: [{ name: 'Revision', value: `Rev:${set.revision}` }],
      resourceVersion: resourceVersionOf(rs.uid),
      images,
      health:
        pod.health.status === 'Healthy'
          ? { status: 'Healthy' }
          : { status: pod.health.status },
      createdAt,
    });
    for (let i = 0; i < set.replicas; i++) {
      const podName = `${rsName}-${safeSuffix(`${rsName}/${i}`, 5)}`;
      const podRef = ref(record, 'v1', 'Pod', namespace, podName);
      nodes.push({
        ...podRef,
        parentRefs: [rs],
        info: [
          { name: 'Status Reason', value: pod.reason },
          { name: 'Node', value: `sim-node-${(i % 3) + 1}` },
          { name: 'Containers', value: pod.ready ? '1/1' : '0/1' },
        ],
        networkingInfo: {
          labels: (
            set.object.spec as {
              selector?: { matchLabels?: Record<string, string> };
            }
          ).selector?.matchLabels,
        },
        resourceVersion: resourceVersionOf(`${podRef.uid}/${pod.reason}`),
        images,
        health: pod.health,
        createdAt,
      });
    }
  }
  return nodes;
}

function replicasOf(deployment: KubeObject): number {
  return (deployment.spec as { replicas?: number }).replicas ?? 1;
}

/** The object as the cluster would return it: server-set metadata and, for a Deployment, its status. */
function asLive(
  record: AppRecord,
  object: KubeObject,
): Record<string, unknown> {
  const namespace = object.metadata.namespace ?? '';
  const self = ref(
    record,
    object.apiVersion,
    object.kind,
    namespace,
    object.metadata.name,
  );
  const live: Record<string, unknown> = {
    ...object,
    metadata: {
      ...object.metadata,
      uid: self.uid,
      resourceVersion: resourceVersionOf(
        `${self.uid}/${JSON.stringify(object)}`,
      ),
      generation: record.rolloutNumber,
      creationTimestamp: record.app.metadata.creationTimestamp,
    },
  };
  if (object.kind === 'Deployment') {
    const replicas = replicasOf(object);
    const ready = effectiveHealth(record).status === 'Healthy' ? replicas : 0;
    live.status = {
      observedGeneration: record.rolloutNumber,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
    };
  }
  return live;
}

/** swagger `v1alpha1ResourceDiff`; the four state fields are JSON-encoded strings (`"null"` when absent). */
export interface ResourceDiff {
  group?: string;
  kind: string;
  namespace: string;
  name: string;
  targetState: string;
  liveState: string;
  normalizedLiveState: string;
  predictedLiveState: string;
  resourceVersion?: string;
  modified: boolean;
  hook: boolean;
}

export function managedResources(record: AppRecord): ResourceDiff[] {
  return pairResources(record.target, record.live).map(p => {
    const object = (p.target ?? p.live)!;
    const { group } = groupVersion(object.apiVersion);
    const live = p.live ? asLive(record, p.live) : undefined;
    const predicted = p.target ? asLive(record, p.target) : undefined;
    return {
      ...(group ? { group } : {}),
      kind: object.kind,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
      targetState: JSON.stringify(p.target ?? null),
      liveState: JSON.stringify(live ?? null),
      normalizedLiveState: JSON.stringify(live ?? null),
      predictedLiveState: JSON.stringify(predicted ?? null),
      ...(live
        ? {
            resourceVersion: (live.metadata as { resourceVersion: string })
              .resourceVersion,
          }
        : {}),
      modified: !sameManifest(p.target, p.live),
      hook: false,
    };
  });
}
