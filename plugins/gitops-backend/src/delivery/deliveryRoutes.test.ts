import type {
  ApplicationSummary,
  DeliveryConfigStatus,
  EnvironmentDiffResponse,
  EnvironmentListResponse,
  ListResponse,
  ProductDetail,
  ProductListResponse,
} from '@slipway/plugin-gitops-common';
import {
  createDeliveryRepo,
  DeliveryTestRepo,
} from '../config/__testUtils__/deliveryRepo';
import {
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from '../__testUtils__/gitopsBackend';
import {
  chart,
  createManifestRepo,
  ManifestRepo,
} from '../__testUtils__/gitRepo';
import { waitFor } from '../__testUtils__/waitFor';

jest.setTimeout(120_000);

const environment = (
  name: string,
  order: number,
  runtime: string,
  namespaces: string[],
) => `apiVersion: slipway.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
spec:
  tier: ${name === 'prod' ? 'production' : 'non-production'}
  order: ${order}
  targets:
    - runtime: ${runtime}
      cluster: in-cluster
      namespaces: [${namespaces.join(', ')}]
`;

const SHOP = `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: shop
spec:
  title: Shop
  description: Storefront and cart
  owner: group:default/shop-team
  entities: [system:default/shop]
  versionSource: { file: Chart.yaml, path: $.appVersion }
  promotion:
    files:
      - file: values.yaml
        paths: [$.image.tag]
`;

const SEARCH = `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: search
spec:
  owner: group:default/search-team
  applications:
    selector:
      matchLabels: { app.kubernetes.io/part-of: search }
`;

function app(
  manifests: ManifestRepo,
  name: string,
  folder: string,
  namespace: string,
  extra: {
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    automated?: boolean;
  },
) {
  return {
    metadata: {
      name,
      namespace: 'argocd',
      labels: extra.labels ?? {},
      annotations: extra.annotations ?? {},
    },
    spec: {
      project: 'default',
      source: {
        repoURL: manifests.repoURL,
        path: folder,
        targetRevision: 'main',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace,
      },
      ...(extra.automated === false
        ? {}
        : { syncPolicy: { automated: { prune: true, selfHeal: true } } }),
    },
  };
}

describe('delivery routes', () => {
  let manifests: ManifestRepo;
  let delivery: DeliveryTestRepo;
  let nonprod: TestRuntime;
  let prod: TestRuntime;
  let gitops: Awaited<ReturnType<typeof startGitopsBackend>>;
  const get = (path: string) => gitops.api().get(`/api/gitops${path}`);

  beforeAll(async () => {
    manifests = await createManifestRepo();
    await manifests.commit(
      {
        ...chart('shop-api', 'dev', '1.0.0'),
        ...chart('shop-api', 'prod', '1.0.0'),
        ...chart('search-api', 'dev', '0.3.0'),
        ...chart('stray', 'dev', '9.9.9'),
      },
      'first versions',
    );
    delivery = await createDeliveryRepo();
    await delivery.commit({
      'environments/dev.yaml': environment('dev', 1, 'nonprod', [
        'shop-dev',
        'search-dev',
      ]),
      'environments/prod.yaml': environment('prod', 2, 'prod', []),
      'products/shop.yaml': SHOP,
      'products/search.yaml': SEARCH,
    });
    nonprod = await startRuntime('nonprod', {
      applications: [
        app(manifests, 'shop-api-dev', 'apps/shop-api/dev', 'shop-dev', {
          annotations: { 'slipway.dev/product': 'shop' },
        }),
        app(manifests, 'search-api-dev', 'apps/search-api/dev', 'search-dev', {
          labels: { 'app.kubernetes.io/part-of': 'search' },
        }),
        app(manifests, 'stray-dev', 'apps/stray/dev', 'stray', {}),
        // A product's app outside every environment: unassigned, but still the product's.
        app(
          manifests,
          'shop-api-sandbox',
          'apps/shop-api/dev',
          'shop-sandbox',
          {
            annotations: { 'slipway.dev/product': 'shop' },
          },
        ),
      ],
    });
    prod = await startRuntime('prod', {
      applications: [
        app(manifests, 'shop-api-prod', 'apps/shop-api/prod', 'shop', {
          annotations: { 'slipway.dev/product': 'shop' },
          automated: false,
        }),
      ],
    });
    gitops = await startGitopsBackend(
      [runtimeConfig(nonprod), runtimeConfig(prod)],
      {
        gitops: {
          deliveryRepo: { url: delivery.url },
          git: { allowLocal: true },
        },
      },
    );
    // The prod app is not automated: sync it once so it has a synced revision.
    await waitFor(async () => {
      const res = await gitops
        .api()
        .post('/api/gitops/applications/prod/argocd/shop-api-prod/sync')
        .send({});
      return res.status === 200;
    }, 30_000);
  });

  afterAll(async () => {
    await gitops?.stop();
    await Promise.all([nonprod?.sim.close(), prod?.sim.close()]);
    await Promise.all([manifests?.cleanup(), delivery?.cleanup()]);
  });

  /**
   * Polls `/products` until `ready`. Between polls it runs the runtimes' scheduled refresh, as the
   * backend does every 30 s, so a watch stream delayed by a loaded machine cannot stall the test.
   */
  async function products(
    ready: (body: ProductListResponse) => boolean,
    timeoutMs = 45_000,
  ) {
    return waitFor(async () => {
      const res = await get('/products');
      expect(res.status).toBe(200);
      const body = res.body as ProductListResponse;
      if (ready(body)) return body;
      await Promise.all([gitops.refresh('nonprod'), gitops.refresh('prod')]);
      return false;
    }, timeoutMs);
  }

  const cell = (body: ProductListResponse, product: string, env: string) =>
    body.items
      .find(p => p.product.name === product)!
      .environments.find(e => e.environment === env)!;

  it('shows each product per environment and keeps unassigned apps', async () => {
    const body = await products(
      b =>
        cell(b, 'shop', 'dev')?.version === '1.0.0' &&
        cell(b, 'shop', 'prod')?.version === '1.0.0',
    );
    expect(body.items.map(p => p.product.name)).toEqual(['search', 'shop']);
    expect(cell(body, 'search', 'dev')).toMatchObject({
      applications: 1,
      version: '0.3.0',
    });
    expect(cell(body, 'search', 'prod')).toMatchObject({
      applications: 0,
      health: 'Missing',
    });
    expect(body.unassigned).toEqual([
      expect.objectContaining({
        application: {
          runtime: 'nonprod',
          namespace: 'argocd',
          name: 'shop-api-sandbox',
        },
        product: 'shop',
        reasons: ['no-environment'],
      }),
      expect.objectContaining({
        application: {
          runtime: 'nonprod',
          namespace: 'argocd',
          name: 'stray-dev',
        },
        reasons: ['no-product', 'no-environment'],
      }),
    ]);
  });

  it('filters products by owner and text, and rejects a bad query', async () => {
    const byOwner = (
      await get(
        `/products?owner=${encodeURIComponent('GROUP:default/shop-team')}`,
      )
    ).body as ProductListResponse;
    expect(byOwner.items.map(p => p.product.name)).toEqual(['shop']);
    const byText = (await get('/products?q=cart')).body as ProductListResponse;
    expect(byText.items.map(p => p.product.name)).toEqual(['shop']);
    expect((await get(`/products?q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('lists environments in order with their health counts', async () => {
    const body = (await get('/environments')).body as EnvironmentListResponse;
    expect(body.items.map(e => [e.name, e.tier, e.applications.total])).toEqual(
      [
        ['dev', 'non-production', 2],
        ['prod', 'production', 1],
      ],
    );
    expect(body.unassigned.total).toBe(2);
  });

  // Takes ~5 s by design: the version follows the stream at once, but drift compares with the branch
  // head, which GitReads resolves at most every 5 s (headTtlMs) to spare the Git host's rate limit.
  it('shows the synced version, not the branch head, and drift until prod syncs', async () => {
    const head = await manifests.commit(
      {
        ...chart('shop-api', 'dev', '1.1.0'),
        ...chart('shop-api', 'prod', '1.1.0'),
      },
      'shop 1.1.0',
    );
    const body = await products(
      b =>
        cell(b, 'shop', 'dev').version === '1.1.0' &&
        !cell(b, 'shop', 'dev').drift &&
        cell(b, 'shop', 'prod').drift,
    );
    expect(cell(body, 'shop', 'prod').version).toBe('1.0.0');

    const detail = (await get('/products/shop')).body as ProductDetail;
    const [prodApp] = detail.environments.find(
      e => e.environment === 'prod',
    )!.applications;
    expect(prodApp).toMatchObject({
      name: 'shop-api-prod',
      version: { value: '1.0.0', source: 'file' },
      drift: true,
    });
    expect(prodApp.revision).not.toBe(head);
    const [devApp] = detail.environments.find(
      e => e.environment === 'dev',
    )!.applications;
    expect(devApp).toMatchObject({ revision: head, drift: false });

    const diff = (await get('/products/shop/diff?from=dev&to=prod'))
      .body as EnvironmentDiffResponse;
    expect(diff.components).toEqual([
      expect.objectContaining({
        component: 'shop-api',
        values: [
          expect.objectContaining({
            file: 'values.yaml',
            path: '$.image.tag',
            from: '1.1.0',
            to: '1.0.0',
            differs: true,
          }),
        ],
      }),
    ]);
    expect(diff.differences).toBe(1);
  });

  it('shows a new synced version through the watch stream alone, without a refresh', async () => {
    // The simulator syncs within a second; the stream carries each status change. Generous for a
    // loaded CI machine, but far below the scheduled refresh (an hour here), which never runs.
    const head = await manifests.commit(
      chart('shop-api', 'dev', '1.2.0'),
      'shop-api dev 1.2.0',
    );
    const body = await waitFor(async () => {
      const res = await get('/products');
      const b = res.body as ProductListResponse;
      const dev = cell(b, 'shop', 'dev');
      return (
        dev.version === '1.2.0' &&
        dev.sync === 'Synced' &&
        dev.health === 'Healthy' &&
        b
      );
    }, 60_000);
    expect(cell(body, 'shop', 'dev').versions).toEqual(['1.2.0']);
    const detail = (await get('/products/shop')).body as ProductDetail;
    const [devApp] = detail.environments.find(
      e => e.environment === 'dev',
    )!.applications;
    expect(devApp).toMatchObject({
      revision: head,
      version: { value: '1.2.0' },
    });
  });

  it('answers 404 for an unknown product and 400 for a bad diff query', async () => {
    const missing = await get('/products/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("Unknown product 'nope'");
    expect((await get('/products/shop/diff?from=dev')).status).toBe(400);
    const unknown = await get('/products/shop/diff?from=dev&to=qa');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("Unknown environment 'qa'");
  });

  it('filters applications by the product and environment the config places them in', async () => {
    // search-api-dev has no annotation; its product comes from the search selector.
    const res = await get('/applications?product=search&environment=dev');
    const body = res.body as ListResponse<ApplicationSummary>;
    expect(body.items.map(a => [a.name, a.product, a.environment])).toEqual([
      ['search-api-dev', 'search', 'dev'],
    ]);
    const shopApps = (await get('/applications?product=shop'))
      .body as ListResponse<ApplicationSummary>;
    expect(shopApps.items.map(a => [a.runtime, a.name, a.environment])).toEqual(
      [
        ['nonprod', 'shop-api-dev', 'dev'],
        ['nonprod', 'shop-api-sandbox', undefined],
        ['prod', 'shop-api-prod', 'prod'],
      ],
    );
    const prodApps = (await get('/applications?environment=prod'))
      .body as ListResponse<ApplicationSummary>;
    expect(prodApps.items.map(a => a.name)).toEqual(['shop-api-prod']);
  });

  it('reports an invalid file with its path and keeps the valid products', async () => {
    const commit = await delivery.commit({
      'products/broken.yaml': `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: broken
spec:
  owner: group:default/x
  versionSource: { file: Chart.yaml }
`,
    });
    const status = await waitFor(async () => {
      const body = (await get('/config/status')).body as DeliveryConfigStatus;
      return body.commit === commit && body;
    }, 15_000);
    expect(status.problems).toEqual([
      expect.objectContaining({
        file: 'products/broken.yaml',
        path: expect.stringContaining('spec.versionSource'),
        severity: 'error',
      }),
    ]);
    const body = (await get('/products')).body as ProductListResponse;
    expect(body.items.map(p => p.product.name)).toEqual(['search', 'shop']);
  });

  it('reports recurring freeze windows it cannot read on the config status, and holds the environments with good ones', async () => {
    // A daily window that began an hour ago in Kolkata (UTC+05:30 all year) and lasts 3 hours.
    const began = new Date(Date.now() - 3_600_000);
    began.setUTCSeconds(0, 0);
    const local = new Date(began.getTime() + 330 * 60_000);
    const schedule = `${local.getUTCMinutes()} ${local.getUTCHours()} * * *`;
    const staging = `${environment('staging', 3, 'nonprod', [
      'shop-staging',
    ])}  freezeWindows:
    - schedule: "${schedule}"
      duration: 3h
      timeZone: Asia/Kolkata
      reason: nightly batch
`;
    const qa = `${environment('qa', 4, 'nonprod', ['shop-qa'])}  freezeWindows:
    - { schedule: "0 18 * * fri", duration: 60h, timeZone: Europe/Berlin }
    - { schedule: "every friday", duration: 60h, timeZone: Europe/Berlin }
    - { schedule: "0 18 * * 5", duration: 60h, timeZone: Mars/Olympus_Mons }
    - { schedule: "0 18 * * 5", duration: 60 hours, timeZone: Europe/Berlin }
`;
    const commit = await delivery.commit({
      'environments/staging.yaml': staging,
      'environments/qa.yaml': qa,
    });
    const status = await waitFor(async () => {
      const body = (await get('/config/status')).body as DeliveryConfigStatus;
      return body.commit === commit && body;
    }, 15_000);
    expect(
      status.problems.filter(p => p.file.startsWith('environments/')),
    ).toEqual([
      {
        file: 'environments/qa.yaml',
        path: 'spec.freezeWindows[1].schedule',
        severity: 'error',
        message: expect.stringContaining(
          '"every friday" is not a cron schedule',
        ),
      },
      {
        file: 'environments/qa.yaml',
        path: 'spec.freezeWindows[2].timeZone',
        severity: 'error',
        message: expect.stringContaining(
          '"Mars/Olympus_Mons" is not a known IANA time zone',
        ),
      },
      {
        file: 'environments/qa.yaml',
        path: 'spec.freezeWindows[3].duration',
        severity: 'error',
        message: expect.stringContaining('"60 hours" is not a valid duration'),
      },
    ]);
    // The rest of the config still works: the other environments and products answer.
    const environments = (await get('/environments'))
      .body as EnvironmentListResponse;
    expect(environments.items.map(e => e.name)).toEqual([
      'dev',
      'prod',
      'staging',
    ]);
    expect(environments.items.find(e => e.name === 'staging')!.frozen).toEqual({
      reason: 'staging freeze: nightly batch',
      until: new Date(began.getTime() + 3 * 3_600_000).toISOString(),
      timeZone: 'Asia/Kolkata',
    });
    expect(environments.items.find(e => e.name === 'dev')!.frozen).toBe(
      undefined,
    );
    const body = (await get('/products')).body as ProductListResponse;
    expect(cell(body, 'shop', 'dev').applications).toBe(1);

    const restored = await delivery.commit({
      'environments/staging.yaml': null,
      'environments/qa.yaml': null,
    });
    await waitFor(
      async () => (await get('/config/status')).body.commit === restored,
      15_000,
    );
  });

  it('answers with partial results and the error when a runtime is down', async () => {
    prod.sim.faults.set({ mode: 'down' });
    await gitops.refresh('prod');
    const res = await get('/products');
    expect(res.status).toBe(200);
    const body = res.body as ProductListResponse;
    expect(body.errors).toEqual([
      expect.objectContaining({ runtime: 'prod', kind: 'unreachable' }),
    ]);
    expect(cell(body, 'shop', 'dev').version).toBe('1.2.0');
    const environments = (await get('/environments'))
      .body as EnvironmentListResponse;
    expect(environments.errors.map(e => e.runtime)).toEqual(['prod']);
    prod.sim.faults.set({ mode: 'none' });
  });
});
