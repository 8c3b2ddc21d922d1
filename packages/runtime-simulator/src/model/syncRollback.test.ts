import request from 'supertest';
import { chartFiles } from '../__testUtils__/gitFixture';
import {
  auth,
  GitSimulator,
  startGitSimulator,
} from '../__testUtils__/simulators';
import { waitFor } from '../__testUtils__/waitFor';

// Lifecycle steps run on timers; on a loaded CI machine they need more than jest's default 5 s.
jest.setTimeout(20_000);

describe('sync, rollback and terminate', () => {
  let env: GitSimulator;

  beforeEach(async () => {
    env = await startGitSimulator({
      timings: { pollIntervalMs: 100, syncDelayMs: 150, progressingMs: 600 },
    });
  });

  afterEach(() => env.close());

  const post = (path: string, body: object) =>
    request(env.sim.url).post(path).set(auth).send(body);
  const getApp = async (name: string) =>
    (
      await request(env.sim.url)
        .get(`/api/v1/applications/${name}`)
        .set(auth)
        .expect(200)
    ).body;
  const idle = (name: string) =>
    waitFor(`${name} idle`, async () => {
      const app = await getApp(name);
      return !app.operation && app.status.operationState?.phase !== 'Running'
        ? app
        : undefined;
    });

  it('refuses a second sync while an operation is in progress', async () => {
    await post('/api/v1/applications/payments-api-prod/sync', {}).expect(200);
    const second = await post(
      '/api/v1/applications/payments-api-prod/sync',
      {},
    ).expect(400);
    expect(second.body).toMatchObject({
      code: 9,
      message: expect.stringContaining(
        'another operation is already in progress',
      ),
    });
  });

  it('refuses to sync an automated app to another revision', async () => {
    const res = await post('/api/v1/applications/payments-api-dev/sync', {
      revision: 'abc123',
    }).expect(400);
    expect(res.body).toMatchObject({
      code: 9,
      message: 'Cannot sync to abc123: auto-sync currently set to main',
    });
  });

  it('rolls a manual app back to a history entry, and refuses unknown ids and automated apps', async () => {
    const v2 = await env.git.commit(
      chartFiles('payments-api', 'prod', '1.5.0', 3),
      'Promote 1.5.0',
    );
    await waitFor('prod OutOfSync', async () =>
      (await getApp('payments-api-prod')).status.sync.status === 'OutOfSync'
        ? true
        : undefined,
    );
    await post('/api/v1/applications/payments-api-prod/sync', {}).expect(200);
    const synced = await waitFor('synced to v2', async () => {
      const app = await getApp('payments-api-prod');
      return app.status.history.length === 2 && !app.operation
        ? app
        : undefined;
    });
    expect(synced.status.history[1].revision).toBe(v2);

    const unknown = await post(
      '/api/v1/applications/payments-api-prod/rollback',
      { id: 7 },
    ).expect(400);
    expect(unknown.body).toMatchObject({
      code: 3,
      message:
        'application argocd/payments-api-prod does not have deployment with id 7',
    });
    const automated = await post(
      '/api/v1/applications/payments-api-dev/rollback',
      { id: 0 },
    ).expect(400);
    expect(automated.body).toMatchObject({
      code: 9,
      message: 'rollback cannot be initiated when auto-sync is enabled',
    });

    const rollback = await post(
      '/api/v1/applications/payments-api-prod/rollback',
      { id: '0' },
    ).expect(200);
    expect(rollback.body.operation.sync).toMatchObject({
      revision: env.initialSha,
      source: { path: 'apps/payments-api/prod' },
    });
    const rolledBack = await waitFor('rolled back', async () => {
      const app = await getApp('payments-api-prod');
      return app.status.history.length === 3 && !app.operation
        ? app
        : undefined;
    });
    expect(rolledBack.status.history[2]).toMatchObject({
      id: 2,
      revision: env.initialSha,
    });
    expect(rolledBack.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.4.2',
    ]);
    // Live is the old revision while main still points at v2.
    expect(rolledBack.status.sync).toMatchObject({
      status: 'OutOfSync',
      revision: v2,
    });
  });

  it('terminates a running operation: Terminating, then Failed, the rollout abandoned', async () => {
    await env.git.commit(
      chartFiles('payments-api', 'prod', '1.6.0', 3),
      'Promote 1.6.0',
    );
    await waitFor('prod OutOfSync', async () =>
      (await getApp('payments-api-prod')).status.sync.status === 'OutOfSync'
        ? true
        : undefined,
    );
    await request(env.sim.url)
      .delete('/api/v1/applications/payments-api-prod/operation')
      .set(auth)
      .set('Content-Type', 'application/json')
      .expect(400);
    await post('/api/v1/applications/payments-api-prod/sync', {}).expect(200);
    await waitFor('Running', async () =>
      (await getApp('payments-api-prod')).status.operationState?.phase ===
      'Running'
        ? true
        : undefined,
    );
    const res = await request(env.sim.url)
      .delete('/api/v1/applications/payments-api-prod/operation')
      .set(auth)
      .set('Content-Type', 'application/json')
      .expect(200);
    expect(res.body).toEqual({});
    const failed = await idle('payments-api-prod');
    expect(failed.status.operationState).toMatchObject({
      phase: 'Failed',
      message: 'Operation terminated',
    });
    expect(failed.status.sync.status).toBe('OutOfSync');
    expect(failed.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.4.2',
    ]);
    expect(failed.status.history).toHaveLength(1);
  });

  it('a partial sync (resources) adds no history entry; a dry run changes nothing', async () => {
    await env.git.commit(
      chartFiles('payments-api', 'prod', '1.7.0', 3),
      'Promote 1.7.0',
    );
    await waitFor('prod OutOfSync', async () =>
      (await getApp('payments-api-prod')).status.sync.status === 'OutOfSync'
        ? true
        : undefined,
    );
    await post('/api/v1/applications/payments-api-prod/sync', {
      dryRun: true,
    }).expect(200);
    const dry = await idle('payments-api-prod');
    expect(dry.status.operationState.phase).toBe('Succeeded');
    expect(dry.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.4.2',
    ]);
    expect(dry.status.history).toHaveLength(1);

    await post('/api/v1/applications/payments-api-prod/sync', {
      resources: [{ group: 'apps', kind: 'Deployment', name: 'payments-api' }],
    }).expect(200);
    await waitFor('partial done', async () => {
      const app = await getApp('payments-api-prod');
      return app.status.operationState?.phase === 'Succeeded' &&
        app.status.operationState.operation.sync.resources
        ? true
        : undefined;
    });
    const partial = await getApp('payments-api-prod');
    expect(partial.status.summary.images).toEqual([
      'ghcr.io/slipway-sandbox/payments-api:1.7.0',
    ]);
    expect(partial.status.history).toHaveLength(1);
  });

  it('leaves a resource no longer in Git live without prune (PruneSkipped) and deletes it with prune', async () => {
    const files = chartFiles('payments-api', 'prod', '1.4.2', 3);
    await env.git.commit(
      {
        ...files,
        'apps/payments-api/prod/values.yaml': `${files['apps/payments-api/prod/values.yaml']}service:\n  enabled: false\n`,
      },
      'Drop the service',
    );
    await waitFor('prod OutOfSync', async () =>
      (await getApp('payments-api-prod')).status.sync.status === 'OutOfSync'
        ? true
        : undefined,
    );
    const managed = async () =>
      (
        await request(env.sim.url)
          .get('/api/v1/applications/payments-api-prod/managed-resources')
          .set(auth)
          .expect(200)
      ).body.items as {
        kind: string;
        modified: boolean;
        targetState: string;
        liveState: string;
      }[];
    const service = (await managed()).find(d => d.kind === 'Service')!;
    expect(service).toMatchObject({ modified: true, targetState: 'null' });
    expect(JSON.parse(service.liveState).kind).toBe('Service');

    await post('/api/v1/applications/payments-api-prod/sync', {}).expect(200);
    await waitFor('sync without prune done', async () =>
      (await getApp('payments-api-prod')).status.operationState?.phase ===
      'Succeeded'
        ? true
        : undefined,
    );
    const kept = await idle('payments-api-prod');
    expect(
      kept.status.operationState.syncResult.resources.find(
        (r: { kind: string }) => r.kind === 'Service',
      ),
    ).toMatchObject({
      status: 'PruneSkipped',
      message: 'ignored (requires pruning)',
    });
    expect(kept.status.sync.status).toBe('OutOfSync');
    expect((await managed()).map(d => d.kind)).toContain('Service');

    await post('/api/v1/applications/payments-api-prod/sync', {
      prune: true,
    }).expect(200);
    const pruned = await waitFor('sync with prune done', async () => {
      const app = await getApp('payments-api-prod');
      return app.status.operationState?.operation.sync.prune &&
        app.status.operationState.phase === 'Succeeded'
        ? app
        : undefined;
    });
    expect(
      pruned.status.operationState.syncResult.resources.find(
        (r: { kind: string }) => r.kind === 'Service',
      ),
    ).toMatchObject({ status: 'Pruned', message: 'pruned' });
    expect(pruned.status.sync.status).toBe('Synced');
    expect((await managed()).map(d => d.kind)).toEqual(['Deployment']);
  });
});
