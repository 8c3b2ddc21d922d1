import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
// The module needs the gitops plugin in the same backend: the test runs the real one (tests only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import gitopsPlugin from '@slipway/plugin-gitops-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  createDeliveryRepo,
  DeliveryTestRepo,
  examplesDeliveryDir,
} from '@slipway/plugin-gitops-backend/testUtils';
import { catalogModuleGitopsDelivery } from './module';
import { DeliveryEnvironmentProvider } from './DeliveryEnvironmentProvider';

jest.setTimeout(60_000);

// Runtimes the example environments target; nothing listens there, which the catalog does not need.
const runtimes = ['nonprod', 'prod'].map(name => ({
  name,
  argocd: { url: 'http://127.0.0.1:9', token: 'unused' },
}));

describe('the catalog module publishing environments', () => {
  let repo: DeliveryTestRepo;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let provider: DeliveryEnvironmentProvider;
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    async applyMutation(mutation) {
      mutations.push(mutation);
    },
    async refresh() {},
  };

  beforeAll(async () => {
    repo = await createDeliveryRepo(examplesDeliveryDir());
    const providers: EntityProvider[] = [];
    // The module and the gitops plugin in one backend: the module reads through the plugin.
    backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...p: EntityProvider[]) =>
              providers.push(...p.flat()),
          },
        ],
      ],
      features: [
        gitopsPlugin,
        catalogModuleGitopsDelivery,
        mockServices.scheduler.factory(),
        mockServices.rootConfig.factory({
          data: {
            gitops: {
              runtimes,
              deliveryRepo: { url: repo.url, branch: 'main' },
              git: { allowLocal: true },
            },
          },
        }),
      ],
    });
    provider = providers.find(
      (p): p is DeliveryEnvironmentProvider =>
        p instanceof DeliveryEnvironmentProvider,
    )!;
    await provider.connect(connection);
  });
  afterAll(async () => {
    await backend?.stop();
    await repo?.cleanup();
  });

  it('publishes environments as owned Resource entities linked to the products going through them', async () => {
    await provider.refresh();
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
    await provider.refresh();
    expect(mutations).toHaveLength(1);

    await repo.commit({
      'environments/staging.yaml': null,
      'flows/standard.yaml': null,
    });
    // The plugin trusts a read branch head for a few seconds.
    for (let i = 0; i < 100 && mutations.length < 2; i++) {
      await new Promise(resolve => setTimeout(resolve, 200));
      await provider.refresh();
    }
    expect(mutations).toHaveLength(2);
    const latest = mutations[1];
    const names =
      latest.type === 'full'
        ? latest.entities.map(e => e.entity.metadata.name)
        : [];
    expect(names).toEqual(['dev', 'production']);
  });
});
