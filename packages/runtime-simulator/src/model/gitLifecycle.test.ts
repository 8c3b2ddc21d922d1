import request from 'supertest';
import {
  auth,
  startGitSimulator,
  GitSimulator,
} from '../__testUtils__/simulators';
import { chartFiles } from '../__testUtils__/gitFixture';
import { waitFor } from '../__testUtils__/waitFor';

// Lifecycle steps run on timers; on a loaded CI machine they need more than jest's default 5 s.
jest.setTimeout(20_000);

describe('git-backed application lifecycle', () => {
  let env: GitSimulator;

  beforeEach(async () => {
    env = await startGitSimulator();
  });

  afterEach(async () => {
    await env.close();
  });

  const getApp = async (name: string, query = '') =>
    (
      await request(env.sim.url)
        .get(`/api/v1/applications/${name}${query}`)
        .set(auth)
        .expect(200)
    ).body;

  it('starts Synced and Healthy at the head of targetRevision, with images from values.yaml', async () => {
    const app = await getApp('payments-api-dev');
    expect(app.status.sync).toMatchObject({
      status: 'Synced',
      revision: env.initialSha,
    });
    expect(app.status.health.status).toBe('Healthy');
    expect(app.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.4.2',
    ]);
    expect(app.status.history).toEqual([
      expect.objectContaining({ id: 0, revision: env.initialSha }),
    ]);
    expect(app.status.resources).toEqual([
      expect.objectContaining({
        kind: 'Service',
        name: 'payments-api',
        status: 'Synced',
        health: { status: 'Healthy' },
      }),
      expect.objectContaining({
        group: 'apps',
        kind: 'Deployment',
        name: 'payments-api',
        status: 'Synced',
      }),
    ]);
  });

  it('goes OutOfSync when main moves, auto-syncs through Progressing, and lands Synced and Healthy at the new SHA', async () => {
    const newSha = await env.git.commit(
      chartFiles('payments-api', 'dev', '1.4.3'),
      'Promote payments-api 1.4.3 to dev\n\nRelease notes: faster refunds.',
      { name: 'Promo Bot', email: 'promo@example.com' },
    );

    const outOfSync = await waitFor('OutOfSync', async () => {
      const app = await getApp('payments-api-dev');
      return app.status.sync.status === 'OutOfSync' ? app : undefined;
    });
    expect(outOfSync.status.sync.revision).toBe(newSha);
    expect(outOfSync.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.4.2',
    ]);
    expect(
      outOfSync.status.resources.find(
        (r: { kind: string }) => r.kind === 'Deployment',
      ).status,
    ).toBe('OutOfSync');

    const progressing = await waitFor('Running sync', async () => {
      const app = await getApp('payments-api-dev');
      return app.status.operationState?.phase === 'Running' ? app : undefined;
    });
    expect(progressing.status.health.status).toBe('Progressing');
    expect(progressing.operation.initiatedBy).toEqual({ automated: true });
    expect(progressing.operation.sync.revision).toBe(newSha);

    const tree = (
      await request(env.sim.url)
        .get('/api/v1/applications/payments-api-dev/resource-tree')
        .set(auth)
    ).body;
    const pods = tree.nodes.filter((n: { kind: string }) => n.kind === 'Pod');
    expect(
      pods.some(
        (p: { health: { status: string } }) =>
          p.health.status === 'Progressing',
      ),
    ).toBe(true);

    const done = await waitFor('Succeeded', async () => {
      const app = await getApp('payments-api-dev');
      return app.status.operationState?.phase === 'Succeeded' &&
        app.status.operationState.syncResult.revision === newSha
        ? app
        : undefined;
    });
    expect(done.operation).toBeUndefined();
    expect(done.status.sync).toMatchObject({
      status: 'Synced',
      revision: newSha,
    });
    expect(done.status.health.status).toBe('Healthy');
    expect(done.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.4.3',
    ]);
    expect(done.status.history.map((h: { id: number }) => h.id)).toEqual([
      0, 1,
    ]);
    expect(done.status.history[1]).toMatchObject({
      revision: newSha,
      initiatedBy: { automated: true },
    });
    expect(done.status.operationState.message).toBe(
      'successfully synced (all tasks run)',
    );
    expect(done.status.operationState.syncResult.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'Deployment',
          status: 'Synced',
          message: 'deployment.apps/payments-api configured',
          images: ['ghcr.io/slipway-sandbox/payments-api:1.4.3'],
        }),
      ]),
    );
    expect(Date.parse(done.status.reconciledAt)).toBeGreaterThanOrEqual(
      Date.parse(outOfSync.status.reconciledAt),
    );

    const metadata = (
      await request(env.sim.url)
        .get(
          `/api/v1/applications/payments-api-dev/revisions/${newSha}/metadata`,
        )
        .set(auth)
        .expect(200)
    ).body;
    expect(metadata).toEqual({
      author: 'Promo Bot <promo@example.com>',
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      message:
        'Promote payments-api 1.4.3 to dev\n\nRelease notes: faster refunds.',
    });

    const events = (
      await request(env.sim.url)
        .get('/api/v1/applications/payments-api-dev/events')
        .set(auth)
    ).body;
    const reasons = events.items.map(
      (e: { reason: string; message: string }) => `${e.reason}: ${e.message}`,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        'ResourceUpdated: Updated sync status: Synced -> OutOfSync',
        `OperationStarted: initiated automated sync to '${newSha}'`,
        'ResourceUpdated: Updated health status: Healthy -> Progressing',
        `OperationCompleted: Sync operation to ${newSha} succeeded`,
        'ResourceUpdated: Updated health status: Progressing -> Healthy',
      ]),
    );

    const deploymentEvents = (
      await request(env.sim.url)
        .get(
          '/api/v1/applications/payments-api-dev/events?resourceName=payments-api&resourceNamespace=payments-api-dev',
        )
        .set(auth)
        .expect(200)
    ).body;
    expect(deploymentEvents.items).toEqual([
      expect.objectContaining({
        reason: 'ScalingReplicaSet',
        message: expect.stringMatching(
          /^Scaled up replica set payments-api-[a-z0-9]{10} to 2$/,
        ),
        involvedObject: expect.objectContaining({
          kind: 'Deployment',
          name: 'payments-api',
          uid: expect.any(String),
        }),
      }),
    ]);
    const notInTree = await request(env.sim.url)
      .get('/api/v1/applications/payments-api-dev/events?resourceName=redis')
      .set(auth)
      .expect(400);
    expect(notInTree.body.message).toBe(
      'redis not found as part of application payments-api-dev',
    );
  });

  it('auto-syncs a commit that landed while the sync of the one before was still running', async () => {
    const first = await env.git.commit(
      chartFiles('payments-api', 'dev', '1.4.3'),
      'Promote payments-api 1.4.3 to dev',
    );
    await waitFor('Running sync', async () => {
      const app = await getApp('payments-api-dev');
      return app.operation?.sync?.revision === first || undefined;
    });
    const second = await env.git.commit(
      chartFiles('payments-api', 'dev', '1.4.4'),
      'Promote payments-api 1.4.4 to dev',
    );
    const done = await waitFor('Synced at the second commit', async () => {
      const app = await getApp('payments-api-dev');
      return app.status.sync.status === 'Synced' &&
        app.status.operationState?.syncResult?.revision === second
        ? app
        : undefined;
    });
    expect(done.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.4.4',
    ]);
  });

  it('leaves a manual app OutOfSync until POST sync, then syncs it', async () => {
    const newSha = await env.git.commit(
      chartFiles('payments-api', 'prod', '1.5.0', 3),
      'Promote 1.5.0 to prod',
    );
    await waitFor('prod OutOfSync', async () =>
      (await getApp('payments-api-prod')).status.sync.status === 'OutOfSync'
        ? true
        : undefined,
    );
    // Longer than syncDelayMs + progressingMs: nothing happens on its own.
    await new Promise(resolve => setTimeout(resolve, 700));
    const still = await getApp('payments-api-prod');
    expect(still.status.sync.status).toBe('OutOfSync');
    expect(still.status.operationState.syncResult.revision).toBe(
      env.initialSha,
    );

    const synced = await request(env.sim.url)
      .post('/api/v1/applications/payments-api-prod/sync')
      .set(auth)
      .send({ prune: true })
      .expect(200);
    expect(synced.body.operation).toMatchObject({
      sync: { prune: true },
      initiatedBy: { username: 'admin' },
    });
    expect(synced.body.status.operationState).toBeUndefined();

    const done = await waitFor('prod synced', async () => {
      const app = await getApp('payments-api-prod');
      return app.status.sync.status === 'Synced' &&
        app.status.health.status === 'Healthy'
        ? app
        : undefined;
    });
    expect(done.status.sync.revision).toBe(newSha);
    expect(done.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.5.0',
    ]);
    expect(done.status.history.at(-1)).toMatchObject({
      id: 1,
      revision: newSha,
      initiatedBy: { username: 'admin' },
    });
  });

  it('refresh=normal reconciles at once and reports a missing app path as a ComparisonError', async () => {
    const before = await getApp('payments-api-dev');
    const newSha = await env.git.commit(
      { 'README.md': 'unrelated change\n' },
      'Docs only',
    );
    const refreshed = await getApp('payments-api-dev', '?refresh=normal');
    // Manifests did not change: still Synced, compared at the new head.
    expect(refreshed.status.sync).toMatchObject({
      status: 'Synced',
      revision: newSha,
    });
    expect(Number(refreshed.metadata.resourceVersion)).toBeGreaterThan(
      Number(before.metadata.resourceVersion),
    );

    await env.git.commit(
      { 'apps/payments-api/dev/Chart.yaml': 'name: [broken' },
      'Break the chart',
    );
    const broken = await getApp('payments-api-dev', '?refresh=hard');
    expect(broken.status.sync.status).toBe('Unknown');
    expect(broken.status.conditions).toEqual([
      expect.objectContaining({
        type: 'ComparisonError',
        message: expect.stringContaining('Chart.yaml'),
      }),
    ]);
  });

  it('reads tags of a revision and resolves branch names in revision metadata', async () => {
    await env.git.tag('payments-api-1.4.2');
    const metadata = (
      await request(env.sim.url)
        .get('/api/v1/applications/payments-api-dev/revisions/main/metadata')
        .set(auth)
        .expect(200)
    ).body;
    expect(metadata).toMatchObject({
      author: 'Test Author <author@example.com>',
      tags: ['payments-api-1.4.2'],
      message: 'Add payments-api 1.4.2',
    });
    const unknown = await request(env.sim.url)
      .get(
        '/api/v1/applications/payments-api-dev/revisions/0000000000000000000000000000000000000000/metadata',
      )
      .set(auth)
      .expect(500);
    expect(unknown.body).toMatchObject({
      code: 2,
      message: expect.stringContaining('unable to resolve'),
    });
  });

  it('keeps at most revisionHistoryLimit history entries, dropping the oldest', async () => {
    const limited = await startGitSimulator({}, apps => {
      apps[0].spec.revisionHistoryLimit = 2;
    });
    try {
      for (const tag of ['1.4.3', '1.4.4']) {
        const sha = await limited.git.commit(
          chartFiles('payments-api', 'dev', tag),
          `Promote ${tag}`,
        );
        await waitFor(`synced ${tag}`, async () => {
          const app = (
            await request(limited.sim.url)
              .get('/api/v1/applications/payments-api-dev')
              .set(auth)
          ).body;
          return app.status.history.at(-1).revision === sha ? app : undefined;
        });
      }
      const app = (
        await request(limited.sim.url)
          .get('/api/v1/applications/payments-api-dev')
          .set(auth)
      ).body;
      expect(app.status.history.map((h: { id: number }) => h.id)).toEqual([
        1, 2,
      ]);
    } finally {
      await limited.close();
    }
  });
});
