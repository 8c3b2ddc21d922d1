import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  ApplicationDetail,
  ApplicationSummary,
  ListResponse,
  RuntimeHealth,
} from '@slipway/plugin-gitops-common';
import {
  ARGO_PASSWORD,
  K8S_TOKEN,
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from './__testUtils__/gitopsBackend';
import {
  chart,
  createManifestRepo,
  ManifestRepo,
} from './__testUtils__/gitRepo';
import { recordUpstream } from './__testUtils__/upstreamRecorder';
import { waitFor } from './__testUtils__/waitFor';

jest.setTimeout(60_000);

/** Every response body the backend sent in this file, scanned for secrets at the end. */
const responses: string[] = [];

describe('gitops backend against simulated runtimes', () => {
  const upstream = recordUpstream();
  let repo: ManifestRepo;
  let sha: string;
  let nonprod: TestRuntime;
  let prod: TestRuntime;
  let gitops: Awaited<ReturnType<typeof startGitopsBackend>>;
  const auditor = mockServices.auditor.mock();

  async function get<T = any>(path: string, status = 200): Promise<T> {
    const res = await gitops.api().get(`/api/gitops${path}`);
    responses.push(res.text);
    expect({ path, status: res.status }).toEqual({ path, status });
    return res.body;
  }

  async function post<T = any>(
    path: string,
    body: object,
    status = 200,
  ): Promise<T> {
    const res = await gitops.api().post(`/api/gitops${path}`).send(body);
    responses.push(res.text);
    expect({ path, status: res.status }).toEqual({ path, status });
    return res.body;
  }

  beforeAll(async () => {
    upstream.start();
    repo = await createManifestRepo();
    sha = await repo.commit(
      {
        ...chart('tea-shop', 'dev', '1.4.2'),
        ...chart('tea-shop', 'prod', '1.4.2'),
      },
      'TEA-12 Release tea-shop 1.4.2',
    );
    const app = (env: string, automated: boolean) => ({
      metadata: {
        name: `tea-shop-${env}`,
        namespace: 'argocd',
        labels: { 'slipway.dev/environment': env },
        annotations: { 'slipway.dev/product': 'teashop' },
      },
      spec: {
        project: 'default',
        source: {
          repoURL: repo.repoURL,
          path: `apps/tea-shop/${env}`,
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: `teashop-${env}`,
        },
        ...(automated
          ? { syncPolicy: { automated: { prune: true, selfHeal: true } } }
          : {}),
      },
    });
    nonprod = await startRuntime('nonprod', {
      applications: [app('dev', true)],
      syntheticApplications: 12,
    });
    prod = await startRuntime('prod', {
      applications: [app('prod', false)],
      syntheticApplications: 4,
      components: { rollouts: true },
    });
    gitops = await startGitopsBackend(
      [runtimeConfig(nonprod), runtimeConfig(prod, { auth: 'session' })],
      { features: [auditor.factory] },
    );
  });

  afterAll(async () => {
    await gitops?.stop();
    await Promise.all([nonprod?.sim.close(), prod?.sim.close()]);
    await repo?.cleanup();
    upstream.stop();
  });

  it('serves /health without credentials but nothing else', async () => {
    const health = await gitops
      .api()
      .get('/api/gitops/health')
      .set('Authorization', mockCredentials.none.header());
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const runtimes = await gitops
      .api()
      .get('/api/gitops/runtimes')
      .set('Authorization', mockCredentials.none.header());
    expect(runtimes.status).toBe(401);
  });

  it('lists applications of every runtime, sorted, from one upstream list each', async () => {
    upstream.reset();
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        get<ListResponse<ApplicationSummary>>('/applications'),
      ),
    );
    expect(upstream.count(nonprod.sim.url, '/api/v1/applications')).toBe(1);
    expect(upstream.count(prod.sim.url, '/api/v1/applications')).toBe(1);
    const list = results[0];
    expect(list.errors).toEqual([]);
    expect(list.items).toHaveLength(13 + 5);
    const keys = list.items.map(a => `${a.runtime}/${a.namespace}/${a.name}`);
    expect(keys).toEqual([...keys].sort());
    const dev = list.items.find(a => a.name === 'tea-shop-dev')!;
    expect(dev).toMatchObject({
      runtime: 'nonprod',
      product: 'teashop',
      environment: 'dev',
      sources: [{ repoURL: repo.repoURL, path: 'apps/tea-shop/dev' }],
      links: {
        argocd:
          'https://argocd.nonprod.example.com/applications/argocd/tea-shop-dev',
      },
    });
  });

  it('keeps the list fresh from the Argo CD stream without listing again', async () => {
    await waitFor(
      async () =>
        (await get<RuntimeHealth>('/runtimes/nonprod')).freshness.mode ===
        'stream',
    );
    upstream.reset();
    nonprod.sim.faults.setApplicationHealth('tea-shop-dev', {
      status: 'Degraded',
      message: 'back-off restarting failed container',
    });
    const degraded = await waitFor(async () => {
      const list = await get<ListResponse<ApplicationSummary>>(
        '/applications?runtime=nonprod&health=Degraded',
      );
      return list.items.find(a => a.name === 'tea-shop-dev');
    });
    expect(degraded.health.status).toBe('Degraded');
    expect(upstream.count(nonprod.sim.url, '/api/v1/applications')).toBe(0);
    nonprod.sim.faults.setApplicationHealth('tea-shop-dev', undefined);
    await waitFor(async () => {
      const list = await get<ListResponse<ApplicationSummary>>(
        '/applications?product=teashop&runtime=nonprod',
      );
      return list.items[0]?.health.status === 'Healthy';
    });
  });

  it('filters by runtime, product, environment, health, sync and text', async () => {
    const names = async (query: string) =>
      (
        await get<ListResponse<ApplicationSummary>>(`/applications?${query}`)
      ).items.map(a => `${a.runtime}:${a.name}`);
    expect(await names('product=teashop')).toEqual([
      'nonprod:tea-shop-dev',
      'prod:tea-shop-prod',
    ]);
    expect(await names('product=teashop&environment=prod')).toEqual([
      'prod:tea-shop-prod',
    ]);
    const prodOnly = await get<ListResponse<ApplicationSummary>>(
      '/applications?runtime=prod',
    );
    expect(prodOnly.items.every(a => a.runtime === 'prod')).toBe(true);
    expect(prodOnly.items).toHaveLength(5);
    const degraded = await get<ListResponse<ApplicationSummary>>(
      '/applications?health=Degraded',
    );
    expect(degraded.items.every(a => a.health.status === 'Degraded')).toBe(
      true,
    );
    const outOfSync = await get<ListResponse<ApplicationSummary>>(
      '/applications?sync=OutOfSync',
    );
    expect(outOfSync.items.every(a => a.sync.status === 'OutOfSync')).toBe(
      true,
    );
    expect(await names('q=TEA-SHOP')).toEqual([
      'nonprod:tea-shop-dev',
      'prod:tea-shop-prod',
    ]);
    // Commit messages are looked up in the background; then text search finds them.
    const byMessage = await waitFor(async () => {
      const found = await names('q=tea-12');
      return found.length === 2 && found;
    });
    expect(byMessage).toEqual(['nonprod:tea-shop-dev', 'prod:tea-shop-prod']);
  });

  it('answers 404 for unknown runtimes and applications, 400 for bad queries', async () => {
    await get('/runtimes/nope', 404);
    await get('/applications?runtime=nope', 404);
    await get('/applications/nope/argocd/x', 404);
    const missing = await get(
      '/applications/nonprod/argocd/does-not-exist',
      404,
    );
    expect(missing.error.name).toBe('NotFoundError');
    await post('/applications/nope/argocd/x/sync', {}, 404);
    for (const query of [
      'health=Bogus',
      'sync=Maybe',
      'color=red',
      `q=${'x'.repeat(201)}`,
    ]) {
      const bad = await get(`/applications?${query}`, 400);
      expect(bad.error.name).toBe('InputError');
    }
    await get(
      '/applications/nonprod/argocd/tea-shop-dev/revisions/abc/metadata?sourceIndex=-1',
      400,
    );
    await post(
      '/applications/nonprod/argocd/tea-shop-dev/sync',
      { revision: 3 },
      400,
    );
    await post(
      '/applications/nonprod/argocd/tea-shop-dev/sync',
      { replace: true },
      400,
    );
  });

  it('reports runtime health: version, clusters, components, counts', async () => {
    const { items, errors } = await get<ListResponse<RuntimeHealth>>(
      '/runtimes',
    );
    expect(errors).toEqual([]);
    expect(items.map(r => r.name)).toEqual(['nonprod', 'prod']);
    const [np, pr] = items;
    expect(np).toMatchObject({
      title: 'Runtime nonprod',
      uiUrl: 'https://argocd.nonprod.example.com',
      reachable: true,
      version: 'v3.5.1+simulated',
      clusters: [
        {
          name: 'in-cluster',
          server: 'https://kubernetes.default.svc',
          connectionStatus: 'Successful',
        },
      ],
      components: { ready: 5, total: 5 },
    });
    expect(np.applications.total).toBe(13);
    expect(
      Object.values(np.applications.health).reduce((a, b) => a + b, 0),
    ).toBe(13);
    expect(pr.components?.items.map(c => c.component)).toContain(
      'rollouts-controller',
    );
    expect(pr.components).toMatchObject({ ready: 6, total: 6 });
    expect(np.lastError).toBeUndefined();

    nonprod.sim.faults.setComponentState('argocd-repo-server', 'notReady');
    nonprod.sim.faults.setComponentState('argocd-redis', 'missing');
    await gitops.refresh('nonprod');
    const after = await get<RuntimeHealth>('/runtimes/nonprod');
    const byName = Object.fromEntries(
      after.components!.items.map(c => [c.component, c]),
    );
    expect(byName['repo-server']).toMatchObject({ ready: false });
    expect(byName['repo-server'].status).not.toBe('Healthy');
    expect(byName.redis).toMatchObject({ ready: false, status: 'Missing' });
    expect(after.components).toMatchObject({ ready: 3, total: 5 });
    nonprod.sim.faults.reset();
  });

  it('shows one application with resource tree, history and lazily loaded revision metadata', async () => {
    const detail = await waitFor(async () => {
      const d = await get<ApplicationDetail>(
        '/applications/nonprod/argocd/tea-shop-dev',
      );
      return d.history.length > 0 && d;
    });
    expect(detail.resources.map(r => r.kind)).toEqual(
      expect.arrayContaining(['Deployment', 'Service', 'ReplicaSet', 'Pod']),
    );
    expect(detail.history[0]).toMatchObject({
      revision: sha,
      sources: [{ repoURL: repo.repoURL }],
    });
    expect(detail.images).toEqual(['ghcr.io/slipway-test/tea-shop:1.4.2']);

    upstream.reset();
    const path = `/applications/nonprod/argocd/tea-shop-dev/revisions/${sha}/metadata`;
    const metadata = await get(path);
    expect(metadata).toMatchObject({
      revision: sha,
      author: expect.stringContaining('Dana Developer'),
      message: expect.stringContaining('TEA-12 Release tea-shop 1.4.2'),
    });
    await get(path);
    const metadataPath = `/api/v1/applications/tea-shop-dev/revisions/${sha}/metadata`;
    expect(upstream.count(nonprod.sim.url, metadataPath)).toBe(0); // loaded in the background already

    // A revision nobody asked for yet: loaded on demand once, then served from the cache.
    const next = await repo.commit(
      chart('tea-shop', 'prod', '1.5.0'),
      'TEA-13 Release tea-shop 1.5.0',
    );
    const nextPath = `/applications/prod/argocd/tea-shop-prod/revisions/${next}/metadata`;
    const first = await get(nextPath);
    expect(first.message).toContain('TEA-13');
    expect(await get(nextPath)).toEqual(first);
    const upstreamNext = `/api/v1/applications/tea-shop-prod/revisions/${next}/metadata`;
    expect(upstream.count(prod.sim.url, upstreamNext)).toBe(1);
  });

  it('syncs and refreshes an application, audited', async () => {
    // Earlier tests' refused and failed syncs are audited too; only this one's count here.
    auditor.createEvent.mockClear();
    const synced = await post('/applications/prod/argocd/tea-shop-prod/sync', {
      prune: true,
    });
    expect(synced).toMatchObject({
      action: 'sync',
      application: { runtime: 'prod', name: 'tea-shop-prod' },
    });
    const syncEvent = auditor.createEvent.mock.calls.find(
      ([e]) => e.eventId === 'application-sync',
    )![0];
    expect(syncEvent).toMatchObject({
      severityLevel: 'medium',
      meta: { runtime: 'prod', namespace: 'argocd', name: 'tea-shop-prod' },
    });
    const event = await auditor.createEvent.mock.results.find(
      (_, i) =>
        auditor.createEvent.mock.calls[i][0].eventId === 'application-sync',
    )!.value;
    expect(event.success).toHaveBeenCalled();

    // The sync runs in the runtime; the list follows from the answer and later refreshes.
    const done = await waitFor(async () => {
      const r = await post(
        '/applications/prod/argocd/tea-shop-prod/refresh',
        {},
      );
      return r.application.operation?.phase === 'Succeeded' && r;
    });
    expect(done.action).toBe('refresh');
    const listed = await get<ListResponse<ApplicationSummary>>(
      '/applications?product=teashop&runtime=prod',
    );
    expect(listed.items[0].operation?.phase).toBe('Succeeded');
  });

  it('answers 404 for syncing an application that does not exist and audits the failure', async () => {
    auditor.createEvent.mockClear();
    await post('/applications/prod/argocd/ghost/sync', {}, 404);
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.fail).toHaveBeenCalled();
  });

  it('never puts a configured secret into any response', () => {
    expect(responses.length).toBeGreaterThan(20);
    const secrets = [nonprod.token, prod.token, ARGO_PASSWORD, K8S_TOKEN];
    for (const body of responses) {
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
  });
});

describe('gitops backend when permissions deny', () => {
  it('refuses reads and actions with 403, audits the refused sync and leaves the app alone', async () => {
    const runtime = await startRuntime('solo', { syntheticApplications: 3 });
    const auditor = mockServices.auditor.mock();
    const gitops = await startGitopsBackend(
      [runtimeConfig(runtime, { kubernetes: false })],
      {
        features: [
          auditor.factory,
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      },
    );
    try {
      expect((await gitops.api().get('/api/gitops/applications')).status).toBe(
        403,
      );
      expect((await gitops.api().get('/api/gitops/runtimes')).status).toBe(403);
      const before = await fetch(`${runtime.sim.url}/__admin/state`).then(r =>
        r.json(),
      );
      const app = before.applications[0];
      const res = await gitops
        .api()
        .post(`/api/gitops/applications/solo/${app.namespace}/${app.name}/sync`)
        .send({});
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalled();
      const after = await fetch(`${runtime.sim.url}/__admin/state`).then(r =>
        r.json(),
      );
      expect(after.applications[0].operationPhase).toBe(app.operationPhase);
    } finally {
      await gitops.stop();
      await runtime.sim.close();
    }
  });
});
