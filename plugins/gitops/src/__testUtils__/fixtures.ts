import type {
  ApplicationDetail,
  ApplicationSummary,
  RevisionMetadata,
  RuntimeError,
  RuntimeHealth,
} from '@slipway/plugin-gitops-common';

/**
 * Realistic backend answers for the sandbox: `nonprod` answers, `prod` times out. Shapes follow the
 * contract in `@slipway/plugin-gitops-common`; values follow what the simulator and Argo CD report.
 */

const SHA_DEV = '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345';
const SHA_STAGING = '8e1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a291';
const SHA_OLD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

export const nonprodRuntime: RuntimeHealth = {
  name: 'nonprod',
  title: 'Non-production',
  uiUrl: 'https://argocd.nonprod.example.com',
  reachable: true,
  version: 'v3.5.1+simulated',
  components: {
    ready: 4,
    total: 5,
    items: [
      {
        component: 'server',
        name: 'argocd-server',
        kind: 'Deployment',
        status: 'Healthy',
        ready: true,
        desiredReplicas: 1,
        readyReplicas: 1,
      },
      {
        component: 'repo-server',
        name: 'argocd-repo-server',
        kind: 'Deployment',
        status: 'Healthy',
        ready: true,
        desiredReplicas: 1,
        readyReplicas: 1,
      },
      {
        component: 'application-controller',
        name: 'argocd-application-controller',
        kind: 'StatefulSet',
        status: 'Healthy',
        ready: true,
        desiredReplicas: 1,
        readyReplicas: 1,
      },
      {
        component: 'redis',
        name: 'argocd-redis',
        kind: 'Deployment',
        status: 'Healthy',
        ready: true,
        desiredReplicas: 1,
        readyReplicas: 1,
      },
      {
        component: 'rollouts-controller',
        name: 'argo-rollouts',
        kind: 'Deployment',
        status: 'Progressing',
        ready: false,
        desiredReplicas: 2,
        readyReplicas: 1,
        restarts: 4,
        message:
          'Waiting for deployment "argo-rollouts" rollout to finish: 1 of 2 updated replicas are available...',
      },
    ],
  },
  clusters: [
    {
      name: 'in-cluster',
      server: 'https://kubernetes.default.svc',
      connectionStatus: 'Successful',
      serverVersion: '1.31',
      applicationsCount: 3,
    },
    {
      name: 'edge-eu',
      server: 'https://edge-eu.example.com:6443',
      connectionStatus: 'Failed',
      message: 'dial tcp 10.0.4.12:6443: i/o timeout',
    },
  ],
  applications: {
    total: 3,
    health: {
      Healthy: 1,
      Progressing: 1,
      Degraded: 1,
      Suspended: 0,
      Missing: 0,
      Unknown: 0,
    },
    sync: { Synced: 2, OutOfSync: 1, Unknown: 0 },
  },
  freshness: {
    snapshotAt: '2026-11-22T01:30:00Z',
    mode: 'stream',
    streamFailures: 0,
    malformedFrames: 0,
  },
  recentErrors: [
    {
      runtime: 'nonprod',
      kind: 'unreachable',
      message:
        "Argo CD of runtime 'nonprod' could not be reached: ECONNREFUSED",
      at: '2026-11-22T01:12:00Z',
    },
  ],
  checkedAt: '2026-11-22T01:30:05Z',
};

export const prodRuntime: RuntimeHealth = {
  name: 'prod',
  title: 'Production',
  uiUrl: 'https://argocd.prod.example.com',
  reachable: false,
  clusters: [],
  applications: {
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
  },
  freshness: {
    mode: 'polling',
    streamFailures: 3,
    malformedFrames: 0,
    lastStreamError: 'fetch failed',
  },
  lastError: {
    runtime: 'prod',
    kind: 'timeout',
    message: 'Argo CD did not answer within 5000 ms',
    at: '2026-11-22T01:29:50Z',
  },
  recentErrors: [
    {
      runtime: 'prod',
      kind: 'timeout',
      message: 'Argo CD did not answer within 5000 ms',
      at: '2026-11-22T01:29:50Z',
    },
  ],
  checkedAt: '2026-11-22T01:30:05Z',
};

