import type { Release } from '@slipway/plugin-gitops-common';
import {
  valuesYaml,
  createWorld,
  waitForRelease,
  waitForVersion,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

describe('promoting a product', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld();
    backend = await startReadyBackend(world);
  });

  afterAll(() => stopWorld(world, backend));

  it('commits the new version with trailers and comments intact, and verifies the sync', async () => {
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod', message: 'Ship the cart fix' });
    expect(created.status).toBe(202);
    const { releaseId } = created.body;

    const release = await waitForRelease(
      backend,
      releaseId,
      r => r.status === 'succeeded' || r.status === 'failed',
    );
    expect(release).toMatchObject({
      product: 'shop',
      kind: 'manual',
      version: '1.1.0',
      sourceEnvironment: 'dev',
      initiator: 'user:default/mock',
      status: 'succeeded',
      environments: [{ environment: 'prod', status: 'succeeded' }],
    });
    const [app] = release.steps[0].applications;
    expect(app).toMatchObject({
      application: { runtime: 'prod', name: 'shop-api-prod' },
      status: 'healthy',
      health: 'Healthy',
      sync: 'Synced',
    });
    expect(app.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(app.syncedRevision).toBe(app.commitSha);

    const head = await world.manifests.git('rev-parse', 'main');
    expect(head).toBe(app.commitSha);
    const message = await world.manifests.git('log', '-1', '--format=%B', head);
    expect(message).toContain(
      'Promote shop 1.1.0 from dev to prod (shop-api-prod)',
    );
    expect(message).toContain('Ship the cart fix');
    expect(message).toContain(`Slipway-Release: ${releaseId}`);
    expect(message).toContain('Slipway-Actor: user:default/mock');
    expect(
      await world.manifests.git('log', '-1', '--format=%an <%ae>', head),
    ).toBe('mock <mock@default>');
    const values = await world.manifests.git(
      'show',
      `${head}:apps/shop-api/prod/values.yaml`,
    );
    expect(values).toBe(`# shop-api in prod: values Argo CD renders
replicaCount: 2 # prod runs two
image:
  repository: ghcr.io/slipway-test/shop-api
  # the tag promotions move
  tag: "1.1.0"`);

    const list = await backend.api().get('/api/gitops/releases?product=shop');
    expect(list.body.items.map((r: Release) => r.id)).toContain(releaseId);
    await waitForVersion(backend, 'shop', 'prod', '1.1.0');
  });

  it('rolls back by promoting an earlier version again, as a new commit', async () => {
    // dev moves on to 1.2.0, which goes to prod; then prod goes back to 1.1.0.
    await world.manifests.seed(
      {
        'apps/shop-api/dev/values.yaml': valuesYaml('shop-api', 'dev', '1.2.0'),
      },
      'dev runs 1.2.0 (SHOP-42)',
    );
    await waitForVersion(backend, 'shop', 'dev', '1.2.0');
    const forward = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    const promoted = await waitForRelease(backend, forward.body.releaseId, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(promoted).toMatchObject({ status: 'succeeded', version: '1.2.0' });
    expect(promoted.notes?.images).toEqual([
      { name: 'ghcr.io/slipway-test/shop-api', from: '1.1.0', to: '1.2.0' },
    ]);
    expect(promoted.notes?.issueKeys).toEqual(['SHOP-42']);

    const back = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod', version: '1.1.0' });
    expect(back.status).toBe(202);
    const rolledBack = await waitForRelease(backend, back.body.releaseId, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(rolledBack).toMatchObject({
      status: 'succeeded',
      kind: 'rollback',
      version: '1.1.0',
    });
    expect(
      await world.manifests.git('show', 'main:apps/shop-api/prod/values.yaml'),
    ).toContain('tag: "1.1.0"');
    expect(rolledBack.steps[0].applications[0].commitSha).toBe(
      await world.manifests.git('rev-parse', 'main'),
    );
    await waitForVersion(backend, 'shop', 'prod', '1.1.0');
  });

  it('refuses bad requests with clear messages', async () => {
    const post = (product: string, body: object) =>
      backend
        .api()
        .post(`/api/gitops/products/${product}/promotions`)
        .send(body);
    const unknownProduct = await post('nope', { from: 'dev', to: 'prod' });
    expect(unknownProduct.status).toBe(404);
    expect(unknownProduct.body.error.message).toMatch(/Unknown product 'nope'/);
    const unknownEnv = await post('shop', { from: 'dev', to: 'moon' });
    expect(unknownEnv.status).toBe(400);
    expect(unknownEnv.body.error.message).toMatch(/Unknown environment 'moon'/);
    const same = await post('shop', { from: 'dev', to: 'dev' });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toMatch(/both 'dev'/);
    const badVersion = await post('shop', {
      from: 'dev',
      to: 'prod',
      version: '9.9.9',
    });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.message).toMatch(/Version '9.9.9'/);
    const missing = await post('shop', { to: 'prod' });
    expect(missing.status).toBe(400);
    expect(
      (await backend.api().get('/api/gitops/releases/does-not-exist')).status,
    ).toBe(404);
  });

  it('answers 404 to retry, terminate and approve of an unknown release, each on record as failed', async () => {
    for (const action of ['retry', 'terminate', 'approve']) {
      const res = await backend
        .api()
        .post(`/api/gitops/releases/does-not-exist/${action}`)
        .send({});
      expect({ action, status: res.status }).toEqual({ action, status: 404 });
      expect(res.body.error.message).toBe("No release 'does-not-exist'");
      const audit = await backend
        .api()
        .get(`/api/gitops/audit?action=release.${action}`);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actor: 'user:default/mock',
          target: 'release:does-not-exist',
          releaseId: 'does-not-exist',
          outcome: 'failed',
          details: { error: "No release 'does-not-exist'" },
        }),
      ]);
    }
  });
});
