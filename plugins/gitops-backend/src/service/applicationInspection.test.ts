import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  ApplicationEventsResponse,
  ManagedResourcesResponse,
  RuntimeHealth,
} from '@slipway/plugin-gitops-common';
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

jest.setTimeout(60_000);

const APP = '/applications/prod/argocd/tea-shop-prod';

/** Sync options, the live-versus-desired diff and events of one manual app in a simulated runtime. */
describe('application sync options, diff and events', () => {
  let repo: ManifestRepo;
  let prod: TestRuntime;
  let gitops: Awaited<ReturnType<typeof startGitopsBackend>>;

  const get = async <T = any>(path: string, status = 200): Promise<T> => {
    const res = await gitops.api().get(`/api/gitops${path}`);
    expect({ path, status: res.status, body: res.body }).toMatchObject({
      path,
      status,
    });
    return res.body;
  };
  const post = async (path: string, body: object, status = 200) => {
    const res = await gitops.api().post(`/api/gitops${path}`).send(body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({
      path,
      status,
    });
    return res.body;
  };
  /** The app as the simulated Argo CD holds it, to see what the backend asked for. */
  const argoApp = async () =>
    (
      await fetch(`${prod.sim.url}/api/v1/applications/tea-shop-prod`, {
        headers: { Authorization: `Bearer ${prod.token}` },
      })
    ).json();
  const idle = () =>
    waitFor(async () => {
      const app = await argoApp();
      return !app.operation &&
        app.status.operationState?.phase === 'Succeeded' &&
        app
        ? app
        : undefined;
    });

  beforeAll(async () => {
    repo = await createManifestRepo();
    await repo.commit(chart('tea-shop', 'prod', '1.4.2'), 'Release 1.4.2');
    prod = await startRuntime('prod', {
      applications: [
        {
          metadata: { name: 'tea-shop-prod', namespace: 'argocd' },
          spec: {
            project: 'default',
            source: {
              repoURL: repo.repoURL,
              path: 'apps/tea-shop/prod',
              targetRevision: 'main',
            },
            destination: {
              server: 'https://kubernetes.default.svc',
              namespace: 'teashop-prod',
            },
          },
        },
      ],
    });
    gitops = await startGitopsBackend([runtimeConfig(prod)]);
  });

  afterAll(async () => {
    await gitops?.stop();
    await prod?.sim.close();
    await repo?.cleanup();
  });

  it('shows the live-versus-desired diff of an out-of-sync resource', async () => {
    const synced = await get<ManagedResourcesResponse>(
      `${APP}/managed-resources`,
    );
    expect(synced.items.map(i => [i.kind, i.modified])).toEqual([
      ['Service', false],
      ['Deployment', false],
    ]);
    await repo.commit(chart('tea-shop', 'prod', '1.5.0'), 'Release 1.5.0');
    const drifted = await waitFor(async () => {
      const body = await get<ManagedResourcesResponse>(
        `${APP}/managed-resources`,
      );
      return body.items.some(i => i.modified) && body;
    });
    const deployment = drifted.items.find(i => i.kind === 'Deployment')!;
    expect(deployment).toMatchObject({
      group: 'apps',
      namespace: 'teashop-prod',
      name: 'tea-shop',
      modified: true,
    });
    const image = (o: any) => o.spec.template.spec.containers[0].image;
    expect(image(deployment.target)).toBe(
      'ghcr.io/slipway-test/tea-shop:1.5.0',
    );
    expect(image(deployment.live)).toBe('ghcr.io/slipway-test/tea-shop:1.4.2');
    // The diff shows what Git changes, not what the cluster adds (status, uid, resourceVersion).
    expect(deployment.diff).toContain('--- a/Deployment/tea-shop.yaml');
    expect(deployment.diff).toMatch(
      /^-\s+image: ghcr\.io\/slipway-test\/tea-shop:1\.4\.2$/m,
    );
    expect(deployment.diff).toMatch(
      /^\+\s+image: ghcr\.io\/slipway-test\/tea-shop:1\.5\.0$/m,
    );
    expect(deployment.diff).not.toMatch(/readyReplicas|resourceVersion|uid:/);
    expect(synced.items.every(i => i.diff === undefined)).toBe(true);
  });

  it('passes prune, dry run, force and selected resources to Argo CD as its sync API expects', async () => {
    await post(`${APP}/sync`, { dryRun: true });
    const dry = await idle();
    expect(dry.status.operationState.operation.sync).toEqual({ dryRun: true });
    // A dry run changes nothing.
    expect(dry.status.summary.images).toEqual([
      'ghcr.io/slipway-test/tea-shop:1.4.2',
    ]);

    await post(`${APP}/sync`, {
      prune: true,
      force: true,
      resources: [
        {
          group: 'apps',
          kind: 'Deployment',
          namespace: 'teashop-prod',
          name: 'tea-shop',
        },
      ],
    });
    const partial = await idle();
    expect(partial.status.operationState.operation.sync).toEqual({
      prune: true,
      syncStrategy: { apply: { force: true } },
      resources: [
        {
          group: 'apps',
          kind: 'Deployment',
          namespace: 'teashop-prod',
          name: 'tea-shop',
        },
      ],
    });
    expect(partial.status.summary.images).toEqual([
      'ghcr.io/slipway-test/tea-shop:1.5.0',
    ]);

    // Force and prune are off unless asked for.
    await post(`${APP}/sync`, {});
    expect((await idle()).status.operationState.operation.sync).toEqual({});
  });

  it('refuses malformed sync options with 400 and leaves the app alone', async () => {
    const before = await argoApp();
    await post(`${APP}/sync`, { force: 'yes' }, 400);
    await post(`${APP}/sync`, { resources: [{ group: '', name: 'x' }] }, 400);
    await post(`${APP}/sync`, { prune: true, colour: 'red' }, 400);
    const after = await argoApp();
    expect(after.status.operationState.startedAt).toBe(
      before.status.operationState.startedAt,
    );
  });

  it('lists events of the application and of one of its resources, newest first', async () => {
    const app = await get<ApplicationEventsResponse>(`${APP}/events`);
    expect(app.items.length).toBeGreaterThan(0);
    expect(app.items[0]).toMatchObject({
      type: 'Normal',
      involvedObject: { kind: 'Application', name: 'tea-shop-prod' },
      source: expect.any(String),
      count: 1,
    });
    expect(app.items.map(e => e.reason)).toEqual(
      expect.arrayContaining(['OperationStarted', 'OperationCompleted']),
    );
    const times = app.items.map(e => e.lastTimestamp!);
    expect([...times].sort().reverse()).toEqual(times);

    const deployment = await get<ApplicationEventsResponse>(
      `${APP}/events?resourceNamespace=teashop-prod&resourceName=tea-shop`,
    );
    expect(deployment.items[0]).toMatchObject({
      reason: 'ScalingReplicaSet',
      involvedObject: { kind: 'Deployment', name: 'tea-shop' },
    });

    const missing = await get(`${APP}/events?resourceName=nope`, 400);
    expect(missing.error.message).toContain(
      'nope not found as part of application tea-shop-prod',
    );
    await get('/applications/prod/argocd/ghost/managed-resources', 404);
    await get('/applications/prod/argocd/ghost/events', 404);
  });

  it('reports component restarts and keeps recent errors after the runtime recovers', async () => {
    prod.sim.faults.setComponentState('argocd-repo-server', 'notReady');
    prod.sim.faults.set({ mode: 'error', status: 503 });
    await gitops.refresh('prod');
    const failing = await get<RuntimeHealth>('/runtimes/prod');
    prod.sim.faults.reset();
    expect(failing.reachable).toBe(false);
    const repoServer = failing.components!.items.find(
      c => c.component === 'repo-server',
    );
    expect(repoServer).toMatchObject({ ready: false, restarts: 7 });
    expect(
      failing.components!.items.find(c => c.component === 'server')!.restarts,
    ).toBe(0);

    await gitops.refresh('prod');
    const recovered = await get<RuntimeHealth>('/runtimes/prod');
    expect(recovered.reachable).toBe(true);
    expect(recovered.lastError).toBeUndefined();
    // The application list and the health probe each failed; both are remembered.
    expect(recovered.recentErrors).toHaveLength(2);
    for (const error of recovered.recentErrors) {
      expect(error).toMatchObject({
        runtime: 'prod',
        kind: 'bad-response',
        message: expect.stringContaining('503'),
      });
    }
    await gitops.refresh('prod');
    expect((await get<RuntimeHealth>('/runtimes/prod')).recentErrors).toEqual(
      recovered.recentErrors,
    );
  });
});

describe('application diff and events when permissions deny', () => {
  it('refuses them with 403', async () => {
    const runtime = await startRuntime('solo', { syntheticApplications: 1 });
    const gitops = await startGitopsBackend(
      [runtimeConfig(runtime, { kubernetes: false })],
      {
        features: [
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      },
    );
    try {
      const state = await fetch(`${runtime.sim.url}/__admin/state`).then(r =>
        r.json(),
      );
      const { namespace, name } = state.applications[0];
      for (const path of ['managed-resources', 'events']) {
        const res = await gitops
          .api()
          .get(`/api/gitops/applications/solo/${namespace}/${name}/${path}`);
        expect(res.status).toBe(403);
      }
    } finally {
      await gitops.stop();
      await runtime.sim.close();
    }
  });
});