export const prodTimeout: RuntimeError = {
  runtime: 'prod',
  kind: 'timeout',
  message: 'Argo CD did not answer within 5000 ms',
};

function app(
  partial: Partial<ApplicationSummary> &
    Pick<ApplicationSummary, 'runtime' | 'name' | 'health' | 'sync'>,
): ApplicationSummary {
  return {
    namespace: 'argocd',
    project: 'default',
    labels: {},
    annotations: {},
    destination: { server: 'https://kubernetes.default.svc' },
    sources: [],
    autoSync: true,
    images: [],
    links: { external: [] },
    ...partial,
  };
}

export const paymentsDev = app({
  runtime: 'nonprod',
  name: 'payments-api-dev',
  product: 'payments',
  environment: 'dev',
  annotations: { 'slipway.dev/product': 'payments' },
  destination: {
    server: 'https://kubernetes.default.svc',
    namespace: 'payments-dev',
  },
  sources: [
    {
      repoURL: 'https://github.com/slipway-sandbox/app-manifests.git',
      path: 'apps/payments-api/dev',
      targetRevision: 'main',
    },
  ],
  health: { status: 'Healthy' },
  sync: { status: 'Synced', revision: SHA_DEV },
  operation: {
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: '2026-11-22T01:10:00Z',
    finishedAt: '2026-11-22T01:10:04Z',
  },
  images: ['ghcr.io/slipway-sandbox/payments-api:1.4.2'],
  revisionMessage: 'payments-api: bump to 1.4.2',
  links: {
    argocd:
      'https://argocd.nonprod.example.com/applications/argocd/payments-api-dev',
    external: [],
  },
});

export const paymentsStaging = app({
  runtime: 'nonprod',
  name: 'payments-api-staging',
  product: 'payments',
  environment: 'staging',
  annotations: { 'slipway.dev/product': 'payments' },
  destination: {
    server: 'https://kubernetes.default.svc',
    namespace: 'payments-staging',
  },
  sources: [
    {
      repoURL: 'https://github.com/slipway-sandbox/app-manifests.git',
      path: 'apps/payments-api/staging',
      targetRevision: 'main',
    },
  ],
  health: {
    status: 'Degraded',
    message: 'Deployment "payments-api" exceeded its progress deadline',
  },
  sync: { status: 'OutOfSync', revision: SHA_STAGING },
  autoSync: false,
  operation: {
    phase: 'Failed',
    message: 'one or more objects failed to apply',
    startedAt: '2026-11-22T00:50:00Z',
    finishedAt: '2026-11-22T00:51:10Z',
  },
  images: ['ghcr.io/slipway-sandbox/payments-api:1.4.1'],
  revisionMessage: 'payments-api: raise replicas for load test',
  links: { external: [] },
});

export const checkoutDev = app({
  runtime: 'nonprod',
  name: 'checkout-web-dev',
  namespace: 'team-checkout',
  product: 'checkout',
  environment: 'dev',
  annotations: { 'slipway.dev/product': 'checkout' },
  destination: {
    server: 'https://kubernetes.default.svc',
    namespace: 'checkout-dev',
  },
  sources: [
    {
      repoURL: 'https://github.com/slipway-sandbox/app-manifests.git',
      path: 'apps/checkout-web/dev',
      targetRevision: 'main',
    },
  ],
  health: { status: 'Progressing' },
  sync: { status: 'Synced', revision: SHA_DEV },
  operation: {
    phase: 'Running',
    message: 'waiting for healthy state of apps/Deployment/checkout-web',
    startedAt: '2026-11-22T01:29:00Z',
  },
  images: [
    'ghcr.io/slipway-sandbox/checkout-web:2.0.0',
    'ghcr.io/slipway-sandbox/envoy:1.31',
  ],
  revisionMessage: 'checkout-web: new basket page',
  links: { external: [] },
});

export const applications: ApplicationSummary[] = [
  paymentsDev,
  paymentsStaging,
  checkoutDev,
];

