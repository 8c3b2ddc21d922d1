import { startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { RegisterCollatorParameters } from '@backstage/plugin-search-backend-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import type {
  GitopsReleaseSearchDocument,
  Release,
} from '@slipway/plugin-gitops-common';
// The collator reads from the gitops plugin: the test runs the real one (tests only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  createWorld,
  startReadyBackend,
  stopWorld,
  valuesYaml,
  waitForRelease,
  waitForVersion,
  World,
  WorldBackend,
} from '@slipway/plugin-gitops-backend/testUtils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { searchModuleGitopsReleases } from './module';

// Two promotions through simulated runtimes; CI runs many test files at once.
jest.setTimeout(240_000);

/**
 * Backstage's search plugin as far as a collator module sees it: the index registry. The real one
 * needs a running scheduler, which the gitops test backend replaces with a mock.
 */
function searchIndexRegistry() {
  const collators: RegisterCollatorParameters[] = [];
  const plugin = createBackendPlugin({
    pluginId: 'search',
    register(env) {
      env.registerExtensionPoint(searchIndexRegistryExtensionPoint, {
        addCollator: collator => collators.push(collator),
        addDecorator: () => {},
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  return { plugin, collators };
}

/** Reads the collator's stream as the search backend's index builder does; it throws what it throws. */
async function collate(collator: RegisterCollatorParameters) {
  const stream = await collator.factory.getCollator();
  return (await stream.toArray()) as GitopsReleaseSearchDocument[];
}

describe('the gitops release collator against the gitops backend', () => {
  let world: World;
  let backend: WorldBackend;
  const search = searchIndexRegistry();

  beforeAll(async () => {
    world = await createWorld();
    backend = await startReadyBackend(world, {
      features: [search.plugin, searchModuleGitopsReleases],
      // One release per page, so two releases need two pages.
      config: { search: { collators: { gitops: { batchSize: 1 } } } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  async function promote(body: object): Promise<Release> {
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send(body);
    expect(created.status).toBe(202);
    return waitForRelease(backend, created.body.releaseId, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
  }

  it('finds a release by issue key, commit and image tag, and links to its page', async () => {
    const first = await promote({ from: 'dev', to: 'prod' });
    const sha = await world.manifests.seed(
      {
        'apps/shop-api/dev/values.yaml': valuesYaml('shop-api', 'dev', '1.2.0'),
      },
      'PAY-123 refunds in one click',
    );
    await waitForVersion(backend, 'shop', 'dev', '1.2.0');
    const second = await promote({ from: 'dev', to: 'prod' });
    expect(second).toMatchObject({ status: 'succeeded', version: '1.2.0' });

    expect(search.collators).toHaveLength(1);
    const documents = await collate(search.collators[0]);
    // Newest first, across both pages.
    expect(documents.map(d => d.releaseId)).toEqual([second.id, first.id]);

    const [document] = documents;
    expect(document).toMatchObject({
      title: 'shop 1.2.0 → prod',
      location: `/gitops/releases/${second.id}`,
      product: 'shop',
      environment: 'prod',
      version: '1.2.0',
      status: 'succeeded',
      issueKeys: ['PAY-123'],
      commits: [sha],
    });
    expect(document.text).toContain('PAY-123');
    expect(document.text).toContain(`${sha.slice(0, 7)} ${sha}`);
    expect(document.text).toContain('Seed Writer');
    expect(document.text).toContain('ghcr.io/slipway-test/shop-api:1.2.0');
    expect(document.text).toContain('ghcr.io/slipway-test/shop-api:1.1.0');
    // The commit Slipway wrote to promote finds the release too.
    const promotionSha = second.steps[0].applications[0].commitSha!;
    expect(document.text).toContain(promotionSha.slice(0, 7));
    expect(documents[1].text).not.toContain('PAY-123');

    // The location is the Slipway release page (`/gitops` + `releases/:id`), and that id is the release.
    const id = document.location.replace('/gitops/releases/', '');
    const opened = await backend.api().get(`/api/gitops/releases/${id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.notes.issueKeys).toEqual(['PAY-123']);
  });
});

describe('the gitops release collator against a failing gitops backend', () => {
  let failing: Server;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const search = searchIndexRegistry();
  let url: string;

  beforeAll(async () => {
    failing = createServer((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { name: 'Error', message: 'boom' } }));
    });
    await new Promise<void>(resolve => failing.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    backend = await startTestBackend({
      features: [
        search.plugin,
        searchModuleGitopsReleases,
        // Discovery points the gitops plugin at the failing server.
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => ({
            getBaseUrl: async (pluginId: string) => `${url}/api/${pluginId}`,
            getExternalBaseUrl: async (pluginId: string) =>
              `${url}/api/${pluginId}`,
          }),
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await new Promise(resolve => failing?.close(resolve));
  });

  it('fails the collation with a message naming the URL and the status', async () => {
    await expect(collate(search.collators[0])).rejects.toThrow(
      `GET ${url}/api/gitops/releases?limit=50 answered 500 Internal Server Error: boom`,
    );
  });
});
