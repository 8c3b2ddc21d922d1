import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AuditEvent, Release } from '@slipway/plugin-gitops-common';
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

const FLOW = prodFlowYaml('cart-flow', {
  pre: [{ type: 'manual-approval', approvers: ['user:default/alice'] }],
});

/** `user:default/mock` (the tests' default caller) may write through the deployers group. */
const mockUser: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'mock', namespace: 'default', uid: 'uid-mock' },
  spec: { memberOf: ['cart-deployers'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/cart-deployers' }],
};

describe('Git permissions of promotions', () => {
  let world: World;
  let backend: WorldBackend;
  const catalog = catalogServiceMock({ entities: [mockUser] });

  beforeAll(async () => {
    world = await createWorld({
      manifests: {
        ...appFiles('cart-api', 'dev', '3.1.0'),
        ...appFiles('cart-api', 'prod', '3.0.0'),
      },
      delivery: {
        'products/cart.yaml': productYaml('cart', { flows: ['cart-flow'] }),
        'flows/cart-flow.yaml': FLOW,
        'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', [
          'shop-dev',
          'cart-dev',
        ]),
      },
      nonprodApps: [
        application(WORLD_REPO, 'cart', 'cart-api', 'dev', 'cart-dev'),
      ],
      prodApps: [application(WORLD_REPO, 'cart', 'cart-api', 'prod', 'cart')],
    });
    backend = await startReadyBackend(world, {
      features: [
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
      ],
      git: {
        // Answers are not remembered, so a change in the catalog counts at the next write.
        permissionCacheSeconds: 0,
        localPermissions: [
          {
            repo: world.manifests.url,
            users: {
              'user:default/rae': 'read',
              'group:default/cart-deployers': 'write',
            },
          },
        ],
      },
      ready: { shop: { prod: '1.0.0' }, cart: { prod: '3.0.0' } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  const auditOf = async (query: string): Promise<AuditEvent[]> => {
    const res = await backend.api().get(`/api/gitops/audit?${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('refuses a promotion by a user who may only read the manifests repository: 403, audited as denied, nothing written', async () => {
    const head = await world.manifests.git('rev-parse', 'main');
    const refused = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .set('Authorization', mockCredentials.user.header('user:default/rae'))
      .send({ from: 'dev', to: 'prod' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `Slipway will not write to ${world.manifests.url} for user:default/rae: their permission is read (granted to user:default/rae); write is required (gitops.git.minimumPermission)`,
    );

    const denied = await auditOf('action=promotion.create&product=shop');
    expect(denied).toEqual([
      expect.objectContaining({
        actor: 'user:default/rae',
        outcome: 'denied',
        source: 'api',
        environment: 'prod',
        details: expect.objectContaining({
          error: refused.body.error.message,
        }),
      }),
    ]);
    const releases = await backend
      .api()
      .get('/api/gitops/releases?product=shop');
    expect(releases.body.items).toEqual([]);
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);
  });

  it('fails the step without a commit when the initiator lost access while the release waited for approval', async () => {
    const head = await world.manifests.git('rev-parse', 'main');
    const created = await backend
      .api()
      .post('/api/gitops/products/cart/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    await waitForRelease(backend, id, r => r.status === 'waiting');

    // The initiator leaves the team: their catalog entity, and with it the group's grant, is gone.
    await catalog.removeEntityByUid('uid-mock');

    // Alice approves, but the commit would be made for the initiator, who may no longer write.
    const approved = await backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({});
    expect(approved.status).toBe(200);

    const done: Release = await waitForRelease(
      backend,
      id,
      r => r.status === 'succeeded' || r.status === 'failed',
    );
    const reason = `Slipway will not write to ${world.manifests.url} for user:default/mock: their permission is none (the default of the entry for ${world.manifests.url}); write is required (gitops.git.minimumPermission)`;
    expect(done.status).toBe('failed');
    expect(done.steps[0]).toMatchObject({
      environment: 'prod',
      status: 'failed',
      error: `cart-api-prod: ${reason}`,
    });
    expect(done.steps[0].applications[0]).toMatchObject({
      status: 'failed',
      error: reason,
    });
    expect(done.steps[0].applications[0].commitSha).toBeUndefined();
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);

    expect(await auditOf('action=git.commit&product=cart')).toEqual([
      expect.objectContaining({
        actor: 'user:default/mock',
        outcome: 'denied',
        source: 'engine',
        releaseId: id,
        environment: 'prod',
        repository: world.manifests.url,
        target: 'application:cart-api-prod',
        details: expect.objectContaining({ error: reason }),
      }),
    ]);
  });
});
