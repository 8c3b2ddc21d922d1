import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createWorld,
  prodFlowYaml,
  productYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const group = (
  name: string,
  relations: Array<{ type: string; targetRef: string }>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations,
});
const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: groups },
  relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
});

// Production approvers have a child team, SRE; Carol is in SRE only, Bob in neither.
const catalog = [
  group('prod-approvers', [
    { type: 'parentOf', targetRef: 'group:default/sre' },
  ]),
  group('sre', [
    { type: 'childOf', targetRef: 'group:default/prod-approvers' },
    { type: 'hasMember', targetRef: 'user:default/carol' },
  ]),
  user('carol', ['group:default/sre']),
  user('bob', []),
];

describe('GET /releases?approvableBy=me', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld({
      delivery: {
        'products/shop.yaml': productYaml('shop', { flows: ['shop-flow'] }),
        'flows/shop-flow.yaml': prodFlowYaml('shop-flow', {
          pre: [
            {
              type: 'manual-approval',
              approvers: ['group:default/prod-approvers'],
            },
          ],
        }),
      },
    });
    backend = await startReadyBackend(world, {
      features: [catalogServiceMock.factory({ entities: catalog })],
    });
  });

  afterAll(() => stopWorld(world, backend));

  const approvableFor = (header: string, query = 'approvableBy=me') =>
    backend
      .api()
      .get(`/api/gitops/releases?${query}`)
      .set('Authorization', header);

  it('lists a waiting release to a member of a child group of its approvers, and to nobody else', async () => {
    // Started by the default mock user, held in prod for group:default/prod-approvers.
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    await waitForRelease(backend, id, r => r.status === 'waiting');

    const carol = mockCredentials.user.header('user:default/carol');
    const forCarol = await approvableFor(carol);
    expect(forCarol.status).toBe(200);
    expect(forCarol.body.items).toEqual([
      expect.objectContaining({
        id,
        product: 'shop',
        version: '1.1.0',
        status: 'waiting',
        environments: [{ environment: 'prod', status: 'pre-gates' }],
      }),
    ]);
    // Narrowed like any list; a status other than waiting can hold no approval.
    expect(
      (await approvableFor(carol, 'approvableBy=me&product=shop')).body.items,
    ).toHaveLength(1);
    expect(
      (await approvableFor(carol, 'approvableBy=me&product=cart')).body.items,
    ).toEqual([]);
    expect(
      (await approvableFor(carol, 'approvableBy=me&status=failed')).body.items,
    ).toEqual([]);

    // Not an approver, and the initiator, who may not approve their own release.
    const bob = mockCredentials.user.header('user:default/bob');
    expect((await approvableFor(bob)).body.items).toEqual([]);
    const own = await backend.api().get('/api/gitops/releases?approvableBy=me');
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([]);
    // Without the filter everyone sees the release.
    const all = await backend
      .api()
      .get('/api/gitops/releases')
      .set('Authorization', bob);
    expect(all.body.items.map((r: { id: string }) => r.id)).toContain(id);

    // The release page and the approval agree with the list.
    const page = await backend
      .api()
      .get(`/api/gitops/releases/${id}`)
      .set('Authorization', carol);
    expect(page.body.steps[0].gates[0]).toMatchObject({ canApprove: true });
    const approved = await backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .set('Authorization', carol)
      .send({ comment: 'SRE on call' });
    expect(approved.status).toBe(200);
    expect(approved.body.steps[0].gates[0]).toMatchObject({
      status: 'passed',
      approvedBy: 'user:default/carol',
    });
    expect((await approvableFor(carol)).body.items).toEqual([]);
  });

  it('refuses a value other than me, and a caller that is not a user, naming the parameter', async () => {
    const odd = await approvableFor(
      mockCredentials.user.header('user:default/carol'),
      'approvableBy=carol',
    );
    expect(odd.status).toBe(400);
    expect(odd.body.error.message).toMatch(/approvableBy/);

    const service = await approvableFor(mockCredentials.service.header());
    expect(service.status).toBe(400);
    expect(service.body.error.message).toBe(
      'approvableBy=me needs a signed-in user; this caller is not one',
    );
  });
});
