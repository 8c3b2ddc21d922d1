import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { GITOPS_PRODUCT_RESOURCE_TYPE } from '@slipway/plugin-gitops-common';
import request from 'supertest';
import {
  createDeliveryRepo,
  DeliveryTestRepo,
} from '../../config/__testUtils__/deliveryRepo';
import { examplesDeliveryDir } from '../../config/__testUtils__/examplesDir';
import { GitProviders } from '../../git/GitProviders';
import { gitopsPlugin } from '../../plugin';
import { DeliveryConfigSource } from '../../delivery/DeliveryConfigSource';
import {
  gitopsProductConditions,
  hasEnvironmentTier,
  isProductOwner,
  ProductResources,
} from '.';

jest.setTimeout(60_000);

let repo: DeliveryTestRepo;

beforeAll(async () => {
  // The sandbox's delivery config: payments is owned by payments-team; production has tier production.
  repo = await createDeliveryRepo(examplesDeliveryDir());
});
afterAll(() => repo.cleanup());

function sandboxResources() {
  return new ProductResources(
    new DeliveryConfigSource({
      repo: { url: repo.url, branch: 'main' },
      providers: GitProviders.fromConfig(
        new ConfigReader({ gitops: { git: { allowLocal: true } } }),
      ),
      runtimeNames: ['nonprod', 'prod'],
      logger: mockServices.logger.mock(),
    }),
  );
}

describe('gitops-product resources', () => {
  it('resolves product and product:environment refs through the delivery config', async () => {
    const resources = await sandboxResources().getResources([
      'payments',
      'payments:production',
      'payments:staging',
    ]);
    expect(resources).toEqual([
      {
        product: 'payments',
        owner: 'group:default/payments-team',
        entities: expect.arrayContaining(['system:default/payments']),
      },
      expect.objectContaining({
        product: 'payments',
        environment: 'production',
        tier: 'production',
      }),
      expect.objectContaining({
        environment: 'staging',
        tier: 'non-production',
      }),
    ]);
  });

  it('resolves unknown products, unknown environments and malformed refs to nothing', async () => {
    const resources = await sandboxResources().getResources([
      'no-such-product',
      'payments:no-such-env',
      'payments:production:extra',
      '',
    ]);
    expect(resources).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('resolves nothing without a delivery repository', async () => {
    expect(await new ProductResources(undefined).getResources(['x'])).toEqual([
      undefined,
    ]);
  });
});

describe('gitops-product rules', () => {
  const production = {
    product: 'payments',
    owner: 'group:default/payments-team',
    entities: [],
    environment: 'production',
    tier: 'production' as const,
  };

  it('IS_PRODUCT_OWNER matches the owner among the claims, whatever the ref spelling', () => {
    expect(
      isProductOwner.apply(production, {
        claims: ['user:default/eli.moreau', 'group:default/payments-team'],
      }),
    ).toBe(true);
    expect(
      isProductOwner.apply(production, {
        claims: ['Group:default/Payments-Team'],
      }),
    ).toBe(true);
    expect(
      isProductOwner.apply(production, {
        claims: ['user:default/ben.okafor', 'group:default/storefront-team'],
      }),
    ).toBe(false);
    expect(isProductOwner.apply(production, { claims: [] })).toBe(false);
  });

  it('HAS_ENVIRONMENT_TIER matches the target tier, and neither tier without an environment', () => {
    expect(hasEnvironmentTier.apply(production, { tier: 'production' })).toBe(
      true,
    );
    expect(
      hasEnvironmentTier.apply(production, { tier: 'non-production' }),
    ).toBe(false);
    const { environment, tier, ...productOnly } = production;
    expect(hasEnvironmentTier.apply(productOnly, { tier: 'production' })).toBe(
      false,
    );
    expect(
      hasEnvironmentTier.apply(productOnly, { tier: 'non-production' }),
    ).toBe(false);
  });

  it('exports conditions a policy can put in a conditional decision', () => {
    expect(
      gitopsProductConditions.isProductOwner({
        claims: ['group:default/payments-team'],
      }),
    ).toEqual({
      resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
      rule: 'IS_PRODUCT_OWNER',
      params: { claims: ['group:default/payments-team'] },
    });
  });
});

describe('the gitops plugin applies product conditions', () => {
  async function startPlugin() {
    const backend = await startTestBackend({
      features: [
        gitopsPlugin,
        mockServices.rootConfig.factory({
          data: {
            gitops: {
              runtimes: [],
              git: { allowLocal: true },
              deliveryRepo: { url: repo.url, branch: 'main' },
            },
          },
        }),
      ],
    });
    return backend;
  }

  // What the permission backend sends when a policy answers CONDITIONAL for a product resource.
  const ownerInNonProduction = {
    allOf: [
      gitopsProductConditions.isProductOwner({
        claims: ['user:default/eli.moreau', 'group:default/payments-team'],
      }),
      gitopsProductConditions.hasEnvironmentTier({ tier: 'non-production' }),
    ],
  };

  it('allows or denies each resource ref by the rules, over the well-known endpoint', async () => {
    const backend = await startPlugin();
    try {
      const res = await request(backend.server)
        .post('/api/gitops/.well-known/backstage/permissions/apply-conditions')
        .set('Authorization', mockCredentials.service.header())
        .send({
          items: [
            {
              id: 'staging',
              resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
              resourceRef: 'payments:staging',
              conditions: ownerInNonProduction,
            },
            {
              id: 'production',
              resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
              resourceRef: 'payments:production',
              conditions: ownerInNonProduction,
            },
            {
              id: 'other-product',
              resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
              resourceRef: 'storefront:staging',
              conditions: ownerInNonProduction,
            },
            {
              id: 'unknown',
              resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
              resourceRef: 'no-such-product:staging',
              conditions: { not: ownerInNonProduction },
            },
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { id: 'staging', result: 'ALLOW' },
        { id: 'production', result: 'DENY' },
        { id: 'other-product', result: 'DENY' },
        { id: 'unknown', result: 'DENY' },
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('rejects conditions with bad parameters and lists its rules in the metadata', async () => {
    const backend = await startPlugin();
    try {
      const bad = await request(backend.server)
        .post('/api/gitops/.well-known/backstage/permissions/apply-conditions')
        .set('Authorization', mockCredentials.service.header())
        .send({
          items: [
            {
              id: '1',
              resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
              resourceRef: 'payments:production',
              conditions: {
                resourceType: GITOPS_PRODUCT_RESOURCE_TYPE,
                rule: 'HAS_ENVIRONMENT_TIER',
                params: { tier: 'prod' },
              },
            },
          ],
        });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain(
        'tier must be one of production, non-production',
      );

      const metadata = await request(backend.server)
        .get('/api/gitops/.well-known/backstage/permissions/metadata')
        .set('Authorization', mockCredentials.service.header());
      expect(metadata.status).toBe(200);
      expect(
        metadata.body.rules.map((r: { name: string }) => r.name).sort(),
      ).toEqual(['HAS_ENVIRONMENT_TIER', 'IS_PRODUCT_OWNER']);
      expect(
        metadata.body.rules.find(
          (r: { name: string }) => r.name === 'HAS_ENVIRONMENT_TIER',
        ).paramsSchema.properties.tier.enum,
      ).toEqual(['production', 'non-production']);
    } finally {
      await backend.stop();
    }
  });
});
