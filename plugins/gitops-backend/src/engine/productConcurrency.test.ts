import { mockCredentials } from '@backstage/backend-test-utils';
import {
  WORLD_REPO,
  appFiles,
  application,
  createWorld,
  environmentYaml,
  prodFlowYaml,
  productYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const flow = (name: string) =>
  prodFlowYaml(name, {
    pre: [{ type: 'manual-approval', approvers: ['user:default/alice'] }],
  });

const alice = mockCredentials.user.header('user:default/alice');

describe('releases of one product at the same time', () => {
  let world: World;
  let backend: WorldBackend;
  const promote = (product: string) =>
    backend
      .api()
      .post(`/api/gitops/products/${product}/promotions`)
      .send({ from: 'dev', to: 'prod' });
  const approve = (id: string) =>
    backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .set('Authorization', alice)
      .send({});

  beforeAll(async () => {
    world = await createWorld({
      manifests: {
        ...appFiles('cart-api', 'dev', '3.1.0'),
        ...appFiles('cart-api', 'prod', '3.0.0'),
      },
      delivery: {
        'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', [
          'shop-dev',
          'cart-dev',
        ]),
        'products/shop.yaml': productYaml('shop', {
          flows: ['shop-flow'],
          concurrency: 'queue',
        }),
        'flows/shop-flow.yaml': flow('shop-flow'),
        'products/cart.yaml': productYaml('cart', {
          flows: ['cart-flow'],
          concurrency: 'supersede',
        }),
        'flows/cart-flow.yaml': flow('cart-flow'),
      },
      nonprodApps: [
        application(WORLD_REPO, 'cart', 'cart-api', 'dev', 'cart-dev'),
      ],
      prodApps: [application(WORLD_REPO, 'cart', 'cart-api', 'prod', 'cart')],
    });
    backend = await startReadyBackend(world, {
      ready: { shop: { dev: '1.1.0' }, cart: { dev: '3.1.0' } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('queue: a newer release waits until the earlier one finished, then runs', async () => {
    const first = (await promote('shop')).body.releaseId;
    await waitForRelease(backend, first, r => r.status === 'waiting');
    const second = (await promote('shop')).body.releaseId;
    // It stays queued while the first waits for its approval.
    await new Promise(resolve => setTimeout(resolve, 1_500));
    const queued = await backend.api().get(`/api/gitops/releases/${second}`);
    expect(queued.body.status).toBe('queued');
    expect(queued.body.environments).toEqual([
      { environment: 'prod', status: 'pending' },
    ]);

    expect((await approve(first)).status).toBe(200);
    expect(
      (
        await waitForRelease(backend, first, r =>
          ['succeeded', 'failed'].includes(r.status),
        )
      ).status,
    ).toBe('succeeded');
    await waitForRelease(backend, second, r => r.status === 'waiting');
    expect((await approve(second)).status).toBe(200);
    const done = await waitForRelease(backend, second, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    // The same version again: nothing to change, verified at the branch head.
    expect(done.status).toBe('succeeded');
    expect(done.steps[0].applications[0].status).toBe('healthy');
  });

  it('supersede: a newer release terminates the older one, which names it', async () => {
    const head = await world.manifests.git('rev-parse', 'main');
    const older = (await promote('cart')).body.releaseId;
    await waitForRelease(backend, older, r => r.status === 'waiting');
    const newer = (await promote('cart')).body.releaseId;

    const superseded = await backend.api().get(`/api/gitops/releases/${older}`);
    expect(superseded.body).toMatchObject({
      status: 'terminated',
      supersededBy: newer,
      environments: [{ environment: 'prod', status: 'terminated' }],
    });
    expect(superseded.body.error).toMatch(/superseded by release/);
    await waitForRelease(backend, newer, r => r.status === 'waiting');
    // The older one never wrote anything.
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);
    expect((await approve(older)).status).toBe(409);
  });
});
