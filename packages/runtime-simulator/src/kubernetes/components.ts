import type { ComponentState } from '../faults';
import { safeSuffix, stableUid } from '../manifests/hash';

export interface ComponentSpec {
  name: string;
  kind: 'Deployment' | 'StatefulSet';
  component: string;
  partOf: 'argocd' | 'argo-rollouts';
  image: string;
  port: number;
}

export const componentNamespace = 'argocd';

/** The Argo CD (and optionally Argo Rollouts) workloads the Kubernetes API reports, as the upstream install names them. */
export function argoComponents(
  argoVersion: string,
  rollouts: boolean,
): ComponentSpec[] {
  const tag = /^v?\d+\.\d+\.\d+/.exec(argoVersion)?.[0] ?? 'v3.5.1';
  const argocdImage = `quay.io/argoproj/argocd:${
    tag.startsWith('v') ? tag : `v${tag}`
  }`;
  const specs: ComponentSpec[] = [
    {
      name: 'argocd-server',
      kind: 'Deployment',
      component: 'server',
      partOf: 'argocd',
      image: argocdImage,
      port: 8080,
    },
    {
      name: 'argocd-repo-server',
      kind: 'Deployment',
      component: 'repo-server',
      partOf: 'argocd',
      image: argocdImage,
      port: 8081,
    },
    {
      name: 'argocd-redis',
      kind: 'Deployment',
      component: 'redis',
      partOf: 'argocd',
      image: 'public.ecr.aws/docker/library/redis:7.2.7-alpine',
      port: 6379,
    },
    {
      name: 'argocd-applicationset-controller',
      kind: 'Deployment',
      component: 'applicationset-controller',
      partOf: 'argocd',
      image: argocdImage,
      port: 7000,
    },
    {
      name: 'argocd-application-controller',
      kind: 'StatefulSet',
      component: 'application-controller',
      partOf: 'argocd',
      image: argocdImage,
      port: 8082,
    },
  ];
  if (rollouts) {
    specs.push({
      name: 'argo-rollouts',
      kind: 'Deployment',
      component: 'rollouts-controller',
      partOf: 'argo-rollouts',
      image: 'quay.io/argoproj/argo-rollouts:v1.9.1',
      port: 8090,
    });
  }
  return specs;
}

function labels(spec: ComponentSpec): Record<string, string> {
  return {
    'app.kubernetes.io/name': spec.name,
    'app.kubernetes.io/part-of': spec.partOf,
    'app.kubernetes.io/component': spec.component,
  };
}

function podTemplate(spec: ComponentSpec) {
  return {
    metadata: { labels: { 'app.kubernetes.io/name': spec.name } },
    spec: {
      containers: [
        {
          name: spec.name,
          image: spec.image,
          imagePullPolicy: 'Always',
          ports: [{ containerPort: spec.port, protocol: 'TCP' }],
        },
      ],
      serviceAccountName: spec.name,
    },
  };
}

/**
 * The object as kube-apiserver returns it. A not-ready component has its pod unready: ready and available
 * counts drop to 0, and a Deployment's `Available` condition turns False.
 */
export function componentObject(
  spec: ComponentSpec,
  state: ComponentState,
  createdAt: string,
  withTypeMeta: boolean,
) {
  const ready = state === 'ready';
  const metadata = {
    name: spec.name,
    namespace: componentNamespace,
    uid: stableUid(`component/${spec.name}`),
    resourceVersion: ready ? '4211' : '4377',
    generation: 1,
    creationTimestamp: createdAt,
    labels: labels(spec),
    ...(spec.kind === 'Deployment'
      ? { annotations: { 'deployment.kubernetes.io/revision': '1' } }
      : {}),
  };
  const typeMeta = withTypeMeta
    ? { kind: spec.kind, apiVersion: 'apps/v1' }
    : {};
  const selector = { matchLabels: { 'app.kubernetes.io/name': spec.name } };
  if (spec.kind === 'StatefulSet') {
    const revision = `${spec.name}-${safeSuffix(spec.name, 10)}`;
    return {
      ...typeMeta,
      metadata,
      spec: {
        replicas: 1,
        selector,
        template: podTemplate(spec),
        serviceName: spec.name,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { partition: 0 },
        },
        revisionHistoryLimit: 5,
      },
      status: {
        observedGeneration: 1,
        replicas: 1,
        ...(ready ? { readyReplicas: 1, availableReplicas: 1 } : {}),
        currentReplicas: 1,
        updatedReplicas: 1,
        currentRevision: revision,
        updateRevision: revision,
        collisionCount: 0,
      },
    };
  }
  return {
    ...typeMeta,
    metadata,
    spec: {
      replicas: 1,
      selector,
      template: podTemplate(spec),
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      ...(ready
        ? { readyReplicas: 1, availableReplicas: 1 }
        : { unavailableReplicas: 1 }),
      conditions: [
        ready
          ? {
              type: 'Available',
              status: 'True',
              lastUpdateTime: createdAt,
              lastTransitionTime: createdAt,
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
            }
          : {
              type: 'Available',
              status: 'False',
              lastUpdateTime: createdAt,
              lastTransitionTime: createdAt,
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            },
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: createdAt,
          lastTransitionTime: createdAt,
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${spec.name}-${safeSuffix(
            spec.name,
            10,
          )}" has successfully progressed.`,
        },
      ],
    },
  };
}

/** Restarts a not-ready component's pod has made: it is crash-looping. */
export const notReadyRestarts = 7;

/** The one pod of a component, as kube-apiserver lists it; a not-ready one is crash-looping. */
export function componentPod(
  spec: ComponentSpec,
  state: ComponentState,
  createdAt: string,
) {
  const ready = state === 'ready';
  const hash = safeSuffix(spec.name, 10);
  const name =
    spec.kind === 'StatefulSet'
      ? `${spec.name}-0`
      : `${spec.name}-${hash}-${safeSuffix(`${spec.name}/pod`, 5)}`;
  const condition = (type: string, status: boolean) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: createdAt,
  });
  return {
    metadata: {
      name,
      namespace: componentNamespace,
      uid: stableUid(`component-pod/${spec.name}`),
      resourceVersion: ready ? '4212' : '4378',
      creationTimestamp: createdAt,
      labels: {
        'app.kubernetes.io/name': spec.name,
        ...(spec.kind === 'Deployment'
          ? { 'pod-template-hash': hash }
          : { 'statefulset.kubernetes.io/pod-name': name }),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: spec.kind === 'Deployment' ? 'ReplicaSet' : 'StatefulSet',
          name: spec.kind === 'Deployment' ? `${spec.name}-${hash}` : spec.name,
          uid: stableUid(`component-owner/${spec.name}`),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { ...podTemplate(spec).spec, nodeName: 'sim-node-1' },
    status: {
      phase: 'Running',
      conditions: [
        condition('Initialized', true),
        condition('Ready', ready),
        condition('ContainersReady', ready),
        condition('PodScheduled', true),
      ],
      hostIP: '10.0.0.11',
      podIP: '10.244.0.12',
      startTime: createdAt,
      containerStatuses: [
        {
          name: spec.name,
          image: spec.image,
          imageID: '',
          ready,
          started: ready,
          restartCount: ready ? 0 : notReadyRestarts,
          state: ready
            ? { running: { startedAt: createdAt } }
            : {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: `back-off 5m0s restarting failed container=${spec.name}`,
                },
              },
        },
      ],
    },
  };
}
