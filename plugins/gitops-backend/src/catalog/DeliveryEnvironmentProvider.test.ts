import { mockServices } from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { ConfigReader } from '@backstage/config';
import {
  createDeliveryRepo,
  DeliveryTestRepo,
} from '../config/__testUtils__/deliveryRepo';
import { examplesDeliveryDir } from '../config/__testUtils__/examplesDir';
import { GitProviders } from '../git/GitProviders';
import { DeliveryConfigSource } from '../delivery/DeliveryConfigSource';
import { DeliveryEnvironmentProvider } from './DeliveryEnvironmentProvider';

describe('DeliveryEnvironmentProvider', () => {
  let repo: DeliveryTestRepo;
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    async applyMutation(mutation) {
      mutations.push(mutation);
    },
    async refresh() {},
  };

  beforeAll(async () => {
    repo = await createDeliveryRepo(examplesDeliveryDir());
  });
  afterAll(() => repo.cleanup());

  function provider() {
    const config = new ConfigReader({ gitops: { git: { allowLocal: true } } });
    return new DeliveryEnvironmentProvider({
      source: new DeliveryConfigSource({
        repo: { url: repo.url, branch: 'main' },
        providers: GitProviders.fromConfig(config),
        runtimeNames: ['nonprod', 'prod'],
        logger: mockServices.logger.mock(),
        headTtlMs: 0,
      }),
      repository: { url: repo.url, branch: 'main' },
      owner: 'group:default/platform-team',
      logger: mockServices.logger.mock(),
    });
  }

  it('publishes environments as owned Resource entities linked to the products going through them', async () => {
    const subject = provider();
    await subject.connect(connection);
    await subject.refresh();
    expect(mutations).toHaveLength(1);
    const [mutation] = mutations;
    expect(mutation.type).toBe('full');
    const entities = mutation.type === 'full' ? mutation.entities : [];
    expect(entities.map(e => e.entity.metadata.name)).toEqual([
      'dev',
      'staging',
      'production',
    ]);
    const production = entities[2].entity;
    expect(production).toMatchObject({
      kind: 'Resource',
      metadata: {
        title: 'Production',
        labels: { 'slipway.dev/tier': 'production' },
        annotations: { 'slipway.dev/environment': 'production' },
      },
      spec: {
        type: 'environment',
        owner: 'group:default/platform-team',
        dependencyOf: [
          'system:default/payments',
          'system:default/search',
          'system:default/storefront',
        ],
      },
    });
    expect(
      production.metadata.annotations!['backstage.io/managed-by-location'],
    ).toMatch(/^file:\/.*\/environments\/production\.yaml$/);
  });

  it('publishes again only when the delivery head moved, and drops removed environments', async () => {
    mutations.length = 0;
    const subject = provider();
    await subject.connect(connection);
    await subject.refresh();
    await subject.refresh();
    expect(mutations).toHaveLength(1);

    await repo.commit({
      'environments/staging.yaml': null,
      'flows/standard.yaml': null,
    });
    await subject.refresh();
    expect(mutations).toHaveLength(2);
    const latest = mutations[1];
    const names =
      latest.type === 'full'
        ? latest.entities.map(e => e.entity.metadata.name)
        : [];
    expect(names).toEqual(['dev', 'production']);
  });
});