export const paymentsStagingDetail: ApplicationDetail = {
  ...paymentsStaging,
  resources: [
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'payments-staging',
      name: 'payments-api',
      uid: 'dep-1',
      parentRefs: [],
      health: {
        status: 'Degraded',
        message: 'Deployment "payments-api" exceeded its progress deadline',
      },
      syncStatus: 'OutOfSync',
      info: [],
      images: ['ghcr.io/slipway-sandbox/payments-api:1.4.1'],
    },
    {
      group: 'apps',
      version: 'v1',
      kind: 'ReplicaSet',
      namespace: 'payments-staging',
      name: 'payments-api-7c9f8d6b5',
      uid: 'rs-1',
      parentRefs: [
        {
          group: 'apps',
          kind: 'Deployment',
          namespace: 'payments-staging',
          name: 'payments-api',
          uid: 'dep-1',
        },
      ],
      health: { status: 'Degraded' },
      info: [],
      images: [],
    },
    {
      group: '',
      version: 'v1',
      kind: 'Pod',
      namespace: 'payments-staging',
      name: 'payments-api-7c9f8d6b5-x2x8q',
      uid: 'pod-1',
      parentRefs: [
        {
          group: 'apps',
          kind: 'ReplicaSet',
          namespace: 'payments-staging',
          name: 'payments-api-7c9f8d6b5',
          uid: 'rs-1',
        },
      ],
      health: { status: 'Degraded', message: 'CrashLoopBackOff' },
      info: [{ name: 'Status Reason', value: 'CrashLoopBackOff' }],
      images: ['ghcr.io/slipway-sandbox/payments-api:1.4.1'],
    },
    {
      group: '',
      version: 'v1',
      kind: 'Service',
      namespace: 'payments-staging',
      name: 'payments-api',
      uid: 'svc-1',
      parentRefs: [],
      health: { status: 'Healthy' },
      syncStatus: 'Synced',
      info: [],
      images: [],
    },
  ],
  history: [
    {
      id: 12,
      revision: SHA_STAGING,
      deployedAt: '2026-11-22T00:51:10Z',
      deployStartedAt: '2026-11-22T00:50:00Z',
      sources: [
        {
          repoURL: 'https://github.com/slipway-sandbox/app-manifests.git',
          path: 'apps/payments-api/staging',
          targetRevision: 'main',
        },
      ],
      initiatedBy: { username: 'guest' },
    },
    {
      id: 11,
      revision: SHA_OLD,
      deployedAt: '2026-11-21T16:02:00Z',
      sources: [
        {
          repoURL: 'https://github.com/slipway-sandbox/app-manifests.git',
          path: 'apps/payments-api/staging',
          targetRevision: 'main',
        },
      ],
      initiatedBy: { automated: true },
    },
  ],
  conditions: [
    {
      type: 'SyncError',
      message:
        'Failed sync attempt to 8e1d0c9: one or more objects failed to apply',
      lastTransitionTime: '2026-11-22T00:51:10Z',
    },
  ],
  operationState: {
    phase: 'Failed',
    message: 'one or more objects failed to apply',
    startedAt: '2026-11-22T00:50:00Z',
    finishedAt: '2026-11-22T00:51:10Z',
    revision: SHA_STAGING,
    initiatedBy: { username: 'guest' },
    resources: [],
  },
  reconciledAt: '2026-11-22T01:29:40Z',
  syncOptions: ['CreateNamespace=true'],
};

export const revisionMetadata: Record<string, RevisionMetadata> = {
  [SHA_STAGING]: {
    revision: SHA_STAGING,
    author: 'Dana Okafor <dana@example.com>',
    date: '2026-11-22T00:49:00Z',
    message: 'payments-api: raise replicas for load test\n\nPAY-123',
    tags: [],
  },
  [SHA_OLD]: {
    revision: SHA_OLD,
    author: 'Lee Park <lee@example.com>',
    date: '2026-11-21T16:00:00Z',
    message: 'payments-api: 1.4.1',
    tags: ['payments-api-1.4.1'],
  },
};
