import { mockServices } from '@backstage/backend-test-utils';
import type {
  ApplicationPromotion,
  Release,
  ReleaseStep,
} from '@slipway/plugin-gitops-common';
import { migratedDatabase } from '../../database/__testUtils__/testDatabases';
import { KnexDeploymentStore } from '../../database/deployments/DeploymentStore';
import { DeploymentHistoryListener } from './DeploymentHistoryListener';

const manifestCommit = '1'.repeat(40);

function app(
  name: string,
  overrides: Partial<ApplicationPromotion> = {},
): ApplicationPromotion {
  return {
    application: { runtime: 'prod', namespace: 'pay', name },
    repoURL: 'https://github.com/acme/manifests',
    branch: 'main',
    path: `apps/${name}`,
    status: 'healthy',
    commitSha: manifestCommit,
    syncedRevision: manifestCommit,
    startedAt: '2026-03-01T09:00:00.000Z',
    finishedAt: '2026-03-01T09:10:00.000Z',
    ...overrides,
  };
}

function step(
  applications: ApplicationPromotion[],
  status: ReleaseStep['status'] = 'post-gates',
): ReleaseStep {
  return {
    environment: 'production',
    dependsOn: [],
    action: 'commit',
    status,
    gates: [],
    applications,
    startedAt: '2026-03-01T08:59:00.000Z',
    finishedAt: '2026-03-01T09:30:00.000Z',
  };
}

function release(overrides: Partial<Release> = {}): Release {
  return {
    id: 'r1',
    product: 'payments',
    kind: 'flow',
    version: '1.4.0',
    sourceEnvironment: 'staging',
    initiator: 'user:default/dana',
    status: 'running',
    environments: [],
    createdAt: '2026-03-01T08:58:00.000Z',
    updatedAt: '2026-03-01T09:10:00.000Z',
    steps: [],
    ...overrides,
  };
}

describe('the deployment history listener', () => {
  async function setUp() {
    const store = new KnexDeploymentStore(await migratedDatabase('SQLITE_3'));
    const listener = new DeploymentHistoryListener({
      store,
      logger: mockServices.logger.mock(),
    });
    return { store, listener };
  }

  it('records each application of a verified step as healthy, with the release notes as source commits, once', async () => {
    const { store, listener } = await setUp();
    const event = {
      type: 'release.step.verified' as const,
      occurredAt: '2026-03-01T09:10:01.000Z',
      environment: 'production',
      step: step([app('pay-api'), app('pay-worker')]),
      release: release({
        notes: {
          commits: [
            {
              sha: 'c'.repeat(40),
              message: 'PAY-123 faster refunds',
              author: 'Dana',
              date: '2026-02-28T16:00:00.000Z',
              issueKeys: ['PAY-123'],
            },
          ],
          authors: ['Dana'],
          issueKeys: ['PAY-123'],
          images: [],
        },
      }),
    };
    await listener.onReleaseEvent(event);
    await listener.onReleaseEvent(event);
    const recorded = await store.list({});
    expect(recorded).toEqual([
      expect.objectContaining({
        product: 'payments',
        environment: 'production',
        application: { runtime: 'prod', namespace: 'pay', name: 'pay-api' },
        version: '1.4.0',
        revision: manifestCommit,
        syncedAt: '2026-03-01T09:10:00.000Z',
        healthyAt: '2026-03-01T09:10:00.000Z',
        releaseId: 'r1',
        releaseKind: 'flow',
        outcome: 'healthy',
        sourceCommits: [
          {
            sha: 'c'.repeat(40),
            time: '2026-02-28T16:00:00.000Z',
            author: 'Dana',
            issueKeys: ['PAY-123'],
          },
        ],
      }),
      expect.objectContaining({
        application: expect.objectContaining({ name: 'pay-worker' }),
      }),
    ]);
  });

  it('uses the manifest commit, dated when its write began, when the release has no notes', async () => {
    const { store, listener } = await setUp();
    await listener.onReleaseEvent({
      type: 'release.step.verified',
      occurredAt: '2026-03-01T09:10:01.000Z',
      environment: 'production',
      step: step([app('pay-api')]),
      release: release(),
    });
    expect((await store.list({}))[0].sourceCommits).toEqual([
      { sha: manifestCommit, time: '2026-03-01T09:00:00.000Z' },
    ]);
  });

  it('records a failed step’s applications that synced but never turned healthy as degraded, and nothing for those that never synced', async () => {
    const { store, listener } = await setUp();
    await listener.onReleaseEvent({
      type: 'release.step.finished',
      status: 'failed',
      occurredAt: '2026-03-01T09:30:01.000Z',
      environment: 'production',
      step: step(
        [
          app('pay-api', { status: 'syncing', health: 'Degraded' }),
          app('pay-worker', {
            status: 'syncing',
            syncedRevision: '0'.repeat(40),
          }),
        ],
        'failed',
      ),
      release: release(),
    });
    expect(await store.list({})).toEqual([
      expect.objectContaining({
        application: expect.objectContaining({ name: 'pay-api' }),
        syncedAt: '2026-03-01T09:30:00.000Z',
        failedAt: '2026-03-01T09:30:00.000Z',
        outcome: 'degraded',
      }),
    ]);
  });

  it('records nothing for events that deploy nothing', async () => {
    const { store, listener } = await setUp();
    await listener.onReleaseEvent({
      type: 'release.step.committed',
      occurredAt: '2026-03-01T09:01:00.000Z',
      environment: 'production',
      step: step([app('pay-api')], 'syncing'),
      release: release(),
    });
    await listener.onReleaseEvent({
      type: 'release.step.finished',
      status: 'terminated',
      occurredAt: '2026-03-01T09:30:01.000Z',
      environment: 'production',
      step: step([app('pay-api', { status: 'syncing' })], 'terminated'),
      release: release(),
    });
    expect(await store.list({})).toEqual([]);
  });
});
