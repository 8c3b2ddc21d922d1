import type {
  ApplicationPromotion,
  Release,
  ReleaseStep,
} from '@slipway/plugin-gitops-common';

const app = (
  name: string,
  partial: Partial<ApplicationPromotion> = {},
): ApplicationPromotion => ({
  application: {
    runtime: name.endsWith('production') ? 'prod' : 'nonprod',
    namespace: 'argocd',
    name,
  },
  repoURL: 'https://github.com/example/manifests',
  branch: 'main',
  path: `apps/${name}`,
  status: 'pending',
  ...partial,
});

const step = (
  environment: string,
  dependsOn: string[],
  partial: Partial<ReleaseStep> = {},
): ReleaseStep => ({
  environment,
  dependsOn,
  action: 'commit',
  status: 'pending',
  gates: [],
  applications: [],
  ...partial,
});

function release(
  partial: Omit<Release, 'environments' | 'updatedAt'> &
    Partial<Pick<Release, 'updatedAt'>>,
): Release {
  return {
    updatedAt: partial.createdAt,
    environments: partial.steps.map(s => ({
      environment: s.environment,
      status: s.status,
    })),
    ...partial,
  };
}

const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Payments 1.4.3 through a flow: staging done, production held by an approval, dr after it. */
export const waitingRelease = (): Release =>
  release({
    id: 'rel-0003',
    product: 'payments',
    kind: 'flow',
    flow: 'standard',
    version: '1.4.3',
    sourceEnvironment: 'dev',
    sourceRevision: '8e1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a291',
    initiator: 'user:default/jane',
    status: 'waiting',
    createdAt: '2026-11-22T01:00:00Z',
    message: 'Promote payments 1.4.3 to production',
    steps: [
      step('staging', ['dev'], {
        status: 'succeeded',
        startedAt: '2026-11-22T01:00:05Z',
        finishedAt: '2026-11-22T01:03:00Z',
        applications: [
          app('payments-api-staging', {
            status: 'healthy',
            commitSha: 'c0ffee0000000000000000000000000000000001',
            commitUrl:
              'https://github.com/example/manifests/commit/c0ffee0000000000000000000000000000000001',
            health: 'Healthy',
            sync: 'Synced',
          }),
        ],
      }),
      step('production', ['staging'], {
        status: 'pre-gates',
        action: 'pull-request',
        gates: [
          {
            type: 'manual-approval',
            phase: 'pre',
            status: 'waiting',
            reason: 'Needs approval from group:default/production-approvers',
            approvers: ['group:default/production-approvers'],
          },
          {
            type: 'soak',
            phase: 'post',
            status: 'pending',
            until: inOneHour(),
          },
        ],
        applications: [
          app('payments-api-production', {
            status: 'pull-request-open',
            pullRequest: {
              url: 'https://github.com/example/manifests/pull/42',
              number: 42,
              state: 'open',
            },
          }),
        ],
      }),
      step('dr', ['production']),
    ],
    notes: {
      commits: [
        {
          sha: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
          message: 'PAY-123 retry card captures on timeout\n\nlonger body',
          author: 'Jane Doe',
          date: '2026-11-21T10:00:00Z',
          url: 'https://github.com/example/payments/commit/ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
          issueKeys: ['PAY-123'],
        },
      ],
      authors: ['Jane Doe'],
      issueKeys: ['PAY-123'],
      images: [
        {
          name: 'ghcr.io/example/payments-api',
          from: '1.4.2',
          to: '1.4.3',
        },
      ],
    },
  });

/** Storefront 2.7.1 failed verifying production. */
export const failedRelease = (): Release =>
  release({
    id: 'rel-0002',
    product: 'storefront',
    kind: 'manual',
    version: '2.7.1',
    sourceEnvironment: 'staging',
    initiator: 'user:default/sam',
    status: 'failed',
    createdAt: '2026-11-21T12:00:00Z',
    finishedAt: '2026-11-21T12:10:00Z',
    error: 'Step production failed',
    steps: [
      step('production', ['staging'], {
        status: 'failed',
        error:
          'storefront-web-production stayed Degraded for 10m after syncing 1f2e3d4',
        applications: [
          app('storefront-web-production', {
            status: 'failed',
            commitSha: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
            health: 'Degraded',
            sync: 'Synced',
            error: 'Degraded: back-off restarting failed container',
          }),
        ],
      }),
    ],
  });

/** Payments 1.4.2, promoted earlier without trouble. */
export const succeededRelease = (): Release =>
  release({
    id: 'rel-0001',
    product: 'payments',
    kind: 'manual',
    version: '1.4.2',
    sourceEnvironment: 'staging',
    initiator: 'user:default/jane',
    status: 'succeeded',
    createdAt: '2026-11-20T09:00:00Z',
    finishedAt: '2026-11-20T09:04:30Z',
    steps: [
      step('production', ['staging'], {
        status: 'succeeded',
        applications: [
          app('payments-api-production', {
            status: 'healthy',
            commitSha: '9a8b7c6d5e4f30219a8b7c6d5e4f30219a8b7c6d',
          }),
        ],
      }),
    ],
  });

export const allReleases = () => [
  waitingRelease(),
  failedRelease(),
  succeededRelease(),
];
